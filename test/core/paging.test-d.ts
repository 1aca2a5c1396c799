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
