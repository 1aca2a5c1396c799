/**
 * The Prism table's entries of the actors module (Abaco, 30): one call of each operation through
 * `AgaveActors`, with a sample input and what Prism's answer must decode to (see `agavePrismCalls`).
 * Prism fills an integer with the least int32 (-2147483648). A message is also sent with a nonce
 * (`withNonce`): Prism, knowing OAuth alone, refuses it (`agavePrismCorrections` says why).
 */
import { assert } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { AgaveActors, withNonce } from "../../src/agave/Actors.js"
import * as ActorSearch from "../../src/agave/ActorSearch.js"
import type { Actor, ActorAlias, ActorNonce, ActorWorker } from "../../src/agave/schemas/index.js"
import type { Calls } from "./agavePrismChecks.js"
import { all, done, expect, fails, one } from "./agavePrismChecks.js"

const least = -2147483648

const actor = (a: Actor) => {
  assert.deepInclude(a, { id: "string", image: "string", owner: "string", stateless: true, privileged: true })
  // A status the SDK does not know ("string") is kept, not a decode failure.
  assert.strictEqual(a.status, "string")
  assert.deepStrictEqual(a.defaultEnvironment, {})
}
// The description's worker is snake_case: read into camelCase.
const worker = (w: ActorWorker) =>
  assert.deepInclude(w, { id: "string", status: "string", image: "string", hostId: "string", hostIp: "string" })
const nonce = (n: ActorNonce) =>
  assert.deepInclude(n, { id: "string", actorId: "string", level: "string", maxUses: -1, remainingUses: least })
const alias = (a: ActorAlias) => assert.deepStrictEqual([a.alias, a.actorId], ["string", "string"])

const bytes = (stream: Stream.Stream<Uint8Array, { readonly _tag: string }>) =>
  Effect.map(
    Stream.runCollect(stream),
    (chunks) => new TextDecoder().decode(Buffer.concat(Chunk.toReadonlyArray(chunks)))
  )

const actorId = "6PlMbDLa4zlON"
const executionId = "kGrVVMxBvKZmM"
const workerId = "Yq5Ka7eOjr1qZ"
const nonceId = "TACC-PROD_4b1f9Zq0xK7mQp2"
const definition = {
  image: "abacosamples/wc",
  name: "wc",
  stateless: false,
  defaultEnvironment: { MODE: "count" }
} as const
const actors = AgaveActors

