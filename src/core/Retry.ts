/**
 * When and how the SDK repeats a request: exponential backoff with jitter, bounded in attempts and
 * in total waiting time, never shorter than the server's `Retry-After`, and only where repeating
 * cannot do a second time what the first attempt did.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { identity } from "effect/Function"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"

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
  transientStatuses.has(status) && (isIdempotent(method) || isDeclinedBeforeProcessing(status))

/**
 * Reads a `Retry-After` header — delay-seconds or an HTTP-date — as milliseconds from `nowMillis`.
 * Absent, malformed or past values give `undefined`, so that the backoff alone applies.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMillis)
}

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
 * The schedule a policy stands for: it is fed each retryable failure and decides whether and how
 * long to wait. Backoff delays are exponential (and jittered), capped at `maxDelay`, raised to the
 * failure's `Retry-After` when that is longer; it stops at the first failure that is not retryable,
 * after `maxAttempts` attempts, or when the waits would add up to more than `maxTotalDelay`.
 *
 * @since 0.1.0
 * @category schedules
 */
export const schedule = (policy: RetryPolicy): Schedule.Schedule<Duration.Duration, RetryHint> => {
  const maxDelay = Duration.decode(policy.maxDelay)
  const maxTotalMillis = Duration.toMillis(policy.maxTotalDelay)
  // Cap, then jitter: clients at the cap still spread out instead of retrying in step.
  const backoff = Schedule.exponential(policy.baseDelay, 2).pipe(
    Schedule.modifyDelay((_, delay) => Duration.min(delay, maxDelay)),
    policy.jitter ? Schedule.jitteredWith({ min: 0.5, max: 1 }) : identity
  )
  return Schedule.intersect(backoff, Schedule.identity<RetryHint>()).pipe(
    Schedule.whileInput((hint: RetryHint) => hint.retryable),
    Schedule.modifyDelay(([, hint], delay) =>
      hint.retryAfterMillis === undefined ? delay : Duration.max(delay, Duration.millis(hint.retryAfterMillis))
    ),
    Schedule.intersect(Schedule.recurs(Math.max(0, policy.maxAttempts - 1))),
    Schedule.delays,
    withinBudget(maxTotalMillis)
  )
}

// Stops a schedule of delays before the wait that would take the sum past the budget. (Schedule.reduce
// reports the sum of the waits before the current one, which would let one wait overrun the budget.)
const withinBudget =
  (budgetMillis: number) =>
  <In>(self: Schedule.Schedule<Duration.Duration, In>): Schedule.Schedule<Duration.Duration, In> =>
    Schedule.makeWithState(
      [self.initial, 0] as readonly [unknown, number],
      (now, input, [state, spent]) =>
        Effect.map(
          self.step(now, input, state),
          ([next, delay, decision]): readonly [
            readonly [unknown, number],
            Duration.Duration,
            ScheduleDecision.ScheduleDecision
          ] => {
            const total = spent + Duration.toMillis(delay)
            return ScheduleDecision.isDone(decision) || total > budgetMillis
              ? [[next, spent], delay, ScheduleDecision.done]
              : [[next, total], delay, decision]
          }
        )
    )
