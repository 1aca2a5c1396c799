/**
 * Authentication with an Agave tenant: the OAuth token client (`POST {tenant}/token`, HTTP Basic with
 * the client's key and secret, form-encoded password and refresh grants with `scope=PRODUCTION`) and
 * the credential built from what the user configured.
 *
 * - With a key, a secret and a refresh token or a user name and password, the credential refreshes
 *   itself (the core's refreshing credential: shortly before `expires_in` runs out, and once on a 401
 *   the classifier marks as an expired or invalid token; single-flight, since a refresh token can be
 *   redeemed once). A refresh token that is refused is replaced by a new login when a password is
 *   configured. `onToken` sees every new token pair, to persist it.
 * - With a token alone, calls carry it as it is; a 401 then says that it cannot be refreshed, and why.
 *
 * Configuration is read from the environment variables AgavePy reads: `TAPIS_BASE_URL`, `TAPIS_TOKEN`,
 * `TAPIS_REFRESH_TOKEN`, `TAPIS_API_KEY`, `TAPIS_API_SECRET`, `TAPIS_USERNAME`, `TAPIS_PASSWORD`;
 * secrets are `Redacted` from the moment they are read.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Credentials from "../core/Credentials.js"
import type * as Endpoint from "../core/Endpoint.js"
import type { InfraError, InvalidRequest } from "../core/Errors.js"
import { Unauthorized } from "../core/Errors.js"
import * as Form from "../core/Form.js"
import * as RefreshingCredential from "../core/RefreshingCredential.js"
import type { TokenRecords, TokenResponse } from "./records/Auth.js"

/**
 * What a client of an Agave tenant may be configured with.
 *
 * @since 0.1.0
 * @category models
 */
export interface AgaveAuthOptions {
  /** The tenant's base URL, e.g. `https://api.tacc.utexas.edu`. */
  readonly url: string
  /** An access token to start with. */
  readonly token?: Redacted.Redacted<string> | undefined
  readonly refreshToken?: Redacted.Redacted<string> | undefined
  /** The OAuth client's key and secret, for the token endpoint. */
  readonly apiKey?: Redacted.Redacted<string> | undefined
  readonly apiSecret?: Redacted.Redacted<string> | undefined
  readonly username?: string | undefined
  readonly password?: Redacted.Redacted<string> | undefined
  /** Sees every new token pair before any request uses it: persist it here. */
  readonly onToken?: ((token: RefreshingCredential.Token) => Effect.Effect<void>) | undefined
  /** How long before a known expiry the token is refreshed (one minute by default). */
  readonly refreshBefore?: Duration.DurationInput | undefined
}

const optionalSecret = (name: string) => Config.redacted(name).pipe(Config.option, Config.map(Option.getOrUndefined))

/**
 * The options from AgavePy's environment variables.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<AgaveAuthOptions> = Config.all({
  url: Config.string("TAPIS_BASE_URL"),
  token: optionalSecret("TAPIS_TOKEN"),
  refreshToken: optionalSecret("TAPIS_REFRESH_TOKEN"),
  apiKey: optionalSecret("TAPIS_API_KEY"),
  apiSecret: optionalSecret("TAPIS_API_SECRET"),
  username: Config.string("TAPIS_USERNAME").pipe(Config.option, Config.map(Option.getOrUndefined)),
  password: optionalSecret("TAPIS_PASSWORD")
})

/**
 * The function that calls the token endpoint (the `token` record run on a connection that sends the
 * client's key and secret).
 *
 * @since 0.1.0
 * @category models
 */
export type TokenCall = Endpoint.Call<typeof TokenRecords.token>

/**
 * Why a grant failed.
 *
 * @since 0.1.0
 * @category models
 */
export type GrantError = Unauthorized | InvalidRequest | InfraError

/**
 * The token client: the two grants.
 *
 * @since 0.1.0
 * @category models
 */
export interface TokenClient {
  /** The resource owner's password grant: a login. */
  readonly password: (
    username: string,
    password: Redacted.Redacted<string>
  ) => Effect.Effect<RefreshingCredential.TokenGrant, GrantError>
  /** Redeems a refresh token (once: the server refuses it afterwards). */
  readonly refresh: (
    refreshToken: Redacted.Redacted<string>
  ) => Effect.Effect<RefreshingCredential.TokenGrant, GrantError>
}

