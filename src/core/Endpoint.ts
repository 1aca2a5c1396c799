/**
 * Operations as data. An endpoint record says everything about one API call — its span name, method,
 * path template, query, body, success, the domain errors it can end in, and where it is documented —
 * and the core derives the rest: the call's input type (each path parameter a required key, query and
 * body from their declarations), its error channel (from the record's tags, written once), and the
 * function that runs it: {@link service} builds a service from a table of records (see
 * `EndpointService`, re-exported here).
 *
 * Everything a call needs that does not depend on its input is computed here, once, when the record
 * is defined: the compiled path template, the query encoder, the body encoder, the error tags, the
 * span's attributes. A call does no more work than a hand-written one.
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import type * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type * as Types from "effect/Types"
import type { Method } from "./ApiClient.js"
import type { Classifier } from "./Classify.js"
import type { DomainErrorOf, DomainTag, InfraError } from "./Errors.js"
import { InvalidRequest } from "./Errors.js"
import * as Multipart from "./Multipart.js"
import type { ParamNames, PathParams, PathTemplate } from "./PathTemplate.js"
import * as Path from "./PathTemplate.js"
import * as Query from "./Query.js"
import { scrub } from "./Secrets.js"
import { definitionSite } from "./Traced.js"

export {
  /** @since 0.1.0 */
  call,
  /** @since 0.1.0 */
  type ItemOf,
  /** @since 0.1.0 */
  type ListInput,
  /** @since 0.1.0 */
  offsetList,
  /** @since 0.1.0 */
  type Service,
  /** @since 0.1.0 */
  service,
  /** @since 0.1.0 */
  untraced
} from "./EndpointService.js"

/**
 * A success whose body is handed to the caller as a stream of bytes (downloads).
 *
 * @since 0.1.0
 * @category success
 */
export interface Streamed {
  readonly _tag: "Streamed"
}

/**
 * The success of a download: the body as a `Stream<Uint8Array>`, never held whole.
 *
 * @since 0.1.0
 * @category success
 */
export const streamed: Streamed = { _tag: "Streamed" }

/**
 * The success of an operation whose answer carries nothing worth reading (any body is released).
 *
 * @since 0.1.0
 * @category success
 */
export const noContent: typeof Schema.Void = Schema.Void

/**
 * What an operation succeeds with: a schema of its JSON body, {@link noContent} or {@link streamed}.
 *
 * @since 0.1.0
 * @category models
 */
export type SuccessSpec = Schema.Schema<any, any, never> | Streamed

/**
 * A request body other than JSON, sent from a value of type `A`.
 *
 * @since 0.1.0
 * @category body
 */
export interface BodyKind<A> {
  readonly _tag: "BodyKind"
  readonly kind: "multipart" | "bytes" | "stream"
  readonly toHttpBody: (value: A) => HttpBody.HttpBody
}

/**
 * A `multipart/form-data` body built from parts; file parts may be streams.
 *
 * @since 0.1.0
 * @category body
 */
export const multipartBody: BodyKind<ReadonlyArray<Multipart.Part>> = {
  _tag: "BodyKind",
  kind: "multipart",
  toHttpBody: (parts) => Multipart.body(parts)
}

/**
 * A body of bytes, sent with `contentType`.
 *
 * @since 0.1.0
 * @category body
 */
export const bytesBody = (contentType = "application/octet-stream"): BodyKind<Uint8Array> => ({
  _tag: "BodyKind",
  kind: "bytes",
  toHttpBody: (bytes) => HttpBody.uint8Array(bytes, contentType)
})

/**
 * A streamed body, sent with `contentType`. It can be sent once only: such a call is never retried.
 *
 * @since 0.1.0
 * @category body
 */
export const streamBody = (
  contentType = "application/octet-stream"
): BodyKind<Stream.Stream<Uint8Array, unknown>> => ({
  _tag: "BodyKind",
  kind: "stream",
  toHttpBody: (stream) => HttpBody.stream(stream, contentType)
})

/**
 * What an operation sends as its body: a schema of its JSON body, or a {@link BodyKind}.
 *
 * @since 0.1.0
 * @category models
 */
export type BodySpec = Schema.Schema<any, any, never> | BodyKind<any>

/**
 * How a listing pages. A record carries its descriptor; `offsetList` streams it.
 * `start` is the offset of the first item (1 for SCIM, 0 for most others); `offset` and `limit` name
 * the query parameters carrying the cursor and the page size; `items` and `total` read a page.
 *
 * @since 0.1.0
 * @category paging
 */
