/**
 * Paging kinds as plain data: which query parameters carry a page's position and size, where
 * counting starts, and what the server is known to do. A kind, spread into `Paging.offsetItems`'
 * options, is how a listing pages; `query` turns a position into the request's query.
 *
 * @since 0.1.0
 */
import type { ItemOptions } from "./PageProgress.js"

/**
 * An offset-paged listing: `offsetParam` is the position of the first item asked for (counting
 * from `start`), `limitParam` how many. It may also name the items to keep and how to tell repeats
 * (`key`, `filter`, `remember`) and whether to fetch one page ahead (`prefetch`).
 *
 * @since 0.1.0
 * @category models
 */
export interface OffsetKind<A = unknown> extends ItemOptions<A> {
  readonly _tag: "Offset"
  /** The query parameter of the position: `startIndex`, `offset`, `skip`. */
  readonly offsetParam: string
  /** The query parameter of the page size: `count`, `limit`. */
  readonly limitParam: string
  /** The position of the first item: 1 for SCIM, 0 for most others. */
  readonly start: number
  /** How many items to ask for per page; without it, none is asked and the server's default applies. */
  readonly pageSize?: number | undefined
  /**
   * The most the server returns per page (Agave: 250 unless configured otherwise). When it is
   * given, no more is asked for, and a page shorter than what was asked is the last one. Leave it out
   * when unsure: a server capping below it would see its listings cut short.
   */
  readonly maxPageSize?: number | undefined
  /** Request the next page while the current one is consumed, at most one page ahead. */
  readonly prefetch?: boolean | undefined
}

/**
 * What a kind constructor takes besides the parameter names.
 *
 * @since 0.1.0
 * @category models
 */
export type OffsetKindOptions<A> = Omit<OffsetKind<A>, "_tag" | "offsetParam" | "limitParam" | "start">

/**
 * A kind with a page size: spread into `Paging.offsetItems`, its `fetch` gets a `number` count.
 *
 * @since 0.1.0
 * @category models
 */
export interface SizedOffsetKind<A = unknown> extends OffsetKind<A> {
  readonly pageSize: number
}

/**
 * Makes a kind; with a `pageSize` the kind says so in its type.
 *
 * @since 0.1.0
 * @category models
 */
export interface OffsetKindConstructor {
  <A = unknown>(options: OffsetKindOptions<A> & { readonly pageSize: number }): SizedOffsetKind<A>
  <A = unknown>(options?: OffsetKindOptions<A>): OffsetKind<A>
}

const kindOf = (offsetParam: string, limitParam: string, start: number): OffsetKindConstructor =>
// The options first: a kind's own fields cannot be overridden by them.
(options: OffsetKindOptions<unknown> = {}) => ({ ...options, _tag: "Offset", offsetParam, limitParam, start }) as never

/**
 * SCIM's `startIndex`/`count` (RFC 7644 §3.4.2.4): 1-based, with `totalResults` on every page.
 *
 * @since 0.1.0
 * @category constructors
 */
export const startIndexCount: OffsetKindConstructor = kindOf("startIndex", "count", 1)

/**
 * `limit`/`offset`, 0-based, usually with no total (Agave): the listing ends at an empty page, or
 * at a page shorter than asked when `maxPageSize` is known.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Paging } from "effect-research-sdk"
 * interface FileInfo { readonly name: string; readonly path: string }
 * // Agave file listings: at most 250 a page, and a "." entry for the directory itself.
 * const files = Paging.limitOffset<FileInfo>({
 *   pageSize: 250,
 *   maxPageSize: 250,
 *   key: (file) => file.path,
 *   filter: (file) => file.name !== "."
 * })
 * ```
 */
export const limitOffset: OffsetKindConstructor = kindOf("offset", "limit", 0)

/**
 * `limit`/`skip`, 0-based (Abaco): the same as {@link limitOffset} under another name.
 *
 * @since 0.1.0
 * @category constructors
 */
export const limitSkip: OffsetKindConstructor = kindOf("skip", "limit", 0)

/**
 * The query of the page at `offset` of `count` items (`count` left out when `undefined`).
 *
 * @since 0.1.0
 * @category utils
 * @example
 * ```ts
 * import { Paging } from "effect-research-sdk"
 * Paging.query(Paging.limitSkip(), 40, 20) // { skip: 40, limit: 20 }
 * ```
 */
export const query = (
  kind: Pick<OffsetKind<unknown>, "offsetParam" | "limitParam">,
  offset: number,
  count: number | undefined
): Record<string, number | undefined> => ({ [kind.offsetParam]: offset, [kind.limitParam]: count })
