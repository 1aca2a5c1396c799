/**
 * One credential model for every platform: a bearer token, a token in a named header (flowserv's
 * `api_key`, ODM's `Genestack-API-Token`), HTTP Basic, the platform's own token scheme, or a
 * {@link RefreshingCredential}. A platform's connection turns its options into the pipeline's
 * credential fields with {@link forPlatform}; a region of code can switch the credential of one
 * platform with {@link withAuth} (what flowserv's `withToken` does).
 *
 * Every secret stays `Redacted` until the moment its header is set; header names are redacted in
 * spans and logs; secret values, bare and encoded, are scrubbed from every error.
 *
 * A credential must be sendable at all: a token read from a file with its line break, pasted with a
 * stray control character or typed with a character outside Latin-1 can never reach a server intact
 * (Node's `http` throws on it, fetch and undici fail the request). The pipeline refuses such a
 * credential before sending ({@link problem}), with `InvalidRequest` (origin client) that is never
 * retried, and configuration read with {@link sendableConfig} refuses it when it is read.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { dual } from "effect/Function"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { isName, valueProblem } from "./HeaderValues.js"
import type { RefreshingCredential } from "./RefreshingCredential.js"
import { CredentialUnavailable } from "./RefreshingCredential.js"
import { isWellFormed } from "./Url.js"

/**
 * A credential sent as a header — or, for a service that takes a capability in the URL (Abaco's
 * `x-nonce`), as a query parameter. Its value stays `Redacted` until the moment the request is sent.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credential {
  /** The header's name, or the query parameter's when {@link Credential.in} is `"query"`. */
  readonly header: string
  readonly value: Redacted.Redacted<string>
  /** Where it is sent: a header (the default), or a query parameter added to each attempt's URL —
   *  never to the URL shown in spans, logs and errors, which is built before credentials are read. */
  readonly in?: "header" | "query" | undefined
  /** The bare secrets inside `value` (a token without its `Bearer ` scheme, a Basic password and its
   *  base64 form), scrubbed from errors like `value` itself. */
  readonly secrets?: ReadonlyArray<Redacted.Redacted> | undefined
}

// Values already found sendable: a credential is checked once, not on every call.
const sendable = new WeakSet<Redacted.Redacted<string>>()

/**
 * Why a credential cannot be sent, naming its header and never quoting its value; `undefined` when
 * it can.
 *
 * @since 0.1.0
 * @category validation
 */
export const problem = (credential: Credential): string | undefined => {
  if (credential.in === "query") return queryProblem(credential)
  if (!isName(credential.header)) {
    return `${JSON.stringify(String(credential.header))} is not a valid header name for a credential`
  }
  if (sendable.has(credential.value)) return undefined
  const reason = valueProblem(Redacted.value(credential.value))
  if (reason === undefined) {
    sendable.add(credential.value)
    return undefined
  }
  return `the credential for header ${credential.header} cannot be sent: it ${reason}`
}

// Values already found sendable in a query (a check of its own: a header may carry an empty value).
const querySendable = new WeakSet<Redacted.Redacted<string>>()

// A query parameter carries any text percent-encoded, but not a lone UTF-16 surrogate (no UTF-8 form),
// and an empty name or value would send nothing a server could read as a credential.
const queryProblem = (credential: Credential): string | undefined => {
  const name = credential.header
  if (typeof name !== "string" || name.length === 0 || !isWellFormed(name)) {
    return "a credential's query parameter needs a non-empty, well-formed name"
  }
  if (querySendable.has(credential.value)) return undefined
  const value = Redacted.value(credential.value)
  if (typeof value !== "string" || value.length === 0 || !isWellFormed(value)) {
    return `the credential for query parameter ${
      name.slice(0, 100)
    } cannot be sent: it is empty or not well-formed Unicode`
  }
  querySendable.add(credential.value)
  return undefined
}

/**
 * The secret `Config.redacted(name)` reads, refused when it is read if it could not be sent as (part
 * of) a header value: a `ConfigError` naming `name` at layer construction, rather than a failure of
 * every call. The error quotes no part of the secret.
 *
 * @since 0.1.0
 * @category config
 */
export const sendableConfig = (name: string): Config.Config<Redacted.Redacted<string>> =>
  Config.mapOrFail(Config.redacted(name), (secret) => {
    const reason = valueProblem(Redacted.value(secret))
    return reason === undefined
      ? Either.right(secret)
      : Either.left(ConfigError.InvalidData([name], `cannot be sent as a credential: it ${reason}`))
  })