export interface OffsetPaging<Page, Item, Offset extends string = string, Limit extends string = string> {
  readonly kind: "offset"
  readonly start: number
  readonly offset: Offset
  readonly limit: Limit
  readonly items: (page: Page) => ReadonlyArray<Item>
  /** The total the server reports, if it does. */
  readonly total?: ((page: Page) => number | undefined) | undefined
  /** An item's identity, so that items repeated by a shifting listing are streamed once. */
  readonly key?: ((item: Item) => string) | undefined
  /** Which items to stream; the others still count for the cursor (Agave's `.` entry of a file
   *  listing). */
  readonly filter?: ((item: Item) => boolean) | undefined
  /** The most the server returns per page: no more is asked for, and a shorter page is the last. */
  readonly maxPageSize?: number | undefined
  /** The page size asked for when the caller gives none (the server's default without it). */
  readonly pageSize?: number | undefined
}

/**
 * Declares offset paging for a listing whose pages `schema` describes (the record's success schema).
 *
 * @since 0.1.0
 * @category paging
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Endpoint } from "effect-research-sdk"
 * const Page = Schema.Struct({ items: Schema.Array(Schema.String), total: Schema.Number })
 * const paging = Endpoint.offsetPaging(Page, {
 *   start: 0,
 *   offset: "offset",
 *   limit: "limit",
 *   items: (page) => page.items,
 *   total: (page) => page.total
 * })
 * ```
 */
export const offsetPaging = <Page, I, Item, const Offset extends string, const Limit extends string>(
  _schema: Schema.Schema<Page, I, never>,
  paging: Omit<OffsetPaging<Page, Item, Offset, Limit>, "kind">
): OffsetPaging<Page, Item, Offset, Limit> => ({ kind: "offset", ...paging })

/**
 * Every paging kind a record can declare.
 *
 * @since 0.1.0
 * @category paging
 */
export type PagingKind = OffsetPaging<any, any>

/**
 * The input a record's body adds: `{ body }` when it has one, nothing otherwise.
 *
 * @since 0.1.0
 * @category type-level
 */
export type BodyInput<Body> = [Body] extends [never] ? {}
  : Body extends BodyKind<infer A> ? { readonly body: A }
  : Body extends Schema.Schema<infer A, any, never> ? { readonly body: A }
  : {}

/**
 * An operation record. Build one with {@link make}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Endpoint<
  Name extends string,
  Path extends string,
  Q extends Query.Fields,
  Body,
  Success extends SuccessSpec,
  Tag extends DomainTag,
  Paging extends PagingKind | undefined = undefined
> {
  /** The span name of every call, e.g. `agave.Files.list`. */
  readonly name: Name
  readonly method: Method
  readonly path: PathTemplate<Path>
  readonly query: Q
  readonly body: Body | undefined
  readonly success: Success
  /** The domain errors of a call (see {@link Tags}): the declared ones, and `InvalidRequest` for any
   *  record that takes input (its input can always be refused before sending). */
  readonly errors: ReadonlyArray<Tag | "InvalidRequest">
  /** The upstream documentation of this endpoint. */
  readonly docs: string | undefined
  readonly idempotent: boolean | undefined
  readonly idempotentDelete: boolean | undefined
  readonly envelope: boolean
  readonly paging: Paging
  readonly classifier: Classifier | undefined
  /** What a 204, or a 200 with an empty body, succeeds with, when the success schema expects JSON. */
  readonly onNoContent: (() => unknown) | undefined
  /** Span attributes read from the call's success (the id of a created resource). */
  readonly resultAttributes: ((success: any) => Readonly<Record<string, string>>) | undefined
  /** Compiled when the record was defined. */
  readonly compiled: Compiled
}

/**
 * Any endpoint record.
 *
 * @since 0.1.0
 * @category models
 */
export type Any = Endpoint<string, string, any, any, SuccessSpec, DomainTag, PagingKind | undefined>

/**
 * The input of a call: path parameters, query parameters and `body`, as the record declares them.
 *
 * @since 0.1.0
 * @category type-level
 */
export type Input<E> = E extends Endpoint<any, infer Path, infer Q, infer Body, any, any, any>
  ? Types.Simplify<PathParams<Path> & Query.Input<Q> & BodyInput<Body>>
  : never

/**
 * The domain tags of a call: the record's, and `InvalidRequest` when it takes input.
 *
 * @since 0.1.0
 * @category type-level
 */
export type Tags<E> = E extends Endpoint<any, any, any, any, any, infer Tag, any>
  ? Tag | ([keyof Input<E>] extends [never] ? never : "InvalidRequest")
  : never

/**
 * The error channel of a call, derived from the record.
 *
 * @since 0.1.0
 * @category type-level
 */
export type Error<E> = DomainErrorOf<Tags<E>> | InfraError

/**
 * What a call succeeds with: the decoded body, `void`, or (for {@link streamed}) the bytes.
 *
 * @since 0.1.0
 * @category type-level
 */
