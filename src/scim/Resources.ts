/**
 * The operations every SCIM resource type shares (RFC 7644 §3.3–3.6): create, get, query (one
 * page, or all as a stream), patch, replace, delete. `ScimGroups` and `ScimUsers` are these
 * operations on `/Groups` and `/Users`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { Operation } from "../core/ApiClient.js"
import type { Conflict, DomainTag, Forbidden, InfraError, NotFound, Unauthorized } from "../core/Errors.js"
import { InvalidRequest } from "../core/Errors.js"
import * as Paging from "../core/Paging.js"
import type { Filter } from "./Filter.js"
import * as Filters from "./Filter.js"
import type * as Patch from "./Patch.js"
import { request as patchRequest } from "./Patch.js"
import { ListResponse } from "./schemas/ListResponse.js"
import * as Auth from "./ScimAuth.js"
import type { ScimClientService } from "./ScimClient.js"
import { ScimClient } from "./ScimClient.js"

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
 * What `page` asks for: one page from `startIndex` (1-based, 1 by default) of at most `count`
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
export type CreateError = Unauthorized | Forbidden | Conflict | InvalidRequest | InfraError

/**
 * The errors of reading one resource.
 *
 * @since 0.1.0
 * @category errors
 */
export type GetError = Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError

/**
 * The errors of a query: a filter the server refuses is `InvalidRequest` with `code: "invalidFilter"`.
 *
 * @since 0.1.0
 * @category errors
 */
export type ListError = Unauthorized | Forbidden | InvalidRequest | InfraError

/**
 * The errors of changing a resource (PATCH or PUT): a name taken by another is `Conflict`.
 *
 * @since 0.1.0
 * @category errors
 */
export type UpdateError = Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError

/**
 * The errors of deleting a resource.
 *
 * @since 0.1.0
 * @category errors
 */
export type DeleteError = Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError

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
  /** Every matching resource, each at most once (the ids of the last 10,000 streamed are kept to skip
   *  repeats), over as many pages as it takes; a failing page is retried alone (the retry policy),
   *  never restarting the listing. A page that brings no resource not seen before (a server
   *  repeating pages) ends the stream with `InvalidResponse` (`reason: "NoProgress"`). Resources
   *  deleted mid-listing can shift others past the cursor: offset paging has no cross-page
   *  consistency (RFC 7644 §3.4.2.4). */
  readonly list: (options?: ListOptions) => Stream.Stream<A, ListError>
  /** One page of a query, as the server sent it. */
  readonly page: (options?: PageOptions) => Effect.Effect<ListResponse<A>, ListError>
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

/**
 * What the shared operations need to know about a resource type.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResourceType<A, I, Input> {
  /** The endpoint below the SCIM root: `Groups`, `Users`. */
  readonly endpoint: string
  /** The resource type's name as in `meta.resourceType`: `Group`, `User`. */
  readonly resourceType: string
  readonly schema: Schema.Schema<A, I>
  /** The request body for a create or replace, the core schema URN included. */
  readonly body: (input: Input) => Record<string, unknown>
}

// A PATCH answered 200 with a body that is not the resource (`{}`, `null`): the change was applied,
// so this is "no resource returned", like a 204, rather than a failure after the fact. A body with
// an `id` must be the resource.
const NotTheResource = Schema.transform(
  Schema.Union(Schema.Struct({ id: Schema.optional(Schema.Never) }), Schema.Null),
  Schema.Undefined,
  { strict: true, decode: () => undefined, encode: () => null }
)

const join = (value: ReadonlyArray<string> | string | undefined): string | undefined =>
  value === undefined ? undefined : typeof value === "string" ? value : value.join(",")

const attributeQuery = (options: AttributeOptions | undefined) => ({
  attributes: join(options?.attributes),
  excludedAttributes: join(options?.excludedAttributes)
})

const positiveInteger = (value: number | undefined, name: string, minimum: number) =>
  value === undefined || (Number.isInteger(value) && value >= minimum)
    ? Either.right(value)
    : Either.left(new InvalidRequest({ origin: "client", message: `${name} must be an integer ≥ ${minimum}` }))

const queryOf = (options: QueryOptions | undefined) =>
  Either.map(
    options?.filter === undefined ? Either.right(undefined) : Filters.render(options.filter),
    (filter) => ({
      filter,
      ...attributeQuery(options),
      sortBy: options?.sortBy,
      sortOrder: options?.sortOrder
    })
  )

