/**
 * Deadlines on the request's signal against hostile servers: an error status whose body stalls, a
 * retry after such a stall — each ends as the race would have ended it (a `RequestTimeout`, or the
 * retry's answer), with no timer left armed and nothing left in flight at the server.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import type * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Retry from "../../src/core/Retry.js"
import * as SignalDeadline from "../../src/core/SignalDeadline.js"
import { serve } from "../../src/testkit/http/serve.js"
import { testConfig } from "../helpers/client.js"
import { waitFor } from "../helpers/polling.js"

const liveWaitFor = (read: () => number, done: (n: number) => boolean) =>
  Effect.withClock(waitFor(read, done), Clock.make())

const platformTransports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient", NodeHttpClient.layer],
  ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici]
]

const stalling = (status: number, first: string) => () =>
  Promise.resolve(
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          if (first !== "") controller.enqueue(new TextEncoder().encode(first))
        }
      }),
      { status, headers: { "content-type": "application/json" } }
    )
  )

const get = { method: "GET", path: ["x"], success: Schema.Unknown, errors: [] } as const

const tagOf = (exit: Exit.Exit<unknown, unknown>) =>
  Exit.isFailure(exit) && exit.cause._tag === "Fail" ? (exit.cause.error as { _tag: string })._tag : String(exit)

describe("deadlines on the request's signal, against hostile servers", () => {
  for (const [name, layer] of platformTransports) {
    it.live(`${name}: an error status whose body stalls is a RequestTimeout`, () =>
      Effect.gen(function*() {
        const server = yield* serve(stalling(503, "{\"message\": \"busy"))
        const client = ApiClient.makeWith(
          yield* HttpClient.HttpClient,
          testConfig({ baseUrl: server.origin, timeout: "300 millis", retry: Retry.noRetries })
        )
        for (let call = 1; call <= 3; call++) {
          assert.strictEqual(tagOf(yield* Effect.exit(client.execute(get))), "RequestTimeout", `call ${call}`)
          assert.strictEqual(SignalDeadline.armedDeadlines(), 0)
          assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
        }
      }).pipe(Effect.scoped, Effect.provide(layer)))

    it.live(`${name}: a retry after a timeout, or after a 503 whose body stalled, gets a fresh deadline`, () =>
      Effect.gen(function*() {
        let received = 0
        const server = yield* serve(() => {
          received++
          if (received % 3 === 1) return Promise.resolve(Response.json({ first: true }))
          if (received % 3 === 2) return stalling(503, "{")()
          return Promise.resolve(Response.json({ n: received }))
        })
        const client = ApiClient.makeWith(
          yield* HttpClient.HttpClient,
          testConfig({
            baseUrl: server.origin,
            timeout: "300 millis",
            retry: Retry.policy({ jitter: false, baseDelay: "10 millis", maxAttempts: 3 })
          })
        )
        assert.deepStrictEqual(yield* client.execute(get), { first: true })
        for (let call = 1; call <= 2; call++) {
          // The second request of three is a 503 that stalls: the attempt after it answers.
          received = 1
          assert.deepStrictEqual(yield* client.execute(get), { n: 3 })
          assert.strictEqual(SignalDeadline.armedDeadlines(), 0)
          assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
        }
      }).pipe(Effect.scoped, Effect.provide(layer)))

    it.live(`${name}: 80 calls on 8 slots, half stalling, then 80 interrupted anywhere: nothing left behind`, () =>
      Effect.gen(function*() {
        let received = 0
        const server = yield* serve(() =>
          ++received % 2 === 0 ? new Promise<Response>(() => {}) : Promise.resolve(Response.json({ ok: true }))
        )
        const client = ApiClient.makeWith(
          yield* HttpClient.HttpClient,
          testConfig({
            baseUrl: server.origin,
            timeout: "300 millis",
            retry: Retry.noRetries,
            maxConcurrentRequests: 8
          })
        )
        assert.deepStrictEqual(yield* client.execute(get), { ok: true })
        const exits = yield* Effect.forEach(
          Array.from({ length: 80 }, () => Effect.exit(client.execute(get))),
          (call) => call,
          { concurrency: "unbounded" }
        )
        const tags = new Set(exits.map((exit) => Exit.isSuccess(exit) ? "ok" : tagOf(exit)))
        assert.deepStrictEqual([...tags].sort(), ["RequestTimeout", "ok"])
        assert.strictEqual(SignalDeadline.armedDeadlines(), 0)
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
        const fibers = yield* Effect.forEach(
          Array.from({ length: 80 }, () => client.execute(get)),
          (call) => Effect.fork(call)
        )
        yield* Effect.sleep("100 millis")
        assert.isAtMost(server.inFlight(), 8, "the in-flight bound holds")
        yield* Fiber.interruptAll(fibers)
        assert.strictEqual(SignalDeadline.armedDeadlines(), 0)
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
        assert.isAtMost(yield* waitFor(server.openConnections, (n) => n <= 8), 8)
      }).pipe(Effect.scoped, Effect.provide(layer)))

    it.live(`${name}: a client retrying 503s itself (retryTransient) keeps no connection per call`, () =>
      Effect.gen(function*() {
        let received = 0
        const server = yield* serve(() =>
          Promise.resolve(
            ++received % 2 === 1
              ? new Response("x".repeat(200_000), { status: 503 })
              : Response.json({ ok: true })
          )
        )
        const client = ApiClient.makeWith(
          HttpClient.retryTransient(yield* HttpClient.HttpClient, { times: 2 }),
          testConfig({ baseUrl: server.origin, timeout: "2 seconds", retry: Retry.noRetries })
        )
        for (let call = 1; call <= 20; call++) assert.deepStrictEqual(yield* client.execute(get), { ok: true })
        assert.strictEqual(SignalDeadline.armedDeadlines(), 0)
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
        assert.isAtMost(yield* waitFor(server.openConnections, (n) => n <= 4), 4)
      }).pipe(Effect.scoped, Effect.provide(layer)))
  }
  it.effect("under the TestClock a call is raced, on no real timer: it ends when the test clock passes its deadline", () =>
    Effect.gen(function*() {
      let received = 0
      const server = yield* serve(() =>
        ++received === 1
          ? Promise.resolve(new Response(null, { status: 204, headers: { connection: "close" } }))
          : new Promise<Response>(() => {})
      )
      const client = ApiClient.makeWith(
        yield* HttpClient.HttpClient,
        testConfig({ baseUrl: server.origin, timeout: "300 millis", retry: Retry.noRetries })
      )
      assert.isUndefined(yield* client.execute({ ...get, success: Schema.Void }))
      const fiber = yield* Effect.fork(Effect.exit(client.execute(get)))
      assert.strictEqual(yield* liveWaitFor(server.inFlight, (n) => n === 1), 1)
      assert.strictEqual(SignalDeadline.armedDeadlines(), 0, "no real timer armed")
      yield* TestClock.adjust("301 millis")
      assert.strictEqual(tagOf(yield* Fiber.join(fiber)), "RequestTimeout")
      assert.strictEqual(yield* liveWaitFor(server.inFlight, (n) => n === 0), 0)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))
})
