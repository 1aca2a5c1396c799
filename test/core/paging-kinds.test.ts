/**
 * Paging kinds on the one exactly-once core: SCIM's startIndex/count with a total, Agave's
 * limit/offset without one (ending at an empty page, or at a short page once the server's cap is
 * known), Abaco's limit/skip, and an item filter applied after the cursor has moved (Agave's "."
 * entry). Each against a scripted server over the SDK's pipeline.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { ApiClient } from "../../src/core/ApiClient.js"
import * as Paging from "../../src/core/Paging.js"
import { makeClient } from "../helpers/client.js"
import type { Fake } from "../helpers/fakeHttp.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"

const File = Schema.Struct({ name: Schema.String, path: Schema.String })
type File = typeof File.Type
const Listing = Schema.Struct({ result: Schema.Array(File), total: Schema.optional(Schema.Number) })

interface Server {
  /** The listing as the server holds it, in order. */
  readonly entries: ReadonlyArray<File>
  readonly kind: Paging.OffsetKind<File>
  /** The most the server returns per page, whatever was asked. */
  readonly cap?: number
  /** The page size when none is asked. */
  readonly defaultLimit?: number
  readonly reportTotal?: boolean
}

const file = (i: number): File => ({ name: `f${i}`, path: `/data/f${i}` })
const dot: File = { name: ".", path: "/data" }
const files = (n: number) => Array.from({ length: n }, (_, i) => file(i))

// A listing endpoint paged the way `kind` says: GET /files?<offsetParam>=&<limitParam>=.
const pagedServer = (server: Server): Fake =>
  fakeHttp((seen) => {
    const offset = Number(seen.url.searchParams.get(server.kind.offsetParam) ?? server.kind.start) - server.kind.start
    const asked = seen.url.searchParams.get(server.kind.limitParam)
    const limit = Math.min(asked === null ? server.defaultLimit ?? 100 : Number(asked), server.cap ?? Infinity)
    const result = server.entries.slice(offset, offset + limit)
    return json(200, server.reportTotal === true ? { result, total: server.entries.length } : { result })
  })

const list = (client: ApiClient, kind: Paging.OffsetKind<File>) =>
  Paging.offsetItems({
    ...kind,
    pageRequest: (offset, count) => ({ method: "GET", url: `/files?${kind.offsetParam}=${offset}&limit=${count}` }),
    fetch: (offset, count) =>
      Effect.map(
        client.execute({
          method: "GET",
          path: ["files"],
          query: Paging.query(kind, offset, count),
          success: Listing,
          errors: []
        }),
        (page) => ({ items: page.result, total: page.total })
      )
  })

const run = (fake: Fake, kind: Paging.OffsetKind<File>) =>
  Effect.gen(function*() {
    const client = yield* makeClient()
    const received = yield* Stream.runCollect(Stream.take(list(client, kind), 100_000))
    return Chunk.toReadonlyArray(received)
  }).pipe(Effect.provide(fake.layer))

const asked = (fake: Fake, param: string) => fake.seen.map((s) => s.url.searchParams.get(param))

describe("limit/offset without a total (Agave)", () => {
  it.effect("without a known cap, a short page is not trusted: the listing ends at the empty page", () => {
    const kind = Paging.limitOffset<File>({ pageSize: 10 })
    const fake = pagedServer({ entries: files(25), kind })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), files(25))
      assert.deepStrictEqual(asked(fake, "offset"), ["0", "10", "20", "25"])
    })
  })

  it.effect("a server capping below the page size silently loses nothing when its cap is not declared", () => {
    const kind = Paging.limitOffset<File>({ pageSize: 1000 })
    const fake = pagedServer({ entries: files(600), kind, cap: 250 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), files(600))
      assert.deepStrictEqual(asked(fake, "offset"), ["0", "250", "500", "600"])
    })
  })

  it.effect("with the cap declared, no more than it is asked, and a page shorter than asked is the last", () => {
    const kind = Paging.limitOffset<File>({ pageSize: 1000, maxPageSize: 250 })
    const fake = pagedServer({ entries: files(600), kind, cap: 250 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), files(600))
      assert.deepStrictEqual(asked(fake, "offset"), ["0", "250", "500"])
      assert.deepStrictEqual(asked(fake, "limit"), ["250", "250", "250"])
    })
  })

  it.effect("with the cap declared, a listing of an exact multiple of pages ends at the empty page", () => {
    const kind = Paging.limitOffset<File>({ pageSize: 10, maxPageSize: 10 })
    const fake = pagedServer({ entries: files(20), kind })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), files(20))
      assert.deepStrictEqual(asked(fake, "offset"), ["0", "10", "20"])
    })
  })

  it.effect("a cap declared above the server's real one cuts the listing short: declare only a known cap", () => {
    // The documented trade-off of maxPageSize: the deployment caps at 100, not at the declared 250.
    const kind = Paging.limitOffset<File>({ pageSize: 250, maxPageSize: 250 })
    const fake = pagedServer({ entries: files(300), kind, cap: 100 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), files(100))
      assert.strictEqual(fake.seen.length, 1)
    })
  })

  it.effect("without a page size the server's default applies, and only an empty page ends the listing", () => {
    const kind = Paging.limitOffset<File>({ maxPageSize: 250 })
    const fake = pagedServer({ entries: files(150), kind, defaultLimit: 100 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), files(150))
      assert.deepStrictEqual(asked(fake, "offset"), ["0", "100", "150"])
      assert.isTrue(fake.seen.every((s) => !s.url.searchParams.has("limit")))
    })
  })

  it.effect("a total, when the server reports one, ends the listing without an extra page", () => {
    const kind = Paging.limitOffset<File>({ pageSize: 10 })
    const fake = pagedServer({ entries: files(20), kind, reportTotal: true })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), files(20))
      assert.deepStrictEqual(asked(fake, "offset"), ["0", "10"])
    })
  })
})

