/**
 * Listings as streams over pages. The helpers do not retry: each page is fetched by an SDK call,
 * which carries the retry policy, so a failing page is retried alone and the stream never restarts
 * from the beginning.
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
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/**
 * One page of a listing, with the cursor of the next page if there is one.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page<A, Cursor> {
  readonly items: ReadonlyArray<A>
  readonly next: Option.Option<Cursor>
}

/**
 * A stream of pages, starting at `initial` and following `next` until it is empty.
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
  fetch: (cursor: Cursor) => Effect.Effect<Page<A, Cursor>, E, R>
): Stream.Stream<Page<A, Cursor>, E, R> =>
  Stream.paginateEffect(initial, (cursor) => Effect.map(fetch(cursor), (page) => [page, page.next] as const))

/**
 * A stream of the items of every page, in order.
 *
 * @since 0.1.0
 * @category constructors
 */
export const items = <Cursor, A, E, R>(
  initial: Cursor,
  fetch: (cursor: Cursor) => Effect.Effect<Page<A, Cursor>, E, R>
): Stream.Stream<A, E, R> =>
  Stream.paginateChunkEffect(
    initial,
    (cursor) => Effect.map(fetch(cursor), (page) => [Chunk.fromIterable(page.items), page.next] as const)
  )

/**
 * One page of an offset-paged listing (SCIM's `startIndex`/`count`, Agave's `offset`/`limit`).
 *
 * @since 0.1.0
 * @category models
 */
export interface OffsetPage<A> {
  readonly items: ReadonlyArray<A>
  /** The total the server reports, if it does; it may change between pages. */
  readonly total?: number | undefined
}

/**
 * What every form of {@link offsetItems} takes.
 *
 * @since 0.1.0
 * @category models
 */
export interface OffsetOptionsBase<A> {
  /** The offset of the first item: 1 for SCIM, 0 for most others. */
  readonly start: number
  /**
   * An item's identity. With it, an item whose key was already streamed is skipped: offsets shift
   * when the server gains items before the cursor between two pages, and the page after would
   * repeat the last items of the one before. Costs one key per streamed item in memory for the
   * life of the stream. Items removed before the cursor still shift the rest back, so an item can
   * be missed; no offset paging can prevent that.
   */
  readonly key?: ((item: A) => string) | undefined
}

/**
 * Options of {@link offsetItems} with a page size: `fetch` is asked for `pageSize` items.
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
 * size, so short pages lose nothing); the listing ends at an empty page, or once the reported
 * total is reached; a total that changes between pages is re-read on every page, and a page that
 * starts beyond it ends the listing without its items. With `key`, items the server repeats
 * because others were added before the cursor are streamed once.
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
 * ```
 */
export const offsetItems: {
  <A, E, R>(options: SizedOffsetOptions<A, E, R>): Stream.Stream<A, E, R>
  <A, E, R>(options: UnsizedOffsetOptions<A, E, R>): Stream.Stream<A, E, R>
  <A, E, R>(options: OffsetOptions<A, E, R>): Stream.Stream<A, E, R>
} = <A, E, R>(
  options: SizedOffsetOptions<A, E, R> | UnsizedOffsetOptions<A, E, R> | OffsetOptions<A, E, R>
): Stream.Stream<A, E, R> =>
  Stream.suspend(() => {
    // Sound: `count` is `options.pageSize`, whose type each form ties to its `fetch`.
    const fetch = options.fetch as OffsetOptions<A, E, R>["fetch"]
    // Per run of the stream, so running it twice streams everything twice.
    const seenKeys = options.key === undefined ? undefined : new Set<string>()
    const fresh = (item: A): boolean => {
      if (seenKeys === undefined) return true
      const key = options.key!(item)
      if (seenKeys.has(key)) return false
      seenKeys.add(key)
      return true
    }
    return items(options.start, (offset) =>
      Effect.map(fetch(offset, options.pageSize), (page): Page<A, number> => {
        // A page that starts at or past the reported total is past the end, whatever it holds: some
        // servers (SCIMMY) answer an offset beyond the end with the first page again.
        const beyondEnd = page.total !== undefined && offset - options.start >= page.total
        const pageItems = beyondEnd ? [] : page.items
        // The cursor moves by what the server returned, repeats included: they held those places.
        const nextOffset = offset + pageItems.length
        const seen = nextOffset - options.start
        const done = pageItems.length === 0 || (page.total !== undefined && seen >= page.total)
        return { items: pageItems.filter(fresh), next: done ? Option.none() : Option.some(nextOffset) }
      }))
  })
