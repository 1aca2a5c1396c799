/**
 * A streamed download's body is bounded: no chunk for the stall time, a total deadline (none by
 * default), and a minimum rate (1 KiB in every 30 s by default) each end it in `RequestTimeout`, at
 * the moment the limit is broken and not before; a body within its limits is untouched. TestClock.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as DownloadLimits from "../../src/core/DownloadLimits.js"
import * as RequestOptions from "../../src/core/RequestOptions.js"
import { makeClient } from "../helpers/client.js"
import { fakeHttp } from "../helpers/fakeHttp.js"

// A body fed by the test: each offer is one chunk; `end` closes it.
const feed = Effect.gen(function*() {
  const queue = yield* Queue.unbounded<Uint8Array>()
  return {
    body: Stream.fromQueue(queue, { shutdown: true }),
    send: (bytes: number) => Queue.offer(queue, new Uint8Array(bytes)),
    end: Queue.shutdown(queue)
  }
})

// Lets the stream's fiber take what was offered before the clock moves again.
const settle = Effect.repeatN(Effect.yieldNow(), 20)

const guarded = (body: Stream.Stream<Uint8Array>, limits: Partial<DownloadLimits.Limits> = {}) =>
  DownloadLimits.guard(
    body,
    { ...DownloadLimits.limits("30 seconds", undefined, undefined), ...limits },
    (violation) => violation
  ).pipe(Stream.runFold(0, (sum, chunk) => sum + chunk.length), Effect.exit, Effect.fork)

const violationOf = (exit: Exit.Exit<number, DownloadLimits.Violation>) =>
  Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error : undefined

describe("DownloadLimits.guard", () => {
  it.effect("a server dripping a byte every 250 ms fails the default rate at 30 s, not before", () =>
    Effect.gen(function*() {
      const { body, send } = yield* feed
      const fiber = yield* guarded(body)
      // 119 bytes over 29.75 s: the first window is not over yet.
      for (let i = 0; i < 120; i++) {
        yield* send(1)
        yield* settle
        if (i < 119) yield* TestClock.adjust("250 millis")
      }
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)), "alive until the window ends")
      yield* TestClock.adjust("250 millis")
      const violation = violationOf(yield* Fiber.join(fiber))
      assert.deepStrictEqual(violation, { _tag: "TooSlow", bytes: 120, minBytes: 1024, millis: 30_000 })
    }))

  it.effect("a body above the minimum rate is untouched, however long it takes", () =>
    Effect.gen(function*() {
      const { body, end, send } = yield* feed
      const fiber = yield* guarded(body)
      // 2 KiB every 20 s for 10 minutes: every 30 s window holds at least 2 KiB.
      for (let i = 0; i < 30; i++) {
        yield* send(2048)
        yield* settle
        yield* TestClock.adjust("20 seconds")
      }
      yield* end
      assert.deepStrictEqual(yield* Fiber.join(fiber), Exit.succeed(30 * 2048))
    }))

  it.effect("a window that ends short fails even if the next chunk comes right after", () =>
    Effect.gen(function*() {
      const { body, send } = yield* feed
      const fiber = yield* guarded(body, { windowMillis: 1000, minBytes: 100, stallMillis: 60_000 })
      yield* send(99)
      yield* settle
      yield* TestClock.adjust("999 millis")
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust("1 millis")
      assert.deepStrictEqual(violationOf(yield* Fiber.join(fiber)), {
        _tag: "TooSlow",
        bytes: 99,
        minBytes: 100,
        millis: 1000
      })
    }))

  it.effect("an empty window after a full one fails at its end", () =>
    Effect.gen(function*() {
      const { body, send } = yield* feed
      const fiber = yield* guarded(body, { windowMillis: 1000, minBytes: 100, stallMillis: 60_000 })
      yield* send(500)
      yield* settle
      yield* TestClock.adjust("1999 millis")
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)), "the first window had its bytes")
      yield* TestClock.adjust("1 millis")
      assert.deepStrictEqual(violationOf(yield* Fiber.join(fiber)), {
        _tag: "TooSlow",
        bytes: 0,
        minBytes: 100,
        millis: 1000
      })
    }))

  it.effect("the total deadline ends a steady body at its moment", () =>
    Effect.gen(function*() {
      const { body, send } = yield* feed
      const fiber = yield* guarded(body, { deadlineMillis: 10_000 })
      for (let i = 0; i < 10; i++) {
        yield* send(4096)
        yield* settle
        yield* TestClock.adjust("999 millis")
      }
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust("10 millis")
      assert.deepStrictEqual(violationOf(yield* Fiber.join(fiber)), { _tag: "Deadline", millis: 10_000 })
    }))

  it.effect("a stall is the stall time without a chunk", () =>
    Effect.gen(function*() {
      const { body, send } = yield* feed
      const fiber = yield* guarded(body, { minBytes: 0 })
      yield* send(10)
      yield* settle
      yield* TestClock.adjust("29999 millis")
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust("1 millis")
      assert.deepStrictEqual(violationOf(yield* Fiber.join(fiber)), { _tag: "Stalled", millis: 30_000 })
    }))

  it("limits: no deadline by default, the default rate, no rate with bytes 0", () => {
    const defaults = DownloadLimits.limits("30 seconds", undefined, undefined)
    assert.deepStrictEqual(defaults, {
      stallMillis: 30_000,
      deadlineMillis: Infinity,
      minBytes: 1024,
      windowMillis: 30_000
    })
    assert.strictEqual(DownloadLimits.limits("1 second", Duration.infinity, { bytes: 0, per: "1 second" }).minBytes, 0)
    assert.strictEqual(DownloadLimits.limits("1 second", "1 minute", undefined).deadlineMillis, 60_000)
  })
})

describe("download limits in the pipeline", () => {
  // A body the test feeds through a real Response, as a transport hands it over.
  const responseFed = () => {
    let controller!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
    return { response: new Response(body), send: (bytes: number) => controller.enqueue(new Uint8Array(bytes)) }
  }

  it.effect("client options and RequestOptions set the deadline and the rate, per region", () => {
    const fed = responseFed()
    const fake = fakeHttp(() => fed.response)
    return Effect.gen(function*() {
      const client = yield* makeClient({ downloadTimeout: "1 hour", downloadMinRate: { bytes: 10, per: "1 second" } })
      const download = client.stream({ method: "GET", path: ["file"], errors: [] }).pipe(
        RequestOptions.withDownloadTimeout("5 seconds"),
        RequestOptions.withDownloadMinRate({ bytes: 0, per: "1 second" })
      )
      const fiber = yield* Effect.fork(Effect.flip(Stream.runDrain(download)))
      for (let i = 0; i < 4; i++) {
        yield* Effect.sync(() => fed.send(1))
        yield* settle
        yield* TestClock.adjust("1 second")
      }
      // One byte a second is below the client's rate, but the region lifted it: alive at 4 s.
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "RequestTimeout")
      assert.strictEqual(error.message, "the download did not complete within 5s")
      assert.strictEqual((error as { timeoutMillis?: number }).timeoutMillis, 5000)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("the client's own rate applies where no region overrides it", () => {
    const fed = responseFed()
    const fake = fakeHttp(() => fed.response)
    return Effect.gen(function*() {
      const client = yield* makeClient({ downloadMinRate: { bytes: 10, per: "1 second" } })
      const fiber = yield* Effect.fork(
        Effect.flip(Stream.runDrain(client.stream({ method: "GET", path: ["file"], errors: [] })))
      )
      yield* Effect.sync(() => fed.send(3))
      yield* settle
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "RequestTimeout")
      assert.match(error.message, /too slow: 3 bytes in 1s, below the minimum of 10/)
    }).pipe(Effect.provide(fake.layer))
  })
})
