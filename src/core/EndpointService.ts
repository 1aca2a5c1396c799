/**
 * Running endpoint records on a platform's `ApiClient`: one record becomes one function, a table of
 * records becomes a service, and a paged listing record becomes a stream of items. Each call is traced
 * under the record's name, with its path parameters as span attributes.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as Tracer from "effect/Tracer"
import type * as Types from "effect/Types"
import type { ApiClient, Operation } from "./ApiClient.js"
import type * as Endpoint from "./Endpoint.js"
import { InvalidRequest } from "./Errors.js"
import * as Paging from "./Paging.js"
import * as Traced from "./Traced.js"

/**
 * A service: one function per record of the table.
 *
 * @since 0.1.0
 * @category models
 */
export type Service<Records extends Readonly<Record<string, Endpoint.Any>>> = {
  readonly [K in keyof Records]: Endpoint.Call<Records[K]>
}

const noInput: Readonly<Record<string, unknown>> = {}

// The operation for one input, or why the input cannot be sent.
const operationOf = (
  record: Endpoint.Any,
  input: Readonly<Record<string, unknown>>
): Operation<any, any, any> | InvalidRequest => {
  const compiled = record.compiled
  const path = compiled.buildPath(input)
  if (Either.isLeft(path)) return path.left
  const query = compiled.buildQuery(input)
  if (Either.isLeft(query)) return query.left
  let body: unknown = undefined
  let requestBody: Operation<any, any, any>["requestBody"] = undefined
  if (compiled.buildBody !== undefined) {
    const encoded = compiled.buildBody(input)
    if (Either.isLeft(encoded)) return encoded.left
    if (encoded.right._tag === "Json") body = encoded.right.json
    else requestBody = encoded.right.body
  }
  return {
    method: record.method,
    path: path.right,
    query: query.right,
    body,
    requestBody,
    success: record.success as Operation<any, any, any>["success"],
    errors: record.errors,
    classifier: record.classifier,
    onNoContent: record.onNoContent,
    secrets: compiled.secrets === undefined ? undefined : compiled.secrets(input),
    idempotent: record.idempotent,
    idempotentDelete: record.idempotentDelete,
    envelope: record.envelope
  }
}

/**
 * The function that runs `record` on `api`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const call = <E extends Endpoint.Any>(api: ApiClient, record: E): Endpoint.Call<E> => {
  const name = record.name
  const spanOptions = record.compiled.spanOptions
  if (!Schema.isSchema(record.success)) {
    return ((input: Readonly<Record<string, unknown>> = noInput) => {
      const operation = operationOf(record, input)
      return Stream.withSpan(
        operation instanceof InvalidRequest ? Stream.fail(operation) : api.stream(operation),
        name,
        spanOptions(input)
      )
    }) as unknown as Endpoint.Call<E>
  }
  const attributesOf = record.resultAttributes
  const run = attributesOf === undefined
    ? (operation: Operation<any, any, any>, span: Tracer.Span | undefined) => api.execute(operation, span)
    : (operation: Operation<any, any, any>, span: Tracer.Span | undefined) =>
      Effect.tap(api.execute(operation, span), (success) => {
        if (span === undefined) return Effect.annotateCurrentSpan(attributesOf(success))
        for (const [key, value] of Object.entries(attributesOf(success))) span.attribute(key, value)
        return Effect.void
      })
  return ((input: Readonly<Record<string, unknown>> = noInput) => {
    const operation = operationOf(record, input)
    if (operation instanceof InvalidRequest) return Effect.withSpan(Effect.fail(operation), name, spanOptions(input))
    // With tracing turned off (`Layer.setTracerEnabled(false)`), no span at all: not even the
    // no-op span Effect would make, whose bookkeeping is a tenth of a call's cost. With it on, the
    // span is opened and ended around the call and handed to it, not made the current span: the call
    // runs no code of anyone else's that could start a span beneath it (the transport's are off), and
    // providing it would copy the fiber's context and references twice a call.
    return Effect.withFiberRuntime<unknown, unknown>((fiber) =>
      fiber.getFiberRef(FiberRef.currentTracerEnabled)
        ? Traced.useCallSpanIn(fiber, name, spanOptions(input), (span) => run(operation, span))
        : run(operation, undefined)
    )
  }) as unknown as Endpoint.Call<E>
}

/**
 * The function that runs `record` on `api` without opening its span: for a hand-written method that
 * opens the record's span itself, to check its arguments or annotate the answer inside it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const untraced = <E extends Endpoint.Any>(
  api: ApiClient,
  record: E
): (input: Endpoint.Input<E>) => Effect.Effect<Endpoint.Success<E>, Endpoint.Error<E>> =>
(input) => {
  const operation = operationOf(record, input as Readonly<Record<string, unknown>>)
  return (operation instanceof InvalidRequest ? Effect.fail(operation) : api.execute(operation)) as Effect.Effect<
    Endpoint.Success<E>,
    Endpoint.Error<E>
  >
}

/**
 * A service from a table of records, run on `api` (or a connection's `api`). Hand-written methods sit
 * beside it: spread it into the service's object.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Endpoint } from "effect-research-sdk"
 * import { Items, SyntheticConnection } from "effect-research-sdk/testkit"
 * const program = Effect.gen(function*() {
 *   const items = Endpoint.service(yield* SyntheticConnection, Items)
 *   return yield* items.get({ id: "item-1" })
 * })
 * ```
 */
