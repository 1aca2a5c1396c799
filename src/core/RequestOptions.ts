/**
 * Per-call overrides of a client's retry policy, timeout and download limits, scoped to a region of
 * code: an effect, or a stream (a listing, a download) for as long as it runs.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Stream from "effect/Stream"
import type { DownloadRate } from "./DownloadLimits.js"
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
    readonly downloadTimeout?: Duration.DurationInput
    readonly downloadMinRate?: DownloadRate
  } => ({})
}) {}

/**
 * What the combinators apply to: an effect, or a stream.
 *
 * @since 0.1.0
 * @category models
 */
export type Region = Effect.Effect<any, any, any> | Stream.Stream<any, any, any>

type Overrides = Context.Tag.Service<RequestOptions>

// `self` run with `patch` over the overrides in force where it runs.
const override = <Self extends Region>(self: Self, patch: Overrides): Self =>
  (Stream.StreamTypeId in self
    ? Stream.unwrap(
      Effect.map(RequestOptions, (current) => Stream.provideService(self, RequestOptions, { ...current, ...patch }))
    )
    : Effect.flatMap(
      RequestOptions,
      (current) => Effect.provideService(self as Effect.Effect<any, any, any>, RequestOptions, { ...current, ...patch })
    )) as Self

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
  (policy: RetryPolicy): <Self extends Region>(self: Self) => Self
  <Self extends Region>(self: Self, policy: RetryPolicy): Self
} = dual(2, <Self extends Region>(self: Self, policy: RetryPolicy): Self => override(self, { retry: policy }))

/**
 * Runs `self` with every SDK call in it sent once only.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withoutRetries = <Self extends Region>(self: Self): Self => withRetryPolicy(self, noRetries)

/**
 * Runs `self` with every SDK call in it using this per-request timeout (for a download: to its
 * response headers, and the longest its body may stall).
 *
 * @since 0.1.0
 * @category combinators
 */
export const withTimeout: {
  (timeout: Duration.DurationInput): <Self extends Region>(self: Self) => Self
  <Self extends Region>(self: Self, timeout: Duration.DurationInput): Self
} = dual(2, <Self extends Region>(self: Self, timeout: Duration.DurationInput): Self => override(self, { timeout }))

/**
 * Runs `self` with every streamed download in it bounded by this total deadline: its body must end
 * within `timeout` of its response headers (`Duration.infinity` lifts a client's deadline).
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * ```ts
 * import { Stream } from "effect"
 * import { RequestOptions } from "effect-research-sdk"
 * // Any stream: a download such as flowserv's `Runs.downloadArchive(runId)`.
 * const archive: Stream.Stream<Uint8Array> = Stream.make(new Uint8Array([1, 2, 3]))
 * const bounded = archive.pipe(RequestOptions.withDownloadTimeout("10 minutes"))
 * assert.ok(Stream.StreamTypeId in bounded)
 * ```
 */
export const withDownloadTimeout: {
  (timeout: Duration.DurationInput): <Self extends Region>(self: Self) => Self
  <Self extends Region>(self: Self, timeout: Duration.DurationInput): Self
} = dual(
  2,
  <Self extends Region>(self: Self, timeout: Duration.DurationInput): Self =>
    override(self, { downloadTimeout: timeout })
)

/**
 * Runs `self` with every streamed download in it held to this minimum rate: at least `rate.bytes`
 * in every `rate.per`, from its response headers (`bytes: 0` for no minimum).
 *
 * @since 0.1.0
 * @category combinators
 */
export const withDownloadMinRate: {
  (rate: DownloadRate): <Self extends Region>(self: Self) => Self
  <Self extends Region>(self: Self, rate: DownloadRate): Self
} = dual(
  2,
  <Self extends Region>(self: Self, rate: DownloadRate): Self => override(self, { downloadMinRate: rate })
)
