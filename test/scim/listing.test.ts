/**
 * The group stream against scripted servers, one for each paging behaviour RFC 7644 allows.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import type { ListOptions } from "../../src/scim/index.js"
import { Scim, ScimGroups } from "../../src/scim/index.js"
import type { Reply, Seen } from "../helpers/fakeHttp.js"
import { fakeHttp, json, text } from "../helpers/fakeHttp.js"
import { collect } from "../helpers/scim.js"

const group = (i: number) => ({ id: `g${i}`, displayName: `Group ${i}` })

interface Behaviour {
  readonly total: number
  /** The server's page size when no count is asked. */
  readonly defaultCount?: number
  /** The most the server returns per page, whatever was asked. */
  readonly cap?: number
  /** itemsPerPage echoes count (SCIMMY) instead of the number returned. */
  readonly echoCount?: boolean
  /** Leave Resources out of an empty page. */
  readonly omitEmptyResources?: boolean
  /** totalResults as reported on the n-th request (0-based), when it differs. */
  readonly reportedTotal?: (request: number, total: number) => number
}

const listResponse = (resources: ReadonlyArray<unknown>, fields: Record<string, unknown>) =>
  json(200, {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
    ...fields,
    ...(resources.length === 0 && fields.omit === true ? {} : { Resources: resources })
  }, { "content-type": "application/scim+json" })

const server = (behaviour: Behaviour, override?: (seen: Seen, index: number) => Reply | undefined) =>
  fakeHttp((seen, index) => {
    const overridden = override?.(seen, index)
    if (overridden !== undefined) return overridden
    const startIndex = Number(seen.url.searchParams.get("startIndex") ?? "1")
    const asked = seen.url.searchParams.get("count")
    const count = Math.min(asked === null ? behaviour.defaultCount ?? 100 : Number(asked), behaviour.cap ?? Infinity)
    const all = Array.from({ length: behaviour.total }, (_, i) => group(i))
    const resources = all.slice(startIndex - 1, startIndex - 1 + count)
    return listResponse(resources, {
      totalResults: behaviour.reportedTotal?.(index, behaviour.total) ?? behaviour.total,
      startIndex,
      itemsPerPage: behaviour.echoCount === true ? count : resources.length,
      ...(behaviour.omitEmptyResources === true ? { omit: true } : {})
    })
  })

const listIds = (fake: ReturnType<typeof fakeHttp>, options: ListOptions = {}) =>
  Effect.flatMap(ScimGroups, (groups) => collect(groups.list(options))).pipe(
    Effect.map((groups) => groups.map((g) => g.id)),
    Effect.provide(
      Scim.layer({ url: "http://scim.test/v2", retry: { jitter: false, baseDelay: "100 millis" } }).pipe(
        Layer.provide(fake.layer)
      )
    )
  )

const ids = (n: number) => Array.from({ length: n }, (_, i) => `g${i}`)
const startIndexes = (fake: ReturnType<typeof fakeHttp>) => fake.seen.map((s) => s.url.searchParams.get("startIndex"))

