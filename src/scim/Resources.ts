/**
 * The operations every SCIM resource type shares (RFC 7644 §3.3–3.6): create, get, query (one
 * page, or all as a stream), patch, replace, delete. One table of endpoint records, built for a
 * resource type ({@link records}); `ScimGroups` and `ScimUsers` are this table on `/Groups` and
 * `/Users`, with what is worth writing by hand around it: positional arguments, the listing as a
 * stream, PATCH's optional result, and `NotFound` naming the resource.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Endpoint from "../core/Endpoint.js"
import { InvalidRequest, NotFound } from "../core/Errors.js"
import * as Paging from "../core/Paging.js"
import type { Filter } from "./Filter.js"
import * as Filters from "./Filter.js"
import type * as Patch from "./Patch.js"
import { request as patchRequest } from "./Patch.js"
import type { Records, ResourceType } from "./ResourceRecords.js"
import { records, unnamed } from "./ResourceRecords.js"
import type { ListResponse } from "./schemas/ListResponse.js"
import type { ScimClientService } from "./ScimClient.js"
import { ScimClient } from "./ScimClient.js"

export {
  /** @since 0.1.0 */
  type Records,
  /** @since 0.1.0 */
  records,
  /** @since 0.1.0 */
  type ResourceType
} from "./ResourceRecords.js"

/**
 * Which attributes a response carries (RFC 7644 §3.9): a list or a comma-separated text.
 *
 * @since 0.1.0
 * @category models
 */
export interface AttributeOptions {
  /** Only these attributes (and `id`, always returned). */
  readonly attributes?: ReadonlyArray<string> | string | undefined
  /** All but these; ODM honours only `members`. */
  readonly excludedAttributes?: ReadonlyArray<string> | string | undefined
}

/**
 * What a query asks for.
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryOptions extends AttributeOptions {
  /** A filter built with `Filter`, or written by hand. ODM supports only `displayName eq "…"`. */
  readonly filter?: Filter | string | undefined
  readonly sortBy?: string | undefined
  readonly sortOrder?: "ascending" | "descending" | undefined
}

/**
 * What `list` asks for.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListOptions extends QueryOptions {
  /** How many resources to ask for per page; the server's own default (ODM 100, SCIMMY 20)
   *  without it. Servers may return fewer: the stream follows what they return. */
  readonly pageSize?: number | undefined
  /** Request the next page while the current one is consumed (at most one page ahead): faster when
   *  the consumer takes time per page, one page more in memory, and a request wasted when the
   *  stream is ended early. Off by default. */
  readonly prefetch?: boolean | undefined
}

/**
 * What `listPage` asks for: one page from `startIndex` (1-based, 1 by default) of at most `count`
 * resources (`0` asks only for `totalResults`).
 *
 * @since 0.1.0
 * @category models
 */
export interface PageOptions extends QueryOptions {
  readonly startIndex?: number | undefined
  readonly count?: number | undefined
}

/**
 * The errors of creating a resource: 409 (`uniqueness`) is `Conflict`.
 *
 * @since 0.1.0
 * @category errors
 */
export type CreateError = Endpoint.Error<Records<{ readonly id: string }>["create"]>

/**
 * The errors of reading one resource.
 *
 * @since 0.1.0
 * @category errors
 */
export type GetError = Endpoint.Error<Records<{ readonly id: string }>["get"]>

/**
 * The errors of a query: a filter the server refuses is `InvalidRequest` with `code: "invalidFilter"`.
 *
 * @since 0.1.0
 * @category errors
 */
export type ListError = Endpoint.Error<Records<{ readonly id: string }>["listPage"]>

/**
 * The errors of changing a resource (PATCH or PUT): a name taken by another is `Conflict`.
 *
 * @since 0.1.0
 * @category errors
 */
export type UpdateError = Endpoint.Error<Records<{ readonly id: string }>["patch"]>

/**
 * The errors of deleting a resource.
 *
 * @since 0.1.0
 * @category errors
 */
export type DeleteError = Endpoint.Error<Records<{ readonly id: string }>["delete"]>

/**
 * The operations on one resource type.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResourceOperations<A, Input> {
  /** Creates a resource (201); returns it as the server stored it. */
  readonly create: (input: Input) => Effect.Effect<A, CreateError>
  /** One resource by id. */
  readonly get: (id: string, options?: AttributeOptions) => Effect.Effect<A, GetError>
  /** Every matching resource, each at most once (the ids of at least the last 10,000 streamed are
   *  kept to skip repeats), over as many pages as it takes; a failing page is retried alone (the retry policy),
   *  never restarting the listing. A page that brings no resource not seen before (a server
   *  repeating pages) ends the stream with `InvalidResponse` (`reason: "NoProgress"`). Resources
   *  deleted mid-listing can shift others past the cursor: offset paging has no cross-page
   *  consistency (RFC 7644 §3.4.2.4). */
  readonly list: (options?: ListOptions) => Stream.Stream<A, ListError>
  /** One page of a query, as the server sent it. */
  readonly listPage: (options?: PageOptions) => Effect.Effect<ListResponse<A>, ListError>
  /** Applies PATCH operations atomically. The updated resource when the server sends it (200),
   *  `None` when it answers 204 (ODM), or 200 with an empty body or one without an `id` (`{}`):
   *  the change was applied all the same; `get` reads the resource. */
  readonly patch: (
    id: string,
    operations: ReadonlyArray<Patch.Operation>
  ) => Effect.Effect<Option.Option<A>, UpdateError>
  /** Replaces the resource (PUT). Refused before sending when the client says the server has no PUT. */
  readonly replace: (id: string, input: Input) => Effect.Effect<A, UpdateError>
  /** Deletes the resource (204). */
  readonly delete: (id: string) => Effect.Effect<void, DeleteError>
}

