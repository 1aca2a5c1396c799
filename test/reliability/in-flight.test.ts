/**
 * Each client bounds its requests in flight (64 by default): excess calls queue in the SDK. The
 * per-attempt timeout starts when an attempt has its slot, not while it waits; interrupting a queued
 * call leaks no slot; a retry's backoff holds none; a streamed download holds its slot until its body
 * ends or is abandoned. Real sockets on 127.0.0.1 (a server counting the most requests it held at
 * once), and `TestClock` for the timeouts. Bounded in count and time.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as TestServices from "effect/TestServices"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Retry from "../../src/core/Retry.js"
import { serve } from "../../src/testkit/http/serve.js"
import { testConfig } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"
import { waitFor } from "../helpers/polling.js"
import { transports } from "../helpers/transports.js"

const get = (path: string) => ({ method: "GET", path: [path], success: Schema.Unknown, errors: [] }) as const

// A server that answers after `millis` (real time), or never for `/hang`, and remembers the most
// requests it held at once.
const countingServer = (millis: number) =>
  Effect.gen(function*() {
    const state = { now: 0, max: 0, total: 0 }
    const server = yield* serve(async (request) => {
      state.total++
      state.max = Math.max(state.max, ++state.now)
      try {
        if (new URL(request.url).pathname === "/hang") {
          await new Promise((_, reject) => request.signal.addEventListener("abort", reject, { once: true }))
        }
        await new Promise((resolve) => setTimeout(resolve, millis))
        return Response.json({ ok: true })
      } finally {
        state.now--
      }
    })
    return { server, state }
  })

const waitLive = (read: () => number, done: (n: number) => boolean) => TestServices.provideLive(waitFor(read, done, 10))

// A real pause, to give a call that should not start every chance to.
const pause = (millis: number) => Effect.promise(() => new Promise((resolve) => setTimeout(resolve, millis)))

for (const transport of transports) {
  describe(`requests in flight over ${transport.name}`, () => {
    it.live(
      "many concurrent calls: the server holds exactly the default bound of 64 at most",
      () =>
        Effect.gen(function*() {
          const bound = ApiClient.defaultMaxConcurrentRequests
          const calls = bound * 5
          // Every request is held until `bound` are waiting (or 5 s have passed): a client sending more
          // than `bound` at once would make the server hold more.
          const state = { now: 0, max: 0, total: 0 }
          const waiting: Array<() => void> = []
          const server = yield* serve(async () => {
            state.total++
            state.max = Math.max(state.max, ++state.now)
            if (state.now >= bound) waiting.splice(0).forEach((go) => go())
            else await new Promise<void>((resolve) => waiting.push(resolve) && setTimeout(resolve, 5000))
            state.now--
            return Response.json({ ok: true })
          })
          const client = ApiClient.makeWith(
            yield* HttpClient.HttpClient,
            testConfig({ baseUrl: server.origin, timeout: "1 minute" })
          )
          const results = yield* Effect.forEach(
            Array.from({ length: calls }, () => client.execute(get("x"))),
            (call) => call,
            { concurrency: "unbounded" }
          )
          assert.strictEqual(results.length, calls)
          assert.strictEqual(state.total, calls)
          assert.strictEqual(state.max, bound)
        }).pipe(Effect.scoped, Effect.provide(transport.layer)),
      60_000
    )

    it.live("interrupting queued calls leaks no slot", () =>
      Effect.gen(function*() {
        const { server, state } = yield* countingServer(0)
        const client = ApiClient.makeWith(
          yield* HttpClient.HttpClient,
          testConfig({ baseUrl: server.origin, maxConcurrentRequests: 2, timeout: "1 minute" })
        )
        const running = yield* Effect.forEach([1, 2], () => Effect.fork(client.execute(get("hang"))))
        assert.strictEqual(yield* waitFor(() => state.now, (n) => n === 2), 2)
        const queued = yield* Effect.forEach([1, 2, 3, 4, 5], () => Effect.fork(client.execute(get("hang"))))
        yield* pause(100)
        assert.strictEqual(state.total, 2, "the queued calls wait in the SDK")
        yield* Fiber.interruptAll(queued)
        yield* Fiber.interruptAll(running)
        assert.strictEqual(yield* waitFor(() => state.now, (n) => n === 0), 0)
        // Both slots are free again, and still only two.
        const next = yield* Effect.forEach([1, 2, 3], () => Effect.fork(client.execute(get("hang"))))
        assert.strictEqual(yield* waitFor(() => state.now, (n) => n === 2), 2)
        yield* pause(100)
        assert.strictEqual(state.now, 2)
        yield* Fiber.interruptAll(next)
      }).pipe(Effect.scoped, Effect.provide(transport.layer)))

    it.live("a streamed download holds its slot until its body ends or is abandoned", () =>
      Effect.gen(function*() {
        // Bodies that stay open until released.
        const release: Array<() => void> = []
        const state = { downloads: 0, calls: 0 }
        const server = yield* serve(async (request) => {
          if (new URL(request.url).pathname === "/call") {
            state.calls++
            return Response.json({ ok: true })
          }
          state.downloads++
          let done = () => {}
          const finished = new Promise<void>((resolve) => (done = resolve))
          release.push(done)
          return new Response(
            new ReadableStream({
              async start(controller) {
                controller.enqueue(new TextEncoder().encode("first"))
                await finished
                controller.enqueue(new TextEncoder().encode("last"))
                controller.close()
              }
            })
          )
        })
        const client = ApiClient.makeWith(
          yield* HttpClient.HttpClient,
          testConfig({ baseUrl: server.origin, maxConcurrentRequests: 2, timeout: "1 minute" })
        )
        const download = client.stream({ method: "GET", path: ["file"], errors: [] })
        const whole = yield* Effect.fork(Stream.runCount(download))
        const abandoned = yield* Effect.fork(Stream.runCollect(Stream.take(download, 1)))
        assert.strictEqual(yield* waitFor(() => state.downloads, (n) => n === 2), 2)
        // The abandoned one gave its slot back: a call goes through while the other body is open.
        yield* Fiber.join(abandoned)
        yield* client.execute(get("call"))
        assert.strictEqual(state.calls, 1)
        // A third download takes the last slot: a call now waits for a body to end.
        const third = yield* Effect.fork(Stream.runCount(download))
        assert.strictEqual(yield* waitFor(() => state.downloads, (n) => n === 3), 3)
        const waiting = yield* Effect.fork(client.execute(get("call")))
        yield* pause(100)
        assert.strictEqual(state.calls, 1, "both slots are held by open bodies")
        for (const done of release) done()
        assert.strictEqual(yield* Fiber.join(whole), 2)
        assert.strictEqual(yield* Fiber.join(third), 2)
        yield* Fiber.join(waiting)
        assert.strictEqual(state.calls, 2)
      }).pipe(Effect.scoped, Effect.provide(transport.layer)))

    it.effect("the per-attempt timeout starts when the attempt has its slot (TestClock)", () =>
      Effect.gen(function*() {
        const { server, state } = yield* countingServer(0)
        const client = ApiClient.makeWith(
          yield* HttpClient.HttpClient,
          testConfig({ baseUrl: server.origin, maxConcurrentRequests: 1, timeout: "5 seconds", retry: Retry.noRetries })
        )
        const first = yield* Effect.fork(Effect.exit(client.execute(get("hang"))))
        assert.strictEqual(yield* waitLive(() => state.now, (n) => n === 1), 1)
        const second = yield* Effect.fork(Effect.exit(client.execute(get("hang"))))
        yield* TestClock.adjust("5 seconds")
        assert.isTrue(Exit.isFailure(yield* Fiber.join(first)))
        // The second only now reaches the server; its 5 s start now, not when it was called.
        assert.strictEqual(yield* waitLive(() => state.total, (n) => n === 2), 2)
        yield* TestClock.adjust("4999 millis")
        assert.isTrue(Option.isNone(yield* Fiber.poll(second)), "queued time does not count")
        yield* TestClock.adjust("1 millis")
        const exit = yield* Fiber.join(second)
        assert.isTrue(Exit.isFailure(exit) && exit.cause._tag === "Fail" && exit.cause.error._tag === "RequestTimeout")
      }).pipe(Effect.scoped, Effect.provide(transport.layer)))
  })
}

// Lets forked fibers run until the fake transport has seen `n` requests (at most 1,000 yields).
const untilSeen = (seen: ReadonlyArray<unknown>, n: number) =>
  Effect.gen(function*() {
    for (let i = 0; i < 1000 && seen.length < n; i++) yield* Effect.yieldNow()
    return seen.length
  })

describe("requests in flight, in process", () => {
  it.effect("a retry's backoff holds no slot: another call runs meanwhile", () => {
    const fake = fakeHttp((seen, index) => index === 0 ? json(503, {}) : json(200, { path: seen.url.pathname }))
    return Effect.gen(function*() {
      const client = yield* ApiClient.make(testConfig({
        maxConcurrentRequests: 1,
        retry: Retry.policy({ baseDelay: "1 minute", maxDelay: "1 minute", maxTotalDelay: "1 hour", jitter: false })
      }))
      const retried = yield* Effect.fork(client.execute(get("a")))
      assert.strictEqual(yield* untilSeen(fake.seen, 1), 1)
      // The first call is in its backoff; the second takes the only slot and completes, no time passing.
      const other = yield* client.execute(get("b"))
      assert.deepStrictEqual(other, { path: "/v1/b" })
      assert.isTrue(Option.isNone(yield* Fiber.poll(retried)))
      yield* TestClock.adjust("1 minute")
      assert.deepStrictEqual(yield* Fiber.join(retried), { path: "/v1/a" })
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("slots can be shared between clients", () => {
    const fake = fakeHttp(() => "hang")
    return Effect.gen(function*() {
      const slots = ApiClient.slots(1)
      const one = yield* ApiClient.make(testConfig({ slots }))
      const two = yield* ApiClient.make(testConfig({ slots }))
      const first = yield* Effect.fork(one.execute(get("a")))
      assert.strictEqual(yield* untilSeen(fake.seen, 1), 1)
      const second = yield* Effect.fork(two.execute(get("b")))
      assert.strictEqual(yield* untilSeen(fake.seen, 2), 1, "the second waits for the slot the first holds")
      yield* Fiber.interrupt(first)
      assert.strictEqual(yield* untilSeen(fake.seen, 2), 2)
      yield* Fiber.interrupt(second)
    }).pipe(Effect.provide(fake.layer))
  })

  it("no bound with Infinity", () => {
    assert.isUndefined(ApiClient.slots(Infinity))
  })
})
