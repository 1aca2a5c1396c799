/**
 * The connection to Globus Groups: the base URL (production unless another environment or URL is
 * given), the token — a bearer token, or any credential of the core's, such as a
 * `RefreshingCredential` fed by a Globus Auth refresh — and the Globus classifier. `Content-Type` is
 * sent only with a body (the pipeline's rule).
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Connection from "../core/Connection.js"
import * as Credentials from "../core/Credentials.js"
import { groupsUrl } from "./Environments.js"
import { classifier } from "./GlobusErrors.js"

/**
 * Options of the Globus Groups connection. `url` is the Groups API's root (no `/v2`); see
 * `Environments.groupsUrl` for the named environments.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusOptions extends Connection.ConnectionOptions {
  /** A Globus Auth access token for the Groups API, sent as `Authorization: Bearer …`. */
  readonly token?: Redacted.Redacted<string> | undefined
  /** Any credential of the core's instead of `token`: a `RefreshingCredential` renews the token when
   *  the service answers 401 `INVALID_TOKEN`. */
  readonly auth?: Credentials.Auth | undefined
}

/**
 * The key of Globus for `Credentials.withToken("globus", token)`.
 *
 * @since 0.1.0
 * @category constants
 */
export const globusPlatform = "globus"

const optional = <A>(config: Config.Config<A>): Config.Config<A | undefined> =>
  config.pipe(Config.option, Config.map(Option.getOrUndefined))

/**
 * What `layerConfig` reads: `GLOBUS_GROUPS_URL` (production's URL when unset), `GLOBUS_TOKEN`
 * (redacted, refused when it could not be sent as a header) and the common `GLOBUS_GROUPS_TIMEOUT`,
 * `GLOBUS_GROUPS_MAX_RESPONSE_BYTES`, `GLOBUS_GROUPS_MAX_ATTEMPTS`.
 *
 * @since 0.1.0
 * @category config
 */
export const globusConfig: Config.Config<GlobusOptions> = Config.all({
  url: Config.string("GLOBUS_GROUPS_URL").pipe(Config.withDefault(groupsUrl("production"))),
  token: optional(Credentials.sendableConfig("GLOBUS_TOKEN")),
  timeout: optional(Config.duration("GLOBUS_GROUPS_TIMEOUT")),
  maxResponseBytes: optional(Config.integer("GLOBUS_GROUPS_MAX_RESPONSE_BYTES")),
  retry: Config.map(
    optional(Config.integer("GLOBUS_GROUPS_MAX_ATTEMPTS")),
    (maxAttempts) => maxAttempts === undefined ? undefined : { maxAttempts }
  )
})

/**
 * The connection to Globus Groups.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { GlobusConnection } from "effect-research-sdk/globus"
 * const connection = GlobusConnection.layer({
 *   url: "https://groups.api.globus.org",
 *   token: Redacted.make("…")
 * })
 * ```
 */
export class GlobusConnection extends Connection.Tag<GlobusConnection, GlobusOptions>()(
  "effect-research-sdk/globus/GlobusConnection",
  {
    classifier,
    credentials: (options) => {
      const fields = Credentials.forPlatform({
        platform: globusPlatform,
        auth: options.auth ?? (options.token === undefined ? undefined : Credentials.bearer(options.token)),
        cannotRefresh: "the Globus token was rejected; give a RefreshingCredential to renew it"
      })
      return {
        credentials: fields.credentials,
        renewCredentials: fields.renewCredentials,
        headers: fields.credentialHeaders
      }
    },
    config: globusConfig
  }
) {}

/**
 * Options for the production service with a token, the usual case.
 *
 * @since 0.1.0
 * @category constructors
 */
export const productionOptions = (token: Redacted.Redacted<string>): GlobusOptions => ({
  url: groupsUrl("production"),
  token
})