export type Success<E> = E extends Endpoint<any, any, any, any, infer S, any, any>
  ? S extends Schema.Schema<infer A, any, never> ? A : Uint8Array
  : never

/**
 * The function that runs a record: an `Effect`, or a `Stream` for {@link streamed}. The input may be
 * left out when nothing in it is required.
 *
 * @since 0.1.0
 * @category type-level
 */
export type Call<E> = (
  ...input: {} extends Input<E> ? [input?: Input<E>] : [input: Input<E>]
) => E extends Endpoint<any, any, any, any, Streamed, any, any> ? Stream.Stream<Uint8Array, Error<E>>
  : Effect.Effect<Success<E>, Error<E>>

/**
 * What {@link make} takes.
 *
 * @since 0.1.0
 * @category models
 */
export interface Definition<
  Name extends string,
  Path extends string,
  Q extends Query.Fields,
  Body,
  Success extends SuccessSpec,
  Tag extends DomainTag,
  Paging extends PagingKind | undefined
> {
  /** The span name, `<platform>.<Service>.<operation>`: the platform prefixes span attributes. */
  readonly name: Name
  readonly method: Method
  /** A path template (see `PathTemplate`): `/v2/groups/{groupId}`, `/files/{path+}`, `/apps/v2/`. */
  readonly path: Path
  /** Query parameters (see `Query`); their names may not repeat a path parameter or be `body`. */
  readonly query?: Q & { readonly [K in ParamNames<Path> | "body"]?: never }
  /** A schema of the JSON body (encoded with it before sending), or a {@link BodyKind}. */
  readonly body?: Body
  readonly success: Success
  /** The domain errors the server can answer with. */
  readonly errors?: ReadonlyArray<Tag>
  /** A link to the upstream documentation of this endpoint. */
  readonly docs?: string
  /** Overrides what the method says about repeating the request (`false`: never sent twice after it
   *  may have reached the server). */
  readonly idempotent?: boolean
  /** For a DELETE: a retry answered with `NotFound` means an earlier attempt deleted the resource. */
  readonly idempotentDelete?: boolean
  /** `false` when the answer is not wrapped in the platform's envelope (a token endpoint). */
  readonly envelope?: false
  /** How the listing pages. */
  readonly paging?: Paging
  /** The operation's own reading of error responses, consulted before the platform's. */
  readonly classifier?: Classifier
  /** What a 204, or a 200 with an empty body, succeeds with (SCIM's PATCH may answer either); without
   *  it, a success schema that expects JSON makes such an answer `InvalidResponse`. */
  readonly onNoContent?: () => Success extends Schema.Schema<infer A, any, never> ? A : never
  /** Span attribute names for path parameters (`false` leaves one out); by default
   *  `<platform>.<parameter>`. Values are cut to 256 characters. */
  readonly spanAttributes?: { readonly [K in ParamNames<Path>]?: string | false }
  /** Span attributes read from the call's success, e.g. the id of the resource a POST created. */
  readonly resultAttributes?: (
    success: Success extends Schema.Schema<infer A, any, never> ? A : never
  ) => Readonly<Record<string, string>>
  /** Secrets the input carries (a password in the body): scrubbed from every error. */
  readonly secrets?: (input: Types.Simplify<PathParams<Path> & Query.Input<Q> & BodyInput<Body>>) => ReadonlyArray<
    Redacted.Redacted
  >
}

/**
 * What a call needs of a record that does not depend on its input, computed once.
 *
 * @since 0.1.0
 * @category models
 */
export interface Compiled {
  readonly buildPath: (input: Readonly<Record<string, unknown>>) => Either.Either<string, InvalidRequest>
  readonly buildQuery: (input: Readonly<Record<string, unknown>>) => Either.Either<string, InvalidRequest>
  /** The JSON value or `HttpBody` to send, or why the body cannot be sent; absent without a body. */
  readonly buildBody:
    | ((input: Readonly<Record<string, unknown>>) => Either.Either<EncodedBody, InvalidRequest>)
    | undefined
  readonly spanOptions: (input: Readonly<Record<string, unknown>>) => SpanOptions
  readonly secrets: ((input: any) => ReadonlyArray<Redacted.Redacted>) | undefined
}

/**
 * A body ready to send.
 *
 * @since 0.1.0
 * @category models
 */
export type EncodedBody =
  | { readonly _tag: "Json"; readonly json: unknown }
  | { readonly _tag: "Http"; readonly body: HttpBody.HttpBody }

/**
 * The options of a call's span.
 *
 * @since 0.1.0
 * @category models
 */
export interface SpanOptions {
  readonly attributes?: Readonly<Record<string, string>>
  readonly captureStackTrace: () => string | undefined
}

const maxAttribute = 256

