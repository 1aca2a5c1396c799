/**
 * What the Agave records share: paging parameters, error sets, documentation links.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Endpoint from "../../core/Endpoint.js"
import * as Query from "../../core/Query.js"
import * as Search from "../Search.js"

/**
 * `limit` and `offset`, on every listing (the server's page is 250 items at most, by default).
 *
 * @since 0.1.0
 * @category query
 */
export const page = { limit: Query.integer, offset: Query.integer }

/**
 * Agave's search terms on a collection, built with `Search.make<Item>()`: `status.in=…`,
 * `storage.protocol.eq=S3`, `orderBy`, `order`.
 *
 * @since 0.1.0
 * @category query
 */
export const search = <Item>(): Query.Param<Search.Search<Item>> =>
  Query.pairs((terms: Search.Search<Item>) =>
    Either.match(Search.toPairs(terms), {
      onLeft: (refused) => new Query.Refused(refused.message),
      onRight: (pairs) => pairs
    })
  )

/**
 * A listing's success schema and its paging: pages are plain arrays, with no total; the listing ends
 * at a short or empty page.
 *
 * @since 0.1.0
 * @category paging
 */
export const listing = <A, I>(
  item: Schema.Schema<A, I, never>,
  options: {
    readonly filter?: ((item: A) => boolean) | undefined
    /** What identifies an item: with Agave's pages carrying no total and no offset, it is what lets
     *  the paging core see a server that ignores `offset` (a page of nothing new ends the stream with
     *  `NoProgress` instead of running forever). */
    readonly key?: ((item: A) => string) | undefined
  } = {}
) => {
  const success = Schema.Array(item)
  return {
    success,
    paging: Endpoint.offsetPaging(success, {
      start: 0,
      offset: "offset",
      limit: "limit",
      items: (page: ReadonlyArray<A>) => page,
      pageSize: maxPage,
      maxPageSize: maxPage,
      filter: options.filter,
      key: options.key
    })
  }
}

/**
 * The most items the servers return per page: listings ask for this many, and a shorter page is the
 * last.
 *
 * @since 0.1.0
 * @category paging
 */
export const maxPage = 250

/**
 * The key of items identified by their `id` (apps, jobs, systems).
 *
 * @since 0.1.0
 * @category paging
 */
export const byId = (item: { readonly id: string }): string => item.id

/**
 * The key of items identified by a user name (profiles, permissions, roles).
 *
 * @since 0.1.0
 * @category paging
 */
export const byUsername = (item: { readonly username: string }): string => item.username

/**
 * The key of a file in a listing: its path when the server gives one, else its name (one directory).
 *
 * @since 0.1.0
 * @category paging
 */
export const byPath = (item: { readonly name: string; readonly path?: string | null | undefined }): string =>
  item.path ?? item.name

/**
 * A directory's listing holds a `.` entry for the directory itself: streams leave it out (a page
 * fetched with `listPage` keeps it).
 *
 * @since 0.1.0
 * @category paging
 */
export const notSelf = (file: { readonly name: string }): boolean => file.name !== "."

/**
 * Paging of a listing whose answer is already a list (a normalised one).
 *
 * @since 0.1.0
 * @category paging
 */
export const pagingOf = <A, I>(success: Schema.Schema<ReadonlyArray<A>, I, never>) =>
  Endpoint.offsetPaging(success, {
    start: 0,
    offset: "offset",
    limit: "limit",
    items: (page) => page,
    pageSize: maxPage,
    maxPageSize: maxPage
  })

/**
 * Reading a resource: it may not exist, or not be the caller's to see.
 *
 * @since 0.1.0
 * @category errors
 */
export const reading = ["Unauthorized", "Forbidden", "NotFound"] as const

/**
 * A top-level listing.
 *
 * @since 0.1.0
 * @category errors
 */
export const listingErrors = ["Unauthorized", "Forbidden"] as const

/**
 * Creating a resource: its id may be taken.
 *
 * @since 0.1.0
 * @category errors
 */
export const creating = ["Unauthorized", "Forbidden", "Conflict"] as const

/**
 * Changing or acting on an existing resource.
 *
 * @since 0.1.0
 * @category errors
 */
export const changing = ["Unauthorized", "Forbidden", "NotFound", "Conflict"] as const

const guides = "https://tacc-cloud.readthedocs.io/projects/agave/en/latest/agave/guides/"

/**
 * The upstream guide of a part of the API, e.g. `docs("jobs/job-submission")`.
 *
 * @since 0.1.0
 * @category docs
 */
export const docs = (page: string): string => `${guides}${page}.html`
