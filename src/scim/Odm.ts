/**
 * Genestack ODM's SCIM endpoints: the preset that picks ODM's path (`/api/v1/scim`), its token
 * header (`Genestack-API-Token`, or an OAuth access token as a bearer token), the media type it
 * declares for request bodies (`application/json`) and its lack of PUT.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Credentials from "../core/Credentials.js"
import * as Scim from "./Scim.js"
import type { ScimClientOptions } from "./ScimClient.js"
import { ScimClient } from "./ScimClient.js"

/**
 * What every {@link OdmOptions} holds besides the credential.
 *
 * @since 0.1.0
 * @category models
 */
export interface OdmConnection extends Omit<ScimClientOptions, "url" | "auth" | "contentType" | "supportsReplace"> {
  /** The instance's origin, e.g. `https://odm.example.org`. */
  readonly host: string
}

/**
 * How to reach an ODM instance: with a Genestack API token (from the _Profile_ page), sent in
 * `Genestack-API-Token`, or an OAuth access token, sent as `Authorization: Bearer …`; one of them,
 * never both (ODM would authenticate with one and silently ignore the other). From untyped code that
 * passes both anyway, `token` is used.
 *
 * @since 0.1.0
 * @category models
 */
export type OdmOptions =
  & OdmConnection
  & (
    | { readonly token?: Redacted.Redacted<string> | undefined; readonly accessToken?: undefined }
    | { readonly token?: undefined; readonly accessToken?: Redacted.Redacted<string> | undefined }
  )

/**
 * ODM's SCIM root below the host.
 *
 * @since 0.1.0
 * @category constants
 */
export const basePath = "/api/v1/scim"

/**
 * ODM's token header.
 *
 * @since 0.1.0
 * @category constants
 */
export const tokenHeader = "Genestack-API-Token"

/**
 * The `ScimClient` options for an ODM instance.
 *
 * @since 0.1.0
 * @category constructors
 */
export const options = ({ accessToken, host, token, ...rest }: OdmOptions): ScimClientOptions => ({
  ...rest,
  url: host.replace(/\/+$/, "") + basePath,
  auth: token !== undefined
    ? Credentials.header(tokenHeader, token)
    : accessToken !== undefined
    ? Credentials.bearer(accessToken)
    : undefined,
  contentType: "application/json",
  supportsReplace: false
})

/**
 * The configuration `layerConfig` reads by default: `ODM_HOST` and `ODM_TOKEN`.
 *
 * @since 0.1.0
 * @category config
 */
export const defaultConfig: Config.Config<OdmOptions> = Config.all({
  host: Config.string("ODM_HOST"),
  token: Config.redacted("ODM_TOKEN").pipe(Config.option, Config.map(Option.getOrUndefined))
})

/**
 * `ScimGroups` and `ScimUsers` on an ODM instance.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, Redacted } from "effect"
 * import { Odm } from "effect-research-sdk/scim"
 * const Live = Odm.layer({ host: "https://odm.example.org", token: Redacted.make("…") }).pipe(
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * ```
 */
export const layer = (odm: OdmOptions): Layer.Layer<Scim.Services | ScimClient, never, HttpClient.HttpClient> =>
  Scim.layer(options(odm))

/**
 * `ScimGroups` and `ScimUsers` on an ODM instance configured from `ODM_HOST` / `ODM_TOKEN`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  config: Config.Config<OdmOptions> = defaultConfig
): Layer.Layer<Scim.Services | ScimClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provideMerge(Scim.Default, ScimClient.layerConfig(Config.map(config, options)))