describe("a filter applied after the cursor has moved (Agave's '.' entry)", () => {
  const notDot = (f: File) => f.name !== "."

  it.effect("the directory's own entry is dropped and still counts for the offsets", () => {
    const kind = Paging.limitOffset<File>({ pageSize: 10, maxPageSize: 10, key: (f) => f.path, filter: notDot })
    const fake = pagedServer({ entries: [dot, ...files(24)], kind })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), files(24))
      assert.deepStrictEqual(asked(fake, "offset"), ["0", "10", "20"])
    })
  })

  it.effect("an empty directory: only '.', nothing streamed, no error", () => {
    const kind = Paging.limitOffset<File>({ pageSize: 10, key: (f) => f.path, filter: notDot })
    const fake = pagedServer({ entries: [dot], kind })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), [])
      assert.deepStrictEqual(asked(fake, "offset"), ["0", "1"])
    })
  })

  it.effect("a page whose items are all filtered out does not end the listing", () => {
    const odd = (f: File) => Number(f.name.slice(1)) % 2 === 1
    const kind = Paging.limitOffset<File>({ pageSize: 1, filter: odd })
    const fake = pagedServer({ entries: files(6), kind })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), [file(1), file(3), file(5)])
      assert.deepStrictEqual(asked(fake, "offset"), ["0", "1", "2", "3", "4", "5", "6"])
    })
  })

  it.effect("a server repeating the page holding '.': no progress, whatever the filter hides", () => {
    const kind = Paging.limitOffset<File>({ pageSize: 3, key: (f) => f.path, filter: notDot })
    const fake = fakeHttp(() => json(200, { result: [dot, file(0), file(1)] }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(Stream.runDrain(list(client, kind)))
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.strictEqual(error._tag === "InvalidResponse" ? error.reason : undefined, "NoProgress")
      assert.strictEqual(error.url, "/files?offset=3&limit=3")
      assert.strictEqual(fake.seen.length, 2)
    }).pipe(Effect.provide(fake.layer))
  })
})

describe("limit/skip (Abaco) and startIndex/count (SCIM)", () => {
  it.effect("limit/skip pages by skip, from 0", () => {
    const kind = Paging.limitSkip<File>({ pageSize: 4 })
    const fake = pagedServer({ entries: files(10), kind })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), files(10))
      assert.deepStrictEqual(asked(fake, "skip"), ["0", "4", "8", "10"])
      assert.isTrue(
        fake.seen.every((s) => s.url.searchParams.get("limit") === "4" && !s.url.searchParams.has("offset"))
      )
    })
  })

  it.effect("startIndex/count pages from 1 and ends at the reported total", () => {
    const kind = Paging.startIndexCount<File>({ pageSize: 4 })
    const fake = pagedServer({ entries: files(10), kind, reportTotal: true })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* run(fake, kind), files(10))
      assert.deepStrictEqual(asked(fake, "startIndex"), ["1", "5", "9"])
      assert.deepStrictEqual(asked(fake, "count"), ["4", "4", "4"])
    })
  })
})

describe("kinds are data", () => {
  it("a kind without functions survives JSON, and a hand-written object is a kind", () => {
    const kind = Paging.limitOffset({ pageSize: 100, maxPageSize: 250, prefetch: true })
    assert.deepStrictEqual(JSON.parse(JSON.stringify(kind)), kind)
    assert.deepStrictEqual(kind, {
      _tag: "Offset",
      offsetParam: "offset",
      limitParam: "limit",
      start: 0,
      pageSize: 100,
      maxPageSize: 250,
      prefetch: true
    })
    const abaco: Paging.OffsetKind = { _tag: "Offset", offsetParam: "skip", limitParam: "limit", start: 0 }
    assert.deepStrictEqual(abaco, Paging.limitSkip())
  })

  it("query puts the position and size under the kind's names, leaving out a size not asked", () => {
    assert.deepStrictEqual(Paging.query(Paging.startIndexCount(), 1, 50), { startIndex: 1, count: 50 })
    assert.deepStrictEqual(Paging.query(Paging.limitSkip(), 40, undefined), { skip: 40, limit: undefined })
  })

  it("a kind cannot be made to lie about its parameter names", () => {
    // Options come first and the kind's own fields last.
    const kind = Paging.limitOffset({ offsetParam: "skip" } as never)
    assert.strictEqual(kind.offsetParam, "offset")
  })
})
