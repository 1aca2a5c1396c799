/**
 * The token endpoint of the Agave test server, and the gateway's check of bearer tokens: OAuth
 * clients (key and secret, sent as HTTP Basic), the password and refresh grants, single-use refresh
 * tokens, access tokens that expire on Effect's `Clock`, and the gateway's 401 fault for a token that
 * is unknown (900901) or expired (900903).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"

/**
 * What the token endpoint answers: plain OAuth JSON (no envelope), or an OAuth error.
 *
 * @since 0.1.0
 * @category models
 */
export type TokenAnswer =
  | {
    readonly _tag: "Token"
    readonly body: {
      readonly access_token: string
      readonly refresh_token: string
      readonly expires_in: number
      readonly token_type: "bearer"
      readonly scope: string
    }
  }
  | {
    readonly _tag: "OAuthError"
    readonly status: 400 | 401
    readonly body: { readonly error: string; readonly error_description: string }
  }

/**
 * The gateway's verdict on a bearer token: its user, or the fault it answers with.
 *
 * @since 0.1.0
 * @category models
 */
export type Verdict =
  | { readonly _tag: "User"; readonly username: string }
  | {
    readonly _tag: "Fault"
    readonly status: 401
    readonly fault: { readonly code: number; readonly message: string; readonly description: string }
  }

/**
 * How the token state is set up.
 *
 * @since 0.1.0
 * @category models
 */
export interface TokenOptions {
  /** OAuth clients, key → secret. */
  readonly clients?: Readonly<Record<string, string>> | undefined
  /** How long an access token lives, in seconds (4 hours, as Agave's, by default). */
  readonly lifetimeSeconds?: number | undefined
  /** Checks a user's password (the profiles' store). */
  readonly checkPassword: (username: string, password: string) => boolean
}

/**
 * An issued access token: its user and expiry.
 *
 * @since 0.1.0
 * @category models
 */
export interface Issued {
  readonly username: string
  readonly expiresAt: number
}

const oauthError = (status: 400 | 401, error: string, description: string): TokenAnswer => ({
  _tag: "OAuthError",
  status,
  body: { error, error_description: description }
})

const fault = (code: number, message: string, description: string): Verdict => ({
  _tag: "Fault",
  status: 401,
  fault: { code, message, description }
})

/**
 * The token endpoint's state.
 *
 * @since 0.1.0
 * @category state
 */
export class Tokens {
  private readonly clients: Map<string, string>
  private readonly access = new Map<string, Issued>()
  private readonly refresh = new Map<string, string>()
  private counter = 0
  /**
   * How long an access token lives, in seconds.
   *
   * @since 0.1.0
   */
  readonly lifetimeSeconds: number
  /**
   * Every grant redeemed, in order (for tests: how many refreshes happened).
   *
   * @since 0.1.0
   */
  readonly grants: Array<{ readonly grantType: string; readonly username: string }> = []

  constructor(private readonly options: TokenOptions) {
    this.clients = new Map(Object.entries(options.clients ?? {}))
    this.lifetimeSeconds = options.lifetimeSeconds ?? 14400
  }

  /**
   * Registers an OAuth client.
   *
   * @since 0.1.0
   */
  addClient(key: string, secret: string): void {
    this.clients.set(key, secret)
  }

  /** @internal */
  private next(kind: string): string {
    this.counter += 1
    const random = globalThis.crypto.getRandomValues(new Uint8Array(12))
    return `${kind}-${this.counter}-${Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("")}`
  }

  /** @internal */
  private issue(username: string, grantType: string, now: number): TokenAnswer {
    const accessToken = this.next("access")
    const refreshToken = this.next("refresh")
    this.access.set(accessToken, { username, expiresAt: now + this.lifetimeSeconds * 1000 })
    this.refresh.set(refreshToken, username)
    this.grants.push({ grantType, username })
    return {
      _tag: "Token",
      body: {
        access_token: accessToken,
        refresh_token: refreshToken,
        expires_in: this.lifetimeSeconds,
        token_type: "bearer",
        scope: "default"
      }
    }
  }

  /**
   * `POST /token`: the client's Basic credentials (decoded, or `undefined`) and the form's fields.
   *
   * @since 0.1.0
   */
  grant(
    client: { readonly key: string; readonly secret: string } | undefined,
    form: URLSearchParams
  ): Effect.Effect<TokenAnswer> {
    return Effect.clockWith((clock) =>
      Effect.sync(() => {
        if (client === undefined || this.clients.get(client.key) !== client.secret) {
          return oauthError(401, "invalid_client", "Client Authentication failed.")
        }
        const now = clock.unsafeCurrentTimeMillis()
        switch (form.get("grant_type")) {
          case "password": {
            const username = form.get("username") ?? ""
            const password = form.get("password") ?? ""
            return this.options.checkPassword(username, password)
              ? this.issue(username, "password", now)
              : oauthError(400, "invalid_grant", "Provided Authorization Grant is invalid.")
          }
          case "refresh_token": {
            const token = form.get("refresh_token") ?? ""
            const username = this.refresh.get(token)
            // Redeemed once: a refresh token is spent by its first use.
            if (username === undefined) {
              return oauthError(400, "invalid_grant", "Provided Authorization Grant is invalid.")
            }
            this.refresh.delete(token)
            return this.issue(username, "refresh_token", now)
          }
          case null:
            return oauthError(400, "invalid_request", "Missing parameters: grant_type")
          default:
            return oauthError(400, "unsupported_grant_type", "Unsupported Grant Type")
        }
      })
    )
  }

  /**
   * The gateway's check of an `Authorization` header's value.
   *
   * @since 0.1.0
   */
  authenticate(authorization: string | undefined): Effect.Effect<Verdict> {
    return Effect.clockWith((clock) =>
      Effect.sync(() => {
        const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization)
        if (match === null) {
          return fault(
            900902,
            "Missing Credentials",
            "Required OAuth credentials not provided. Make sure your API invocation call has a header: \"Authorization: Bearer ACCESS_TOKEN\""
          )
        }
        const issued = this.access.get(match[1]!)
        if (issued === undefined) {
          return fault(
            900901,
            "Invalid Credentials",
            "Access failure for API: the access token is not known. Make sure you have given the correct access token"
          )
        }
        if (clock.unsafeCurrentTimeMillis() >= issued.expiresAt) {
          return fault(
            900903,
            "Access Token Expired",
            "Access failure for API: the access token has expired. Renew it with the refresh token"
          )
        }
        return { _tag: "User", username: issued.username }
      })
    )
  }

  /**
   * Makes an access token for `username` directly (a test's shortcut past the grant).
   *
   * @since 0.1.0
   */
  tokenFor(username: string): Effect.Effect<string> {
    return Effect.map(
      Effect.clockWith((clock) => Effect.sync(() => this.issue(username, "test", clock.unsafeCurrentTimeMillis()))),
      (answer) => (answer._tag === "Token" ? answer.body.access_token : "")
    )
  }

  /**
   * Revokes every access token (of `username`, or of everyone): the next calls meet the gateway's
   * 900901 fault; refresh tokens still work.
   *
   * @since 0.1.0
   */
  revokeAll(username?: string): void {
    for (const [token, issued] of this.access) {
      if (username === undefined || issued.username === username) this.access.delete(token)
    }
  }

  /**
   * Revokes an access token (as if an administrator did).
   *
   * @since 0.1.0
   */
  revoke(accessToken: string): void {
    this.access.delete(accessToken)
  }
}