/**
 * Builds the operations of one resource type on a SCIM connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A extends { readonly id: string }, I, Input>(
  client: ScimClientService,
  type: ResourceType<A, I, Input>
): ResourceOperations<A, Input> => {
  const { api, secrets } = client
  const span = (op: string) => `scim.${type.endpoint}.${op}`
  const idAttribute = `scim.${type.resourceType.toLowerCase()}.id`
  const listResponse = ListResponse(type.schema)
  const patched = Schema.Union(type.schema, NotTheResource)
  // A credential that cannot be sent fails every call before a request leaves.
  const sendable = client.options.auth === undefined ? Either.right(undefined) : Auth.validate(client.options.auth)

  // A 404 on a single resource names it, whatever the server's detail says.
  const run = <B, J, const T extends DomainTag>(operation: Operation<B, J, T>, id?: string) =>
    Effect.zipRight(
      sendable,
      api.execute({
        ...operation,
        secrets,
        ...(id === undefined ? {} : {
          classifier: (response) => {
            const verdict = api.config.classifier(response)
            return response.status === 404
              ? {
                ...verdict,
                tag: "NotFound",
                message: verdict?.message ?? `no ${type.resourceType} ${id}`,
                resource: type.resourceType,
                id
              }
              : undefined
          }
        })
      })
    )

  const create = Effect.fn(span("create"))(function*(input: Input) {
    const created = yield* run({
      method: "POST",
      path: [type.endpoint],
      body: type.body(input),
      success: type.schema,
      errors: ["Unauthorized", "Forbidden", "Conflict", "InvalidRequest"]
    })
    yield* Effect.annotateCurrentSpan(idAttribute, created.id)
    return created
  })

  const get = Effect.fn(span("get"))(function*(id: string, options?: AttributeOptions) {
    yield* Effect.annotateCurrentSpan(idAttribute, id)
    return yield* run({
      method: "GET",
      path: [type.endpoint, id],
      query: attributeQuery(options),
      success: type.schema,
      errors: ["Unauthorized", "Forbidden", "NotFound", "InvalidRequest"]
    }, id)
  })

  const fetchPage = (
    query: Record<string, string | undefined>,
    startIndex: number | undefined,
    count: number | undefined
  ) =>
    run({
      method: "GET",
      path: [type.endpoint],
      query: { ...query, startIndex, count },
      success: listResponse,
      errors: ["Unauthorized", "Forbidden", "InvalidRequest"]
    })

  const page = Effect.fn(span("page"))(function*(options?: PageOptions) {
    const query = yield* queryOf(options)
    const startIndex = yield* positiveInteger(options?.startIndex, "startIndex", 1)
    const count = yield* positiveInteger(options?.count, "count", 0)
    return yield* fetchPage(query, startIndex, count)
  })

  const list = (options?: ListOptions): Stream.Stream<A, ListError> =>
    Stream.unwrap(Effect.gen(function*() {
      const query = yield* queryOf(options)
      const pageSize = yield* positiveInteger(options?.pageSize, "pageSize", 1)
      return Paging.offsetItems({
        // Resources created before the cursor mid-listing shift the rest: never stream one twice.
        ...Paging.startIndexCount<A>({ pageSize, key: (resource) => resource.id, prefetch: options?.prefetch }),
        pageRequest: (startIndex, count) =>
          Paging.getRequest(api.config.baseUrl, [type.endpoint], { ...query, startIndex, count }),
        fetch: (startIndex, count) =>
          Effect.map(fetchPage(query, startIndex, count), (response) => ({
            items: response.Resources,
            total: response.totalResults,
            offset: response.startIndex
          }))
      })
    })).pipe(Stream.withSpan(span("list")))

  const patch = Effect.fn(span("patch"))(function*(id: string, operations: ReadonlyArray<Patch.Operation>) {
    yield* Effect.annotateCurrentSpan(idAttribute, id)
    const body = yield* patchRequest(operations)
    const result = yield* run({
      method: "PATCH",
      path: [type.endpoint, id],
      body,
      success: patched,
      onNoContent: () => undefined,
      errors: ["Unauthorized", "Forbidden", "NotFound", "Conflict", "InvalidRequest"]
    }, id)
    return Option.fromNullable(result)
  })

  const replace = Effect.fn(span("replace"))(function*(id: string, input: Input) {
    yield* Effect.annotateCurrentSpan(idAttribute, id)
    if (client.options.supportsReplace === false) {
      return yield* new InvalidRequest({
        origin: "client",
        message: `this server has no PUT for ${type.endpoint}: change the ${type.resourceType.toLowerCase()} with patch`
      })
    }
    return yield* run({
      method: "PUT",
      path: [type.endpoint, id],
      body: type.body(input),
      success: type.schema,
      errors: ["Unauthorized", "Forbidden", "NotFound", "Conflict", "InvalidRequest"]
    }, id)
  })

  const delete_ = Effect.fn(span("delete"))(function*(id: string) {
    yield* Effect.annotateCurrentSpan(idAttribute, id)
    return yield* run({
      method: "DELETE",
      path: [type.endpoint, id],
      success: Schema.Void,
      idempotentDelete: true,
      errors: ["Unauthorized", "Forbidden", "NotFound", "InvalidRequest"]
    }, id)
  })

  return { create, get, list, page, patch, replace, delete: delete_ }
}

/**
 * The operations of one resource type on the `ScimClient` in context: a service's `make`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const service = <A extends { readonly id: string }, I, Input>(
  type: ResourceType<A, I, Input>
): Effect.Effect<ResourceOperations<A, Input>, never, ScimClient> =>
  Effect.map(ScimClient, (client) => make(client, type))
