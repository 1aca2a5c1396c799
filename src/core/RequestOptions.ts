/**
 * Per-call overrides of a client's retry policy and timeout, scoped to a region of code.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import type { RetryPolicy } from "./Retry.js"
import { noRetries } from "./Retry.js"

/**
 * The overrides in force; empty by default, so each client's own configuration applies.
 *
 * @since 0.1.0
 * @category references
 */
export class RequestOptions extends Context.Reference<RequestOptions>()("effect-research-sdk/RequestOptions", {
  defaultValue: (): {
    readonly retry?: RetryPolicy
    readonly timeout?: Duration.DurationInput
  } => ({})
}) {}

/**
 * Runs `self` with every SDK call in it using `policy` instead of its client's retry policy.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { RequestOptions, Retry } from "effect-research-sdk"
 * import { Users } from "effect-research-sdk/flowserv"
 * const whoami = Effect.flatMap(Users, (users) => users.whoami())
 * const patient = whoami.pipe(RequestOptions.withRetryPolicy(Retry.policy({ maxAttempts: 10 })))
 * ```
 */
export const withRetryPolicy: {
  (policy: RetryPolicy): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, policy: RetryPolicy): Effect.Effect<A, E, R>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, policy: RetryPolicy): Effect.Effect<A, E, R> =>
    Effect.flatMap(
      RequestOptions,
      (current) => Effect.provideService(self, RequestOptions, { ...current, retry: policy })
    )
)

/**
 * Runs `self` with every SDK call in it sent once only.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withoutRetries = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  withRetryPolicy(self, noRetries)

/**
 * Runs `self` with every SDK call in it using this per-request timeout.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withTimeout: {
  (timeout: Duration.DurationInput): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, timeout: Duration.DurationInput): Effect.Effect<A, E, R>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, timeout: Duration.DurationInput): Effect.Effect<A, E, R> =>
    Effect.flatMap(RequestOptions, (current) => Effect.provideService(self, RequestOptions, { ...current, timeout }))
)
