/**
 * The connection to one flowserv server: base URL, token, retry policy and timeout. Every flowserv
 * service runs its requests through it.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import type { ApiClient, Credential } from "../core/ApiClient.js"
import * as Api from "../core/ApiClient.js"
import { sendableConfig } from "../core/Credentials.js"
import type { DownloadRate } from "../core/DownloadLimits.js"
import * as Retry from "../core/Retry.js"
import { classifier } from "./FlowservErrors.js"

/**
 * How to reach a flowserv server.
 *
 * @since 0.1.0
 * @category models
 */
export interface FlowservClientOptions {
  /** The API root, e.g. `http://localhost:5000/flowserv/api/v1`. */
  readonly url: string
  /** The access token sent with every call, unless a region says otherwise ({@link withToken}). */
  readonly token?: Redacted.Redacted<string> | undefined
  /** Header carrying the token. flowserv reads `api_key`; Werkzeug ≥ 2.3 and some proxies drop
   *  names with `_`, where `api-key` reaches the same server. */
  readonly tokenHeader?: string | undefined
  readonly retry?: Partial<Retry.RetryPolicy> | undefined
  /** Per-request timeout; 30 seconds by default. */
  readonly timeout?: Duration.DurationInput | undefined
  /** The largest JSON body read into memory; 32 MiB by default. */
  readonly maxResponseBytes?: number | undefined
  /** The most requests in flight at once (64 by default; `Infinity` for no bound): further calls
   *  wait for a slot, and their timeouts start once they have one. A streamed download keeps its slot
   *  until its body ends or is abandoned. Shared by every service on the connection. */
  readonly maxConcurrentRequests?: number | undefined
  /** The longest a download's body may take, from its response headers to its last byte; no limit
   *  by default (`RequestOptions.withDownloadTimeout` sets one for a region). */
  readonly downloadTimeout?: Duration.DurationInput | undefined
  /** The least a download's body must bring: 1 KiB in every 30 s by default; `{ bytes: 0, per: … }`
   *  for no minimum (`RequestOptions.withDownloadMinRate` for a region). */
  readonly downloadMinRate?: DownloadRate | undefined
}

/**
 * The token for calls made in the current region, if one was set with {@link withToken}.
 *
 * @since 0.1.0
 * @category references
 */
export class CurrentToken extends Context.Reference<CurrentToken>()("effect-research-sdk/flowserv/CurrentToken", {
  defaultValue: (): Option.Option<Redacted.Redacted<string>> => Option.none()
}) {}

/**
 * Runs an effect or a stream with every flowserv call in it authenticated by `token`.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Groups, Users, withToken } from "effect-research-sdk/flowserv"
 * const asAlice = Effect.gen(function*() {
 *   const alice = yield* (yield* Users).login("alice", "secret")
 *   return yield* (yield* Groups).list().pipe(withToken(alice.token))
 * })
 * ```
 */
export const withToken: {
  (token: Redacted.Redacted<string>): <Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(
    self: Self
  ) => Self
  <Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(
    self: Self,
    token: Redacted.Redacted<string>
  ): Self
} = dual(
  2,
  (self: Effect.Effect<any, any, any> | Stream.Stream<any, any, any>, token: Redacted.Redacted<string>) =>
    Stream.StreamTypeId in self
      ? Stream.provideService(self, CurrentToken, Option.some(token))
      : Effect.provideService(self, CurrentToken, Option.some(token))
)

/**
 * The flowserv connection service.
 *
 * @since 0.1.0
 * @category models
 */
export interface FlowservClientService {
  readonly options: FlowservClientOptions
  readonly api: ApiClient
  /** The same connection with another default token. */
  readonly withDefaultToken: (token: Redacted.Redacted<string>) => FlowservClientService
}

const makeWith = (
  httpClient: HttpClient.HttpClient,
  options: FlowservClientOptions,
  // One bound for the connection, whatever its default token.
  slots = Api.slots(options.maxConcurrentRequests)
): FlowservClientService => {
  const tokenHeader = options.tokenHeader ?? "api_key"
  const credentials = Effect.map(CurrentToken, (current): ReadonlyArray<Credential> => {
    const token = Option.isSome(current) ? current.value : options.token
    return token === undefined ? [] : [{ header: tokenHeader, value: token }]
  })
  const api = Api.makeWith(httpClient, {
    baseUrl: options.url,
    retry: Retry.policy(options.retry),
    timeout: options.timeout ?? "30 seconds",
    maxResponseBytes: options.maxResponseBytes ?? 32 * 1024 * 1024,
    classifier,
    credentials,
    credentialHeaders: [tokenHeader.toLowerCase(), "api_key", "api-key"],
    slots,
    downloadTimeout: options.downloadTimeout,
    downloadMinRate: options.downloadMinRate
  })
  return {
    options,
    api,
    withDefaultToken: (token) => makeWith(httpClient, { ...options, token }, slots)
  }
}

/**
 * The configuration `layerConfig` reads by default: `FLOWSERV_URL` and, optionally, `FLOWSERV_TOKEN`.
 * A token that could not be sent as a header (a line break, a control character, a character outside
 * Latin-1, surrounding whitespace) is a `ConfigError` when the layer is built.
 *
 * @since 0.1.0
 * @category config
 */
export const defaultConfig: Config.Config<FlowservClientOptions> = Config.all({
  url: Config.string("FLOWSERV_URL"),
  token: sendableConfig("FLOWSERV_TOKEN").pipe(Config.option, Config.map(Option.getOrUndefined))
})

/**
 * The connection to a flowserv server. Requires an `HttpClient` (bring `FetchHttpClient.layer`,
 * an undici-based one, or the testkit's in-memory server).
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, Redacted } from "effect"
 * import { FlowservClient } from "effect-research-sdk/flowserv"
 * const Live = FlowservClient.layer({ url: "http://localhost:5000/flowserv/api/v1" }).pipe(
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * ```
 */
export class FlowservClient extends Context.Tag("effect-research-sdk/flowserv/FlowservClient")<
  FlowservClient,
  FlowservClientService
>() {
  /**
   * Builds the service on the `HttpClient` in context.
   *
   * @since 0.1.0
   */
  static readonly make = (
    options: FlowservClientOptions
  ): Effect.Effect<FlowservClientService, never, HttpClient.HttpClient> =>
    Effect.map(HttpClient.HttpClient, (httpClient) => makeWith(httpClient, options))

  /**
   * @since 0.1.0
   */
  static readonly layer = (options: FlowservClientOptions): Layer.Layer<FlowservClient, never, HttpClient.HttpClient> =>
    Layer.effect(FlowservClient, FlowservClient.make(options))

  /**
   * Reads the options from configuration ({@link defaultConfig} unless given).
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (
    config: Config.Config<FlowservClientOptions> = defaultConfig
  ): Layer.Layer<FlowservClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
    Layer.effect(FlowservClient, Effect.flatMap(config, FlowservClient.make))
}
