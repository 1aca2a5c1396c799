/**
 * Which clock governs what (docs/retries-and-timeouts.md): every timeout and backoff of the SDK
 * follows Effect's `Clock`. Under the live clock the SDK's undici transport enforces the per-attempt
 * deadline on its own timer (real time, like the live clock); under a `TestClock` it is not handed
 * the deadline, and the pipeline races on the `TestClock`, so `TestClock.adjust` drives timeouts and
 * retries over a real socket too. Real sockets on 127.0.0.1.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as TestServices from "effect/TestServices"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Retry from "../../src/core/Retry.js"
import { serve } from "../../src/testkit/http/serve.js"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"
import { testConfig } from "../helpers/client.js"
import { waitFor } from "../helpers/polling.js"
import { transports, undiciLayer } from "../helpers/transports.js"

// Polls in real time, whatever clock the test runs on.
const waitLive = (read: () => number, done: (n: number) => boolean) => TestServices.provideLive(waitFor(read, done, 10))

// Waits (in real time, at most 10 s) until some fiber sleeps on the TestClock until `wake`.
const untilSleepingUntil = (wake: number) =>
  Effect.gen(function*() {
    const sleeping = Effect.map(TestClock.sleeps(), (sleeps) => [...sleeps].includes(wake))
    for (let i = 0; i < 500 && !(yield* sleeping); i++) {
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 20)))
    }
    return yield* sleeping
  })

const hanging = () => new Promise<Response>(() => {})

const get = { method: "GET", path: ["x"], success: Schema.Unknown, errors: [] } as const

const tagOf = (exit: Exit.Exit<unknown, unknown>) =>
  Exit.isFailure(exit) && exit.cause._tag === "Fail" ? (exit.cause.error as { _tag: string })._tag : String(exit)

describe("the undici transport and Effect's Clock", () => {
  it.effect("under a TestClock the per-attempt timeout is the TestClock's, not the transport's timer", () =>
    Effect.gen(function*() {
      const server = yield* serve(hanging)
      const client = ApiClient.makeWith(
        yield* HttpClient.HttpClient,
        testConfig({ baseUrl: server.origin, timeout: "10 seconds", retry: Retry.noRetries })
      )
      const fiber = yield* Effect.fork(Effect.exit(client.execute(get)))
      assert.strictEqual(yield* waitLive(server.inFlight, (n) => n === 1), 1)
      // The transport was handed no deadline to keep on a real timer.
      assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
      yield* TestClock.adjust("9999 millis")
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)), "still waiting: 10 s have not passed on the TestClock")
      yield* TestClock.adjust("1 millis")
      const exit = yield* Fiber.join(fiber)
      assert.strictEqual(tagOf(exit), "RequestTimeout")
      // The timed-out request was aborted at the server.
      assert.strictEqual(yield* waitLive(server.inFlight, (n) => n === 0), 0)
    }).pipe(Effect.scoped, Effect.provide(undiciLayer())))

  it.effect("under a TestClock the backoff between attempts is the TestClock's", () =>
    Effect.gen(function*() {
      let hits = 0
      const server = yield* serve(async () =>
        ++hits === 1 ? Response.json({}, { status: 503 }) : Response.json({ ok: true })
      )
      const client = ApiClient.makeWith(
        yield* HttpClient.HttpClient,
        testConfig({
          baseUrl: server.origin,
          retry: Retry.policy({ baseDelay: "1 minute", maxDelay: "1 minute", maxTotalDelay: "1 hour", jitter: false })
        })
      )
      const fiber = yield* Effect.fork(client.execute(get))
      assert.strictEqual(yield* waitLive(() => hits, (n) => n === 1), 1)
      assert.isTrue(yield* untilSleepingUntil(60_000), "backing off for a minute")
      yield* TestClock.adjust("59 seconds")
      assert.strictEqual(hits, 1)
      yield* TestClock.adjust("1 second")
      assert.deepStrictEqual(yield* Fiber.join(fiber), { ok: true })
      assert.strictEqual(hits, 2)
    }).pipe(Effect.scoped, Effect.provide(undiciLayer())))

  it.live("under the live clock the transport keeps the deadline on its own timer, with the same outcome", () =>
    Effect.gen(function*() {
      const server = yield* serve(hanging)
      const client = ApiClient.makeWith(
        yield* HttpClient.HttpClient,
        testConfig({ baseUrl: server.origin, timeout: "300 millis", retry: Retry.noRetries })
      )
      const fiber = yield* Effect.fork(Effect.exit(client.execute(get)))
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 1), 1)
      assert.strictEqual(UndiciHttpClient.armedDeadlines(), 1)
      assert.strictEqual(tagOf(yield* Fiber.join(fiber)), "RequestTimeout")
      assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
    }).pipe(Effect.scoped, Effect.provide(undiciLayer())))
})

// The same TestClock-driven timeout on every transport: the documented behaviour holds on all.
for (const transport of transports) {
  it.effect(`a TestClock drives the per-attempt timeout over ${transport.name}`, () =>
    Effect.gen(function*() {
      const server = yield* serve(hanging)
      const client = ApiClient.makeWith(
        yield* HttpClient.HttpClient,
        testConfig({ baseUrl: server.origin, timeout: "1 hour", retry: Retry.noRetries })
      )
      const fiber = yield* Effect.fork(Effect.exit(client.execute(get)))
      assert.strictEqual(yield* waitLive(server.inFlight, (n) => n === 1), 1)
      yield* TestClock.adjust("1 hour")
      assert.strictEqual(tagOf(yield* Fiber.join(fiber)), "RequestTimeout")
    }).pipe(Effect.scoped, Effect.provide(transport.layer)))
}