/**
 * A credential, as data (all but the refreshing one).
 *
 * @since 0.1.0
 * @category models
 */
export type StaticAuth =
  | { readonly _tag: "Bearer"; readonly token: Redacted.Redacted<string> }
  | { readonly _tag: "Header"; readonly header: string; readonly token: Redacted.Redacted<string> }
  | { readonly _tag: "Basic"; readonly username: string; readonly password: Redacted.Redacted<string> }
  | { readonly _tag: "Token"; readonly token: Redacted.Redacted<string> }
  | { readonly _tag: "Query"; readonly name: string; readonly token: Redacted.Redacted<string> }

/**
 * Any credential a platform connection accepts.
 *
 * @since 0.1.0
 * @category models
 */
export type Auth = StaticAuth | RefreshingCredential

/**
 * `Authorization: Bearer <token>` (RFC 6750).
 *
 * @since 0.1.0
 * @category constructors
 */
export const bearer = (token: Redacted.Redacted<string>): StaticAuth => ({ _tag: "Bearer", token })

/**
 * The token as the whole value of a header of its own: flowserv's `api_key`, ODM's
 * `Genestack-API-Token`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const header = (name: string, token: Redacted.Redacted<string>): StaticAuth => ({
  _tag: "Header",
  header: name,
  token
})

/**
 * `Authorization: Basic …` (RFC 7617), user name and password in UTF-8. A user name holding a colon,
 * or either part holding a control character, cannot be sent (RFC 7617 §2): every call then fails
 * with `InvalidRequest` before anything is sent (see {@link validate}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const basic = (username: string, password: Redacted.Redacted<string>): StaticAuth => ({
  _tag: "Basic",
  username,
  password
})

/**
 * A token sent the way its platform sends tokens (flowserv: `api_key`; Globus, Agave: bearer):
 * what {@link withToken} uses, so code that switches tokens need not know the header.
 *
 * @since 0.1.0
 * @category constructors
 */
export const token = (token: Redacted.Redacted<string>): StaticAuth => ({ _tag: "Token", token })

/**
 * A token in a query parameter of every request, instead of a header: for a capability a service
 * hands out to be put in a URL, such as an Abaco actor's nonce (`x-nonce`). It is added to each
 * attempt's URL as it is sent, so the URL in spans, logs and errors never shows it, and it is
 * scrubbed from anything a server echoes. Use it in a region, with {@link withAuth}.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { Credentials } from "effect-research-sdk"
 * const nonce = Credentials.query("x-nonce", Redacted.make("TACC_Vr1xEaXbLrBMK"))
 * ```
 */
export const query = (name: string, token: Redacted.Redacted<string>): StaticAuth => ({ _tag: "Query", name, token })

// CTL = %x00-1F / %x7F (RFC 5234), which RFC 7617 §2 forbids in both parts.

const controlCharacter = /[\u0000-\u001f\u007f]/

/**
 * Why a credential cannot be sent, if it cannot: a Basic user name may not hold a colon (the
 * server would split it there), and neither part a control character (RFC 7617 §2); a token must be
 * a header value of its own (no control character, nothing outside Latin-1, no surrounding
 * whitespace). The message names neither the user name nor any secret.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = (auth: StaticAuth): Either.Either<StaticAuth, CredentialUnavailable> => {
  // A bearer token is one part of its header's value: whitespace around it would be lost in
  // `Bearer <token>` (or sent as a different token), where the check of the whole value sees none.
  if (auth._tag === "Bearer" || auth._tag === "Token") {
    const reason = valueProblem(Redacted.value(auth.token))
    return reason === undefined ? Either.right(auth) : Either.left(invalid(`the token cannot be sent: it ${reason}`))
  }
  if (auth._tag === "Query") {
    const reason = problem(toCredential(auth))
    return reason === undefined ? Either.right(auth) : Either.left(invalid(reason))
  }
  if (auth._tag !== "Basic") return Either.right(auth)
  if (auth.username.includes(":")) {
    return Either.left(invalid("basic auth: the user name may not contain a colon (RFC 7617 §2)"))
  }
  if (controlCharacter.test(auth.username) || controlCharacter.test(Redacted.value(auth.password))) {
    return Either.left(
      invalid("basic auth: the user name and password may not contain control characters (RFC 7617 §2)")
    )
  }
  return Either.right(auth)
}

const invalid = (message: string) => new CredentialUnavailable({ kind: "InvalidRequest", message })

// btoa takes Latin-1 only: encode as UTF-8 first (RFC 7617 §2.1's charset). A loop rather than
// `String.fromCharCode(...bytes)`, whose argument list overflows the stack on long input.
const base64 = (text: string): string => {
  let latin1 = ""
  for (const byte of new TextEncoder().encode(text)) latin1 += String.fromCharCode(byte)
  return btoa(latin1)
}

/**
 * The header a credential is sent in, its value still `Redacted`, with the bare secrets it holds
 * (the token or password, and for Basic the base64 credential a server may echo without its
 * scheme) for scrubbing. A `Token` is rendered by `asToken`, the platform's scheme (bearer when
 * not given).
 *
 * @since 0.1.0
 * @category conversions
 */
