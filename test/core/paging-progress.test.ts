/**
 * Every listing makes progress or stops: servers that repeat a page, loop between pages, hand back a
 * cursor already followed or keep a total ahead with nothing behind it end the stream with
 * `InvalidResponse` (`reason: "NoProgress"`) after the items that were new, instead of running
 * forever. Each stream is capped (`Stream.take`) so a regression fails instead of hanging.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { InvalidResponse } from "../../src/core/Errors.js"
import * as Paging from "../../src/core/Paging.js"
import * as Retry from "../../src/core/Retry.js"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"

const cap = 10_000

interface Outcome<A> {
  readonly received: ReadonlyArray<A>
  readonly error: InvalidResponse | undefined
}

// Runs a listing to its end (at most `cap` items): what it streamed, and the error it ended with.
const outcome = <A, E extends { readonly _tag: string }>(stream: Stream.Stream<A, E>) =>
  Effect.gen(function*() {
    const received: Array<A> = []
    const result = yield* Stream.take(stream, cap).pipe(
      Stream.runForEach((item) => Effect.sync(() => received.push(item))),
      Effect.either
    )
    if (Either.isLeft(result) && result.left._tag !== "InvalidResponse") {
      return yield* Effect.die(result.left)
    }
    return {
      received,
      error: Either.isLeft(result) ? result.left as unknown as InvalidResponse : undefined
    } as Outcome<A>
  })

const assertNoProgress = (error: InvalidResponse | undefined, pattern: RegExp) => {
  assert.isDefined(error, "the listing should have ended with InvalidResponse")
  assert.strictEqual(error!._tag, "InvalidResponse")
  assert.strictEqual(error!.reason, "NoProgress")
  assert.match(error!.message, pattern)
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)
const item = (n: number) => ({ id: `i${n}`, n })

describe("offset paging: a page that brings nothing new", () => {
  // The hostile server of the issue: whatever the offset, the same page, and a total that keeps
  // ahead of the cursor.
  const samePage = (options: { readonly key: boolean }) => {
    const asked: Array<number> = []
    const stream = Paging.offsetItems({
      start: 0,
      pageSize: 5,
      ...(options.key ? { key: (i: { id: string }) => i.id } : {}),
      pageRequest: (offset, count) => ({ method: "GET", url: `http://api.test/items?offset=${offset}&limit=${count}` }),
      fetch: (offset, _count) =>
        Effect.sync(() => {
          asked.push(offset)
          return { items: range(0, 5).map(item), total: offset + 1000 }
        })
    })
    return { stream, asked }
  }

  for (const key of [true, false]) {
    it.effect(`the same page again and again, the total ahead: ends at the second page (${key ? "key" : "no key"})`, () =>
      Effect.gen(function*() {
        const { asked, stream } = samePage({ key })
        const { error, received } = yield* outcome(stream)
        // The first page once; the repeat is not streamed as new items.
        assert.deepStrictEqual(received.map((i) => i.n), range(0, 5))
        assert.deepStrictEqual(asked, [0, 5])
        assertNoProgress(error, /offset 5 brought nothing new/)
        assert.match(error!.message, /1005 in total/)
        assert.strictEqual(error!.url, "http://api.test/items?offset=5&limit=5")
        assert.strictEqual(error!.method, "GET")
      }))
  }

  for (const key of [true, false]) {
    it.effect(`a server looping between two pages: ends at the third (${key ? "key" : "no key"})`, () =>
      Effect.gen(function*() {
        const asked: Array<number> = []
        const stream = Paging.offsetItems({
          start: 0,
          pageSize: 3,
          ...(key ? { key: (i: { id: string }) => i.id } : {}),
          fetch: (offset, count) =>
            Effect.sync(() => {
              asked.push(offset)
              const page = asked.length % 2 === 1 ? 0 : 1
              return { items: range(page * count, page * count + count).map(item), total: 1_000_000 }
            })
        })
        const { error, received } = yield* outcome(stream)
        assert.deepStrictEqual(received.map((i) => i.n), range(0, 6))
        assert.deepStrictEqual(asked, [0, 3, 6])
        assertNoProgress(error, /offset 6/)
        // No pageRequest: the error cannot name a URL, and does not invent one.
        assert.isUndefined(error!.url)
      }))
  }

  it.effect("a page made only of items from several pages before: ends there", () =>
    Effect.gen(function*() {
      const pages = [[0, 1, 2], [3, 4, 5], [1, 4, 2], [6, 7, 8]]
      let served = 0
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 3,
        key: (i: { id: string }) => i.id,
        fetch: () => Effect.sync(() => ({ items: pages[served++]!.map(item), total: 12 }))
      })
      const { error, received } = yield* outcome(stream)
      assert.deepStrictEqual(received.map((i) => i.n), range(0, 6))
      assert.strictEqual(served, 3)
      assertNoProgress(error, /only items already listed/)
    }))

  it.effect("a page with repeats and at least one new item is progress: the new ones are streamed", () =>
    Effect.gen(function*() {
      const pages = [[0, 1, 2], [2, 3, 1], [4]]
      let served = 0
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 3,
        key: (i: { id: string }) => i.id,
        fetch: () => Effect.sync(() => ({ items: pages[served++]!.map(item), total: 7 }))
      })
      const { error, received } = yield* outcome(stream)
      assert.isUndefined(error)
      assert.deepStrictEqual(received.map((i) => i.n), range(0, 5))
    }))

  it.effect("a last page of repeats only ends the listing quietly: nothing would follow it", () =>
    Effect.gen(function*() {
      const pages = [[0, 1, 2], [1, 2]]
      let served = 0
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 3,
        key: (i: { id: string }) => i.id,
        fetch: () => Effect.sync(() => ({ items: pages[served++]!.map(item), total: 5 }))
      })
      const { error, received } = yield* outcome(stream)
      assert.isUndefined(error)
      assert.deepStrictEqual(received.map((i) => i.n), [0, 1, 2])
    }))

  it.effect("a total that grows forever behind empty pages: the empty page ends the listing", () =>
    Effect.gen(function*() {
      const asked: Array<number> = []
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 4,
        fetch: (offset) =>
          Effect.sync(() => {
            asked.push(offset)
            return { items: offset < 8 ? range(offset, offset + 4) : [], total: offset * 10 + 100 }
          })
      })
      const { error, received } = yield* outcome(stream)
      assert.isUndefined(error)
      assert.deepStrictEqual(received, range(0, 8))
      assert.deepStrictEqual(asked, [0, 4, 8])
    }))

  it.effect("a reported offset that stops moving (the server ignores it) ends the listing, named by the kind", () =>
    Effect.gen(function*() {
      let served = 0
      const stream = Paging.offsetItems({
        ...Paging.startIndexCount({ pageSize: 2 }),
        fetch: () =>
          Effect.sync(() => {
            served++
            // Fresh items each time, but the server says every page starts at 1.
            return { items: [item(served * 2), item(served * 2 + 1)], total: 100, offset: 1 }
          })
      })
      const { error, received } = yield* outcome(stream)
      assert.deepStrictEqual(received.map((i) => i.n), [2, 3])
      assertNoProgress(error, /asked for the page at startIndex 3, received the one at 1/)
    }))

  it.effect("keyless pages that differ deep inside are progress; equal ones 20,000 levels deep are not (no stack overflow)", () =>
    Effect.gen(function*() {
      const nested = (depth: number, leaf: number) => {
        let value: unknown = leaf
        for (let i = 0; i < depth; i++) value = { child: value, list: [i] }
        return value
      }
      const leaves = [1, 2, 2]
      let served = 0
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 1,
        fetch: () => Effect.sync(() => ({ items: [nested(20_000, leaves[served++]!)], total: 10 }))
      })
      const { error, received } = yield* outcome(stream)
      assert.strictEqual(received.length, 2)
      assert.strictEqual(served, 3)
      assertNoProgress(error, /equals a page before it/)
    }))

  it.effect("the remembered keys are bounded, yet a repeat of the page before is always recognised", () =>
    Effect.gen(function*() {
      // 2,000 items a page but only 10 keys remembered: the memory grows to two pages, not beyond,
      // and a repeated page is still no progress.
      const big = range(0, 2000).map(item)
      let served = 0
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 2000,
        remember: 10,
        key: (i: { id: string }) => i.id,
        fetch: () => Effect.sync(() => ({ items: served++ < 2 ? big : [], total: 1_000_000 }))
      })
      const { error, received } = yield* outcome(stream)
      assert.strictEqual(received.length, 2000)
      assertNoProgress(error, /only items already listed/)
    }))
})

describe("cursor paging: a cursor that comes back", () => {
  it.effect("a next cursor equal to the current one: the page's items, then InvalidResponse naming it", () =>
    Effect.gen(function*() {
      const requested: Array<string> = []
      const stream = Paging.items(
        "a",
        (cursor: string) =>
          Effect.sync(() => {
            requested.push(cursor)
            return cursor === "a"
              ? { items: [1, 2], next: Option.some("b") }
              : { items: [3], next: Option.some("b") }
          }),
        { pageRequest: (cursor) => ({ method: "GET", url: `http://api.test/items?token=${cursor}` }) }
      )
      const { error, received } = yield* outcome(stream)
      assert.deepStrictEqual(received, [1, 2, 3])
      assert.deepStrictEqual(requested, ["a", "b"])
      assertNoProgress(error, /page 2 of the listing leads back to a cursor already followed/)
      assert.strictEqual(error!.url, "http://api.test/items?token=b")
    }))

  it.effect("a loop over three cursors, and back to the first: stops before asking again", () =>
    Effect.gen(function*() {
      const next: Record<string, string> = { start: "p2", p2: "p3", p3: "start" }
      const requested: Array<string> = []
      const stream = Paging.items("start", (cursor: string) =>
        Effect.sync(() => {
          requested.push(cursor)
          return { items: [cursor], next: Option.some(next[cursor]!) }
        }))
      const { error, received } = yield* outcome(stream)
      assert.deepStrictEqual(received, ["start", "p2", "p3"])
      assert.deepStrictEqual(requested, ["start", "p2", "p3"])
      assertNoProgress(error, /page 3 .* cursor already followed/)
    }))

  it.effect("cursors that are data are compared by value", () =>
    Effect.gen(function*() {
      let served = 0
      const stream = Paging.items({ page: 0 }, (cursor: { page: number }) =>
        Effect.sync(() => {
          served++
          return { items: [cursor.page], next: Option.some({ page: Math.min(cursor.page + 1, 2) }) }
        }))
      const { error, received } = yield* outcome(stream)
      assert.deepStrictEqual(received, [0, 1, 2])
      assert.strictEqual(served, 3)
      assertNoProgress(error, /cursor already followed/)
    }))

  it.effect("new cursors with the same page again: no progress at the second page (with and without key)", () =>
    Effect.gen(function*() {
      for (const key of [undefined, (n: number) => String(n)]) {
        let served = 0
        const stream = Paging.items(0, (cursor: number) =>
          Effect.sync(() => {
            served++
            return { items: [7, 8, 9], next: Option.some(cursor + 1) }
          }), { key })
        const { error, received } = yield* outcome(stream)
        assert.deepStrictEqual(received, [7, 8, 9])
        assert.strictEqual(served, 2)
        assertNoProgress(error, /page 2 of the listing brought nothing new/)
      }
    }))

  it.effect("empty pages with new cursors are followed up to maxEmptyPages in a row, then no progress", () =>
    Effect.gen(function*() {
      let served = 0
      const stream = Paging.items(0, (cursor: number) =>
        Effect.sync(() => {
          served++
          return { items: cursor === 1 ? ["x"] : [], next: Option.some(cursor + 1) }
        }), { maxEmptyPages: 5 })
      const { error, received } = yield* outcome(stream)
      assert.deepStrictEqual(received, ["x"])
      // Page 1 empty, page 2 "x", then six empty pages: the sixth in a row is one too many.
      assert.strictEqual(served, 8)
      assertNoProgress(error, /6 empty pages in a row/)
    }))

  it.effect("by default, 100 empty pages in a row are followed: a sparse listing still ends normally", () =>
    Effect.gen(function*() {
      const stream = Paging.items(0, (cursor: number) =>
        Effect.succeed({
          items: cursor === 100 ? ["last"] : [],
          next: cursor === 100 ? Option.none() : Option.some(cursor + 1)
        }))
      const { error, received } = yield* outcome(stream)
      assert.isUndefined(error)
      assert.deepStrictEqual(received, ["last"])
    }))

  it.effect("pages(): the same rules, and the pages hold only the items to stream", () =>
    Effect.gen(function*() {
      const pages = [[1, 2, 3], [3, 4], [4, 3]]
      const stream = Paging.pages(0, (n: number) => Effect.succeed({ items: pages[n]!, next: Option.some(n + 1) }), {
        key: String,
        filter: (i) => i !== 2
      })
      const { error, received } = yield* outcome(stream)
      assert.deepStrictEqual(received.map((p) => p.items), [[1, 3], [4]])
      assertNoProgress(error, /page 3 of the listing brought nothing new/)
    }))

  it.effect("running a listing twice: each run has its own memory", () =>
    Effect.gen(function*() {
      const stream = Paging.items(0, (n: number) =>
        Effect.succeed({ items: [n], next: n < 2 ? Option.some(n + 1) : Option.none() }), { key: String })
      const { error, received } = yield* outcome(Stream.concat(stream, stream))
      assert.isUndefined(error)
      assert.deepStrictEqual(received, [0, 1, 2, 0, 1, 2])
    }))
})

describe("the synthetic client (no key) against a server that repeats its page, over a socket", () => {
  it.live("the first page once, then InvalidResponse naming the second page's URL", () =>
    Effect.gen(function*() {
      let served = 0
      const repeating: Handler = async () => {
        served++
        const items = range(0, 100).map((index) => ({ id: `item-${index}`, index, name: `Item number ${index}` }))
        return new Response(JSON.stringify({ items, total: 1_000_000 }), {
          headers: { "content-type": "application/json" }
        })
      }
      const server = yield* serve(repeating)
      const client = yield* makeSyntheticClient({ url: server.origin, retry: Retry.policy({ maxAttempts: 1 }) })
      const { error, received } = yield* outcome(client.list(100))
      assert.deepStrictEqual(received.map((item) => item.index), range(0, 100))
      assert.strictEqual(served, 2)
      assertNoProgress(error, /offset 100 brought nothing new \(it equals a page before it; the server reports 1000000/)
      assert.strictEqual(error!.url, `${server.origin}/items?offset=100&limit=100`)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer), Effect.timeout("20 seconds")))
})

describe("Paging.getRequest", () => {
  it("the URL as the pipeline builds it, without user-info; undefined when it cannot be built", () => {
    assert.deepStrictEqual(
      Paging.getRequest("https://user:pw@api.test/v2/", ["items"], { offset: 0, limit: undefined }),
      {
        method: "GET",
        url: "https://api.test/v2/items?offset=0"
      }
    )
    assert.isUndefined(Paging.getRequest("https://api.test", [".."], {}))
  })
})
