/**
 * A credential that renews itself: an access token obtained (and obtained again) by a refresh
 * effect the platform supplies — an OAuth refresh grant, a password grant, a Globus Auth client.
 *
 * - **Single-flight.** However many calls meet a rejected token at once, one refresh runs and all
 *   of them wait for it, then are sent again with the new token. Agave's refresh tokens can be
 *   redeemed once only: a second concurrent refresh would fail and lose the session.
 * - **Once per call.** The pipeline re-sends a request once after a refresh; a token rejected again
 *   ends the call with `Unauthorized`, never a loop.
 * - **Proactive.** A token whose expiry is known is refreshed `refreshBefore` it runs out (on
 *   Effect's `Clock`), so calls rarely meet a 401 at all.
 * - **Failures shared.** A failed refresh fails every call waiting for it with `Unauthorized`
 *   saying why, and is not tried again for `retryFailedRefreshAfter`, so a dead token endpoint is
 *   not hammered by every call.
 * - **Persisted.** `onToken` sees every new token before any request uses it.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberId from "effect/FiberId"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { Credential } from "./ApiClient.js"
import { scrub } from "./Secrets.js"
import * as Traced from "./Traced.js"

/**
 * Why no credential could be had for a request, or why a rejected one could not be renewed.
 * The pipeline turns it into the call's `Unauthorized` (or `InvalidRequest`, for a credential that
 * cannot be sent at all); `message` never holds a secret.
 *
 * @since 0.1.0
 * @category errors
 */
export class CredentialUnavailable extends Data.TaggedError("CredentialUnavailable")<{
  readonly message: string
  readonly kind: "Unauthorized" | "InvalidRequest"
}> {}

/**
 * An access token as the credential holds it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Token {
  readonly accessToken: Redacted.Redacted<string>
  /** What `refresh` redeems for the next token, when the platform has one (OAuth). */
  readonly refreshToken?: Redacted.Redacted<string> | undefined
  /** When the access token expires, in epoch milliseconds on Effect's `Clock`; unknown when absent. */
  readonly expiresAt?: number | undefined
}

/**
 * What a refresh answers: a new access token, perhaps a new refresh token, and perhaps its
 * lifetime (OAuth's `expires_in`, e.g. `Duration.seconds(json.expires_in)`).
 *
 * @since 0.1.0
 * @category models
 */
export interface TokenGrant {
  readonly accessToken: Redacted.Redacted<string>
  /** Absent: the current refresh token is kept. */
  readonly refreshToken?: Redacted.Redacted<string> | undefined
  readonly expiresIn?: Duration.DurationInput | undefined
}

/**
 * How a refreshing credential is built.
 *
 * @since 0.1.0
 * @category models
 */
export interface RefreshingOptions<E> {
  /** The token to start with. Without one, the first call obtains it through `refresh` (a login). */
  readonly token?: Token | undefined
  /** Obtains a new token, given the current one (`undefined` before the first). Its failure's
   *  `message`, scrubbed of the tokens, ends up in the `Unauthorized` of every waiting call. */
  readonly refresh: (current: Token | undefined) => Effect.Effect<TokenGrant, E>
  /** Sees every new token once, before any request uses it: persist it here. A failure is logged
   *  and the token used anyway (the old refresh token may already be spent). */
  readonly onToken?: ((token: Token) => Effect.Effect<void>) | undefined
  /** The header the access token is sent in: `authorization` as `Bearer <token>` by default;
   *  any other name carries the bare token. */
  readonly header?: string | undefined
  /** How long before a known expiry the token is refreshed; one minute by default, and never before
   *  half of a new token's lifetime has passed. */
  readonly refreshBefore?: Duration.DurationInput | undefined
  /** How long a refresh may take before it counts as failed; one minute by default. */
  readonly refreshTimeout?: Duration.DurationInput | undefined
  /** After a failed refresh, how long calls fail (or use a still valid token) before another is
   *  tried; ten seconds by default. */
  readonly retryFailedRefreshAfter?: Duration.DurationInput | undefined
}

/**
 * A refreshing credential, as the pipeline uses it (through `Credentials.forPlatform`).
 *
 * @since 0.1.0
 * @category models
 */
