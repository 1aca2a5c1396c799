/**
 * When and how the SDK repeats a request: exponential backoff with jitter, bounded in attempts and
 * in total waiting time, never shorter than the server's `Retry-After`, and only where repeating
 * cannot do a second time what the first attempt did.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Retry } from "effect-research-sdk"
 *
 * // A policy: the defaults, with more attempts.
 * const patient = Retry.policy({ maxAttempts: 6, jitter: false })
 * // Without jitter, the backoff doubles from 250 ms: 250, 500, 1000… ms before attempts 2, 3, 4…
 * assert.deepStrictEqual([1, 2, 3].map((attempt) => Retry.backoffMillis(patient, attempt, 0.5)), [250, 500, 1000])
 *
 * // What may be sent again: a GET after a 500; a POST only when the server declined it (429, 503).
 * assert.strictEqual(Retry.isRetryableStatus("GET", 500), true)
 * assert.strictEqual(Retry.isRetryableStatus("POST", 500), false)
 * assert.strictEqual(Retry.isRetryableStatus("POST", 503), true)
 * ```
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleInterval from "effect/ScheduleInterval"
import * as RetryAfter from "./RetryAfter.js"

/**
 * How a client retries. Configure it per client (`retry` option of a client layer) and override it
 * for a region of code with {@link withRetryPolicy} from `RequestOptions`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryPolicy {
  /** Attempts in all, the first included: `1` means no retries. */
  readonly maxAttempts: number
  /** The first backoff delay; each further one doubles. */
  readonly baseDelay: Duration.DurationInput
  /** The longest backoff delay (a server's `Retry-After` may ask for longer). */
  readonly maxDelay: Duration.DurationInput
  /** The most time spent waiting between attempts, summed over one call. A `Retry-After` that would
   *  exceed it ends the retries at once rather than sleeping in vain. */
  readonly maxTotalDelay: Duration.DurationInput
  /** Randomise each delay between half and all of its backoff, so clients do not retry in step. */
  readonly jitter: boolean
}

/**
 * The default policy: 4 attempts, 250 ms doubling to at most 8 s, 30 s of waiting in all, jittered.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelay: Duration.millis(250),
  maxDelay: Duration.seconds(8),
  maxTotalDelay: Duration.seconds(30),
  jitter: true
}

/**
 * A policy that never retries.
 *
 * @since 0.1.0
 * @category constructors
 */
export const noRetries: RetryPolicy = { ...defaultPolicy, maxAttempts: 1 }

/**
 * The default policy with some fields replaced.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Retry } from "effect-research-sdk"
 * const patient = Retry.policy({ maxAttempts: 8, maxTotalDelay: "2 minutes" })
 * ```
 */
export const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({ ...defaultPolicy, ...overrides })

const idempotentMethods: ReadonlySet<string> = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"])

/**
 * Whether repeating a request with this method has the same effect as sending it once (RFC 9110 §9.2.2).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isIdempotent = (method: string): boolean => idempotentMethods.has(method.toUpperCase())

const transientStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/**
 * Statuses that say the failure may pass: timeouts, rate limits and server errors.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isTransientStatus = (status: number): boolean => transientStatuses.has(status)

/**
 * Statuses with which a server says it did not act on the request at all, so that even a
 * non-idempotent request may be sent again.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isDeclinedBeforeProcessing = (status: number): boolean => status === 429 || status === 503

/**
 * Whether a response with this status is worth another attempt for this method.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isRetryableStatus = (method: string, status: number): boolean =>
  isRetryableStatusFor(isIdempotent(method), status)

/**
 * Whether a response with this status is worth another attempt for a request that is (or is not)
 * idempotent: transient statuses for idempotent requests, 429 and 503 for any.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isRetryableStatusFor = (idempotent: boolean, status: number): boolean =>
  isTransientStatus(status) && (idempotent || isDeclinedBeforeProcessing(status))

/**
 * Reads a `Retry-After` header as milliseconds from `nowMillis`: only RFC 9110's forms count,
 * delay-seconds (digits only) and the three HTTP-date forms (IMF-fixdate, RFC 850, asctime); a past
 * date is 0. Anything else gives `undefined`, so that the backoff alone applies. Every result is
 * finite, at most {@link maxRetryAfterMillis} (2^31 seconds).
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * ```ts
 * import { Retry } from "effect-research-sdk"
 * Retry.parseRetryAfter("120", Date.now()) // 120000
 * Retry.parseRetryAfter("foo 2099", Date.now()) // undefined
 * ```
 */
