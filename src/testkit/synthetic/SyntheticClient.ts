/**
 * The SDK's client for the {@link syntheticApi}: three endpoint records on a connection built by the
 * core's factory, so reliability tests and benchmarks measure the SDK itself rather than a platform's
 * quirks. It is also the smallest example of a platform: a connection, a table of records, a service.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { Classifier } from "../../core/Classify.js"
import * as Connection from "../../core/Connection.js"
import * as Endpoint from "../../core/Endpoint.js"
import { Count, SafeInteger } from "../../core/Numbers.js"
import * as Query from "../../core/Query.js"
import { serviceLayers } from "../../core/ServiceLayers.js"

/**
 * An item as the client decodes it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Item = Schema.Struct({ id: Schema.String, index: SafeInteger, name: Schema.String })

/**
 * A page of the listing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ItemPage = Schema.Struct({ items: Schema.Array(Item), total: Count })

/**
 * The synthetic API's operations, as records.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const Items = {
  /** One page of the listing, from `offset`, of at most `limit` items (the server's default without). */
  listPage: Endpoint.make({
    name: "synthetic.list",
    method: "GET",
    path: "/items",
    query: { offset: Query.required(Query.integer), limit: Query.integer },
    success: ItemPage,
    errors: ["InvalidRequest"],
    paging: Endpoint.offsetPaging(ItemPage, {
      start: 0,
      offset: "offset",
      limit: "limit",
      items: (page) => page.items,
      total: (page) => page.total
    })
  }),
  /** One item. */
  get: Endpoint.make({
    name: "synthetic.get",
    method: "GET",
    path: "/items/{id}",
    success: Item,
    errors: ["NotFound"]
  }),
  /** Creates an item: not idempotent, so never sent again once it may have reached the server. */
  create: Endpoint.make({
    name: "synthetic.create",
    method: "POST",
    path: "/items",
    body: Schema.Struct({ name: Schema.String }),
    success: Item,
    errors: ["InvalidRequest"]
  })
}

/**
 * Options of {@link makeSyntheticClient}.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyntheticClientOptions extends Connection.ConnectionOptions {
  /** Sent as the `authorization` header. */
  readonly token?: Redacted.Redacted<string> | undefined
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
 * The connection to a synthetic API. `layerConfig` reads `SYNTHETIC_URL` and, optionally,
 * `SYNTHETIC_TOKEN`, `SYNTHETIC_TIMEOUT`, `SYNTHETIC_MAX_RESPONSE_BYTES`, `SYNTHETIC_MAX_ATTEMPTS`.
 *
 * @since 0.1.0
 * @category services
 */
export class SyntheticConnection extends Connection.Tag<SyntheticConnection, SyntheticClientOptions>()(
  "effect-research-sdk/synthetic/SyntheticConnection",
  {
    classifier,
    credentials: (options) => ({
      credentials: Effect.succeed(
        options.token === undefined ? [] : [{ header: "authorization", value: options.token }]
      ),
      headers: ["authorization"]
    }),
    defaults: { maxResponseBytes: 16 * 1024 * 1024 },
    config: Connection.config("SYNTHETIC", { token: Connection.optionalSecret("SYNTHETIC_TOKEN") })
  }
) {}

/**
 * The synthetic API's operations.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyntheticClient {
  /** One page, from `offset`, of at most `limit` items: one request's answer. */
  readonly listPage: (
    offset: number,
    limit: number
  ) => Effect.Effect<typeof ItemPage.Type, Endpoint.Error<typeof Items.listPage>>
  readonly get: (id: string) => Effect.Effect<typeof Item.Type, Endpoint.Error<typeof Items.get>>
  readonly create: (name: string) => Effect.Effect<typeof Item.Type, Endpoint.Error<typeof Items.create>>
  /** Every item, over pages of `pageSize`; with `prefetch`, one page is requested ahead. */
  readonly list: (
    pageSize: number,
    options?: { readonly prefetch?: boolean | undefined }
  ) => Stream.Stream<typeof Item.Type, Endpoint.Error<typeof Items.listPage>>
}

/**
 * The client on a connection: the records' service, under the names the tests and benchmarks use.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromConnection = (connection: Connection.Connection<SyntheticClientOptions>): SyntheticClient => {
  const items = Endpoint.service(connection, Items)
  const all = Endpoint.offsetList(Items.listPage, items.listPage, connection.api)
  return {
    listPage: (offset, limit) => items.listPage({ offset, limit }),
    get: (id) => items.get({ id }),
    create: (name) => items.create({ body: { name } }),
    list: (pageSize, options) => all({ pageSize, prefetch: options?.prefetch })
  }
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
  Effect.map(SyntheticConnection.make(options), fromConnection)

/**
 * The synthetic client as a service, with the three layers every platform service has.
 *
 * @since 0.1.0
 * @category services
 */
export class Synthetic extends Context.Tag("effect-research-sdk/synthetic/Synthetic")<Synthetic, SyntheticClient>() {
  /** @since 0.1.0 */
  static readonly make = Effect.map(SyntheticConnection, fromConnection)
  static readonly #layers = serviceLayers(Synthetic, Synthetic.make, SyntheticConnection)
  /** On the `SyntheticConnection` in context. @since 0.1.0 */
  static readonly Default = Synthetic.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = Synthetic.#layers.layer
  /** With its own connection, configured from `SYNTHETIC_URL` and the rest. @since 0.1.0 */
  static readonly layerConfig = Synthetic.#layers.layerConfig
}
