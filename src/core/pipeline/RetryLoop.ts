/**
 * The retry loop of a call, by hand rather than with `Effect.retry`: a call that succeeds at once,
 * the common case, pays for nothing but one `catchAll`. Its decisions are `Retry.nextDelayMillis`, as
 * in `Retry.schedule`; a credential the server rejected is renewed and the request sent once more.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import type { CallError, Credential } from "../ApiClient.js"
import type { AttemptError } from "../Attempt.js"
import * as Attempt from "../Attempt.js"
import type { DomainTag } from "../Errors.js"
import * as Retry from "../Retry.js"
import { sanitize } from "../Sanitize.js"
import { unsendable, withCredentials } from "./AttemptCredentials.js"
import type { Call } from "./BuildRequest.js"
import { sendAttempt } from "./SendAttempt.js"

/**
 * Runs `call` from attempt number `attempt` until it succeeds or its errors are not worth another
 * attempt. Start with `retryLoop(call, 1, 0, false, undefined)`.
 *
 * @since 0.1.0
 * @category retries
 */
export const retryLoop = <A, T extends DomainTag>(
  call: Call<A, T>,
  attempt: number,
  /** Milliseconds spent in backoff so far. */
  spentMillis: number,
  /** Whether an earlier attempt may have reached the server and acted. */
  earlierMayHaveActed: boolean,
  /** The credentials a server rejected before they were renewed, once renewed (at most once a call). */
  rejected: ReadonlyArray<Credential> | undefined
): Effect.Effect<A, CallError<T>> =>
  Effect.matchEffect(call.client.config.credentials, {
    onFailure: (problem) =>
      giveUp(call, Attempt.fromCredentials(call.context, problem), attempt, earlierMayHaveActed, rejected ?? []),
    onSuccess: (credentials) => {
      const refused = unsendable(credentials)
      if (refused !== undefined) return giveUp(call, refused, attempt, earlierMayHaveActed, rejected ?? [])
      return Effect.catchAll(call.inSlot(sendAttempt(call, attempt, credentials)), (error) => {
        if (error.credentialRejected) {
          return reauthenticate(call, error, credentials, attempt, spentMillis, earlierMayHaveActed, rejected)
        }
        const sentCredentials = rejected === undefined ? credentials : [...rejected, ...credentials]
        if (!error.retryable) return giveUp(call, error, attempt, earlierMayHaveActed, sentCredentials)
        return backOff(call, error, attempt, spentMillis, earlierMayHaveActed, rejected, sentCredentials)
      })
    }
  })

// A retryable failure: the next attempt after the policy's delay, or the error if the policy is spent.
const backOff = <A, T extends DomainTag>(
  call: Call<A, T>,
  error: AttemptError,
  attempt: number,
  spentMillis: number,
  earlierMayHaveActed: boolean,
  rejected: ReadonlyArray<Credential> | undefined,
  sentCredentials: ReadonlyArray<Credential>
): Effect.Effect<A, CallError<T>> =>
  Effect.flatMap(Random.next, (random) => {
    const delay = Retry.nextDelayMillis(call.policy, attempt, spentMillis, error, random)
    const log = Effect.logDebug("request attempt failed", {
      method: call.context.method,
      url: call.context.url,
      attempt,
      reason: error.description,
      next: delay === undefined ? "giving up" : `retrying in ${Math.round(delay)} ms`
    })
    return delay === undefined
      ? Effect.zipRight(inSpan(call, log), giveUp(call, error, attempt, earlierMayHaveActed, sentCredentials))
      : inSpan(call, log).pipe(
        Effect.zipRight(Effect.sleep(Duration.millis(delay))),
        Effect.zipRight(
          retryLoop(call, attempt + 1, spentMillis + delay, earlierMayHaveActed || error.mayHaveActed, rejected)
        )
      )
  })

// A credential the server rejected as expired or invalid is renewed (one refresh however many calls
// meet it: the credential's own single flight) and the request sent again, once per call. A 401 means
// the server did not act, so this holds for any method; not for a streamed body.
const reauthenticate = <A, T extends DomainTag>(
  call: Call<A, T>,
  error: AttemptError,
  credentials: ReadonlyArray<Credential>,
  attempt: number,
  spentMillis: number,
  earlierMayHaveActed: boolean,
  rejected: ReadonlyArray<Credential> | undefined
): Effect.Effect<A, CallError<T>> => {
  const sentCredentials = rejected === undefined ? credentials : [...rejected, ...credentials]
  const renew = call.client.config.renewCredentials
  if (rejected !== undefined || renew === undefined) {
    const reported = rejected !== undefined ? error.withNote("rejected again after a refresh") : error
    return giveUp(call, reported, attempt, earlierMayHaveActed, sentCredentials)
  }
  return Effect.matchEffect(renew(credentials), {
    onFailure: (problem) =>
      giveUp(call, error.withNote(problem.message), attempt, earlierMayHaveActed, sentCredentials),
    onSuccess: () =>
      call.streamedBody
        ? giveUp(
          call,
          error.withNote("the credential was refreshed, but a streamed request body cannot be sent again"),
          attempt,
          earlierMayHaveActed,
          sentCredentials
        )
        : retryLoop(call, attempt + 1, spentMillis, earlierMayHaveActed, credentials)
  })
}

// The end of a call that failed. Every error leaves through here or a stream's body errors: scrubbed
// and bounded once, whole.
const giveUp = <A, T extends DomainTag>(
  call: Call<A, T>,
  error: AttemptError,
  attempts: number,
  earlierMayHaveActed: boolean,
  /** Every credential this call has sent: scrubbed from the error with the operation's secrets. */
  sentCredentials: ReadonlyArray<Credential>
): Effect.Effect<A, CallError<T>> => {
  if (attempts > 1) call.span?.attribute("http.request.resend_count", attempts - 1)
  const built = sanitize(error.build(attempts), withCredentials(call.context, sentCredentials).secrets)
  // A DELETE retried after an attempt that may have reached the server, now told the resource is
  // gone, succeeded: the earlier attempt deleted it.
  return call.operation.idempotentDelete === true && earlierMayHaveActed && built._tag === "NotFound"
    ? Effect.succeed(undefined as A)
    : inSpan(call, Effect.fail(built as CallError<T>))
}

// What the call logs or fails with belongs to the operation's span, which its caller may have opened
// without making it current (see `EndpointService.call`).
const inSpan = <X, E>(call: Call<any, any>, self: Effect.Effect<X, E>): Effect.Effect<X, E> =>
  call.span === undefined ? self : Effect.withParentSpan(self, call.span)
