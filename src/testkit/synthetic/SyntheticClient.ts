/**
 * The SDK's client for the {@link syntheticApi}: built on the same pipeline as every platform
 * service (decoding, error mapping, retry policy, spans), so reliability tests and benchmarks
 * measure the SDK itself rather than a platform's quirks. It also shows how to wrap any JSON API
 * with the core.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import * as ApiClient from "../../core/ApiClient.js"
import type { Classifier } from "../../core/Classify.js"
import type { InfraError, InvalidRequest, NotFound } from "../../core/Errors.js"
import { Count, SafeInteger } from "../../core/Numbers.js"
import * as Paging from "../../core/Paging.js"
import type { RetryPolicy } from "../../core/Retry.js"
import * as Retry from "../../core/Retry.js"

/**
 * An item as the client decodes it.
 *
 * @since 0.1.0
 * @category schemas
 */
// `index` is -1 for a created item.
export const Item = Schema.Struct({ id: Schema.String, index: SafeInteger, name: Schema.String })

/**
 * A page of the listing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ItemPage = Schema.Struct({ items: Schema.Array(Item), total: Count })

/**
 * Options of {@link makeSyntheticClient}.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyntheticClientOptions {
  readonly url: string
  readonly token?: Redacted.Redacted<string> | undefined
  readonly retry?: RetryPolicy | undefined
  readonly timeout?: Duration.DurationInput | undefined
  readonly maxResponseBytes?: number | undefined
  /** The most requests in flight at once; the core's default (64) unless given. */
  readonly maxConcurrentRequests?: number | undefined
}

/**
 * The synthetic API's operations.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyntheticClient {
  readonly list: (
    offset: number,
    limit: number
  ) => Effect.Effect<typeof ItemPage.Type, InvalidRequest | InfraError>
  readonly get: (id: string) => Effect.Effect<typeof Item.Type, NotFound | InvalidRequest | InfraError>
  readonly create: (name: string) => Effect.Effect<typeof Item.Type, InvalidRequest | InfraError>
  /** Every item, over pages of `pageSize`; with `prefetch`, one page is requested ahead. */
  readonly stream: (
    pageSize: number,
    options?: { readonly prefetch?: boolean | undefined }
  ) => Stream.Stream<typeof Item.Type, InvalidRequest | InfraError>
}

// The synthetic API says `{"message": …}` on every error.
const classifier: Classifier = (response) => {
  const json = response.json as { readonly message?: unknown } | undefined
  if (typeof json?.message !== "string") return undefined
  return response.status === 404
    ? { tag: "NotFound", message: json.message, resource: "item" }
    : response.status === 400
    ? { tag: "InvalidRequest", message: json.message }
    : undefined
}

/**
 * Builds the client on the `HttpClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeSyntheticClient = (
  options: SyntheticClientOptions
): Effect.Effect<SyntheticClient, never, HttpClient.HttpClient> =>
  Effect.map(
    ApiClient.make({
      baseUrl: options.url,
      retry: options.retry ?? Retry.defaultPolicy,
      timeout: options.timeout ?? "30 seconds",
      maxResponseBytes: options.maxResponseBytes ?? 16 * 1024 * 1024,
      maxConcurrentRequests: options.maxConcurrentRequests,
      classifier,
      credentials: Effect.succeed(
        options.token === undefined ? [] : [{ header: "authorization", value: options.token }]
      ),
      credentialHeaders: ["authorization"]
    }),
    (client) => {
      const list = Effect.fn("synthetic.list")((offset: number, limit: number) =>
        client.execute({
          method: "GET",
          path: ["items"],
          query: { offset, limit },
          success: ItemPage,
          errors: ["InvalidRequest"]
        })
      )
      const get = Effect.fn("synthetic.get")((id: string) =>
        client.execute({ method: "GET", path: ["items", id], success: Item, errors: ["NotFound", "InvalidRequest"] })
      )
      const create = Effect.fn("synthetic.create")((name: string) =>
        client.execute({ method: "POST", path: ["items"], body: { name }, success: Item, errors: ["InvalidRequest"] })
      )
      const stream = (pageSize: number, options?: { readonly prefetch?: boolean | undefined }) =>
        Paging.offsetItems({
          ...Paging.limitOffset({ pageSize, prefetch: options?.prefetch }),
          pageRequest: (offset, limit) => Paging.getRequest(client.config.baseUrl, ["items"], { offset, limit }),
          fetch: list
        })
      return { list, get, create, stream }
    }
  )
