/**
 * With every kind of fault on, a token appears in no error, log line or span the SDK produces.
 * Real sockets on 127.0.0.1, the flowserv test server and the synthetic API.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Retry from "../../src/core/Retry.js"
import * as Flowserv from "../../src/flowserv/Flowserv.js"
import { Groups, Users, withToken } from "../../src/flowserv/index.js"
import { catalogue, Fault } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { injectFaults } from "../../src/testkit/faults/inject.js"
import { FlowservTestServer } from "../../src/testkit/flowserv/FlowservTestServer.js"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import { recording, textsOf } from "../helpers/capture.js"

const faults = [...catalogue({ hugeBytes: 2 * 1024 * 1024 }), Fault.StalledBody(), Fault.SlowHeaders({})]
const retry = Retry.policy({ baseDelay: "1 millis", maxDelay: "2 millis", jitter: false })

describe("secrets under faults", () => {
  it.live("a bearer token on the synthetic API", () =>
    Effect.gen(function*() {
      const token = "sk-live-0123456789abcdef0123456789abcdef"
      const injector = injectFaults(
        syntheticApi({ total: 500 }).handler,
        FaultPlan.random({ seed: 11, probability: 0.5, faults })
      )
      const server = yield* serve(injector.handler)
      const client = yield* makeSyntheticClient({
        url: server.origin,
        token: Redacted.make(`Bearer ${token}`),
        retry,
        timeout: "300 millis",
        maxResponseBytes: 1024 * 1024
      })
      const calls: ReadonlyArray<Effect.Effect<unknown, unknown>> = [
        ...Array.from({ length: 30 }, (_, i) => client.get(`item-${i}`)),
        ...Array.from({ length: 10 }, (_, i) => client.create(`item ${i}`)),
        ...Array.from({ length: 10 }, () => Stream.runCount(client.list(50)))
      ]
      const [outcomes, recorded] = yield* recording(
        Effect.forEach(calls, (call) =>
          call.pipe(Effect.tapError((error) => Effect.logWarning("call failed", error)), Effect.either))
      )
      const errors = outcomes.flatMap((outcome) =>
        outcome._tag === "Left" ? [outcome.left] : []
      )
      // The faults did happen and did fail calls: the scan would prove nothing otherwise.
      assert.isAbove(injector.injected().length, 20)
      assert.isAbove(errors.length, 5)
      assert.isAbove(recorded.spans.length, 50)
      for (const text of textsOf(errors, recorded)) assert.notInclude(text, token)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)), 60_000)

  it.live("a flowserv api_key", () =>
    Effect.gen(function*() {
      const testServer = yield* FlowservTestServer
      const password = "correct-horse-battery-staple"
      const users = yield* Users
      yield* users.register("ada", Redacted.make(password))
      const login = yield* users.login("ada", Redacted.make(password))
      const token = Redacted.value(login.token)
      const injector = injectFaults(testServer.handler, FaultPlan.random({ seed: 5, probability: 0.5, faults }))
      const served = yield* serve(injector.handler)
      const run = Effect.gen(function*() {
        const users = yield* Users
        const groups = yield* Groups
        const calls: ReadonlyArray<Effect.Effect<unknown, unknown>> = Array.from({ length: 40 }, (_, i) =>
          i % 3 === 0 ? users.whoami() : i % 3 === 1 ? groups.list({ workflowId: "helloworld" }) : users.list())
        return yield* Effect.forEach(calls, (call) =>
          call.pipe(
            Effect.tapError((error) =>
              Effect.logWarning("call failed", error)
            ),
            Effect.either
          ))
      }).pipe(
        withToken(login.token),
        Effect.provide(
          Flowserv.layer({ url: `${served.origin}${new URL(testServer.url).pathname}`, retry, timeout: "300 millis" })
            .pipe(Layer.provide(FetchHttpClient.layer))
        )
      )
      const [outcomes, recorded] = yield* recording(run)
      const errors = outcomes.flatMap((outcome) => outcome._tag === "Left" ? [outcome.left] : [])
      assert.isAbove(injector.injected().length, 10)
      assert.isAbove(errors.length, 5)
      assert.isAbove(outcomes.length - errors.length, 5)
      for (const text of textsOf(errors, recorded)) assert.notInclude(text, token)
    }).pipe(Effect.scoped, Effect.provide(FlowservTestServer.layerFlowserv())), 60_000)
})