/**
 * Defines an operation. Throws when the definition is malformed (a bad path template, a query name
 * that repeats a path parameter): records are constants, so this fails when their module loads.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Endpoint, Query } from "effect-research-sdk"
 * const Group = Schema.Struct({ id: Schema.String, name: Schema.String })
 * const get = Endpoint.make({
 *   name: "globus.Groups.get",
 *   method: "GET",
 *   path: "/v2/groups/{groupId}",
 *   query: { include: Query.commaList(Query.literal("memberships", "policies")) },
 *   success: Group,
 *   errors: ["Unauthorized", "Forbidden", "NotFound"],
 *   docs: "https://docs.globus.org/api/groups/"
 * })
 * // input: { groupId: string; include?: ReadonlyArray<"memberships" | "policies"> }
 * // error: Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
 * ```
 */
export const make = <
  const Name extends string,
  const Path extends `/${string}`,
  Success extends SuccessSpec,
  const Q extends Query.Fields = {},
  Body extends BodySpec = never,
  const Tag extends DomainTag = never,
  Paging extends PagingKind | undefined = undefined
>(
  definition: Definition<Name, Path, Q, Body, Success, Tag, Paging>
): Endpoint<Name, Path, Q, Body, Success, Tag, Paging> => {
  // Where the record was defined (the caller of `make`): a failed call's span and its error's trace
  // point there, at no cost per call.
  const captureStackTrace = definitionSite()

  const path = Path.make(definition.path)
  const query = (definition.query ?? {}) as Q
  for (const name of Object.keys(query)) {
    if (name === "body" || (path.params as ReadonlyArray<string>).includes(name)) {
      throw new Error(`endpoint ${definition.name}: query parameter ${name} repeats a path parameter or "body"`)
    }
  }
  if (definition.body !== undefined && (path.params as ReadonlyArray<string>).includes("body")) {
    throw new Error(`endpoint ${definition.name}: a path parameter named "body" would clash with the body`)
  }
  const takesInput = path.params.length > 0 || Object.keys(query).length > 0 || definition.body !== undefined
  const declared: ReadonlyArray<Tag | "InvalidRequest"> = definition.errors ?? []
  const errors: ReadonlyArray<Tag | "InvalidRequest"> = takesInput && !declared.includes("InvalidRequest")
    ? [...declared, "InvalidRequest"]
    : declared

  const platform = definition.name.split(".")[0]!
  const attributes: Array<readonly [attribute: string, param: string]> = []
  for (const param of path.params as ReadonlyArray<string>) {
    const named = (definition.spanAttributes as Record<string, string | false | undefined> | undefined)?.[param]
    if (named !== false) attributes.push([named ?? `${platform}.${param}`, param])
  }
  const plain: SpanOptions = { captureStackTrace }
  const spanOptions = attributes.length === 0 ? () => plain : (input: Readonly<Record<string, unknown>>) => {
    const values: Record<string, string> = {}
    for (const [attribute, param] of attributes) {
      const value = input[param]
      if (typeof value === "string") values[attribute] = value.slice(0, maxAttribute)
    }
    return { attributes: values, captureStackTrace }
  }

  return {
    name: definition.name,
    method: definition.method,
    path,
    query,
    body: definition.body,
    success: definition.success,
    errors,
    docs: definition.docs,
    idempotent: definition.idempotent,
    idempotentDelete: definition.idempotentDelete,
    envelope: definition.envelope !== false,
    paging: definition.paging as Paging,
    classifier: definition.classifier,
    onNoContent: definition.onNoContent,
    resultAttributes: definition.resultAttributes,
    compiled: {
      buildPath: path.build as Compiled["buildPath"],
      buildQuery: Query.compile(query),
      buildBody: definition.body === undefined ? undefined : compileBody(definition.body, definition.secrets),
      spanOptions,
      secrets: definition.secrets
    }
  }
}

const compileBody = (
  body: BodySpec,
  secrets: ((input: any) => ReadonlyArray<Redacted.Redacted>) | undefined
): (input: Readonly<Record<string, unknown>>) => Either.Either<EncodedBody, InvalidRequest> => {
  if (!Schema.isSchema(body)) {
    const kind = body
    return (input) => Either.right({ _tag: "Http", body: kind.toHttpBody(input.body) })
  }
  const encode = Schema.encodeUnknownEither(body)
  return (input) => {
    const encoded = encode(input.body)
    if (Either.isRight(encoded)) return Either.right({ _tag: "Json", json: encoded.right })
    // The issue names the caller's values: scrubbed of the secrets the input declares.
    const issue = ParseResult.TreeFormatter.formatErrorSync(encoded.left)
    const scrubbed = secrets === undefined ? issue : scrub(issue, secrets(input))
    return Either.left(
      new InvalidRequest({
        message: `the request body does not match its schema: ${scrubbed.slice(0, 500)}`,
        origin: "client"
      })
    )
  }
}