/**
 * A token's lifetime from `expires_in` (seconds, as a number or a numeric string); unknown otherwise.
 *
 * @since 0.1.0
 * @category conversions
 */
export const expiresIn = (value: number | string | undefined): Duration.Duration | undefined => {
  const seconds = typeof value === "string" && /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : value
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? Duration.seconds(seconds) : undefined
}

/**
 * The grant a token answer makes.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toGrant = (answer: TokenResponse): RefreshingCredential.TokenGrant => ({
  accessToken: answer.access_token,
  refreshToken: answer.refresh_token,
  expiresIn: expiresIn(answer.expires_in)
})

/**
 * The token client over `call`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const tokenClient = (call: TokenCall): TokenClient => {
  const grant = (fields: Form.Fields) =>
    Either.match(Form.encode({ ...fields, scope: "PRODUCTION" }), {
      onLeft: (refused) => Effect.fail(refused),
      onRight: (body) => Effect.map(call({ body }), toGrant)
    })
  return {
    password: (username, password) => grant({ grant_type: "password", username, password }),
    refresh: (refreshToken) => grant({ grant_type: "refresh_token", refresh_token: refreshToken })
  }
}

/**
 * What is missing for a configured token to be refreshed, or `undefined` when it can be.
 *
 * @since 0.1.0
 * @category credentials
 */
export const whyNoRefresh = (options: AgaveAuthOptions): string | undefined => {
  const client = options.apiKey !== undefined && options.apiSecret !== undefined
  const grant = options.refreshToken !== undefined || (options.username !== undefined && options.password !== undefined)
  if (client && grant) return undefined
  const missing = [
    ...(client ? [] : ["an API key and secret (TAPIS_API_KEY, TAPIS_API_SECRET)"]),
    ...(grant
      ? []
      : ["a refresh token (TAPIS_REFRESH_TOKEN) or a user name and password (TAPIS_USERNAME, TAPIS_PASSWORD)"])
  ]
  return `the access token cannot be refreshed: a client built from a bare token needs ${missing.join(" and ")}`
}

/**
 * The credential a client configured with `options` sends: refreshing when it can be, the bare token
 * otherwise, none without either. `cannotRefresh` is what a rejected bare token's `Unauthorized` says.
 *
 * @since 0.1.0
 * @category credentials
 */
export const credential = (
  options: AgaveAuthOptions,
  client: TokenClient
): { readonly auth: Credentials.Auth | undefined; readonly cannotRefresh: string | undefined } => {
  const cannotRefresh = whyNoRefresh(options)
  if (cannotRefresh !== undefined) {
    return { auth: options.token === undefined ? undefined : Credentials.bearer(options.token), cannotRefresh }
  }
  const { password, username } = options
  const login = username !== undefined && password !== undefined ? client.password(username, password) : undefined
  const refresh = (current: RefreshingCredential.Token | undefined) => {
    const refreshToken = current?.refreshToken ?? options.refreshToken
    if (refreshToken === undefined) return login ?? Effect.fail(new Unauthorized({ message: "no refresh token" }))
    const redeemed = client.refresh(refreshToken)
    // A refused refresh token (spent, expired, revoked) is replaced by a new login when one is possible.
    return login === undefined
      ? redeemed
      : Effect.catchIf(redeemed, (error) => error._tag === "Unauthorized", () => login)
  }
  return {
    auth: RefreshingCredential.unsafeMake({
      // Without an access token, the first call obtains one (redeeming the refresh token, or logging in).
      token: options.token === undefined
        ? undefined
        : { accessToken: options.token, refreshToken: options.refreshToken },
      refresh,
      onToken: options.onToken,
      refreshBefore: options.refreshBefore
    }),
    cannotRefresh: undefined
  }
}

/**
 * The credential the token endpoint is called with: HTTP Basic, the client's key and secret.
 *
 * @since 0.1.0
 * @category credentials
 */
export const clientAuth = (options: AgaveAuthOptions): Credentials.StaticAuth | undefined =>
  options.apiKey === undefined || options.apiSecret === undefined
    ? undefined
    : Credentials.basic(Redacted.value(options.apiKey), options.apiSecret)
