/**
 * Interrupting a thousand calls in flight, three ways, leaves nothing behind: the server sees every
 * request abandoned and its sockets closed, and no timer of the SDK's stays scheduled. Real sockets
 * on 127.0.0.1; bounded in count and time.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { Fault } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { injectFaults } from "../../src/testkit/faults/inject.js"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"

const calls = 1000

// Every single-item GET and every page after the first stalls until its client goes away.
const stalling = () =>
  injectFaults(
    syntheticApi({ total: 100_000 }).handler,
    FaultPlan.firstOf(
      FaultPlan.route({ path: "/items/" }, FaultPlan.sequence([Fault.SlowHeaders({})], { repeat: true })),
      FaultPlan.route({ path: /^\/items$/ }, {
        choose: (request) => new URL(request.url).searchParams.get("offset") === "0" ? undefined : Fault.SlowHeaders({})
      })
    )
  )

// Polls every 20 ms, at most 20 s, until `done` holds; returns the last reading.
const waitFor = (read: () => number, done: (n: number) => boolean) =>
  Effect.sync(read).pipe(
    Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: done, times: 1000 }),
    Effect.zipRight(Effect.sync(read))
  )

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length

const setup = Effect.gen(function*() {
  const faults = stalling()
  const server = yield* serve(faults.handler)
  const client = yield* makeSyntheticClient({ url: server.origin, timeout: "1 minute" })
  return { server, client, faults, timersBefore: timers() }
})

const assertNothingLeft = (
  server: { readonly inFlight: () => number; readonly openConnections: () => number },
  timersBefore: number
) =>
  Effect.gen(function*() {
    assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
    assert.strictEqual(yield* waitFor(server.openConnections, (n) => n === 0), 0)
    assert.isAtMost(yield* waitFor(timers, (n) => n <= timersBefore), timersBefore)
  })

describe("interrupting 1,000 calls in flight", () => {
  it.live("with Effect.timeout", () =>
    Effect.gen(function*() {
      const { client, server, timersBefore } = yield* setup
      const outcomes = yield* Effect.forEach(
        Array.from(
          { length: calls },
          (_, i) => client.get(`item-${i}`).pipe(Effect.timeout("1 second"), Effect.either)
        ),
        (call) => call,
        { concurrency: "unbounded" }
      )
      assert.isTrue(outcomes.every((outcome) => outcome._tag === "Left" && outcome.left._tag === "TimeoutException"))
      yield* assertNothingLeft(server, timersBefore)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)), 60_000)

  // A buffered stream fetches ahead: when `take` is satisfied, the next page is on its way and stalls.
  it.live("with Stream.take ending each buffered stream after its first page", () =>
    Effect.gen(function*() {
      const { client, faults, server, timersBefore } = yield* setup
      const counts = yield* Effect.forEach(
        Array.from({ length: calls }, () =>
          client.stream(5).pipe(Stream.buffer({ capacity: 16 }), Stream.take(5), Stream.runCount)),
        (count) =>
          count,
        { concurrency: "unbounded" }
      )
      assert.isTrue(counts.every((count) => count === 5))
      assert.isAbove(faults.injected().length, calls / 2)
      yield* assertNothingLeft(server, timersBefore)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)), 60_000)

  it.live("with Fiber.interrupt once every request has reached the server", () =>
    Effect.gen(function*() {
      const { client, server, timersBefore } = yield* setup
      const fibers = yield* Effect.forEach(
        Array.from({ length: calls }, (_, i) => client.get(`item-${i}`)),
        (call) => Effect.fork(call)
      )
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === calls), calls)
      yield* Fiber.interruptAll(fibers)
      yield* assertNothingLeft(server, timersBefore)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)), 60_000)
})
