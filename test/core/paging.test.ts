import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import type { ApiClient } from "../../src/core/ApiClient.js"
import * as Paging from "../../src/core/Paging.js"
import { makeClient } from "../helpers/client.js"
import type { Seen } from "../helpers/fakeHttp.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"

const Page = Schema.Struct({
  items: Schema.Array(Schema.Number),
  total: Schema.optional(Schema.Number)
})

interface Endpoint {
  readonly total: number
  /** The server returns at most this many items, whatever was asked. */
  readonly serverCap?: number
  /** Report no total. */
  readonly noTotal?: boolean
  /** Fail these offsets once each with this status. */
  readonly failOnce?: ReadonlyMap<number, number>
}

// A synthetic offset-paged endpoint: GET /items?offset=&limit= over the numbers 0..total-1.
const syntheticEndpoint = (endpoint: Endpoint) => {
  const failed = new Set<number>()
  return fakeHttp((seen: Seen) => {
    const offset = Number(seen.url.searchParams.get("offset"))
    const limit = Number(seen.url.searchParams.get("limit"))
    const failure = endpoint.failOnce?.get(offset)
    if (failure !== undefined && !failed.has(offset)) {
      failed.add(offset)
      return json(failure, { error: "transient" })
    }
    const size = Math.min(limit, endpoint.serverCap ?? limit)
    const items = Array.from({ length: Math.max(0, Math.min(size, endpoint.total - offset)) }, (_, i) => offset + i)
    return json(200, endpoint.noTotal ? { items } : { items, total: endpoint.total })
  })
}

const listAll = (client: ApiClient, pageSize: number) =>
  Paging.offsetItems({
    start: 0,
    pageSize,
    fetch: (offset, count) =>
      client.execute({
        method: "GET",
        path: ["items"],
        query: { offset, limit: count },
        success: Page,
        errors: []
      })
  })

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

