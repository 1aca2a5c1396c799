/**
 * The connection to one SCIM 2.0 service provider: its root URL, credentials, media type, retry
 * policy and timeout, built by the core's connection factory. `ScimGroups` and `ScimUsers` run
 * their records on it.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Option from "effect/Option"
import * as Connection from "../core/Connection.js"
import * as Credentials from "../core/Credentials.js"
import { classifier } from "./ScimErrors.js"

/**
 * How to reach a SCIM service provider.
 *
 * @since 0.1.0
 * @category models
 */
export interface ScimClientOptions extends Connection.ConnectionOptions {
  /** The SCIM root, below which `/Groups` and `/Users` live: `https://host/scim/v2`, or
   *  `https://host/api/v1/scim` for ODM (see `Odm`). */
  readonly url: string
  /** The credential sent with every call: `ScimAuth.bearer`, `ScimAuth.header`, `ScimAuth.basic`,
   *  or a refreshing credential. `Credentials.withAuth("scim", …)` switches it for a region. */
  readonly auth?: Credentials.Auth | undefined
  /** The media type of request bodies: `application/scim+json` (RFC 7644) by default; ODM declares
   *  `application/json`. Responses of either type are read. */
  readonly contentType?: string | undefined
  /** Whether the server has PUT (`replace`); `true` by default. ODM has none. */
  readonly supportsReplace?: boolean | undefined
}

/**
 * The SCIM connection service.
 *
 * @since 0.1.0
 * @category models
 */
export type ScimClientService = Connection.Connection<ScimClientOptions>

/**
 * The media types a SCIM client accepts.
 *
 * @since 0.1.0
 * @category constants
 */
export const accept = "application/scim+json, application/json;q=0.9"

/**
 * The configuration `layerConfig` reads by default: `SCIM_URL` and, optionally, `SCIM_TOKEN`
 * (sent as a bearer token), `SCIM_TIMEOUT`, `SCIM_MAX_RESPONSE_BYTES`, `SCIM_MAX_ATTEMPTS`. A token
 * that could not be sent as a header (a line break, a control character, a character outside
 * Latin-1, surrounding whitespace) is a `ConfigError` when the layer is built.
 *
 * @since 0.1.0
 * @category config
 */
export const defaultConfig: Config.Config<ScimClientOptions> = Connection.config("SCIM", {
  auth: Credentials.sendableConfig("SCIM_TOKEN").pipe(
    Config.option,
    Config.map(Option.match({ onNone: () => undefined, onSome: Credentials.bearer }))
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
export class ScimClient extends Connection.Tag<ScimClient, ScimClientOptions>()(
  "effect-research-sdk/scim/ScimClient",
  {
    classifier,
    credentials: (options) => {
      const auth = Credentials.forPlatform({ platform: "scim", auth: options.auth })
      return { credentials: auth.credentials, renewCredentials: auth.renewCredentials, headers: auth.credentialHeaders }
    },
    extras: (options) => ({ jsonContentType: options.contentType ?? "application/scim+json", headers: { accept } }),
    config: defaultConfig
  }
) {}