export const toCredential = (
  auth: StaticAuth,
  asToken: (token: Redacted.Redacted<string>) => StaticAuth = bearer
): Credential => {
  switch (auth._tag) {
    case "Bearer":
      return {
        header: "authorization",
        value: Redacted.make(`Bearer ${Redacted.value(auth.token)}`),
        secrets: [auth.token]
      }
    case "Header":
      return { header: auth.header.toLowerCase(), value: auth.token, secrets: [auth.token] }
    case "Basic": {
      const encoded = Redacted.make(base64(`${auth.username}:${Redacted.value(auth.password)}`))
      return {
        header: "authorization",
        value: Redacted.make(`Basic ${Redacted.value(encoded)}`),
        secrets: [auth.password, encoded]
      }
    }
    case "Token": {
      const rendered = asToken(auth.token)
      return toCredential(rendered._tag === "Token" ? bearer(auth.token) : rendered)
    }
    case "Query":
      return { header: auth.name, value: auth.token, secrets: [auth.token], in: "query" }
  }
}

/**
 * The credential in force for each platform in the current region, by platform key; empty by
 * default, so each connection's own credential applies.
 *
 * @since 0.1.0
 * @category references
 */
export class CurrentAuth extends Context.Reference<CurrentAuth>()("effect-research-sdk/CurrentAuth", {
  defaultValue: (): ReadonlyMap<string, Auth> => new Map()
}) {}

/**
 * Runs an effect or a stream with every call to `platform` in it authenticated by `auth` instead of
 * its connection's credential. Other platforms' calls are untouched: a token never reaches a host
 * it was not meant for.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { Credentials } from "effect-research-sdk"
 * // Any effect or stream of calls: a Globus listing, say.
 * const listGroups: Effect.Effect<ReadonlyArray<string>> = Effect.succeed(["team-a"])
 * const asAlice = listGroups.pipe(Credentials.withAuth("globus", Credentials.bearer(Redacted.make("…"))))
 * assert.deepStrictEqual(Effect.runSync(asAlice), ["team-a"])
 * ```
 */
export const withAuth: {
  (platform: string, auth: Auth): <Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(
    self: Self
  ) => Self
  <Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(
    self: Self,
    platform: string,
    auth: Auth
  ): Self
} = dual(
  3,
  (self: Effect.Effect<any, any, any> | Stream.Stream<any, any, any>, platform: string, auth: Auth) => {
    const add = (current: ReadonlyMap<string, Auth>) => new Map(current).set(platform, auth)
    return Stream.StreamTypeId in self
      ? Stream.unwrap(Effect.map(CurrentAuth, (current) => Stream.provideService(self, CurrentAuth, add(current))))
      : Effect.flatMap(CurrentAuth, (current) => Effect.provideService(self, CurrentAuth, add(current)))
  }
)

/**
 * {@link withAuth} with a bare token, sent the platform's way ({@link token}).
 *
 * @since 0.1.0
 * @category combinators
 */
export const withToken: {
  (platform: string, token: Redacted.Redacted<string>): <
    Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>
  >(self: Self) => Self
  <Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(
    self: Self,
    platform: string,
    token: Redacted.Redacted<string>
  ): Self
} = dual(
  3,
  <Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(
    self: Self,
    platform: string,
    value: Redacted.Redacted<string>
  ): Self => withAuth(self, platform, token(value))
)

/**
 * How a platform's connection authenticates.
 *
 * @since 0.1.0
 * @category models
 */