export const service = <const Records extends Readonly<Record<string, Endpoint.Any>>>(
  api: ApiClient | { readonly api: ApiClient },
  records: Records
): Service<Records> => {
  const client = "execute" in api ? api : api.api
  const methods: Record<string, unknown> = {}
  for (const key of Object.keys(records)) methods[key] = call(client, records[key]!)
  return methods as Service<Records>
}

type PagingOf<E> = E extends Endpoint.Endpoint<any, any, any, any, any, any, infer P> ? P : never
type CursorKeys<E> = PagingOf<E> extends
  { readonly offset: infer O extends string; readonly limit: infer L extends string } ? O | L
  : never

/**
 * The item type of a paged record.
 *
 * @since 0.1.0
 * @category type-level
 */
export type ItemOf<E> = PagingOf<E> extends Endpoint.OffsetPaging<any, infer Item> ? Item : never

/**
 * The input of a listing: the record's, without the cursor and the page size, which the stream sets,
 * and with an optional `pageSize` (the server's default without it).
 *
 * @since 0.1.0
 * @category type-level
 */
export type ListInput<E> = Types.Simplify<
  & Omit<Endpoint.Input<E>, CursorKeys<E>>
  & {
    readonly pageSize?: number | undefined
    /** Request the next page while the current one is consumed, at most one page ahead. */
    readonly prefetch?: boolean | undefined
  }
>

/**
 * Every item of an offset-paged listing record, as a stream over its pages, each page fetched by
 * `page` (and retried alone). Follows `Paging.offsetItems`: the cursor advances by what each page
 * returned, and the listing ends at an empty page or at the reported total. Given the `api` the pages
 * are fetched on, an error of the listing itself (a page that brings nothing new) names the page's URL.
 *
 * @since 0.1.0
 * @category constructors
 */
export const offsetList = <E extends Endpoint.Endpoint<any, any, any, any, any, any, Endpoint.OffsetPaging<any, any>>>(
  record: E,
  page: NoInfer<Endpoint.Call<E>>,
  api?: ApiClient
): (...input: {} extends ListInput<E> ? [input?: ListInput<E>] : [input: ListInput<E>]) => Stream.Stream<
  ItemOf<E>,
  Endpoint.Error<E>
> => {
  const paging = record.paging
  const fetch = page as unknown as (input: Record<string, unknown>) => Effect.Effect<unknown, Endpoint.Error<E>>
  return ((input: Readonly<Record<string, unknown>> = noInput) => {
    const { pageSize, prefetch, ...rest } = input
    return Paging.offsetItems({
      start: paging.start,
      pageSize: (pageSize as number | undefined) ?? paging.pageSize,
      maxPageSize: paging.maxPageSize,
      prefetch: prefetch as boolean | undefined,
      key: paging.key,
      filter: paging.filter,
      pageRequest: api === undefined ? undefined : (offset, count) => {
        const pageInput = { ...rest, [paging.offset]: offset, [paging.limit]: count }
        const path = record.compiled.buildPath(pageInput)
        const query = record.compiled.buildQuery(pageInput)
        if (Either.isLeft(path) || Either.isLeft(query)) return undefined
        return Paging.getRequest(api.config.baseUrl, path.right, query.right)
      },
      fetch: (offset, count) =>
        Effect.map(
          fetch({ ...rest, [paging.offset]: offset, [paging.limit]: count }),
          (answer) => ({ items: paging.items(answer), total: paging.total?.(answer) })
        )
    })
  }) as any
}