describe("ScimGroups.list paging", () => {
  it.effect("short pages: the server returns fewer than asked; startIndex advances by what came", () => {
    const fake = server({ total: 10, cap: 4 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake, { pageSize: 6 }), ids(10))
      assert.deepStrictEqual(startIndexes(fake), ["1", "5", "9"])
    })
  })

  it.effect("itemsPerPage echoing count is ignored", () => {
    const fake = server({ total: 7, cap: 2, echoCount: true })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake, { pageSize: 5 }), ids(7))
      assert.deepStrictEqual(startIndexes(fake), ["1", "3", "5", "7"])
    })
  })

  it.effect("the server's default page size (ODM 100) when no pageSize is given", () => {
    const fake = server({ total: 250, defaultCount: 100 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake), ids(250))
      assert.deepStrictEqual(startIndexes(fake), ["1", "101", "201"])
      assert.isTrue(fake.seen.every((s) => !s.url.searchParams.has("count")))
    })
  })

  it.effect("the server's default page size (SCIMMY 20)", () => {
    const fake = server({ total: 41, defaultCount: 20 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake), ids(41))
      assert.deepStrictEqual(startIndexes(fake), ["1", "21", "41"])
    })
  })

  it.effect("totalResults growing between pages: the stream follows the latest total", () => {
    const fake = server({ total: 9, reportedTotal: (request) => request === 0 ? 5 : 9 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake, { pageSize: 3 }), ids(9))
    })
  })

  it.effect("totalResults shrinking between pages: what came is kept, and the stream ends once past the new total", () => {
    const fake = server({ total: 9, reportedTotal: (request, total) => request === 0 ? total : 4 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake, { pageSize: 3 }), ids(6))
      assert.deepStrictEqual(startIndexes(fake), ["1", "4"])
    })
  })

  it.effect("an empty Resources before totalResults is reached ends the stream (no endless loop)", () => {
    const fake = server({ total: 4, reportedTotal: () => 10 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake, { pageSize: 2 }), ids(4))
      assert.deepStrictEqual(startIndexes(fake), ["1", "3", "5"])
    })
  })

  it.effect("a missing Resources on an empty result is an empty listing", () => {
    const fake = server({ total: 0, omitEmptyResources: true })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake, { pageSize: 2 }), [])
      assert.strictEqual(fake.seen.length, 1)
    })
  })

  it.effect("Resources: null reads as none", () => {
    const fake = fakeHttp(() => json(200, { totalResults: 0, Resources: null }))
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake), [])
    })
  })

  it.effect("a group inserted at the front after the first page is not streamed twice", () => {
    // After page 1, "g100" sorts first: page 2 starts one place earlier in the new order and
    // repeats the last group of page 1.
    let all = Array.from({ length: 7 }, (_, i) => group(i))
    const fake = fakeHttp((seen, index) => {
      const startIndex = Number(seen.url.searchParams.get("startIndex"))
      const count = Number(seen.url.searchParams.get("count"))
      const resources = all.slice(startIndex - 1, startIndex - 1 + count)
      const response = listResponse(resources, { totalResults: all.length, startIndex, itemsPerPage: resources.length })
      if (index === 0) all = [group(100), ...all]
      return response
    })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake, { pageSize: 3 }), ids(7))
      assert.deepStrictEqual(startIndexes(fake), ["1", "4", "7"])
    })
  })

  it.effect("a server that ignores startIndex is InvalidResponse, not a listing of duplicates", () => {
    const fake = fakeHttp(() => json(200, { totalResults: 5, startIndex: 1, Resources: [group(0), group(1)] }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(listIds(fake, { pageSize: 2 }))
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.match(error.message, /startIndex 3/)
      assert.strictEqual(error.url, "http://scim.test/v2/Groups?startIndex=3&count=2")
      assert.strictEqual(fake.seen.length, 2)
    })
  })

  it.effect("a server that rounds startIndex down to its own page boundary repeats groups: InvalidResponse", () => {
    // Pages start only at 1, 5, 9: a page asked at 4 starts at 1.
    const fake = fakeHttp((seen) => {
      const asked = Number(seen.url.searchParams.get("startIndex"))
      const count = Number(seen.url.searchParams.get("count"))
      const startIndex = Math.floor((asked - 1) / 4) * 4 + 1
      const resources = Array.from({ length: 10 }, (_, i) => group(i)).slice(startIndex - 1, startIndex - 1 + count)
      return listResponse(resources, { totalResults: 10, startIndex, itemsPerPage: resources.length })
    })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(listIds(fake, { pageSize: 3 }))
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.match(error.message, /startIndex 4, received the one at 1/)
      assert.strictEqual(error.url, "http://scim.test/v2/Groups?startIndex=4&count=3")
    })
  })

  it.effect("startIndex 0 reported on the first page only is not a repeat", () => {
    const fake = server({ total: 7 }, (_seen, index) => {
      if (index !== 0) return undefined
      return listResponse([group(0), group(1), group(2)], { totalResults: 7, startIndex: 0, itemsPerPage: 3 })
    })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake, { pageSize: 3 }), ids(7))
      assert.deepStrictEqual(startIndexes(fake), ["1", "4", "7"])
    })
  })

  it.effect("a server reporting 0-based startIndexes throughout is followed", () => {
    const fake = fakeHttp((seen) => {
      const startIndex = Number(seen.url.searchParams.get("startIndex"))
      const resources = Array.from({ length: 8 }, (_, i) => group(i)).slice(startIndex - 1, startIndex + 2)
      return listResponse(resources, { totalResults: 8, startIndex: startIndex - 1, itemsPerPage: resources.length })
    })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake, { pageSize: 3 }), ids(8))
      assert.deepStrictEqual(startIndexes(fake), ["1", "4", "7"])
    })
  })

  it.effect("a failing page is retried alone; the stream does not restart", () => {
    let failed = false
    const fake = server({ total: 9 }, (seen) => {
      if (seen.url.searchParams.get("startIndex") === "4" && !failed) {
        failed = true
        return json(503, { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "503", detail: "busy" })
      }
      return undefined
    })
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(listIds(fake, { pageSize: 3 }))
      yield* TestClock.adjust("1 second")
      assert.deepStrictEqual(yield* Fiber.join(fiber), ids(9))
      assert.deepStrictEqual(startIndexes(fake), ["1", "4", "4", "7"])
    })
  })

  for (const itemsPerPage of [undefined, 0, -1, 1.5, "ten", null, { n: 2 }]) {
    it.effect(`itemsPerPage ${JSON.stringify(itemsPerPage) ?? "left out"} is no reason to refuse a page`, () => {
      const fake = fakeHttp((seen) => {
        const startIndex = Number(seen.url.searchParams.get("startIndex"))
        const resources = Array.from({ length: 5 }, (_, i) => group(i)).slice(startIndex - 1, startIndex + 1)
        return listResponse(resources, {
          totalResults: 5,
          startIndex,
          ...(itemsPerPage === undefined ? {} : { itemsPerPage })
        })
      })
      return Effect.gen(function*() {
        assert.deepStrictEqual(yield* listIds(fake, { pageSize: 2 }), ids(5))
        assert.deepStrictEqual(startIndexes(fake), ["1", "3", "5"])
      })
    })
  }

  it.effect("itemsPerPage 1e400 (Infinity once parsed) reads as absent", () => {
    const body = `{"totalResults":1,"startIndex":1,"itemsPerPage":1e400,"Resources":[${JSON.stringify(group(0))}]}`
    const fake = fakeHttp(() => text(200, body, { "content-type": "application/scim+json" }))
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake), ["g0"])
      const page = yield* Effect.flatMap(ScimGroups, (groups) => groups.listPage()).pipe(
        Effect.provide(Scim.layer({ url: "http://scim.test/v2" }).pipe(Layer.provide(fake.layer)))
      )
      assert.isUndefined(page.itemsPerPage)
    })
  })

  for (const [field, value] of [["totalResults", -1], ["totalResults", 2.5], ["startIndex", -3]] as const) {
    it.effect(`${field} ${value} is still InvalidResponse`, () => {
      const fake = fakeHttp(() => json(200, { totalResults: 2, startIndex: 1, [field]: value, Resources: [group(0)] }))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(listIds(fake))
        assert.strictEqual(error._tag, "InvalidResponse")
        assert.strictEqual(error._tag === "InvalidResponse" ? error.reason : undefined, "SchemaMismatch")
      })
    })
  }

  it.effect("a server answering the same page again (startIndex echoed, the total ahead) ends at the second page", () => {
    const fake = fakeHttp((seen) => {
      const startIndex = Number(seen.url.searchParams.get("startIndex"))
      return listResponse([group(0), group(1)], { totalResults: startIndex + 100, startIndex, itemsPerPage: 2 })
    })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(listIds(fake, { pageSize: 2 }))
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.strictEqual(error._tag === "InvalidResponse" ? error.reason : undefined, "NoProgress")
      assert.strictEqual(error.url, "http://scim.test/v2/Groups?startIndex=3&count=2")
      assert.strictEqual(error.method, "GET")
      assert.match(error.message, /startIndex 3 brought nothing new/)
      assert.strictEqual(fake.seen.length, 2)
    })
  })

  it.effect("a server looping between two pages ends at the third", () => {
    const fake = fakeHttp((seen, index) => {
      const startIndex = Number(seen.url.searchParams.get("startIndex"))
      const resources = index % 2 === 0 ? [group(0), group(1)] : [group(2), group(3)]
      return listResponse(resources, { totalResults: 1000, startIndex, itemsPerPage: 2 })
    })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(listIds(fake, { pageSize: 2 }))
      assert.strictEqual(error._tag === "InvalidResponse" ? error.reason : undefined, "NoProgress")
      assert.strictEqual(error.url, "http://scim.test/v2/Groups?startIndex=5&count=2")
      assert.strictEqual(fake.seen.length, 3)
    })
  })

  it.effect("prefetch: the same groups, each once, from the same requests", () => {
    const fake = server({ total: 23, cap: 5 })
    return Effect.gen(function*() {
      assert.deepStrictEqual(yield* listIds(fake, { pageSize: 5, prefetch: true }), ids(23))
      assert.deepStrictEqual(startIndexes(fake), ["1", "6", "11", "16", "21"])
    })
  })

  it.effect("a malformed page is InvalidResponse", () => {
    const fake = fakeHttp(() => json(200, { totalResults: "many", Resources: [] }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(listIds(fake))
      assert.strictEqual(error._tag, "InvalidResponse")
    })
  })

  it.effect("pageSize below 1 is refused before anything is sent", () => {
    const fake = server({ total: 3 })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(listIds(fake, { pageSize: 0 }))
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.strictEqual(fake.seen.length, 0)
    })
  })

  it.effect("the filter, attributes and sorting are sent URL-encoded on every page", () => {
    const fake = server({ total: 3 })
    return Effect.gen(function*() {
      yield* listIds(fake, {
        pageSize: 2,
        filter: "displayName eq \"a&b=c\"",
        attributes: ["displayName", "members"],
        sortBy: "displayName",
        sortOrder: "descending"
      })
      assert.strictEqual(fake.seen.length, 2)
      for (const seen of fake.seen) {
        assert.strictEqual(seen.url.searchParams.get("filter"), "displayName eq \"a&b=c\"")
        assert.strictEqual(seen.url.searchParams.get("attributes"), "displayName,members")
        assert.strictEqual(seen.url.searchParams.get("sortOrder"), "descending")
        assert.notInclude(seen.url.search, "\"")
      }
    })
  })
})