export interface RefreshingCredential {
  readonly _tag: "Refreshing"
  /** The header the token is sent in (lower case). */
  readonly header: string
  /** The credential for one attempt: obtained or refreshed first when there is none yet or it is
   *  about to expire. */
  readonly current: Effect.Effect<Credential, CredentialUnavailable>
  /** The server rejected `sent` as expired or invalid: refreshes (once, for everyone who sent the
   *  same token) unless that already happened. Succeeds when a re-send is worthwhile. */
  readonly renew: (sent: Credential) => Effect.Effect<void, CredentialUnavailable>
  /** The token now, if there is one. */
  readonly token: Effect.Effect<Option.Option<Token>>
}

interface State {
  token: Token | undefined
  /** When to refresh ahead of the expiry, if it is known. */
  refreshAt: number | undefined
  credential: Credential | undefined
  /** Bumped with every new token; the credential of each generation is one object. */
  generation: number
  inFlight: Deferred.Deferred<Credential, CredentialUnavailable> | undefined
  failure: { readonly generation: number; readonly atMillis: number; readonly error: CredentialUnavailable } | undefined
}

const minute = Duration.minutes(1)

/**
 * Builds a refreshing credential. Hand it to a platform's connection as its `auth`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Duration, Effect, Redacted } from "effect"
 * import { RefreshingCredential } from "effect-research-sdk"
 * // Your token endpoint's refresh grant (here a stand-in answering as OAuth does).
 * const redeem = (_refreshToken: Redacted.Redacted<string>) =>
 *   Effect.succeed({ access_token: "new-access", refresh_token: "new-refresh", expires_in: 3600 })
 * const credential = RefreshingCredential.make({
 *   token: { accessToken: Redacted.make("…"), refreshToken: Redacted.make("…") },
 *   refresh: (current) =>
 *     redeem(current!.refreshToken!).pipe(Effect.map((json) => ({
 *       accessToken: Redacted.make(json.access_token),
 *       refreshToken: Redacted.make(json.refresh_token),
 *       expiresIn: Duration.seconds(json.expires_in)
 *     }))),
 *   onToken: (token) => Effect.log("new token; persist it")
 * })
 * ```
 */
export const make = <E>(options: RefreshingOptions<E>): Effect.Effect<RefreshingCredential> =>
  Effect.sync(() => unsafeMake(options))

