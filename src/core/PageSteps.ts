/**
 * The per-page decisions of the two paging families: by offset (the client computes the next
 * position from what came) and by cursor (the server hands out the next one). Each decides where
 * the listing goes next, when it ends, and when it stopped making progress.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { Stepper } from "./PageLoop.js"
import type { ItemOptions, PageRequest } from "./PageProgress.js"
import { cursorIdentity, defaultRemember, itemTracker, noProgress, RecentKeys } from "./PageProgress.js"

/**
 * One page of an offset-paged listing, as a `fetch` reports it.
 *
 * @since 0.1.0
 * @category models
 */
export interface OffsetPage<A> {
  readonly items: ReadonlyArray<A>
  /** The total the server reports, if it does; it may change between pages. */
  readonly total?: number | undefined
  /** The position the server says the page starts at, if it says (SCIM's `startIndex`). */
  readonly offset?: number | undefined
}

/**
 * How an offset-paged listing runs, whatever form its `fetch` takes.
 *
 * @since 0.1.0
 * @category models
 */
export interface OffsetRules<A> extends ItemOptions<A> {
  /** The position of the first item: 1 for SCIM, 0 for most others. */
  readonly start: number
  /**
   * The most the server returns per page, when known: no more is asked for, and a page shorter
   * than what was asked is the last one. Leave it out when unsure: a server capping below it would
   * see its listings cut short.
   */
  readonly maxPageSize?: number | undefined
  /** The name of the position in messages (`startIndex`, `offset`, `skip`); `offset` by default. */
  readonly offsetParam?: string | undefined
  /** The request of the page at `offset`, for an error about its answer. */
  readonly pageRequest?: ((offset: number, count: number | undefined) => PageRequest | undefined) | undefined
}

/**
 * The cursor of an offset-paged listing: where the page starts and how many were asked.
 *
 * @since 0.1.0
 * @category models
 */
export interface OffsetCursor {
  readonly offset: number
  readonly count: number | undefined
}

/**
 * The decisions of an offset-paged listing. The next offset advances by the number of items the
 * server returned (never by the page size, so short pages lose nothing); the listing ends at an
 * empty page, once the reported total is reached, or at a page shorter than asked when the
 * server's `maxPageSize` is known. A page that starts at or past the reported total ends it without
 * its items (SCIMMY answers such a page with the first items again).
 *
 * @since 0.1.0
 * @category constructors
 */
export const offsetStepper = <A>(rules: OffsetRules<A>): Stepper<OffsetCursor, OffsetPage<A>, A> => {
  const track = itemTracker(rules)
  const name = rules.offsetParam ?? "offset"
  // How the server's reported position relates to the one asked, as on the first page that reports
  // one: some report 0 there, or are off by one throughout. Only a later page reported further back
  // than that is one the server repeats (it ignores the position, or rounds it down).
  let firstShift: number | undefined
  return ({ count, offset }, page) => {
    const fail = (message: string) => Either.left(noProgress(rules.pageRequest?.(offset, count), message))
    if (page.offset !== undefined) {
      const shift = page.offset - offset
      firstShift ??= shift
      if (shift < firstShift) {
        return fail(
          `asked for the page at ${name} ${offset}, received the one at ${page.offset}: ` +
            `the server repeats pages (does it ignore ${name}?)`
        )
      }
    }
    const total = page.total
    const beyondEnd = total !== undefined && offset - rules.start >= total
    const items = beyondEnd ? [] : page.items
    // The cursor moves by what the server returned, repeats and filtered items included: they held
    // those places.
    const next = offset + items.length
    const done = items.length === 0 ||
      (total !== undefined && next - rules.start >= total) ||
      (rules.maxPageSize !== undefined && count !== undefined && items.length < count)
    const tracked = track(items, !done)
    if (tracked.repeated) {
      return fail(
        `the page at ${name} ${offset} brought nothing new (${
          rules.key === undefined
            ? "it equals a page before it"
            : "only items already listed, so the server repeats pages or, while listing, at least as many items " +
              "as it holds were added before it"
        }${total === undefined ? "" : `; the server reports ${total} in total`})`
      )
    }
    return Either.right({ emit: tracked.emit, next: done ? Option.none() : Option.some({ offset: next, count }) })
  }
}

/**
 * One page of a cursor-paged listing, with the cursor of the next page if there is one.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page<A, Cursor> {
  readonly items: ReadonlyArray<A>
  readonly next: Option.Option<Cursor>
}

/**
 * How a cursor-paged listing runs.
 *
 * @since 0.1.0
 * @category models
 */
export interface CursorRules<A, Cursor> extends ItemOptions<A> {
  /** The request of the page at `cursor`, for an error about its answer. */
  readonly pageRequest?: ((cursor: Cursor) => PageRequest | undefined) | undefined
  /** How many empty pages in a row, each with a new cursor, are followed: 100 by default. */
  readonly maxEmptyPages?: number | undefined
}

/**
 * The decisions of a cursor-paged listing: it follows `next` until there is none. A next cursor
 * already followed (among the last `remember`), more than `maxEmptyPages` empty pages in a row, or a
 * page that brings nothing new ends it with `InvalidResponse`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const cursorStepper = <A, Cursor>(
  initial: Cursor,
  rules: CursorRules<A, Cursor>
): Stepper<Cursor, Page<A, Cursor>, Page<A, Cursor>> => {
  const track = itemTracker(rules)
  const followed = new RecentKeys(rules.remember ?? defaultRemember)
  followed.add(cursorIdentity(initial))
  const maxEmpty = rules.maxEmptyPages ?? 100
  let empty = 0
  let pageNumber = 0
  return (cursor, page) => {
    pageNumber++
    const error = (message: string) =>
      noProgress(rules.pageRequest?.(cursor), `page ${pageNumber} of the listing ${message}`)
    const continuing = Option.isSome(page.next)
    let loops = false
    if (continuing) {
      const identity = cursorIdentity(page.next.value)
      loops = followed.has(identity)
      if (!loops) followed.add(identity)
    }
    empty = page.items.length === 0 ? empty + 1 : 0
    if (continuing && empty > maxEmpty) {
      return Either.left(error(`makes ${empty} empty pages in a row, each with a new cursor`))
    }
    const tracked = track(page.items, continuing && !loops)
    if (tracked.repeated) {
      return Either.left(error(
        `brought nothing new (${
          rules.key === undefined ? "it equals a page before it" : "only items already listed"
        }): the server repeats pages`
      ))
    }
    return Either.right({
      emit: [tracked.emit === page.items ? page : { ...page, items: tracked.emit }],
      next: page.next,
      // Its items are new: stream them, then stop.
      thenFail: loops ? error("leads back to a cursor already followed: the server's pages loop") : undefined
    })
  }
}
