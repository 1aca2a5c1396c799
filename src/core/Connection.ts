/**
 * One factory for every platform's connection service: the base URL, retry policy, timeout and body
 * limit a user configures, the platform's defaults, its error classifier and envelope, and its
 * credentials — turned into an `ApiClient` behind a `Context.Tag` with `make`, `layer(options)` and
 * `layerConfig` (environment variables, secrets read with `Config.redacted`).
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type { ApiClient, ApiClientConfig, Credential } from "./ApiClient.js"
import * as Api from "./ApiClient.js"
import type { Classifier } from "./Classify.js"
import type { DownloadRate } from "./DownloadLimits.js"
import type { Envelope } from "./Envelope.js"
import type { CredentialUnavailable } from "./RefreshingCredential.js"
import * as Retry from "./Retry.js"

/**
 * What every connection's options hold.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectionOptions {
  /** The API root every path is appended to. */
  readonly url: string
  /** Changes to the platform's retry policy. */
  readonly retry?: Partial<Retry.RetryPolicy> | undefined
  /** Per-request timeout; the platform's default (30 seconds unless it says otherwise) without one. */
  readonly timeout?: Duration.DurationInput | undefined
  /** The largest JSON body read into memory. */
  readonly maxResponseBytes?: number | undefined
  /** The most requests in flight at once on this connection (the core's default, 64, unless given;
   *  `Infinity` for no bound). */
  readonly maxConcurrentRequests?: number | undefined
  /** The longest a streamed download's body may take after its headers; no limit by default. */
  readonly downloadTimeout?: Duration.DurationInput | undefined
  /** The least a streamed download's body must bring (`DownloadLimits.defaultMinRate` by default). */
  readonly downloadMinRate?: DownloadRate | undefined
}

/**
 * A platform's credentials for a connection: read on every request, so that a region of code (or a
 * refreshed token) can change them, and the header names that may carry them (redacted in spans and
 * logs).
 *
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly credentials: Effect.Effect<ReadonlyArray<Credential>, CredentialUnavailable>
  readonly headers: ReadonlyArray<string>
  /** Renews a credential the server rejected as expired or invalid (`Credentials.forPlatform` gives
   *  one for a refreshing credential); without it such a 401 ends the call. */
  readonly renewCredentials?:
    | ((sent: ReadonlyArray<Credential>) => Effect.Effect<void, CredentialUnavailable>)
    | undefined
}

/**
 * The settings of `ApiClient` a platform may derive from its options, beyond the common ones.
 *
 * @since 0.1.0
 * @category models
 */
export type Extras = Partial<
  Omit<
    ApiClientConfig,
    "baseUrl" | "retry" | "timeout" | "maxResponseBytes" | "classifier" | "credentials" | "credentialHeaders"
  >
>

/**
 * What a platform tells the factory about itself.
 *
 * @since 0.1.0
 * @category models
 */
export interface Platform<Options extends ConnectionOptions> {
  /** The platform's reading of its error bodies. */
  readonly classifier: Classifier
  /** The platform's response envelope, if it has one. */
  readonly envelope?: Envelope | undefined
  /** Its credentials, from the options. */
  readonly credentials: (options: Options) => Credentials
  /** Defaults for what the options leave out. */
  readonly defaults?: {
    readonly retry?: Partial<Retry.RetryPolicy> | undefined
    readonly timeout?: Duration.DurationInput | undefined
    readonly maxResponseBytes?: number | undefined
  } | undefined
  /** Further settings from the options (SCIM's media type, an `accept` header). */
  readonly extras?: ((options: Options) => Extras) | undefined
  /** What `layerConfig` reads by default. */
  readonly config: Config.Config<Options>
}

/**
 * A connection: its options and the `ApiClient` that runs requests on it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Connection<Options extends ConnectionOptions> {
  readonly options: Options
  readonly api: ApiClient
  /** The same connection with some options changed (another default token, a longer timeout). */
  readonly with: (changes: Partial<Options>) => Connection<Options>
}

/**
 * A connection service's tag, with its constructors and layers.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectionTag<Self, Key extends string, Options extends ConnectionOptions>
  extends Context.TagClass<Self, Key, Connection<Options>>
{
  readonly platform: Platform<Options>
  /** Builds the connection on the given `HttpClient`. */
  readonly makeWith: (httpClient: HttpClient.HttpClient, options: Options) => Connection<Options>
  /** Builds the connection on the `HttpClient` in context. */
  readonly make: (options: Options) => Effect.Effect<Connection<Options>, never, HttpClient.HttpClient>
  readonly layer: (options: Options) => Layer.Layer<Self, never, HttpClient.HttpClient>
  /** Reads the options from configuration (the platform's `config` unless given). */
  readonly layerConfig: (
    config?: Config.Config<Options>
  ) => Layer.Layer<Self, ConfigError.ConfigError, HttpClient.HttpClient>
}