/**
 * {@link make}, outside an effect.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsafeMake = <E>(options: RefreshingOptions<E>): RefreshingCredential => {
  const header = (options.header ?? "authorization").toLowerCase()
  const refreshBeforeMillis = Duration.toMillis(options.refreshBefore ?? minute)
  const refreshTimeout = Duration.decode(options.refreshTimeout ?? minute)
  const cooldownMillis = Duration.toMillis(options.retryFailedRefreshAfter ?? Duration.seconds(10))
  // Which generation each credential handed out belongs to, so a rejection can be matched to it.
  const issued = new WeakMap<Credential, number>()

  const render = (token: Token, generation: number): Credential => {
    const credential: Credential = {
      header,
      value: header === "authorization"
        ? Redacted.make(`Bearer ${Redacted.value(token.accessToken)}`)
        : token.accessToken,
      secrets: token.refreshToken === undefined ? [token.accessToken] : [token.accessToken, token.refreshToken]
    }
    issued.set(credential, generation)
    return credential
  }

  const state: State = {
    token: options.token,
    refreshAt: options.token?.expiresAt === undefined ? undefined : options.token.expiresAt - refreshBeforeMillis,
    credential: options.token === undefined ? undefined : render(options.token, 0),
    generation: 0,
    inFlight: undefined,
    failure: undefined
  }

  const secretsNow = (): ReadonlyArray<Redacted.Redacted> =>
    state.token === undefined
      ? []
      : state.token.refreshToken === undefined
      ? [state.token.accessToken]
      : [state.token.accessToken, state.token.refreshToken]

  const failed = (cause: Cause.Cause<E | "timeout">): CredentialUnavailable => {
    const reason = Cause.isInterruptedOnly(cause) ? "the refresh was interrupted" : describe(Cause.squash(cause))
    return new CredentialUnavailable({
      kind: "Unauthorized",
      message: `the credential could not be refreshed: ${scrub(reason, secretsNow())}`
    })
  }

  const describe = (error: unknown): string =>
    error === "timeout"
      ? `no new token within ${Duration.format(refreshTimeout)}`
      : typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string"
      ? (error as { message: string }).message
      : typeof error === "string"
      ? error
      : "the refresh failed"

  // One refresh, run apart from the calls that wait for it: interrupting one of them does not take
  // the others' token away.
  // The user's `refresh` and `onToken` are suspended: one that throws instead of returning an effect
  // fails this refresh (scrubbed, shared with every waiter) rather than killing the calls.
  const runRefresh = (generation: number): Effect.Effect<Credential, CredentialUnavailable> =>
    Effect.suspend(() => options.refresh(state.token)).pipe(
      Effect.timeoutFail({ duration: refreshTimeout, onTimeout: () => "timeout" as const }),
      Effect.matchCauseEffect({
        onFailure: (cause) =>
          Effect.clockWith((clock) => {
            const error = failed(cause)
            state.failure = { generation, atMillis: clock.unsafeCurrentTimeMillis(), error }
            state.inFlight = undefined
            return Effect.zipRight(Effect.logWarning(error.message), Effect.fail(error))
          }),
        onSuccess: (grant) =>
          Effect.clockWith((clock) => {
            const now = clock.unsafeCurrentTimeMillis()
            const expiresIn = grant.expiresIn === undefined ? undefined : Duration.toMillis(grant.expiresIn)
            const token: Token = {
              accessToken: grant.accessToken,
              refreshToken: grant.refreshToken ?? state.token?.refreshToken,
              expiresAt: expiresIn === undefined ? undefined : now + expiresIn
            }
            // Never sooner than half way through the token's life: a lifetime shorter than
            // `refreshBefore` would otherwise have every call refresh.
            const refreshAt = expiresIn === undefined
              ? undefined
              : now + Math.max(expiresIn / 2, expiresIn - refreshBeforeMillis)
            const onToken = options.onToken
            const persist = onToken === undefined ? Effect.void : Effect.suspend(() => onToken(token)).pipe(
              Effect.catchAllCause(() => Effect.logWarning("onToken failed; the new token is used anyway"))
            )
            return Effect.zipRight(
              persist,
              Effect.sync(() => {
                state.generation = generation + 1
                state.token = token
                state.refreshAt = refreshAt
                state.credential = render(token, state.generation)
                state.failure = undefined
                state.inFlight = undefined
                return state.credential
              })
            )
          })
      }),
      Traced.withSpan("credentials.refresh")
    )

  // The credential after generation `generation`: already there, being fetched, recently failed to
  // be fetched, or fetched now. Decided in one synchronous step, so two fibers cannot both start one.
  const refreshFrom = (generation: number): Effect.Effect<Credential, CredentialUnavailable> =>
    Effect.clockWith((clock) =>
      Effect.suspend(() => {
        if (state.generation !== generation && state.credential !== undefined) return Effect.succeed(state.credential)
        if (state.inFlight !== undefined) return Deferred.await(state.inFlight)
        const failure = state.failure
        if (
          failure !== undefined && failure.generation === generation &&
          clock.unsafeCurrentTimeMillis() - failure.atMillis < cooldownMillis
        ) {
          return Effect.fail(failure.error)
        }
        const deferred = Deferred.unsafeMake<Credential, CredentialUnavailable>(FiberId.none)
        state.inFlight = deferred
        return Effect.zipRight(
          Effect.forkDaemon(
            Effect.flatMap(Effect.exit(runRefresh(generation)), (exit) => Deferred.done(deferred, exit)).pipe(
              // Whatever happened, the next refresh is not left waiting on this one.
              Effect.ensuring(Effect.sync(() => {
                if (state.inFlight === deferred) state.inFlight = undefined
              }))
            )
          ),
          Deferred.await(deferred)
        )
      })
    )

  const current: Effect.Effect<Credential, CredentialUnavailable> = Effect.clockWith((clock) =>
    Effect.suspend(() => {
      const credential = state.credential
      const expiresAt = state.token?.expiresAt
      if (credential === undefined) return refreshFrom(state.generation)
      if (expiresAt === undefined || state.refreshAt === undefined) return Effect.succeed(credential)
      const now = clock.unsafeCurrentTimeMillis()
      if (now < state.refreshAt) return Effect.succeed(credential)
      // About to expire: refresh now. If that fails, a token that has not expired yet still serves.
      return now < expiresAt
        ? Effect.orElseSucceed(refreshFrom(state.generation), () => credential)
        : refreshFrom(state.generation)
    })
  )

  const renew = (sent: Credential): Effect.Effect<void, CredentialUnavailable> =>
    Effect.suspend(() => {
      const generation = issued.get(sent)
      return generation === undefined
        ? Effect.fail(
          new CredentialUnavailable({ kind: "Unauthorized", message: "the credential sent was not issued here" })
        )
        : Effect.asVoid(refreshFrom(generation))
    })

  return {
    _tag: "Refreshing",
    header,
    current,
    renew,
    token: Effect.sync(() => Option.fromNullable(state.token))
  }
}