export const parseRetryAfter: (value: string | undefined, nowMillis: number) => number | undefined =
  RetryAfter.parseRetryAfter

/**
 * The instant an HTTP-date names (RFC 9110 §5.6.7: IMF-fixdate, RFC 850 or asctime form), or
 * `undefined` for any other text.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseHttpDate: (text: string, nowMillis: number) => number | undefined = RetryAfter.parseHttpDate

/**
 * The longest wait a `Retry-After` is read as: 2^31 seconds (RFC 9111 §1.2.2).
 *
 * @since 0.1.0
 * @category parsing
 */
export const maxRetryAfterMillis: number = RetryAfter.maxRetryAfterMillis

/**
 * What an attempt that may be retried tells the schedule.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryHint {
  /** Whether this failure may be retried at all. */
  readonly retryable: boolean
  readonly retryAfterMillis: number | undefined
}

/**
 * The backoff before the attempt after `attempt` (1-based): exponential from `baseDelay`, capped at
 * `maxDelay`, then jittered into [½, 1] of itself with `random` in [0, 1). Cap first, then jitter, so
 * clients at the cap still spread out instead of retrying in step.
 *
 * @since 0.1.0
 * @category schedules
 */
export const backoffMillis = (policy: RetryPolicy, attempt: number, random: number): number => {
  const capped = Math.min(
    Duration.toMillis(policy.baseDelay) * 2 ** (attempt - 1),
    Duration.toMillis(policy.maxDelay)
  )
  return policy.jitter ? capped * (0.5 + random * 0.5) : capped
}

/**
 * Whether to try again after `attempt` attempts that waited `spentMillis` in all, and how long to wait
 * first: the backoff, raised to the failure's `Retry-After`; `undefined` once the failure is not
 * retryable, the attempts are spent, or the wait would take the total past `maxTotalDelay`.
 *
 * @since 0.1.0
 * @category schedules
 */
export const nextDelayMillis = (
  policy: RetryPolicy,
  attempt: number,
  spentMillis: number,
  hint: RetryHint,
  random: number
): number | undefined => {
  if (!hint.retryable || attempt >= policy.maxAttempts) return undefined
  const delay = Math.max(backoffMillis(policy, attempt, random), hint.retryAfterMillis ?? 0)
  return spentMillis + delay > Duration.toMillis(policy.maxTotalDelay) ? undefined : delay
}

/**
 * The policy as a `Schedule` fed with each failure, for retrying effects of your own the way the SDK
 * retries its requests (`Effect.retry(effect, Retry.schedule(policy))`). It makes the same decisions
 * as {@link nextDelayMillis}.
 *
 * @since 0.1.0
 * @category schedules
 */
export const schedule = (policy: RetryPolicy): Schedule.Schedule<Duration.Duration, RetryHint> =>
  Schedule.makeWithState(
    [1, 0] as readonly [attempt: number, spentMillis: number],
    (now, hint: RetryHint, [attempt, spent]) =>
      Effect.map(Random.next, (random) => {
        const delay = nextDelayMillis(policy, attempt, spent, hint, random)
        return delay === undefined
          ? [[attempt, spent] as const, Duration.zero, ScheduleDecision.done] as const
          : [
            [attempt + 1, spent + delay] as const,
            Duration.millis(delay),
            ScheduleDecision.continueWith(ScheduleInterval.after(now + delay))
          ] as const
      })
  )
