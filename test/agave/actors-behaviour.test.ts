/**
 * The actors service against the Agave test server, beyond the tour: executions followed on
 * `TestClock`, the results queue, nonces (uses running out, levels, someone with a nonce and no token,
 * the nonce kept out of headers, spans and errors), Abaco's errors (400s read by message, 404s naming
 * what is missing, 405), both of Abaco's cases, bad input refused before sending, and garbage answers
 * ending in typed errors.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { inspect } from "node:util"
import * as AbacoErrors from "../../src/agave/AbacoErrors.js"
import { AgaveActors, withNonce } from "../../src/agave/Actors.js"
import * as ActorSearch from "../../src/agave/ActorSearch.js"
import { AgaveConnection } from "../../src/agave/AgaveConnection.js"
import type { Execution } from "../../src/agave/schemas/Actor.js"
import * as Endpoint from "../../src/core/Endpoint.js"
import { AgaveTestServer } from "../../src/testkit/agave/AgaveTestServer.js"
import { demoUsers } from "../../src/testkit/agave/Tenant.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"
import { all, awaited, text } from "../helpers/actorsTour.js"
import { agaveLayer, login } from "../helpers/agave.js"
import { recordingTracer } from "../helpers/spans.js"

const asRoger = { ...login, username: "rclemens", password: Redacted.make(demoUsers[1]!.password) }

const newActor = (body: { readonly image: string; readonly stateless?: boolean } = { image: "abacosamples/test" }) =>
  Effect.flatMap(AgaveActors, (actors) => actors.add({ body }))

describe("actors: executions on the Clock", () => {
  it.effect("watchExecution sees SUBMITTED, RUNNING, COMPLETE; a failing message ends in ERROR", () =>
    Effect.gen(function*() {
      const actors = yield* AgaveActors
      const actor = yield* newActor()
      const sent = yield* actors.sendMessage({ actorId: actor.id, body: { message: "hello" } })
      const watching = yield* Effect.fork(Stream.runCollect(actors.watchExecution(actor.id, sent.executionId)))
      yield* TestClock.adjust(Duration.seconds(30))
      const seen = Chunk.toArray(yield* Fiber.join(watching)).map((e) => e.status)
      assert.deepStrictEqual(seen, ["SUBMITTED", "RUNNING", "COMPLETE"])

      const failing = yield* actors.sendMessage({ actorId: actor.id, body: { message: "fail, please" } })
      const failed = yield* awaited(actor.id, failing.executionId)
      assert.deepStrictEqual([failed.status, failed.exitCode], ["ERROR", 1])
      const logs = yield* actors.getExecutionLogs({ actorId: actor.id, executionId: failing.executionId })
      assert.include(logs.logs ?? "", "fail, please")
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("results are a queue: none while running, then each read takes one, then none", () =>
    Effect.gen(function*() {
      const actors = yield* AgaveActors
      const actor = yield* newActor()
      const sent = yield* actors.sendMessage({ actorId: actor.id, body: { n: 3 } })
      const read = () => text(actors.getOneExecutionResult({ actorId: actor.id, executionId: sent.executionId }))
      assert.strictEqual(yield* read(), "")
      yield* awaited(actor.id, sent.executionId)
      const reads = [yield* read(), yield* read(), yield* read(), yield* read()]
      assert.deepStrictEqual(reads, ["result 1 of 3", "result 2 of 3", "result 3 of 3", ""])
    }).pipe(Effect.provide(agaveLayer(login, {
      actors: {
        program: (input) => {
          const n = (input.message as { readonly n: number }).n
          return { results: Array.from({ length: n }, (_, i) => new TextEncoder().encode(`result ${i + 1} of ${n}`)) }
        }
      }
    }))))
})

describe("actors: nonces", () => {
  it.effect("uses count down and run out; a READ nonce cannot send; another actor's is refused", () =>
    Effect.gen(function*() {
      const actors = yield* AgaveActors
      const actor = yield* newActor()
      const other = yield* newActor()
      const nonce = yield* actors.addNonce({ actorId: actor.id, body: { maxUses: 2 } })
      assert.deepStrictEqual([nonce.level, nonce.maxUses], ["EXECUTE", 2])
      const send = (actorId: string, id: string) =>
        actors.sendMessage({ actorId, body: { message: "hi" } }).pipe(withNonce(Redacted.make(id)))
      yield* send(actor.id, nonce.id)
      yield* send(actor.id, nonce.id)
      const spent = yield* Effect.flip(send(actor.id, nonce.id))
      assert.deepStrictEqual([spent._tag, spent.message], ["Forbidden", "No remaining uses left for this nonce."])
      const stored = yield* actors.getNonce({ actorId: actor.id, nonceId: nonce.id })
      assert.deepStrictEqual([stored.remainingUses, stored.currentUses], [0, 2])

      const reader = yield* actors.addNonce({ actorId: actor.id, body: { level: "READ" } })
      const readOnly = yield* Effect.flip(send(actor.id, reader.id))
      assert.deepStrictEqual(
        [readOnly._tag, readOnly.message],
        ["Forbidden", "Nonce does not have sufficient permissions level."]
      )
      const read = yield* actors.get({ actorId: actor.id }).pipe(withNonce(Redacted.make(reader.id)))
      assert.strictEqual(read.id, actor.id)
      const elsewhere = yield* Effect.flip(send(other.id, reader.id))
      assert.deepStrictEqual([elsewhere._tag, elsewhere.message], ["Forbidden", "Nonce does not exist."])
      const noActor = yield* Effect.flip(actors.listAliases().pipe(withNonce(Redacted.make(reader.id))))
      assert.strictEqual(noActor._tag, "Forbidden")
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("someone with a nonce and no token calls the actor; the nonce is in the query alone", () =>
    Effect.gen(function*() {
      const server = yield* AgaveTestServer
      const owner = yield* AgaveActors
      const actor = yield* newActor()
      const nonce = yield* owner.addNonce({ actorId: actor.id, body: { level: "UPDATE", maxUses: 5 } })
      const { spans, tracer } = yield* recordingTracer
      // A client built from the tenant's URL alone: no token, no key, no password.
      const guest = yield* Effect.provide(
        AgaveActors,
        AgaveActors.layer({ url: server.url, retry: { maxAttempts: 1 } })
      )
      const asGuest = <A, E>(effect: Effect.Effect<A, E>) =>
        effect.pipe(withNonce(Redacted.make(nonce.id)), Effect.withTracer(tracer))
      const sent = yield* asGuest(guest.sendMessage({ actorId: actor.id, body: { message: "from a guest" } }))
      yield* TestClock.adjust(Duration.seconds(30))
      const done = yield* asGuest(guest.getExecution({ actorId: actor.id, executionId: sent.executionId }))
      assert.deepStrictEqual([done.status, done.executor], ["COMPLETE", "nryan"])
      const missing = yield* Effect.flip(asGuest(guest.getExecution({ actorId: actor.id, executionId: "nope" })))
      assert.strictEqual(missing._tag, "NotFound")
      const withoutNonce = yield* Effect.flip(guest.get({ actorId: actor.id }))
      assert.strictEqual(withoutNonce._tag, "Unauthorized")

      const calls = server.exchanges().filter((e) => new URL(e.request.url).searchParams.has("x-nonce"))
      assert.strictEqual(calls.length, 3)
      for (const call of calls) {
        assert.isUndefined(call.request.headers["authorization"])
        assert.strictEqual(new URL(call.request.url).searchParams.get("x-nonce"), nonce.id)
      }
      const shown = JSON.stringify(missing) + inspect(missing) + JSON.stringify(spans.map((s) => [...s.attributes]))
      assert.notInclude(shown, nonce.id)
      assert.isTrue(spans.some((s) => String(s.attributes.get("url.full")).endsWith(`/executions/${sent.executionId}`)))
      assert.strictEqual((yield* owner.getNonce({ actorId: actor.id, nonceId: nonce.id })).remainingUses, 2)
    }).pipe(Effect.provide(agaveLayer())))
})

describe("actors: Abaco's errors", () => {
  it.effect("what is missing is NotFound with its resource and id, under 404 or 400", () =>
    Effect.gen(function*() {
      const actors = yield* AgaveActors
      const actor = yield* newActor()
      const cases: ReadonlyArray<
        readonly [Effect.Effect<unknown, { readonly _tag: string }>, string, string | undefined]
      > = [
        [actors.get({ actorId: "6PlMbDLa4zlON" }), "actor", "6PlMbDLa4zlON"],
        [actors.getExecution({ actorId: actor.id, executionId: "kBx8" }), "execution", "kBx8"],
        [actors.getNonce({ actorId: actor.id, nonceId: "TACC_nope" }), "nonce", undefined],
        [actors.getWorker({ actorId: actor.id, workerId: "w0" }), "worker", undefined],
        [actors.getAlias({ alias: "nobody" }), "alias", "nobody"]
      ]
      for (const [call, resource, id] of cases) {
        const error = (yield* Effect.flip(call)) as {
          readonly _tag: string
          readonly resource?: string
          readonly id?: string
        }
        assert.strictEqual(error._tag, "NotFound", resource)
        assert.deepStrictEqual([error.resource, error.id], [resource, id])
      }
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("a 400 saying \"Not authorized -- missing required role.\" is Forbidden", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatMap(AgaveActors, (actors) => Stream.runDrain(actors.list())))
      assert.deepStrictEqual([error._tag, error.message], ["Forbidden", "Not authorized -- missing required role."])
    }).pipe(Effect.provide(agaveLayer(asRoger, { actors: { roleless: ["rclemens"] } }))))

  it.effect("permissions: no level is Forbidden; READ reads but cannot send; workers are the administrators'", () =>
    Effect.gen(function*() {
      const server = yield* AgaveTestServer
      const actors = yield* AgaveActors
      const actor = yield* newActor()
      const roger = yield* Effect.provide(AgaveActors, AgaveActors.layer({ url: server.url, ...asRoger }))
      const denied = yield* Effect.flip(roger.get({ actorId: actor.id }))
      assert.deepStrictEqual(
        [denied._tag, denied.message],
        ["Forbidden", "Not authorized -- you do not have access to this actor."]
      )
      yield* actors.updatePermissions({ actorId: actor.id, body: { user: "rclemens", level: "READ" } })
      assert.strictEqual((yield* roger.get({ actorId: actor.id })).id, actor.id)
      assert.strictEqual((yield* Effect.flip(roger.sendMessage({ actorId: actor.id, body: {} })))._tag, "Forbidden")
      yield* actors.updatePermissions({ actorId: actor.id, body: { user: "rclemens", level: "UPDATE" } })
      const workers = yield* Effect.flip(roger.addWorker({ actorId: actor.id, body: { num: 3 } }))
      assert.include(workers._tag === "Forbidden" ? workers.message : workers._tag, "only admins")
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("a taken alias is Conflict; an alias of no actor NotFound; 405 InvalidRequest", () =>
    Effect.gen(function*() {
      const actors = yield* AgaveActors
      const actor = yield* newActor()
      yield* actors.addAlias({ body: { alias: "counter", actorId: actor.id } })
      const taken = yield* Effect.flip(actors.addAlias({ body: { alias: "counter", actorId: actor.id } }))
      assert.strictEqual(taken._tag, "Conflict")
      const noActor = yield* Effect.flip(actors.addAlias({ body: { alias: "ghost", actorId: "none" } }))
      assert.strictEqual(noActor._tag, "NotFound")
      const reserved = yield* Effect.flip(actors.addAlias({ body: { alias: "messages", actorId: actor.id } }))
      assert.strictEqual(reserved._tag, "InvalidRequest")
      // No actors endpoint takes PATCH: the server answers 405.
      const connection = yield* AgaveConnection
      const patch = Endpoint.make({
        name: "agave.Actors.patch",
        method: "PATCH",
        path: "/actors/v2/{actorId}",
        success: Endpoint.noContent,
        errors: ["Unauthorized", "Forbidden", "NotFound"],
        classifier: AbacoErrors.classifier
      })
      const error = yield* Effect.flip(Endpoint.call(connection.api, patch)({ actorId: actor.id }))
      assert.strictEqual(error._tag, "InvalidRequest")
    }).pipe(Effect.provide(agaveLayer())))
})

describe("actors: both of Abaco's cases", () => {
  for (const shown of ["camel", "snake"] as const) {
    it.effect(`Abaco in ${shown} case: its own spelling on the wire, camelCase decoded`, () =>
      Effect.gen(function*() {
        const server = yield* AgaveTestServer
        const actors = yield* AgaveActors
        const actor = yield* actors.add({ body: { image: "x/y", defaultEnvironment: { A: "1" }, maxWorkers: 1 } })
        const nonce = yield* actors.addNonce({ actorId: actor.id, body: { maxUses: 4 } })
        const alias = yield* actors.addAlias({ body: { alias: `a-${shown}`, actorId: actor.id } })
        assert.deepStrictEqual([actor.defaultEnvironment, actor.maxWorkers], [{ A: "1" }, 1])
        assert.isString(actor.createTime)
        assert.deepStrictEqual([nonce.maxUses, nonce.actorId], [4, actor.id])
        assert.strictEqual(alias.actorId, actor.id)
        const answer = server.exchanges().find((e) =>
          e.request.method === "POST" && e.request.url.endsWith("/actors/v2")
        )!
        assert.include(answer.body, shown === "camel" ? "\"createTime\"" : "\"create_time\"")
        assert.notInclude(answer.body, shown === "camel" ? "\"create_time\"" : "\"createTime\"")
      }).pipe(Effect.provide(agaveLayer(login, { recordBodies: true, actors: { case: shown } }))))
  }
})

describe("actors: bad input and garbage answers", () => {
  it.effect("input that cannot be sent as meant is InvalidRequest before anything is sent", () =>
    Effect.gen(function*() {
      const server = yield* AgaveTestServer
      const actors = yield* AgaveActors
      const before = server.exchanges().length
      const refused: ReadonlyArray<Effect.Effect<unknown, { readonly _tag: string; readonly origin?: string }>> = [
        actors.sendMessage({ actorId: "a1", body: { message: "hi" }, environment: { "x-nonce": "steal" } }),
        actors.sendMessage({ actorId: "a1", body: { message: "hi", and: "more" } }),
        actors.get({ actorId: "" }),
        actors.get({ actorId: ".." }),
        actors.get({ actorId: "bad\uD800id" }),
        actors.addNonce({ actorId: "a1", body: { maxUses: 0 } }),
        actors.listPage({ where: ActorSearch.make<Execution>().in("executor", ["o'brien"]) as any }),
        Stream.runDrain(actors.searchExecutions({ where: ActorSearch.make<Execution>().in("status", []) }))
      ]
      for (const call of refused) {
        const error = yield* Effect.flip(call)
        assert.deepStrictEqual([error._tag, error.origin], ["InvalidRequest", "client"])
      }
      assert.strictEqual(server.exchanges().length, before)
    }).pipe(Effect.provide(agaveLayer())))

  const garbage = (response: () => Response) =>
    AgaveActors.layer({
      url: "http://abaco.test",
      token: Redacted.make("tok-0123456789abcdef"),
      retry: { maxAttempts: 1 }
    })
      .pipe(Layer.provide(layerHttpClient(async () => response())))

  it.effect("an HTML page, truncated or deeply nested JSON, a search page without a list: typed errors", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [string, () => Response, string]> = [
        ["HTML", () => new Response("<html><title>502 Bad Gateway</title></html>", { status: 502 }), "ServerError"],
        [
          "truncated",
          () => new Response("{\"status\":\"success\",\"result\":{\"id\":\"a", { status: 200 }),
          "InvalidResponse"
        ],
        ["nested", () => new Response("[".repeat(100_000) + "]".repeat(100_000), { status: 200 }), "InvalidResponse"],
        [
          "not a page",
          () => Response.json({ status: "success", result: { _metadata: {}, search: "everything" } }),
          "InvalidResponse"
        ]
      ]
      for (const [name, response, tag] of cases) {
        const error = yield* Effect.flip(
          Effect.flatMap(AgaveActors, (actors) => actors.listPage()).pipe(Effect.provide(garbage(response)))
        )
        assert.strictEqual(error._tag, tag, name)
      }
    }))
})

describe("actors: listings", () => {
  it.effect("a listing streams every page (limit/skip), stopping at the total", () =>
    Effect.gen(function*() {
      const server = yield* AgaveTestServer
      const actors = yield* AgaveActors
      for (let i = 0; i < 7; i++) yield* newActor({ image: `img/${i}` })
      const listed = yield* all(actors.list({ pageSize: 3 }))
      assert.strictEqual(listed.length, 7)
      const pages = server.exchanges().filter((e) => e.request.method === "GET" && /\/actors\/v2\?/.test(e.request.url))
      assert.deepStrictEqual(pages.map((e) => new URL(e.request.url).searchParams.get("skip")), ["0", "3", "6"])
    }).pipe(Effect.provide(agaveLayer())))
})