const defaultTimeout = "30 seconds"
const defaultMaxResponseBytes = 32 * 1024 * 1024

/**
 * Defines a platform's connection service.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Effect, type Redacted } from "effect"
 * import { Connection } from "effect-research-sdk"
 * interface GlobusOptions extends Connection.ConnectionOptions {
 *   readonly token?: Redacted.Redacted<string> | undefined
 * }
 * export class GlobusConnection extends Connection.Tag<GlobusConnection, GlobusOptions>()(
 *   "effect-research-sdk/globus/GlobusConnection",
 *   {
 *     classifier: () => undefined,
 *     credentials: (options) => ({
 *       credentials: Effect.succeed(options.token === undefined ? [] : [{ header: "x-token", value: options.token }]),
 *       headers: ["x-token"]
 *     }),
 *     config: Connection.config("GLOBUS", { token: Connection.optionalSecret("GLOBUS_TOKEN") })
 *   }
 * ) {}
 * ```
 */
export const Tag =
  <Self, Options extends ConnectionOptions>() =>
  <const Key extends string>(key: Key, platform: Platform<Options>): ConnectionTag<Self, Key, Options> => {
    const makeWith = (httpClient: HttpClient.HttpClient, options: Options): Connection<Options> => {
      const { credentials, headers, renewCredentials } = platform.credentials(options)
      const defaults = platform.defaults
      const api = Api.makeWith(httpClient, {
        ...platform.extras?.(options),
        baseUrl: options.url,
        retry: Retry.policy({ ...defaults?.retry, ...options.retry }),
        timeout: options.timeout ?? defaults?.timeout ?? defaultTimeout,
        maxResponseBytes: options.maxResponseBytes ?? defaults?.maxResponseBytes ?? defaultMaxResponseBytes,
        classifier: platform.classifier,
        envelope: platform.envelope,
        maxConcurrentRequests: options.maxConcurrentRequests,
        downloadTimeout: options.downloadTimeout,
        downloadMinRate: options.downloadMinRate,
        credentials,
        renewCredentials,
        credentialHeaders: headers.map((header) => header.toLowerCase())
      })
      return { options, api, with: (changes) => makeWith(httpClient, { ...options, ...changes }) }
    }
    const make = (options: Options) => Effect.map(HttpClient.HttpClient, (httpClient) => makeWith(httpClient, options))
    const tag = Context.Tag(key)<Self, Connection<Options>>()
    return Object.assign(tag, {
      platform,
      makeWith,
      make,
      layer: (options: Options) => Layer.effect(tag, make(options)),
      layerConfig: (config: Config.Config<Options> = platform.config) => Layer.effect(tag, Effect.flatMap(config, make))
    })
  }

/**
 * The common options read from the environment — `<PREFIX>_URL` (required), and optionally
 * `<PREFIX>_TIMEOUT` (a duration such as `10 seconds`), `<PREFIX>_MAX_RESPONSE_BYTES` and
 * `<PREFIX>_MAX_ATTEMPTS` — with the platform's own fields.
 *
 * @since 0.1.0
 * @category config
 */
export const config = <Fields extends Record<string, Config.Config<any>> = {}>(
  prefix: string,
  fields?: Fields
): Config.Config<ConnectionOptions & { readonly [K in keyof Fields]: Config.Config.Success<Fields[K]> }> =>
  Config.all({
    url: Config.string(`${prefix}_URL`),
    timeout: optional(Config.duration(`${prefix}_TIMEOUT`)),
    maxResponseBytes: optional(Config.integer(`${prefix}_MAX_RESPONSE_BYTES`)),
    retry: Config.map(
      optional(Config.integer(`${prefix}_MAX_ATTEMPTS`)),
      (maxAttempts) => maxAttempts === undefined ? undefined : { maxAttempts }
    ),
    ...fields
  }) as any

const optional = <A>(config: Config.Config<A>): Config.Config<A | undefined> =>
  config.pipe(Config.option, Config.map(Option.getOrUndefined))

/**
 * A secret read from the environment if it is set: `Redacted` from the moment it is read.
 *
 * @since 0.1.0
 * @category config
 */
export const optionalSecret = (name: string): Config.Config<Redacted.Redacted<string> | undefined> =>
  optional(Config.redacted(name))
