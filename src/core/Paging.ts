/**
 * Listings as streams over pages. The helpers do not retry: each page is fetched by an SDK call,
 * which carries the retry policy, so a failing page is retried alone and the stream never restarts
 * from the beginning.
 *
 * Every listing makes progress or stops: a page after which the listing would go on but that brings
 * nothing new — only items already streamed (with a `key`), the same items as one of the two pages
 * before it (without one), a cursor already followed, one empty page too many — ends the stream with
 * `InvalidResponse` (`reason: "NoProgress"`, naming the page's URL when `pageRequest` gives it),
 * whatever total the server claims.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Chunk, Effect, Stream } from "effect"
 * import { Paging } from "effect-research-sdk"
 *
 * // Pages of SCIM's kind: 1-based `startIndex`, a `count`, and a total the server reports.
 * const users = Array.from({ length: 7 }, (_, i) => `user-${i + 1}`)
 * const page = (startIndex: number, count: number) =>
 *   Effect.succeed({ items: users.slice(startIndex - 1, startIndex - 1 + count), total: users.length })
 *
 * const all = Paging.offsetItems({ start: 1, pageSize: 3, fetch: page }) // three pages, asked one by one
 * assert.deepStrictEqual(Chunk.toReadonlyArray(Effect.runSync(Stream.runCollect(all))), users)
 * ```
 */
import type * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Stream from "effect/Stream"
import type { InvalidResponse } from "./Errors.js"
import { drive } from "./PageLoop.js"
import type { CursorRules, OffsetPage, OffsetRules, Page } from "./PageSteps.js"
import { cursorStepper, offsetStepper } from "./PageSteps.js"

export {
  /**
   * The request a page was fetched with (`PageRequest`), for naming it in a `NoProgress` error.
   *
   * @since 0.1.0
   */
  getRequest
} from "./PageProgress.js"
export type {
  /**
   * What an item listing takes besides its pages: `key`, `filter`, `remember`.
   *
   * @since 0.1.0
   */
  ItemOptions,
  /**
   * How a page names the request it was fetched with.
   *
   * @since 0.1.0
   */
  PageRequest
} from "./PageProgress.js"
export type {
  /**
   * The rules of a cursor-paged listing.
   *
   * @since 0.1.0
   */
  CursorRules,
  /**
   * One page of an offset-paged listing.
   *
   * @since 0.1.0
   */
  OffsetPage,
  /**
   * The rules of an offset-paged listing.
   *
   * @since 0.1.0
   */
  OffsetRules,
  /**
   * One page of a listing, with the cursor of the next page if there is one.
   *
   * @since 0.1.0
   */
  Page
} from "./PageSteps.js"
/**
 * Paging kinds as data: SCIM's `startIndex`/`count`, `limit`/`offset`, `limit`/`skip`.
 *
 * @since 0.1.0
 */
export * from "./PagingKind.js"

/**
 * What a cursor-paged listing takes besides its first cursor and `fetch`.
 *
 * @since 0.1.0
 * @category models
 */
export interface CursorOptions<A, Cursor> extends CursorRules<A, Cursor> {
  /** Request the next page while the current one is consumed, at most one page ahead. */
  readonly prefetch?: boolean | undefined
}

/**
 * A stream of pages, starting at `initial` and following `next` until it is empty. With `key` or
 * `filter`, each page holds only the items to stream.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Chunk, Effect, Option, Stream } from "effect"
 * import { Paging } from "effect-research-sdk"
 * // A cursor-paged API: each answer names the next page's token, the last one none.
 * const fetchPage = (token: string | undefined) =>
 *   Effect.succeed(token === undefined ? { items: [1, 2], nextToken: "p2" } : { items: [3], nextToken: undefined })
 * const pages = Paging.pages(undefined as string | undefined, (token) =>
 *   Effect.map(fetchPage(token), (r) => ({ items: r.items, next: Option.fromNullable(r.nextToken) })))
 * const items = Effect.runSync(Stream.runCollect(pages)).pipe(Chunk.flatMap((page) => Chunk.fromIterable(page.items)))
 * assert.deepStrictEqual(Chunk.toReadonlyArray(items), [1, 2, 3])
 * ```
 */
export const pages = <Cursor, A, E, R>(
  initial: Cursor,
  fetch: (cursor: Cursor) => Effect.Effect<Page<A, Cursor>, E, R>,
  options: CursorOptions<A, Cursor> = {}
): Stream.Stream<Page<A, Cursor>, E | InvalidResponse, R> =>
  drive(initial, fetch, () => cursorStepper(initial, options), options.prefetch === true)

/**
 * A stream of the items of every page, in order.
 *
 * @since 0.1.0
 * @category constructors
 */
