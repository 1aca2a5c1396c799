/**
 * `Paging.offsetItems`' callback: `count` is a `number` with a page size, `undefined` without one,
 * so a caller written for either keeps compiling. Every listing may end in `InvalidResponse` (no
 * progress) besides its pages' own errors.
 */
import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { InvalidResponse } from "../../src/core/Errors.js"
import * as Paging from "../../src/core/Paging.js"

declare const list: (offset: number, count: number) => Effect.Effect<Paging.OffsetPage<string>, "E">
declare const listDefault: (offset: number) => Effect.Effect<Paging.OffsetPage<string>, "E">
declare const runtimeSize: number | undefined

describe("Paging.offsetItems", () => {
  it("with a page size, fetch's count is a number", () => {
    const stream = Paging.offsetItems({
      start: 0,
      pageSize: 10,
      fetch: (offset: number, count: number) => list(offset, count)
    })
    expectTypeOf(stream).toEqualTypeOf<Stream.Stream<string, "E" | InvalidResponse>>()
    Paging.offsetItems({
      start: 0,
      pageSize: 10,
      fetch: (offset, count) => {
        expectTypeOf(count).toEqualTypeOf<number>()
        return list(offset, count)
      }
    })
    // An existing callback taking a number passes as it is.
    expectTypeOf(Paging.offsetItems({ start: 0, pageSize: 10, fetch: list })).toEqualTypeOf<
      Stream.Stream<string, "E" | InvalidResponse>
    >()
  })

  it("without a page size, fetch's count is undefined", () => {
    Paging.offsetItems({
      start: 1,
      fetch: (offset, count) => {
        expectTypeOf(count).toEqualTypeOf<undefined>()
        return listDefault(offset)
      }
    })
    // A callback that needs a number cannot be used without a page size.
    // @ts-expect-error count would be undefined
    Paging.offsetItems({ start: 1, fetch: list })
  })

  it("with a page size known at run time, count may be either", () => {
    Paging.offsetItems({
      start: 1,
      pageSize: runtimeSize,
      fetch: (offset, count) => {
        expectTypeOf(count).toEqualTypeOf<number | undefined>()
        return listDefault(offset)
      }
    })
  })

  it("key takes an item", () => {
    Paging.offsetItems({
      start: 0,
      pageSize: 10,
      key: (item) => {
        expectTypeOf(item).toEqualTypeOf<string>()
        return item
      },
      fetch: list
    })
  })
})

describe("paging kinds", () => {
  it("a kind with a page size, spread into offsetItems: fetch's count is a number", () => {
    const kind = Paging.limitOffset({ pageSize: 100, maxPageSize: 250 })
    expectTypeOf(kind).toEqualTypeOf<Paging.SizedOffsetKind<unknown>>()
    const stream = Paging.offsetItems({
      ...kind,
      fetch: (offset, count) => {
        expectTypeOf(count).toEqualTypeOf<number>()
        return list(offset, count)
      }
    })
    expectTypeOf(stream).toEqualTypeOf<Stream.Stream<string, "E" | InvalidResponse>>()
    expectTypeOf(Paging.offsetItems({ ...Paging.limitSkip({ pageSize: 5 }), fetch: list })).toEqualTypeOf<
      Stream.Stream<string, "E" | InvalidResponse>
    >()
  })

  it("a kind whose page size is known at run time, or absent: count may be undefined", () => {
    const kind = Paging.startIndexCount({ pageSize: runtimeSize })
    expectTypeOf(kind).toEqualTypeOf<Paging.OffsetKind<unknown>>()
    Paging.offsetItems({
      ...kind,
      fetch: (offset, count) => {
        expectTypeOf(count).toEqualTypeOf<number | undefined>()
        return listDefault(offset)
      }
    })
    // @ts-expect-error count may be undefined
    Paging.offsetItems({ ...Paging.limitOffset(), fetch: list })
  })

  it("a kind's key and filter take the listing's items", () => {
    const kind = Paging.limitSkip<string>({ key: (item) => item, filter: (item) => item.length > 0 })
    expectTypeOf(Paging.offsetItems({ ...kind, fetch: (offset) => listDefault(offset) })).toEqualTypeOf<
      Stream.Stream<string, "E" | InvalidResponse>
    >()
    const numbers = Paging.limitSkip<number>({ filter: (n) => n > 0 })
    // @ts-expect-error a kind for numbers cannot filter a listing of strings
    Paging.offsetItems({ ...numbers, fetch: (offset) => listDefault(offset) })
  })

  it("filter and pageRequest in options are typed from fetch", () => {
    Paging.offsetItems({
      start: 0,
      pageSize: 10,
      fetch: list,
      filter: (item) => {
        expectTypeOf(item).toEqualTypeOf<string>()
        return true
      },
      pageRequest: (offset, count) => ({ method: "GET", url: `/x?offset=${offset}&limit=${count}` })
    })
  })
})

declare const tokenPage: (token: string) => Effect.Effect<Paging.Page<number, string>, "E", "R">

describe("cursor paging", () => {
  it("items and pages may end in InvalidResponse besides the pages' own errors", () => {
    expectTypeOf(Paging.items("start", tokenPage)).toEqualTypeOf<Stream.Stream<number, "E" | InvalidResponse, "R">>()
    expectTypeOf(Paging.pages("start", tokenPage, { prefetch: true, maxEmptyPages: 10 })).toEqualTypeOf<
      Stream.Stream<Paging.Page<number, string>, "E" | InvalidResponse, "R">
    >()
    Paging.items("start", tokenPage, {
      key: (n) => {
        expectTypeOf(n).toEqualTypeOf<number>()
        return String(n)
      },
      pageRequest: (cursor) => {
        expectTypeOf(cursor).toEqualTypeOf<string>()
        return undefined
      }
    })
  })
})