/** Abaco's actors. */
export const agavePrismActorCalls: Calls<"actors"> = {
  actors: {
    list: expect(
      Effect.flatMap(actors, (a) => all(a.list({ where: ActorSearch.make<Actor>().eq("image", "abacosamples/wc") }))),
      one(actor)
    ),
    add: expect(Effect.flatMap(actors, (a) => a.add({ body: definition })), actor),
    get: expect(Effect.flatMap(actors, (a) => a.get({ actorId })), actor),
    update: expect(
      Effect.flatMap(actors, (a) => a.update({ actorId, body: { ...definition, description: "counts words" } })),
      actor
    ),
    delete: done(Effect.flatMap(actors, (a) => a.delete({ actorId }))),
    getMessages: expect(
      Effect.flatMap(actors, (a) => a.getMessages({ actorId })),
      (count) => assert.strictEqual(count.messages, least)
    ),
    deleteMessages: expect(
      Effect.flatMap(actors, (a) => a.deleteMessages({ actorId })),
      (purged) => assert.strictEqual(purged.msg, "Actor mailbox purged.")
    ),
    // With the token, then with a nonce (what someone given one, and no token, sends).
    sendMessage: Effect.zipRight(
      expect(
        Effect.flatMap(
          actors,
          (a) => a.sendMessage({ actorId, body: { message: "hello" }, environment: { RUNS: "3" } })
        ),
        (sent) => assert.deepStrictEqual([sent.executionId, sent.msg], ["string", "string"])
      ),
      fails(
        "Unauthorized",
        401,
        Effect.flatMap(actors, (a) => a.sendMessage({ actorId, body: { message: "by nonce" } })).pipe(
          withNonce(Redacted.make(nonceId))
        )
      )
    ),
    sendBinaryMessage: fails(
      "InvalidRequest",
      415,
      Effect.flatMap(actors, (a) => a.sendBinaryMessage({ actorId, body: new TextEncoder().encode("raw bytes") }))
    ),
    getState: expect(
      Effect.flatMap(actors, (a) => a.getState({ actorId })),
      (state) => assert.strictEqual(state.state, "string")
    ),
    updateState: expect(
      Effect.flatMap(actors, (a) => a.updateState({ actorId, body: { count: 1 } })),
      (updated) => assert.deepStrictEqual([updated.id, updated.state], ["string", "string"])
    ),
    getPermissions: expect(
      Effect.flatMap(actors, (a) => a.getPermissions({ actorId })),
      (permissions) => assert.deepStrictEqual(permissions, { string: "UPDATE" })
    ),
    updatePermissions: expect(
      Effect.flatMap(actors, (a) => a.updatePermissions({ actorId, body: { user: "rclemens", level: "READ" } })),
      (permissions) => assert.deepStrictEqual(permissions, { string: "UPDATE" })
    ),
    listWorkers: expect(Effect.flatMap(actors, (a) => a.listWorkers({ actorId })), one(worker)),
    addWorker: done(Effect.flatMap(actors, (a) => a.addWorker({ actorId, body: { num: 2 } }))),
    getWorker: expect(Effect.flatMap(actors, (a) => a.getWorker({ actorId, workerId })), worker),
    deleteWorker: done(Effect.flatMap(actors, (a) => a.deleteWorker({ actorId, workerId }))),
    listNonces: expect(Effect.flatMap(actors, (a) => a.listNonces({ actorId })), one(nonce)),
    addNonce: expect(
      Effect.flatMap(actors, (a) => a.addNonce({ actorId, body: { level: "EXECUTE", maxUses: 2 } })),
      nonce
    ),
    getNonce: expect(Effect.flatMap(actors, (a) => a.getNonce({ actorId, nonceId })), nonce),
    deleteNonce: done(Effect.flatMap(actors, (a) => a.deleteNonce({ actorId, nonceId }))),
    listAliases: expect(Effect.flatMap(actors, (a) => a.listAliases()), one(alias)),
    addAlias: expect(Effect.flatMap(actors, (a) => a.addAlias({ body: { alias: "word-count", actorId } })), alias),
    getAlias: expect(Effect.flatMap(actors, (a) => a.getAlias({ alias: "word-count" })), alias),
    deleteAlias: done(Effect.flatMap(actors, (a) => a.deleteAlias({ alias: "word-count" }))),
    // Of actors: Prism takes /actors/v2/search/executions for the executions of an actor named
    // "search" (both templates match it), where Abaco's routes (static segments first) search.
    getSearch: expect(
      Effect.flatMap(actors, (a) => all(a.getSearch({ search_type: "actors", search: "wc" }))),
      one((record) => assert.deepStrictEqual(record, { id: "string", image: "abacosamples/wc" }))
    ),
    listExecutions: expect(
      Effect.flatMap(actors, (a) => a.listExecutions({ actorId })),
      (summary) => {
        assert.deepInclude(summary, { actorId: "string", owner: "string", totalCpu: least, totalRuntime: least })
        assert.deepStrictEqual(summary.ids, ["string"])
      }
    ),
    getExecution: expect(
      Effect.flatMap(actors, (a) => a.getExecution({ actorId, executionId })),
      (execution) => assert.deepInclude(execution, { id: "string", actorId: "string", status: "string", cpu: least })
    ),
    // The bytes as sent, unread: Prism's JSON string, quotes and all.
    getOneExecutionResult: expect(
      Effect.flatMap(actors, (a) => bytes(a.getOneExecutionResult({ actorId, executionId }))),
      (text) => assert.strictEqual(text, "\"string\"")
    ),
    getExecutionLogs: expect(
      Effect.flatMap(actors, (a) => a.getExecutionLogs({ actorId, executionId })),
      (logs) => assert.strictEqual(logs.logs, "string")
    )
  }
}