describe("Paging.offsetItems on a synthetic paged endpoint", () => {
  for (
    const [total, pageSize, serverCap] of [[0, 10], [1, 10], [10, 10], [95, 10], [100, 7], [250, 100, 30], [
      64,
      64,
      1
    ]] as const
  ) {
    it.effect(`total ${total}, page size ${pageSize}${serverCap ? `, server cap ${serverCap}` : ""}: every item exactly once`, () => {
      const fake = syntheticEndpoint({ total, ...(serverCap === undefined ? {} : { serverCap }) })
      return Effect.gen(function*() {
        const client = yield* makeClient()
        const items = yield* collect(listAll(client, pageSize))
        assert.deepStrictEqual(items, range(total))
        const perPage = serverCap ?? pageSize
        assert.strictEqual(fake.seen.length, Math.max(1, Math.ceil(total / perPage)))
      }).pipe(Effect.provide(fake.layer))
    })
  }

  it.effect("without a total, stops at the first empty page", () => {
    const fake = syntheticEndpoint({ total: 25, noTotal: true })
    return Effect.gen(function*() {
      const client = yield* makeClient()
      assert.deepStrictEqual(yield* collect(listAll(client, 10)), range(25))
      assert.deepStrictEqual(fake.seen.map((s) => s.url.searchParams.get("offset")), ["0", "10", "20", "25"])
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a failing page is retried alone; the stream does not restart", () => {
    const fake = syntheticEndpoint({ total: 50, failOnce: new Map([[20, 503], [40, 500]]) })
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(collect(listAll(client, 10)))
      yield* TestClock.adjust("1 second")
      assert.deepStrictEqual(yield* Fiber.join(fiber), range(50))
      assert.deepStrictEqual(
        fake.seen.map((s) => Number(s.url.searchParams.get("offset"))),
        [0, 10, 20, 20, 30, 40, 40]
      )
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a page that keeps failing ends the stream with a typed error after the items before it", () => {
    const fake = fakeHttp((seen) =>
      seen.url.searchParams.get("offset") === "10" ? json(500, {}) : json(200, { items: range(10), total: 30 })
    )
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const received: Array<number> = []
      const fiber = yield* Effect.fork(
        Effect.either(Stream.runForEach(listAll(client, 10), (n) => Effect.sync(() => received.push(n))))
      )
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result._tag, "Left")
      assert.strictEqual(result._tag === "Left" ? result.left._tag : undefined, "ServerError")
      assert.deepStrictEqual(received, range(10))
      assert.strictEqual(fake.seen.filter((s) => s.url.searchParams.get("offset") === "10").length, 4)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("Stream.take stops fetching pages", () => {
    const fake = syntheticEndpoint({ total: 1000 })
    return Effect.gen(function*() {
      const client = yield* makeClient()
      assert.deepStrictEqual(yield* collect(Stream.take(listAll(client, 10), 15)), range(15))
      assert.strictEqual(fake.seen.length, 2)
    }).pipe(Effect.provide(fake.layer))
  })
})

describe("Paging.items with cursors", () => {
  it.effect("follows next cursors until there is none", () =>
    Effect.gen(function*() {
      const pages: Record<string, { items: Array<string>; next?: string }> = {
        start: { items: ["a", "b"], next: "p2" },
        p2: { items: [], next: "p3" },
        p3: { items: ["c"] }
      }
      const requested: Array<string> = []
      const items = yield* collect(
        Paging.items("start", (cursor) =>
          Effect.sync(() => {
            requested.push(cursor)
            const page = pages[cursor]!
            return { items: page.items, next: Option.fromNullable(page.next) }
          }))
      )
      assert.deepStrictEqual(items, ["a", "b", "c"])
      assert.deepStrictEqual(requested, ["start", "p2", "p3"])
    }))

  it.effect("pages() exposes each page", () =>
    Effect.gen(function*() {
      const pages = yield* collect(
        Paging.pages(0, (n) => Effect.succeed({ items: [n], next: n < 2 ? Option.some(n + 1) : Option.none() }))
      )
      assert.deepStrictEqual(pages.map((p) => p.items), [[0], [1], [2]])
    }))
})

describe("Paging.offsetItems without a page size", () => {
  it.effect("asks for no count and follows the server's own page size", () => {
    // The server pages by 4 when no limit is given.
    const fake = fakeHttp((seen) => {
      const offset = Number(seen.url.searchParams.get("offset"))
      const limit = seen.url.searchParams.get("limit")
      const size = limit === null ? 4 : Number(limit)
      return json(200, { items: range(11).slice(offset, offset + size), total: 11 })
    })
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const items = yield* collect(Paging.offsetItems({
        start: 0,
        fetch: (offset, count) =>
          client.execute({ method: "GET", path: ["items"], query: { offset, limit: count }, success: Page, errors: [] })
      }))
      assert.deepStrictEqual(items, range(11))
      assert.deepStrictEqual(fake.seen.map((s) => s.url.searchParams.get("offset")), ["0", "4", "8"])
      assert.isTrue(fake.seen.every((s) => !s.url.searchParams.has("limit")))
    }).pipe(Effect.provide(fake.layer))
  })
})

describe("Paging.offsetItems past the reported total", () => {
  it.effect("a page starting beyond a total that shrank ends the listing, even if the server sends items", () => {
    // Like SCIMMY: an offset past the end answers with the first items again.
    let total = 7
    const fake = fakeHttp((seen) => {
      const offset = Number(seen.url.searchParams.get("offset"))
      const limit = Number(seen.url.searchParams.get("limit"))
      const all = range(total)
      const items = offset < all.length ? all.slice(offset, offset + limit) : all.slice(0, limit)
      const response = json(200, { items, total })
      if (offset === 3) total = 5 // two items are deleted after the second page was read
      return response
    })
    return Effect.gen(function*() {
      const client = yield* makeClient()
      assert.deepStrictEqual(yield* collect(listAll(client, 3)), [0, 1, 2, 3, 4, 5])
      assert.deepStrictEqual(fake.seen.map((s) => s.url.searchParams.get("offset")), ["0", "3", "6"])
    }).pipe(Effect.provide(fake.layer))
  })
})

describe("Paging.offsetItems with a key", () => {
  // Items 0..9 by 4; after the first page, two items (100, 101) are added at the front, so the
  // second page repeats the first page's last two items.
  const growing = (pageSize: number, key: ((item: number) => string) | undefined) => {
    let all = range(10)
    let pagesServed = 0
    const stream = Paging.offsetItems({
      start: 0,
      pageSize,
      key,
      fetch: (offset, count) =>
        Effect.sync(() => {
          const page = { items: all.slice(offset, offset + count), total: all.length }
          if (++pagesServed === 1) all = [100, 101, ...all]
          return page
        })
    })
    return stream
  }

  it.effect("without one, items added before the cursor come again", () =>
    Effect.gen(function*() {
      const items = yield* collect(growing(4, undefined))
      assert.deepStrictEqual(items, [0, 1, 2, 3, 2, 3, 4, 5, 6, 7, 8, 9])
    }))

  it.effect("with one, every item exactly once, in order", () =>
    Effect.gen(function*() {
      const items = yield* collect(growing(4, String))
      assert.deepStrictEqual(items, range(10))
    }))

  it.effect("a page of repeats only is no progress: InvalidResponse after the items before it", () =>
    Effect.gen(function*() {
      // Page size 2: two items are added in front after the first page, so the second page is
      // [0, 1] again, all repeats: from the client, that cannot be told from a server that repeats
      // pages, so the listing stops rather than risk running forever.
      const received: Array<number> = []
      const error = yield* growing(2, String).pipe(
        Stream.runForEach((n) => Effect.sync(() => received.push(n))),
        Effect.flip
      )
      assert.deepStrictEqual(received, [0, 1])
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.strictEqual(error.reason, "NoProgress")
      assert.match(error.message, /offset 2 brought nothing new/)
    }))

  it.effect("the keys are per run: running the stream twice streams everything twice", () =>
    Effect.gen(function*() {
      const stream = Paging.offsetItems({
        start: 0,
        pageSize: 3,
        key: String,
        fetch: (offset, count) => Effect.succeed({ items: range(5).slice(offset, offset + count), total: 5 })
      })
      assert.deepStrictEqual(yield* collect(Stream.concat(stream, stream)), [...range(5), ...range(5)])
    }))
})
