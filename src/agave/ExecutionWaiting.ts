/**
 * Waiting for an actor's execution: `watch` streams it each time its status changes (SUBMITTED →
 * RUNNING → COMPLETE, or ERROR), until COMPLETE or ERROR; `await_` returns that last reading. A status
 * the SDK does not know is not terminal: polling goes on. Written over any function that reads an
 * execution (the `getExecution` record, run), on Effect's `Clock`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Traced from "../core/Traced.js"
import type { Execution } from "./schemas/Actor.js"
import { isExecutionDone } from "./schemas/Actor.js"

/**
 * How often an execution is polled.
 *
 * @since 0.1.0
 * @category models
 */
export interface PollOptions {
  /** Polls after the first; {@link defaultPollSchedule} when absent. A schedule that ends before the
   *  execution does ends `watch`, and fails `await` with `ExecutionStillActive`. */
  readonly schedule?: Schedule.Schedule<unknown, Execution> | undefined
}

/**
 * Every 500 ms at first, then less often, at most every 10 seconds: executions take seconds to
 * minutes.
 *
 * @since 0.1.0
 * @category schedules
 */
export const defaultPollSchedule: Schedule.Schedule<unknown, unknown> = Schedule.exponential("500 millis", 1.5).pipe(
  Schedule.union(Schedule.spaced("10 seconds"))
)

/**
 * The polling schedule ended while the execution was still going.
 *
 * @since 0.1.0
 * @category errors
 */
export class ExecutionStillActive extends Schema.TaggedError<ExecutionStillActive>(
  "effect-research-sdk/agave/ExecutionStillActive"
)("ExecutionStillActive", {
  message: Schema.String,
  actorId: Schema.String,
  executionId: Schema.String,
  status: Schema.String
}) {}

const statusOf = (execution: Execution): string => execution.status ?? "(no status)"

const attributes = (actorId: string, executionId: string) => ({
  attributes: { "agave.actorId": actorId.slice(0, 256), "agave.executionId": executionId.slice(0, 256) }
})

/**
 * An execution each time its status changes, from the current one to COMPLETE or ERROR.
 *
 * @since 0.1.0
 * @category waiting
 */
export const watch = <E>(
  actorId: string,
  executionId: string,
  getExecution: (actorId: string, executionId: string) => Effect.Effect<Execution, E>,
  options?: PollOptions
): Stream.Stream<Execution, E> =>
  Stream.repeatEffectWithSchedule(getExecution(actorId, executionId), options?.schedule ?? defaultPollSchedule).pipe(
    Stream.changesWith((a, b) => a.status === b.status),
    Stream.takeUntil((execution) => execution.status != null && isExecutionDone(execution.status)),
    Stream.withSpan("agave.Actors.watchExecution", attributes(actorId, executionId))
  )

/**
 * Polls an execution until it is COMPLETE or ERROR and returns it (ERROR included: read its
 * `status`). Interruptible; bound it with `Effect.timeout` or a finite schedule.
 *
 * @since 0.1.0
 * @category waiting
 */
export const await_ = <E>(
  actorId: string,
  executionId: string,
  getExecution: (actorId: string, executionId: string) => Effect.Effect<Execution, E>,
  options?: PollOptions
): Effect.Effect<Execution, E | ExecutionStillActive> =>
  Effect.flatMap(Stream.runLast(watch(actorId, executionId, getExecution, options)), (last) => {
    // The stream always emits its first reading, so there is a last one.
    const execution = Option.getOrThrow(last)
    return execution.status != null && isExecutionDone(execution.status)
      ? Effect.succeed(execution)
      : Effect.fail(
        new ExecutionStillActive({
          message: `execution ${executionId} of actor ${actorId} is still ${
            statusOf(execution)
          } after the polling schedule ended`,
          actorId,
          executionId,
          status: statusOf(execution)
        })
      )
  }).pipe(Traced.withSpan("agave.Actors.awaitExecution", attributes(actorId, executionId)))
