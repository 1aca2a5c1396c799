/**
 * `prefetch`: the next page is requested while the current one is consumed, never more than one
 * page ahead; items stay exactly once and in order; a failing prefetched page surfaces only after
 * the current page's items; ending or interrupting the stream cancels the prefetch.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Paging from "../../src/core/Paging.js"
import * as Retry from "../../src/core/Retry.js"
import { Fault } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { injectFaults } from "../../src/testkit/faults/inject.js"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import { makeClient } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"
import { waitFor } from "../helpers/polling.js"

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(Stream.take(stream, 100_000)), Chunk.toReadonlyArray)

// An in-memory listing of `total` numbers, recording which offsets were asked for.
const numbers = (total: number, pageSize: number, prefetch: boolean) => {
  const started: Array<number> = []
  const stream = Paging.offsetItems({
    start: 0,
    pageSize,
    prefetch,
    key: String,
    fetch: (offset, count) =>
      Effect.sync(() => {
        started.push(offset)
        return { items: range(offset, Math.min(total, offset + count)), total }
      })
  })
  return { stream, started }
}

describe("prefetch: exactly once, in order", () => {
  for (const [total, pageSize] of [[0, 5], [1, 5], [5, 5], [23, 5], [100, 7]] as const) {
    it.effect(`total ${total}, page size ${pageSize}: the same items and requests as without prefetch`, () =>
      Effect.gen(function*() {
        const plain = numbers(total, pageSize, false)
        const ahead = numbers(total, pageSize, true)
        assert.deepStrictEqual(yield* collect(ahead.stream), range(0, total))
        assert.deepStrictEqual(yield* collect(plain.stream), range(0, total))
        assert.deepStrictEqual(ahead.started, plain.started)
      }))
  }

  it.effect("cursor paging with prefetch: every item once, in order", () =>
    Effect.gen(function*() {
      const stream = Paging.items(0, (page: number) =>
        Effect.succeed({
          items: range(page * 3, page * 3 + 3),
          next: page < 4 ? Option.some(page + 1) : Option.none()
        }), {
        prefetch: true
      })
      assert.deepStrictEqual(yield* collect(stream), range(0, 15))
    }))

  it.effect("over the SDK's pipeline: pages fetched ahead, every item once", () => {
    const fake = fakeHttp((seen) => {
      const offset = Number(seen.url.searchParams.get("offset"))
      const limit = Number(seen.url.searchParams.get("limit"))
      return json(200, { items: range(offset, Math.min(95, offset + limit)), total: 95 })
    })
    const Page = Schema.Struct({ items: Schema.Array(Schema.Number), total: Schema.Number })
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const stream = Paging.offsetItems({
        ...Paging.limitOffset({ pageSize: 10, prefetch: true }),
        fetch: (offset, count) =>
          client.execute({ method: "GET", path: ["items"], query: { offset, limit: count }, success: Page, errors: [] })
      })
      assert.deepStrictEqual(yield* collect(stream), range(0, 95))
      assert.deepStrictEqual(
        fake.seen.map((s) => Number(s.url.searchParams.get("offset"))),
        range(0, 10).map((i) => i * 10)
      )
    }).pipe(Effect.provide(fake.layer))
  })
})

describe("prefetch over a socket, under faults", () => {
  it.live("5,000 items with 20% of requests faulted, a slow consumer: each exactly once, in order", () =>
    Effect.gen(function*() {
      const api = syntheticApi({ total: 5000 })
      const faults = injectFaults(
        api.handler,
        FaultPlan.random({
          seed: 99,
          probability: 0.2,
          faults: [
            Fault.Status({ status: 503 }),
            Fault.Status({ status: 504, reachServer: true }),
            Fault.ResetBeforeRequest(),
            Fault.ResetAfterRequest(),
            Fault.SlowHeaders({ millis: 3 })
          ]
        })
      )
      const server = yield* serve(faults.handler)
      const client = yield* makeSyntheticClient({
        url: server.origin,
        retry: Retry.policy({ maxAttempts: 10, baseDelay: "1 millis", maxDelay: "4 millis", jitter: false })
      })
      const seen: Array<number> = []
      yield* Stream.runForEachChunk(
        client.list(100, { prefetch: true }),
        (chunk) => Effect.zipRight(Effect.yieldNow(), Effect.sync(() => seen.push(...Chunk.map(chunk, (i) => i.index))))
      )
      assert.deepStrictEqual(seen, range(0, 5000))
      assert.isAbove(faults.injected().length, 5)
      // Nothing left running: no prefetched request outlives the stream.
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer), Effect.timeout("60 seconds")))
})

describe("prefetch: one page ahead, no more", () => {
  it.effect("while a page is consumed the next is requested, and never the one after", () =>
    Effect.gen(function*() {
      const pageSize = 4
      const { started, stream } = numbers(20, pageSize, true)
      const aheadAtPageEnd: Array<number> = []
      yield* Stream.runForEach(stream, (n) =>
        Effect.gen(function*() {
          const page = Math.floor(n / pageSize)
          // Let any prefetch fiber run as far as it can.
          for (let i = 0; i < 50; i++) yield* Effect.yieldNow()
          const furthest = Math.max(...started) / pageSize
          assert.isAtMost(furthest, page + 1, `page ${furthest} was requested while page ${page} was consumed`)
          if (n % pageSize === pageSize - 1) aheadAtPageEnd.push(furthest - page)
        }))
      // One page ahead at the end of each page but the last two (the last one asks for nothing more).
      assert.deepStrictEqual(aheadAtPageEnd, [1, 1, 1, 1, 0])
    }))

  it.live("the next page's request is under way before the current page's last item is consumed", () =>
    Effect.gen(function*() {
      const secondAsked = yield* Deferred.make<void>()
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 2,
        prefetch: true,
        fetch: (offset, count) =>
          Effect.as(
            offset === 2 ? Deferred.succeed(secondAsked, undefined) : Effect.void,
            { items: range(offset, Math.min(4, offset + count)), total: 4 }
          )
      })
      // The consumer of item 1 (the first page's last) waits for the second page's request: without
      // prefetch it would never come, and the bound below fails the test.
      const items = yield* Stream.runCollect(
        Stream.mapEffect(stream, (n) => n === 1 ? Effect.as(Deferred.await(secondAsked), n) : Effect.succeed(n))
      ).pipe(Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => "no prefetch" }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(items), [0, 1, 2, 3])
    }))
})

describe("prefetch: failures and interruption", () => {
  it.effect("a failing prefetched page fails the stream only after the current page's items", () =>
    Effect.gen(function*() {
      const received: Array<number> = []
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 3,
        prefetch: true,
        fetch: (offset) =>
          offset === 3 ? Effect.fail("page 2 failed" as const) : Effect.succeed({ items: [0, 1, 2], total: 9 })
      })
      const result = yield* Stream.runForEach(stream, (n) =>
        Effect.gen(function*() {
          for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
          received.push(n)
        })).pipe(Effect.either)
      assert.deepStrictEqual(result, Either.left("page 2 failed" as const))
      assert.deepStrictEqual(received, [0, 1, 2])
    }))

  it.effect("ending the stream early interrupts the page being prefetched", () =>
    Effect.gen(function*() {
      let interrupted = 0
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 3,
        prefetch: true,
        fetch: (offset) =>
          offset === 0
            ? Effect.succeed({ items: [0, 1, 2], total: 9 })
            : Effect.onInterrupt(Effect.never, () => Effect.sync(() => interrupted++))
      })
      assert.deepStrictEqual(yield* collect(Stream.take(stream, 2)), [0, 1])
      assert.strictEqual(interrupted, 1)
    }))

  it.live("interrupting the consumer interrupts the page being prefetched", () =>
    Effect.gen(function*() {
      let interrupted = 0
      const prefetching = yield* Deferred.make<void>()
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 3,
        prefetch: true,
        fetch: (offset) =>
          offset === 0
            ? Effect.succeed({ items: [0, 1, 2], total: 9 })
            : Effect.zipRight(
              Deferred.succeed(prefetching, undefined),
              Effect.onInterrupt(Effect.never, () => Effect.sync(() => interrupted++))
            )
      })
      const fiber = yield* Effect.fork(Stream.runDrain(stream))
      yield* Deferred.await(prefetching)
      yield* Fiber.interrupt(fiber)
      assert.strictEqual(interrupted, 1)
    }).pipe(Effect.timeout("5 seconds")))

  it.effect("over the SDK's pipeline: Stream.take ends the prefetched request", () => {
    let third = 0
    const fake = fakeHttp((seen) => {
      const offset = Number(seen.url.searchParams.get("offset"))
      if (offset === 20) {
        third++
        return "hang"
      }
      return json(200, { items: range(offset, offset + 10), total: 1000 })
    })
    const Page = Schema.Struct({ items: Schema.Array(Schema.Number), total: Schema.Number })
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 10,
        prefetch: true,
        fetch: (offset, count) =>
          client.execute({ method: "GET", path: ["items"], query: { offset, limit: count }, success: Page, errors: [] })
      })
      // Items 0–14: page 2 is consumed in part, page 3 was being prefetched and hangs.
      assert.deepStrictEqual(yield* collect(Stream.take(stream, 15)), range(0, 15))
      assert.isAtMost(third, 1)
      assert.isAtMost(fake.seen.length, 3)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a repeating server is still stopped at its second page", () =>
    Effect.gen(function*() {
      let served = 0
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 3,
        prefetch: true,
        key: String,
        fetch: () => Effect.sync(() => ({ items: [served++ * 0, 1, 2], total: 1_000_000 }))
      })
      const result = yield* Effect.either(collect(stream))
      assert.isTrue(Either.isLeft(result))
      assert.strictEqual(served, 2)
    }))
})

describe("prefetch: context", () => {
  it.effect("the prefetched fetch runs in the listing's span", () =>
    Effect.gen(function*() {
      const spans: Array<string> = []
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 2,
        prefetch: true,
        fetch: (offset, count) =>
          Effect.map(Effect.currentSpan, (span) => {
            spans.push(span.name)
            return { items: range(offset, Math.min(6, offset + count)), total: 6 }
          })
      }).pipe(Stream.withSpan("test.listing"))
      assert.deepStrictEqual(yield* collect(stream), range(0, 6))
      assert.deepStrictEqual(spans, ["test.listing", "test.listing", "test.listing"])
    }))
})
