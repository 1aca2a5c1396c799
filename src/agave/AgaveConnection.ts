/**
 * The connection to an Agave tenant: its base URL, Agave's envelope and error classifier, and the
 * credential built from the options — refreshing itself through the tenant's token endpoint when a key,
 * a secret and a refresh token (or a user name and password) are given, a bare token otherwise.
 * `layerConfig` reads AgavePy's variables (`TAPIS_BASE_URL`, `TAPIS_TOKEN`, …).
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Connection from "../core/Connection.js"
import * as Credentials from "../core/Credentials.js"
import * as Endpoint from "../core/Endpoint.js"
import * as Envelope from "../core/Envelope.js"
import type { AgaveAuthOptions } from "./AgaveAuth.js"
import * as AgaveAuth from "./AgaveAuth.js"
import { classifier, tokenClassifier } from "./AgaveErrors.js"
import { TokenRecords } from "./records/Auth.js"

/**
 * Options of an Agave connection.
 *
 * @since 0.1.0
 * @category models
 */
export interface AgaveOptions extends Connection.ConnectionOptions, Omit<AgaveAuthOptions, "url"> {
  /** A credential built elsewhere: it wins over the fields above. */
  readonly auth?: Credentials.Auth | undefined
}

const platformAuth = (options: AgaveOptions) => {
  const auth = Credentials.forPlatform({
    platform: "agave",
    auth: options.auth ?? (options.token === undefined ? undefined : Credentials.bearer(options.token)),
    cannotRefresh: AgaveAuth.whyNoRefresh(options) ?? "the access token was rejected and could not be renewed"
  })
  return { credentials: auth.credentials, headers: auth.credentialHeaders, renewCredentials: auth.renewCredentials }
}

/**
 * Options of the token endpoint's connection.
 *
 * @since 0.1.0
 * @category models
 */
export interface AgaveTokenOptions extends Connection.ConnectionOptions {
  readonly apiKey: Redacted.Redacted<string>
  readonly apiSecret: Redacted.Redacted<string>
}

/**
 * The connection to the tenant's token endpoint: HTTP Basic with the client's key and secret, plain
 * OAuth JSON.
 *
 * @since 0.1.0
 * @category services
 */
export class AgaveTokenConnection extends Connection.Tag<AgaveTokenConnection, AgaveTokenOptions>()(
  "effect-research-sdk/agave/AgaveTokenConnection",
  {
    classifier: tokenClassifier,
    credentials: (options) => {
      const auth = Credentials.forPlatform({
        platform: "agave-token",
        auth: Credentials.basic(Redacted.value(options.apiKey), options.apiSecret)
      })
      return { credentials: auth.credentials, headers: auth.credentialHeaders }
    },
    config: Config.all({
      url: Config.string("TAPIS_BASE_URL"),
      apiKey: Config.redacted("TAPIS_API_KEY"),
      apiSecret: Config.redacted("TAPIS_API_SECRET")
    })
  }
) {}

// The credential of a connection built from `options` on `httpClient`: refreshing when it can be.
const withCredential = (httpClient: HttpClient.HttpClient, options: AgaveOptions): AgaveOptions => {
  if (options.auth !== undefined || AgaveAuth.whyNoRefresh(options) !== undefined) return options
  const tokens = AgaveTokenConnection.makeWith(httpClient, {
    url: options.url,
    apiKey: options.apiKey!,
    apiSecret: options.apiSecret!,
    retry: options.retry,
    timeout: options.timeout
  })
  const client = AgaveAuth.tokenClient(Endpoint.call(tokens.api, TokenRecords.token))
  return { ...options, auth: AgaveAuth.credential(options, client).auth }
}

/**
 * The connection to an Agave tenant.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { AgaveConnection } from "effect-research-sdk/agave"
 * // Logs in with the password grant on first use, refreshes before the token expires.
 * AgaveConnection.layer({
 *   url: "https://api.tacc.utexas.edu",
 *   apiKey: Redacted.make("key"),
 *   apiSecret: Redacted.make("secret"),
 *   username: "nryan",
 *   password: Redacted.make("…")
 * })
 * ```
 */
export class AgaveConnection extends Connection.Tag<AgaveConnection, AgaveOptions>()(
  "effect-research-sdk/agave/AgaveConnection",
  {
    classifier,
    envelope: Envelope.agave,
    credentials: platformAuth,
    defaults: { timeout: "60 seconds" },
    config: AgaveAuth.config
  }
) {
  /**
   * Builds the connection on an `HttpClient`, with its refreshing credential when one can be made.
   *
   * @since 0.1.0
   */
  static override readonly makeWith = (httpClient: HttpClient.HttpClient, options: AgaveOptions) =>
    super.makeWith(httpClient, withCredential(httpClient, options))

  /**
   * Builds the connection on the `HttpClient` in context.
   *
   * @since 0.1.0
   */
  static override readonly make = (options: AgaveOptions) =>
    Effect.map(HttpClient.HttpClient, (httpClient) => AgaveConnection.makeWith(httpClient, options))

  /**
   * The connection as a layer.
   *
   * @since 0.1.0
   */
  static override readonly layer = (options: AgaveOptions) =>
    Layer.effect(AgaveConnection, AgaveConnection.make(options))

  /**
   * The connection configured from the environment (AgavePy's variables by default).
   *
   * @since 0.1.0
   */
  static override readonly layerConfig = (config: Config.Config<AgaveOptions> = AgaveAuth.config) =>
    Layer.effect(AgaveConnection, Effect.flatMap(config, AgaveConnection.make))
}
