/**
 * A POST that may have reached the server is never sent again; one the server declined before
 * processing it (429, 503) is. A counting server proves both.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import * as Flowserv from "../../src/flowserv/Flowserv.js"
import { RunArguments, Runs } from "../../src/flowserv/index.js"
import type { Fault as FaultType } from "../../src/testkit/faults/Fault.js"
import { Fault } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { injectFaults } from "../../src/testkit/faults/inject.js"
import { FlowservTestServer } from "../../src/testkit/flowserv/FlowservTestServer.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"
import { as, benchmarkGroup, withServer } from "../helpers/flowserv.js"
import { faultySynthetic } from "../helpers/synthetic.js"

const createOnce = (faults: ReadonlyArray<FaultType>) =>
  Effect.gen(function*() {
    const { api, client } = yield* faultySynthetic(FaultPlan.sequence(faults), { client: { timeout: "1 second" } })
    const fiber = yield* Effect.fork(Effect.either(client.create("new item")))
    for (let i = 0; i < 20 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust("500 millis")
    return { result: yield* Fiber.join(fiber), created: api.created() }
  })

describe("no replay of non-idempotent requests", () => {
  const acted: ReadonlyArray<readonly [string, FaultType, string]> = [
    ["a 500 after the server handled it", Fault.Status({ status: 500, reachServer: true }), "ServerError"],
    ["a 502 after the server handled it", Fault.Status({ status: 502, reachServer: true }), "ServerError"],
    ["a reset after the request reached the server", Fault.ResetAfterRequest(), "TransportError"],
    ["a reset before the request reached the server", Fault.ResetBeforeRequest(), "TransportError"]
  ]
  for (const [name, fault, tag] of acted) {
    it.effect(`${name}: sent once, fails with ${tag}`, () =>
      Effect.gen(function*() {
        const { created, result } = yield* createOnce([fault])
        assert.strictEqual(result._tag, "Left")
        if (result._tag === "Left") {
          assert.strictEqual(result.left._tag, tag)
          if ("attempts" in result.left) assert.strictEqual(result.left.attempts, 1)
        }
        // A reset before sending cannot be told apart from one after: not replayed either.
        assert.strictEqual(created, fault._tag === "ResetBeforeRequest" ? 0 : 1)
      }))
  }

  it.effect("a timed-out POST is not sent again", () =>
    Effect.gen(function*() {
      const { created, result } = yield* createOnce([Fault.StalledBody()])
      assert.strictEqual(result._tag, "Left")
      if (result._tag === "Left") assert.strictEqual(result.left._tag, "RequestTimeout")
      assert.strictEqual(created, 1)
    }))

  it.effect("a POST declined with 429 and 503 is retried, honouring Retry-After, and created once", () =>
    Effect.gen(function*() {
      const { created, result } = yield* createOnce([
        Fault.Status({ status: 429, retryAfter: 2 }),
        Fault.Status({ status: 503, retryAfter: new Date(0) })
      ])
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(created, 1)
    }))

  it.effect("a GET is retried through the same faults", () =>
    Effect.gen(function*() {
      const { api, client } = yield* faultySynthetic(
        FaultPlan.sequence([Fault.Status({ status: 500, reachServer: true }), Fault.ResetAfterRequest()])
      )
      const fiber = yield* Effect.fork(client.get("item-7"))
      for (let i = 0; i < 20 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust("100 millis")
      assert.strictEqual((yield* Fiber.join(fiber)).index, 7)
      assert.strictEqual(api.requests().get, 3)
    }))

  it.effect("flowserv Runs.cancel: a 500 after the server cancelled the run is not retried into a 400", () =>
    Effect.gen(function*() {
      const server = yield* FlowservTestServer
      const { group, upload, user } = yield* benchmarkGroup("alice")
      const runs = yield* Runs
      const run = yield* runs.start(group.id, { names: RunArguments.file(upload.id), sleeptime: 10 }).pipe(as(user))
      const faults = injectFaults(
        server.handler,
        FaultPlan.route({ method: "PUT" }, FaultPlan.sequence([Fault.Status({ status: 500, reachServer: true })]))
      )
      const faultyRuns = Flowserv.layer({ url: server.url }).pipe(Layer.provide(layerHttpClient(faults.handler)))
      const error = yield* Effect.flip(
        Effect.flatMap(Runs, (r) => r.cancel(run.id)).pipe(
          as(user),
          Effect.provide(faultyRuns)
        )
      )
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(faults.forwarded(), 1)
      assert.strictEqual((yield* runs.get(run.id).pipe(as(user))).state, "CANCELED")
    }).pipe(withServer))
})
