/**
 * The connection to one SCIM 2.0 service provider: its root URL, credentials, media type, retry
 * policy and timeout. `ScimGroups` and `ScimUsers` run their requests through it.
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
import type { ApiClient } from "../core/ApiClient.js"
import * as Api from "../core/ApiClient.js"
import { sendableConfig } from "../core/Credentials.js"
import * as Retry from "../core/Retry.js"
import type { ScimAuth } from "./ScimAuth.js"
import * as Auth from "./ScimAuth.js"
import { classifier } from "./ScimErrors.js"

/**
 * How to reach a SCIM service provider.
 *
 * @since 0.1.0
 * @category models
 */
export interface ScimClientOptions {
  /** The SCIM root, below which `/Groups` and `/Users` live: `https://host/scim/v2`, or
   *  `https://host/api/v1/scim` for ODM (see `Odm`). */
  readonly url: string
  /** The credential sent with every call: `ScimAuth.bearer`, `ScimAuth.header` or `ScimAuth.basic`. */
  readonly auth?: ScimAuth | undefined
  /** The media type of request bodies: `application/scim+json` (RFC 7644) by default; ODM declares
   *  `application/json`. Responses of either type are read. */
  readonly contentType?: string | undefined
  /** Whether the server has PUT (`replace`); `true` by default. ODM has none. */
  readonly supportsReplace?: boolean | undefined
  readonly retry?: Partial<Retry.RetryPolicy> | undefined
  /** Per-request timeout; 30 seconds by default. */
  readonly timeout?: Duration.DurationInput | undefined
  /** The largest JSON body read into memory; 32 MiB by default. */
  readonly maxResponseBytes?: number | undefined
  /** The most requests in flight at once (64 by default; `Infinity` for no bound): further calls
   *  wait for a slot, and their timeouts start once they have one. */
  readonly maxConcurrentRequests?: number | undefined
}

/**
 * The SCIM connection service.
 *
 * @since 0.1.0
 * @category models
 */
export interface ScimClientService {
  readonly options: ScimClientOptions
  readonly api: ApiClient
  /** The credential's secrets, scrubbed from every error. */
  readonly secrets: ReadonlyArray<Redacted.Redacted>
}

/**
 * The media types a SCIM client accepts.
 *
 * @since 0.1.0
 * @category constants
 */
export const accept = "application/scim+json, application/json;q=0.9"

const makeWith = (httpClient: HttpClient.HttpClient, options: ScimClientOptions): ScimClientService => {
  const credential = options.auth === undefined ? undefined : Auth.toCredential(options.auth)
  const api = Api.makeWith(httpClient, {
    baseUrl: options.url,
    retry: Retry.policy(options.retry),
    timeout: options.timeout ?? "30 seconds",
    maxResponseBytes: options.maxResponseBytes ?? 32 * 1024 * 1024,
    classifier,
    credentials: Effect.succeed(credential === undefined ? [] : [credential]),
    credentialHeaders: credential === undefined
      ? ["authorization"]
      : ["authorization", credential.header.toLowerCase()],
    jsonContentType: options.contentType ?? "application/scim+json",
    maxConcurrentRequests: options.maxConcurrentRequests,
    headers: { accept }
  })
  return { options, api, secrets: options.auth === undefined ? [] : Auth.secretsOf(options.auth) }
}

/**
 * The configuration `layerConfig` reads by default: `SCIM_URL` and, optionally, `SCIM_TOKEN`
 * (sent as a bearer token). A token that could not be sent as a header (a line break, a control
 * character, a character outside Latin-1, surrounding whitespace) is a `ConfigError` when the layer
 * is built.
 *
 * @since 0.1.0
 * @category config
 */
export const defaultConfig: Config.Config<ScimClientOptions> = Config.all({
  url: Config.string("SCIM_URL"),
  auth: sendableConfig("SCIM_TOKEN").pipe(
    Config.option,
    Config.map(Option.match({ onNone: () => undefined, onSome: Auth.bearer }))
  )
})

/**
 * The connection to a SCIM service provider. Requires an `HttpClient`.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, Redacted } from "effect"
 * import { ScimAuth, ScimClient } from "effect-research-sdk/scim"
 * const Live = ScimClient.layer({
 *   url: "https://idp.example.org/scim/v2",
 *   auth: ScimAuth.bearer(Redacted.make("…"))
 * }).pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 */
export class ScimClient extends Context.Tag("effect-research-sdk/scim/ScimClient")<ScimClient, ScimClientService>() {
  /**
   * Builds the service on the `HttpClient` in context.
   *
   * @since 0.1.0
   */
  static readonly make = (options: ScimClientOptions): Effect.Effect<ScimClientService, never, HttpClient.HttpClient> =>
    Effect.map(HttpClient.HttpClient, (httpClient) => makeWith(httpClient, options))

  /**
   * @since 0.1.0
   */
  static readonly layer = (options: ScimClientOptions): Layer.Layer<ScimClient, never, HttpClient.HttpClient> =>
    Layer.effect(ScimClient, ScimClient.make(options))

  /**
   * Reads the options from configuration ({@link defaultConfig} unless given).
   *
   * @since 0.1.0
   */
  static readonly layerConfig = (
    config: Config.Config<ScimClientOptions> = defaultConfig
  ): Layer.Layer<ScimClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
    Layer.effect(ScimClient, Effect.flatMap(config, ScimClient.make))
}