export const items = <Cursor, A, E, R>(
  initial: Cursor,
  fetch: (cursor: Cursor) => Effect.Effect<Page<A, Cursor>, E, R>,
  options: CursorOptions<A, Cursor> = {}
): Stream.Stream<A, E | InvalidResponse, R> =>
  drive(initial, fetch, () => {
    const step = cursorStepper(initial, options)
    return (cursor, page) => Either.map(step(cursor, page), (decided) => ({ ...decided, emit: decided.emit[0]!.items }))
  }, options.prefetch === true)

/**
 * What every form of {@link offsetItems} takes. A paging kind (`Paging.limitOffset(…)`, …) spread
 * into the options sets `start`, `pageSize`, `maxPageSize`, the item options and `prefetch`.
 *
 * @since 0.1.0
 * @category models
 */
export interface OffsetOptionsBase<A> extends OffsetRules<A> {
  /** Request the next page while the current one is consumed, at most one page ahead. */
  readonly prefetch?: boolean | undefined
}

/**
 * Options of {@link offsetItems} with a page size: `fetch` is asked for `pageSize` items (no more
 * than `maxPageSize`).
 *
 * @since 0.1.0
 * @category models
 */
export interface SizedOffsetOptions<A, E, R> extends OffsetOptionsBase<A> {
  /** How many items to ask for per page; servers may return fewer. */
  readonly pageSize: number
  readonly fetch: (offset: number, count: number) => Effect.Effect<OffsetPage<A>, E, R>
}

/**
 * Options of {@link offsetItems} without a page size: `fetch` gets `undefined` and the server's
 * own page size applies (pages are followed all the same).
 *
 * @since 0.1.0
 * @category models
 */
export interface UnsizedOffsetOptions<A, E, R> extends OffsetOptionsBase<A> {
  readonly pageSize?: undefined
  readonly fetch: (offset: number, count: undefined) => Effect.Effect<OffsetPage<A>, E, R>
}

/**
 * Options of {@link offsetItems} whose page size is known only at run time.
 *
 * @since 0.1.0
 * @category models
 */
export interface OffsetOptions<A, E, R> extends OffsetOptionsBase<A> {
  readonly pageSize?: number | undefined
  readonly fetch: (offset: number, count: number | undefined) => Effect.Effect<OffsetPage<A>, E, R>
}

/**
 * The items of an offset-paged listing, each exactly once, for every behaviour the common specs
 * allow: the next offset advances by the number of items actually returned (never by the page
 * size, so short pages lose nothing); the listing ends at an empty page, once the reported total
 * is reached, or at a page shorter than asked when `maxPageSize` (the server's cap) is known; a
 * total that changes between pages is re-read on every page, and a page that starts beyond it ends
 * the listing without its items. With `key`, items the server repeats because others were added
 * before the cursor are streamed once. A page that brings nothing new ends the stream with
 * `InvalidResponse` (see the module's description).
 *
 * `fetch`'s `count` is a `number` when `pageSize` is one, `undefined` when there is none.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Chunk, Effect, Stream } from "effect"
 * import { Paging } from "effect-research-sdk"
 * // An offset-paged API of 250 items that answers at most 100 per page.
 * const list = (offset: number, limit: number) =>
 *   Effect.succeed({
 *     items: Array.from({ length: Math.max(0, Math.min(limit, 100, 250 - offset)) }, (_, i) => ({ id: `${offset + i}` })),
 *     total: 250
 *   })
 * const all = Paging.offsetItems({ start: 0, pageSize: 100, key: (item) => item.id, fetch: list })
 * assert.strictEqual(Chunk.size(Effect.runSync(Stream.runCollect(all))), 250)
 * // The same listing described by its kind, one page fetched ahead:
 * const kind = Paging.limitOffset({ pageSize: 100, prefetch: true })
 * const again = Paging.offsetItems({ ...kind, key: (item) => item.id, fetch: list })
 * assert.strictEqual(Chunk.size(Effect.runSync(Stream.runCollect(again))), 250)
 * ```
 */
export const offsetItems: {
  <A, E, R>(options: SizedOffsetOptions<A, E, R>): Stream.Stream<A, E | InvalidResponse, R>
  <A, E, R>(options: UnsizedOffsetOptions<A, E, R>): Stream.Stream<A, E | InvalidResponse, R>
  <A, E, R>(options: OffsetOptions<A, E, R>): Stream.Stream<A, E | InvalidResponse, R>
} = <A, E, R>(
  options: SizedOffsetOptions<A, E, R> | UnsizedOffsetOptions<A, E, R> | OffsetOptions<A, E, R>
): Stream.Stream<A, E | InvalidResponse, R> => {
  // Sound: `count` is derived from `options.pageSize`, whose type each form ties to its `fetch`.
  const fetch = options.fetch as OffsetOptions<A, E, R>["fetch"]
  // Asking for more than the server gives would make every full page look short.
  const count = options.pageSize === undefined || options.maxPageSize === undefined
    ? options.pageSize
    : Math.min(options.pageSize, options.maxPageSize)
  return drive(
    { offset: options.start, count },
    (cursor) => fetch(cursor.offset, cursor.count),
    () => offsetStepper(options),
    options.prefetch === true
  )
}
