/**
 * A listing under injected faults delivers every item exactly once, in order, or ends in a typed
 * error once a page's retries are spent; never a defect, never a hang. Real sockets on 127.0.0.1.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as Retry from "../../src/core/Retry.js"
import { Odm, ScimGroups } from "../../src/scim/index.js"
import { Fault } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { injectFaults } from "../../src/testkit/faults/inject.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { OdmTestServer } from "../../src/testkit/scim/OdmTestServer.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"

const total = 10_000

// Faults a page fetch can recover from by asking again.
const transientFaults = [
  Fault.Status({ status: 429, retryAfter: 0 }),
  Fault.Status({ status: 429, retryAfter: new Date(0) }),
  Fault.Status({ status: 500 }),
  Fault.Status({ status: 502 }),
  Fault.Status({ status: 503, reachServer: true }),
  Fault.Status({ status: 504, reachServer: true }),
  Fault.ResetBeforeRequest(),
  Fault.ResetAfterRequest(),
  Fault.SlowHeaders({ millis: 5 })
]

const listing = (options: { readonly seed: number; readonly probability: number; readonly retry: Retry.RetryPolicy }) =>
  Effect.gen(function*() {
    const api = syntheticApi({ total })
    const faults = injectFaults(
      api.handler,
      FaultPlan.random({ seed: options.seed, probability: options.probability, faults: transientFaults })
    )
    const server = yield* serve(faults.handler)
    const client = yield* makeSyntheticClient({ url: server.origin, retry: options.retry })
    const seen: Array<number> = []
    const outcome = yield* client.list(100).pipe(
      Stream.runForEach((item) => Effect.sync(() => seen.push(item.index))),
      Effect.either
    )
    return { outcome, seen, injected: faults.injected().length, pages: api.requests().list }
  }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer))

const assertInOrderOnce = (seen: ReadonlyArray<number>) => {
  for (let i = 0; i < seen.length; i++) {
    if (seen[i] !== i) assert.fail(`item ${i} is ${seen[i]}: lost or repeated`)
  }
}

describe("streams under faults", () => {
  it.live("10,000 items with 20% of requests faulted: each item exactly once, in order", () =>
    Effect.gen(function*() {
      const retry = Retry.policy({ maxAttempts: 10, baseDelay: "1 millis", maxDelay: "8 millis", jitter: false })
      const { injected, outcome, pages, seen } = yield* listing({ seed: 2026, probability: 0.2, retry })
      assert.strictEqual(outcome._tag, "Right")
      assert.strictEqual(seen.length, total)
      assertInOrderOnce(seen)
      assert.isAbove(injected, 10)
      // 100 pages are needed (the reported total ends the listing); faults that reached the server add to them.
      assert.isAtLeast(pages, 100)
    }), 60_000)

  it.live(
    "when a page's retries are spent, the stream fails with a typed error after a clean prefix",
    () =>
      Effect.gen(function*() {
        const retry = Retry.policy({ maxAttempts: 2, baseDelay: "1 millis", jitter: false })
        const { outcome, seen } = yield* listing({ seed: 7, probability: 0.6, retry })
        assert.strictEqual(outcome._tag, "Left")
        if (outcome._tag === "Left") {
          assert.include(["RateLimited", "ServerError", "TransportError", "RequestTimeout"], outcome.left._tag)
          assert.isAtLeast("attempts" in outcome.left ? outcome.left.attempts : 0, 2)
        }
        assert.isBelow(seen.length, total)
        assertInOrderOnce(seen)
      }),
    60_000
  )

  it.effect("a failing page is retried alone: the pages before it are fetched once", () =>
    Effect.gen(function*() {
      const api = syntheticApi({ total: 30 })
      const faults = injectFaults(
        api.handler,
        FaultPlan.route({ path: "/items" }, FaultPlan.sequence([undefined, undefined, Fault.Status({ status: 503 })]))
      )
      const client = yield* makeSyntheticClient({
        url: "http://synthetic.test",
        retry: Retry.policy({ baseDelay: "1 millis", jitter: false })
      }).pipe(Effect.provide(layerHttpClient(faults.handler)))
      const fiber = yield* Effect.fork(Stream.runCollect(client.list(10)))
      yield* TestClock.adjust("1 second")
      const items = Chunk.toReadonlyArray(yield* fiber.await.pipe(Effect.flatten))
      assert.deepStrictEqual(items.map((item) => item.index), Array.from({ length: 30 }, (_, i) => i))
      // The third page was declined once and asked for again; the first two were served once each.
      assert.deepStrictEqual(faults.injected().map((fault) => new URL(fault.url).search), ["?offset=20&limit=10"])
      assert.strictEqual(api.requests().list, 3)
    }))

  it.live(
    "10,000 SCIM groups from the ODM test server with 20% of requests faulted: each exactly once",
    () =>
      Effect.gen(function*() {
        const odm = yield* OdmTestServer
        const admin = [...odm.state.users.values()].find((user) => user.userName === "admin")!
        const seeded = new Set<string>()
        for (let i = 0; i < total; i++) seeded.add(odm.state.createGroup(admin, `group ${i}`, undefined).id)
        const faults = injectFaults(
          odm.handler,
          FaultPlan.random({ seed: 2027, probability: 0.2, faults: transientFaults })
        )
        const served = yield* serve(faults.handler)
        const ids: Array<string> = []
        yield* Effect.flatMap(ScimGroups, (groups) =>
          groups.list({ excludedAttributes: ["members"] }).pipe(
            Stream.runForEach((group) => Effect.sync(() => ids.push(group.id)))
          )).pipe(
            Effect.provide(
              Odm.layer({
                host: served.origin,
                token: Redacted.make("odm-admin-token"),
                retry: { maxAttempts: 10, baseDelay: "1 millis", maxDelay: "8 millis", jitter: false }
              }).pipe(Layer.provide(FetchHttpClient.layer))
            )
          )
        assert.strictEqual(ids.length, total)
        assert.strictEqual(new Set(ids).size, total)
        assert.isTrue(ids.every((id) => seeded.has(id)))
        assert.isAbove(faults.injected().length, 10)
      }).pipe(Effect.scoped, Effect.provide(OdmTestServer.layer({ recordLimit: 10 }))),
    120_000
  )
})
