/**
 * A tour of every one of the 30 actors (Abaco) operations through the service, checking what each
 * gets, against the Agave test server (on `TestClock`: executions advance when the tour says so). Run
 * by the service tests (in both of Abaco's cases) and the contract test.
 */
import { assert } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { AgaveActors, withNonce } from "../../src/agave/Actors.js"
import * as ActorSearch from "../../src/agave/ActorSearch.js"
import type { Actor, Execution } from "../../src/agave/schemas/Actor.js"

export const all = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

export const text = (stream: Stream.Stream<Uint8Array, unknown>) =>
  Effect.map(
    Stream.runCollect(stream),
    (chunks) => new TextDecoder().decode(Buffer.concat(Chunk.toReadonlyArray(chunks)))
  )

/** Awaits an execution while the test clock moves on. */
export const awaited = (actorId: string, executionId: string) =>
  Effect.gen(function*() {
    const actors = yield* AgaveActors
    const fiber = yield* Effect.fork(actors.awaitExecution(actorId, executionId))
    yield* TestClock.adjust(Duration.seconds(30))
    return yield* Fiber.join(fiber)
  })

/** actors (30) */
export const tour = Effect.gen(function*() {
  const actors = yield* AgaveActors

  // Actors: add, get, update, list (a stream, and a search), delete at the end.
  const actor = yield* actors.add({
    body: { image: "abacosamples/wc", name: "wc", stateless: false, defaultEnvironment: { MODE: "count" } }
  })
  assert.strictEqual(actor.image, "abacosamples/wc")
  assert.deepStrictEqual(actor.defaultEnvironment, { MODE: "count" })
  assert.isString(actor.createTime)
  const actorId = actor.id
  assert.strictEqual((yield* actors.get({ actorId })).name, "wc")
  const updated = yield* actors.update({
    actorId,
    body: {
      image: "abacosamples/wc:2",
      stateless: false,
      description: "counts words",
      defaultEnvironment: { MODE: "count" }
    }
  })
  assert.deepStrictEqual([updated.description, updated.revision], ["counts words", 2])
  const other = yield* actors.add({ body: { image: "abacosamples/test" } })
  const listed = yield* all(actors.list())
  assert.deepStrictEqual(listed.map((a) => a.id).sort(), [actorId, other.id].sort())
  const page = yield* actors.listPage({ where: ActorSearch.make<Actor>().eq("image", "abacosamples/test") })
  assert.deepStrictEqual(page.items.map((a) => a.id), [other.id])
  assert.strictEqual(page.metadata?.totalCount, 1)

  // Messages: text with variables, JSON, bytes; the mailbox; purging it.
  assert.strictEqual((yield* actors.getMessages({ actorId })).messages, 0)
  const sent = yield* actors.sendMessage({ actorId, body: { message: "hello actor" }, environment: { RUNS: "3" } })
  assert.strictEqual(sent.msg, "hello actor")
  const json = yield* actors.sendMessage({ actorId, body: { words: ["a", "b"] } })
  assert.deepStrictEqual(json.msg, { words: ["a", "b"] })
  const binary = yield* actors.sendBinaryMessage({ actorId, body: new TextEncoder().encode("raw bytes") })
  assert.strictEqual(binary.msg, "binary - omitted")
  assert.strictEqual((yield* actors.getMessages({ actorId })).messages, 3)

  // Executions: listed, awaited on the clock, read, their logs and results (each read takes one).
  const summary = yield* actors.listExecutions({ actorId })
  assert.deepStrictEqual(summary.executions?.map((e) => e.status), ["SUBMITTED", "SUBMITTED", "SUBMITTED"])
  const done = yield* awaited(actorId, sent.executionId)
  assert.strictEqual(done.status, "COMPLETE")
  const execution = yield* actors.getExecution({ actorId, executionId: sent.executionId })
  assert.deepStrictEqual([execution.status, execution.executor], ["COMPLETE", "nryan"])
  assert.isString(execution.finishTime)
  const logs = yield* actors.getExecutionLogs({ actorId, executionId: sent.executionId })
  assert.include(logs.logs ?? "", "got str: hello actor")
  assert.include(logs.logs ?? "", "RUNS=3")
  assert.include(logs.logs ?? "", "MODE=count")
  assert.strictEqual(
    yield* text(actors.getOneExecutionResult({ actorId, executionId: sent.executionId })),
    "hello actor"
  )
  assert.strictEqual(yield* text(actors.getOneExecutionResult({ actorId, executionId: sent.executionId })), "")
  assert.strictEqual(
    yield* text(actors.getOneExecutionResult({ actorId, executionId: binary.executionId })),
    "raw bytes"
  )
  yield* actors.sendMessage({ actorId, body: { message: "never run" } })
  assert.strictEqual((yield* actors.getMessages({ actorId })).messages, 1)
  assert.strictEqual((yield* actors.deleteMessages({ actorId })).msg, "Actor mailbox purged.")
  assert.strictEqual((yield* actors.getMessages({ actorId })).messages, 0)

  // State and permissions.
  assert.deepStrictEqual((yield* actors.getState({ actorId })).state, {})
  const stated = yield* actors.updateState({ actorId, body: { count: 1 } })
  assert.deepStrictEqual(stated.state, { count: 1 })
  assert.deepStrictEqual((yield* actors.getState({ actorId })).state, { count: 1 })
  assert.deepStrictEqual(yield* actors.getPermissions({ actorId }), { nryan: "UPDATE" })
  assert.deepStrictEqual(
    yield* actors.updatePermissions({ actorId, body: { user: "rclemens", level: "READ" } }),
    { nryan: "UPDATE", rclemens: "READ" }
  )

  // Workers.
  const workers = yield* actors.listWorkers({ actorId })
  assert.strictEqual(workers.length, 1)
  yield* actors.addWorker({ actorId, body: { num: 2 } })
  const two = yield* actors.listWorkers({ actorId })
  assert.strictEqual(two.length, 2)
  const worker = yield* actors.getWorker({ actorId, workerId: two[1]!.id })
  assert.deepStrictEqual([worker.id, worker.status], [two[1]!.id, "READY"])
  yield* actors.deleteWorker({ actorId, workerId: two[1]!.id })
  assert.strictEqual((yield* actors.listWorkers({ actorId })).length, 1)

  // Nonces: one of two uses, spent by a call without a token.
  assert.deepStrictEqual(yield* actors.listNonces({ actorId }), [])
  const nonce = yield* actors.addNonce({ actorId, body: { level: "EXECUTE", maxUses: 2 } })
  assert.deepStrictEqual([nonce.maxUses, nonce.remainingUses], [2, 2])
  const viaNonce = yield* actors.sendMessage({ actorId, body: { message: "by nonce" } }).pipe(
    withNonce(Redacted.make(nonce.id))
  )
  assert.isString(viaNonce.executionId)
  assert.strictEqual((yield* actors.getNonce({ actorId, nonceId: nonce.id })).remainingUses, 1)
  assert.strictEqual((yield* actors.listNonces({ actorId })).length, 1)
  yield* actors.deleteNonce({ actorId, nonceId: nonce.id })
  assert.deepStrictEqual(yield* actors.listNonces({ actorId }), [])

  // Aliases: an actor reached by its alias.
  assert.deepStrictEqual(yield* actors.listAliases(), [])
  const alias = yield* actors.addAlias({ body: { alias: "word-count", actorId } })
  assert.deepStrictEqual([alias.alias, alias.actorId], ["word-count", actorId])
  assert.strictEqual((yield* actors.getAlias({ alias: "word-count" })).actorId, actorId)
  assert.strictEqual((yield* actors.get({ actorId: "word-count" })).id, actorId)
  assert.strictEqual((yield* actors.listAliases()).length, 1)
  yield* actors.deleteAlias({ alias: "word-count" })

  // Search by type: as stored records, and typed (the nonce's execution done too).
  yield* TestClock.adjust(Duration.seconds(10))
  const records = yield* all(actors.getSearch({ search_type: "executions", search: "COMPLETE" }))
  assert.isAbove(records.length, 0)
  const completed = yield* all(
    actors.searchExecutions({ where: ActorSearch.make<Execution>().eq("status", "COMPLETE") })
  )
  assert.deepStrictEqual(
    completed.map((e) => e.id).sort(),
    [sent.executionId, json.executionId, binary.executionId, viaNonce.executionId].sort()
  )

  yield* actors.delete({ actorId: other.id })
  yield* actors.delete({ actorId })
  const gone = yield* Effect.flip(actors.get({ actorId }))
  assert.strictEqual(gone._tag, "NotFound")
  if (gone._tag === "NotFound") assert.deepStrictEqual([gone.resource, gone.id], ["actor", actorId])
})
