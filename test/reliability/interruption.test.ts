/**
 * Interrupting a thousand calls in flight, three ways, leaves nothing behind: the server sees every
 * request abandoned and its sockets closed, and no timer of the SDK's stays scheduled. Real sockets
 * on 127.0.0.1; bounded in count and time. The client may open 200 connections (client and server
 * ends share this process's file descriptors, often limited to 1,024); the other calls wait in its
 * queue, in flight as far as the SDK knows, and are interrupted there.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import { Agent } from "undici"
import { Fault } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { injectFaults } from "../../src/testkit/faults/inject.js"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"
import { activeTimers, waitFor } from "../helpers/polling.js"

const calls = 1000
const connections = 200

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

// `countPages` wraps the transport to count the pages after the first that the SDK sends (a wrapped
// client also takes the SDK's own timeout race instead of the transport's timer: both get covered).
const setupWith = (options: { readonly countPages?: boolean } = {}) =>
  Effect.gen(function*() {
    const agent = yield* Effect.acquireRelease(
      Effect.sync(() => new Agent({ connections })),
      (agent) => Effect.promise(() => agent.destroy())
    )
    const faults = stalling()
    const server = yield* serve(faults.handler)
    const laterPages = { sent: 0 }
    const transport = UndiciHttpClient.make(agent)
    const httpClient = options.countPages === true
      ? HttpClient.tapRequest(transport, (request) =>
        Effect.sync(() => {
          if (/offset=[1-9]/.test(request.url)) laterPages.sent++
        }))
      : transport
    // No bound of the SDK's own: the calls beyond the Agent's connections wait in its queue.
    const client = yield* makeSyntheticClient({
      url: server.origin,
      timeout: "1 minute",
      maxConcurrentRequests: Infinity
    }).pipe(
      Effect.provideService(HttpClient.HttpClient, httpClient)
    )
    return { server, client, faults, laterPages, timersBefore: activeTimers() }
  })
const setup = setupWith()

const assertNothingLeft = (
  server: { readonly inFlight: () => number; readonly openConnections: () => number },
  timersBefore: number
) =>
  Effect.gen(function*() {
    assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 20), 0)
    assert.strictEqual(yield* waitFor(server.openConnections, (n) => n === 0, 20), 0)
    assert.isAtMost(yield* waitFor(activeTimers, (n) => n <= timersBefore, 20), timersBefore)
    assert.strictEqual(yield* waitFor(UndiciHttpClient.armedDeadlines, (n) => n === 0, 20), 0)
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
    }).pipe(Effect.scoped), 60_000)

  // A buffered stream fetches ahead: when `take` is satisfied, the next page is on its way and stalls.
  it.live("with Stream.take ending each buffered stream after its first page", () =>
    Effect.gen(function*() {
      const { client, laterPages, server, timersBefore } = yield* setupWith({ countPages: true })
      const counts = yield* Effect.forEach(
        Array.from({ length: calls }, () =>
          client.list(5).pipe(Stream.buffer({ capacity: 16 }), Stream.take(5), Stream.runCount)),
        (count) =>
          count,
        { concurrency: "unbounded" }
      )
      assert.isTrue(counts.every((count) => count === 5))
      // Most streams had their next page on its way (queued or at the server) when `take` ended them.
      assert.isAbove(laterPages.sent, calls / 2)
      yield* assertNothingLeft(server, timersBefore)
    }).pipe(Effect.scoped), 60_000)

  it.live("with Fiber.interrupt once every connection is busy at the server", () =>
    Effect.gen(function*() {
      const { client, server, timersBefore } = yield* setup
      const fibers = yield* Effect.forEach(
        Array.from({ length: calls }, (_, i) => client.get(`item-${i}`)),
        (call) => Effect.fork(call)
      )
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === connections, 20), connections)
      yield* Fiber.interruptAll(fibers)
      yield* assertNothingLeft(server, timersBefore)
    }).pipe(Effect.scoped), 60_000)
})