export interface PlatformAuthOptions {
  /** The platform's key for {@link withAuth}: `"flowserv"`, `"globus"`, `"agave"`… */
  readonly platform: string
  /** The connection's credential; without one, calls carry none unless a region gives one. */
  readonly auth?: Auth | undefined
  /** How the platform sends a bare token ({@link token}, {@link withToken}); bearer by default. */
  readonly token?: ((token: Redacted.Redacted<string>) => StaticAuth) | undefined
  /** Header names that may carry credentials on this platform besides the ones above (e.g. the
   *  spellings a proxy may use): redacted in spans and logs. */
  readonly headers?: ReadonlyArray<string> | undefined
  /** Why a fixed credential that the server rejected cannot be renewed, said in the `Unauthorized`;
   *  e.g. Agave's "a client built from a bare token cannot refresh: give a refresh token, or a key,
   *  secret, user name and password". */
  readonly cannotRefresh?: string | undefined
}

/**
 * The pipeline's credential fields (`ApiClientConfig`), for spreading into a platform's
 * configuration.
 *
 * @since 0.1.0
 * @category models
 */
export interface PlatformAuth {
  /** The credentials for one attempt, read when it is sent. */
  readonly credentials: Effect.Effect<ReadonlyArray<Credential>, CredentialUnavailable>
  /** After the server rejected `sent` as expired or invalid: renews it, or says why not. */
  readonly renewCredentials: (sent: ReadonlyArray<Credential>) => Effect.Effect<void, CredentialUnavailable>
  /** Header names that may carry credentials, lower case. */
  readonly credentialHeaders: ReadonlyArray<string>
}

const none: Effect.Effect<ReadonlyArray<Credential>, CredentialUnavailable> = Effect.succeed([])

/**
 * A platform connection's credential fields: the connection's own credential unless a region
 * switched it ({@link withAuth}), read per attempt, and renewed when it is a refreshing one.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { Credentials } from "effect-research-sdk"
 * // flowserv: a token in `api_key`, switched per region with `withToken("flowserv", …)`.
 * const fields = Credentials.forPlatform({
 *   platform: "flowserv",
 *   auth: Credentials.header("api_key", Redacted.make("…")),
 *   token: (token) => Credentials.header("api_key", token),
 *   headers: ["api-key"]
 * })
 * ```
 */
export const forPlatform = (options: PlatformAuthOptions): PlatformAuth => {
  const asToken = options.token ?? bearer
  const cannotRefresh = new CredentialUnavailable({
    kind: "Unauthorized",
    message: options.cannotRefresh ?? "the credential cannot be refreshed"
  })
  // A fixed credential is rendered (and checked) once, not per call.
  const rendered = new WeakMap<StaticAuth, Effect.Effect<ReadonlyArray<Credential>, CredentialUnavailable>>()
  const credentialsOf = (auth: Auth | undefined): Effect.Effect<ReadonlyArray<Credential>, CredentialUnavailable> => {
    if (auth === undefined) return none
    if (auth._tag === "Refreshing") return Effect.map(auth.current, (credential) => [credential])
    let effect = rendered.get(auth)
    if (effect === undefined) {
      const checked = validate(auth)
      effect = Either.isLeft(checked) ? Effect.fail(checked.left) : Effect.succeed([toCredential(auth, asToken)])
      rendered.set(auth, effect)
    }
    return effect
  }
  const inForce = (overrides: ReadonlyMap<string, Auth>) =>
    overrides.size === 0 ? options.auth : overrides.get(options.platform) ?? options.auth

  const probe = asToken(Redacted.make(""))
  const headers = new Set(["authorization", ...(options.headers ?? []).map((name) => name.toLowerCase())])
  if (probe._tag === "Header") headers.add(probe.header.toLowerCase())
  if (options.auth?._tag === "Header") headers.add(options.auth.header.toLowerCase())
  if (options.auth?._tag === "Refreshing") headers.add(options.auth.header)

  return {
    credentials: Effect.flatMap(CurrentAuth, (overrides) => credentialsOf(inForce(overrides))),
    renewCredentials: (sent) =>
      Effect.flatMap(CurrentAuth, (overrides) => {
        const auth = inForce(overrides)
        const credential = auth?._tag === "Refreshing" ? sent.find((c) => c.header === auth.header) : undefined
        return auth?._tag === "Refreshing" && credential !== undefined
          ? auth.renew(credential)
          : Effect.fail(cannotRefresh)
      }),
    credentialHeaders: [...headers]
  }
}