// `attributes=a,b`: a list, or a comma-separated text as callers have always been able to give.
const commaSeparated = (value: ReadonlyArray<string> | string | undefined): ReadonlyArray<string> | undefined =>
  typeof value === "string" ? value.split(",") : value

const attributeQuery = (options: AttributeOptions | undefined) => ({
  attributes: commaSeparated(options?.attributes),
  excludedAttributes: commaSeparated(options?.excludedAttributes)
})

const integerAtLeast = (value: number | undefined, name: string, minimum: number) =>
  value === undefined || (Number.isInteger(value) && value >= minimum)
    ? Either.right(value)
    : Either.left(new InvalidRequest({ origin: "client", message: `${name} must be an integer ≥ ${minimum}` }))

const queryOf = (options: QueryOptions | undefined) =>
  Either.map(
    options?.filter === undefined ? Either.right(undefined) : Filters.render(options.filter),
    (filter) => ({ filter, ...attributeQuery(options), sortBy: options?.sortBy, sortOrder: options?.sortOrder })
  )

/**
 * Builds the operations of one resource type on a SCIM connection, over the resource type's
 * {@link records} (built here unless given).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A extends { readonly id: string }, I, Input>(
  client: ScimClientService,
  type: ResourceType<A, I, Input>,
  table: Records<A, I, Input> = records(type)
): ResourceOperations<A, Input> => {
  const calls = Endpoint.service(client, table)
  const { api } = client

  // Input refused before anything is sent, in the operation's span all the same.
  const refuse = (record: Endpoint.Any, input: Record<string, unknown>, error: InvalidRequest) =>
    Effect.withSpan(Effect.fail(error), record.name, record.compiled.spanOptions(input))

  // The records' classifier names the resource type; the id is the caller's.
  const named = (id: string) => <B, E>(effect: Effect.Effect<B, E>): Effect.Effect<B, E | NotFound> =>
    Effect.mapError(effect, (error) =>
      error instanceof NotFound
        ? new NotFound({
          message: error.message === unnamed(type.resourceType) ? `${error.message} ${id}` : error.message,
          method: error.method,
          url: error.url,
          status: error.status,
          requestId: error.requestId,
          excerpt: error.excerpt,
          code: error.code,
          resource: type.resourceType,
          id
        })
        : error)

  const listPage = (options?: PageOptions) => {
    const query = queryOf(options)
    const startIndex = integerAtLeast(options?.startIndex, "startIndex", 1)
    const count = integerAtLeast(options?.count, "count", 0)
    if (Either.isLeft(query)) return refuse(table.listPage, {}, query.left)
    if (Either.isLeft(startIndex)) return refuse(table.listPage, {}, startIndex.left)
    if (Either.isLeft(count)) return refuse(table.listPage, {}, count.left)
    return calls.listPage({ ...query.right, startIndex: startIndex.right, count: count.right })
  }

  // Resources created before the cursor mid-listing shift the rest: the kind's `key` keeps any from
  // being streamed twice, and a page bringing nothing new ends the listing (the progress rule).
  const all = (options?: ListOptions): Stream.Stream<A, ListError> =>
    Stream.unwrap(Effect.gen(function*() {
      const query = yield* queryOf(options)
      const pageSize = yield* integerAtLeast(options?.pageSize, "pageSize", 1)
      const pageInput = (startIndex: number, count: number | undefined) => ({ ...query, startIndex, count })
      return Paging.offsetItems({
        ...Paging.startIndexCount<A>({ pageSize, key: (resource) => resource.id, prefetch: options?.prefetch }),
        pageRequest: (startIndex, count) => {
          const input = pageInput(startIndex, count)
          const path = table.listPage.compiled.buildPath(input)
          const search = table.listPage.compiled.buildQuery(input)
          return Either.isLeft(path) || Either.isLeft(search)
            ? undefined
            : Paging.getRequest(api.config.baseUrl, path.right, search.right)
        },
        fetch: (startIndex, count) =>
          Effect.map(calls.listPage(pageInput(startIndex, count)), (response) => ({
            items: response.Resources,
            total: response.totalResults,
            offset: response.startIndex
          }))
      })
    })).pipe(Stream.withSpan(`scim.${type.endpoint}.list`))

  const patch = (id: string, operations: ReadonlyArray<Patch.Operation>) => {
    const body = patchRequest(operations)
    return Either.isLeft(body)
      ? refuse(table.patch, { id }, body.left)
      : Effect.map(named(id)(calls.patch({ id, body: body.right })), Option.fromNullable)
  }

  const replace = (id: string, input: Input) =>
    client.options.supportsReplace === false
      ? refuse(
        table.replace,
        { id },
        new InvalidRequest({
          origin: "client",
          message:
            `this server has no PUT for ${type.endpoint}: change the ${type.resourceType.toLowerCase()} with patch`
        })
      )
      : named(id)(calls.replace({ id, body: type.body(input) }))

  return {
    create: (input) => calls.create({ body: type.body(input) }),
    get: (id, options) => named(id)(calls.get({ id, ...attributeQuery(options) })),
    list: all,
    listPage,
    patch,
    replace,
    delete: (id) => named(id)(calls.delete({ id }))
  }
}

/**
 * The operations of one resource type on the `ScimClient` in context: a service's `make`. The
 * records are built once, here.
 *
 * @since 0.1.0
 * @category constructors
 */
export const service = <A extends { readonly id: string }, I, Input>(
  type: ResourceType<A, I, Input>
): Effect.Effect<ResourceOperations<A, Input>, never, ScimClient> => {
  const table = records(type)
  return Effect.map(ScimClient, (client) => make(client, type, table))
}
