/**
 * Waiting for a job: `watch` streams its status each time it changes, until a terminal one
 * (FINISHED, FAILED, STOPPED, KILLED, ARCHIVING_FAILED); `await` returns that last status;
 * `awaitSuccess` fails unless it is FINISHED. A status the SDK does not know is not terminal: polling
 * goes on. Written over any function that reads a job's status (the `getStatus` record, run).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Traced from "../core/Traced.js"
import type { JobStatusResult } from "./schemas/Job.js"
import { isTerminal } from "./schemas/Job.js"

/**
 * How often a job is polled.
 *
 * @since 0.1.0
 * @category models
 */
export interface PollOptions {
  /** Polls after the first; {@link defaultPollSchedule} when absent. A schedule that ends before the
   *  job does ends `watch`, and fails `await` with `JobStillActive`. */
  readonly schedule?: Schedule.Schedule<unknown, JobStatusResult> | undefined
}

/**
 * Every 2 seconds at first, then less often, at most every 30 seconds: jobs take minutes to hours.
 *
 * @since 0.1.0
 * @category schedules
 */
export const defaultPollSchedule: Schedule.Schedule<unknown, unknown> = Schedule.exponential("2 seconds", 1.5).pipe(
  Schedule.union(Schedule.spaced("30 seconds"))
)

/**
 * The polling schedule ended while the job was still going.
 *
 * @since 0.1.0
 * @category errors
 */
export class JobStillActive extends Schema.TaggedError<JobStillActive>("effect-research-sdk/agave/JobStillActive")(
  "JobStillActive",
  { message: Schema.String, jobId: Schema.String, status: Schema.String }
) {}

/**
 * The job ended, but not FINISHED.
 *
 * @since 0.1.0
 * @category errors
 */
export class JobFailed extends Schema.TaggedError<JobFailed>("effect-research-sdk/agave/JobFailed")("JobFailed", {
  message: Schema.String,
  jobId: Schema.String,
  status: Schema.String
}) {}

/**
 * A job's status each time it changes, from the current one to a terminal one.
 *
 * @since 0.1.0
 * @category waiting
 */
export const watch = <E>(
  jobId: string,
  getStatus: (jobId: string) => Effect.Effect<JobStatusResult, E>,
  options?: PollOptions
): Stream.Stream<JobStatusResult, E> =>
  Stream.repeatEffectWithSchedule(getStatus(jobId), options?.schedule ?? defaultPollSchedule).pipe(
    Stream.changesWith((a, b) => a.status === b.status),
    Stream.takeUntil((job) => isTerminal(job.status)),
    Stream.withSpan("agave.Jobs.watch", { attributes: { "agave.jobId": jobId.slice(0, 256) } })
  )

/**
 * Polls a job until its status is terminal and returns that status (FAILED and STOPPED included: see
 * {@link awaitSuccess}). Interruptible; bound it with `Effect.timeout` or a finite schedule.
 *
 * @since 0.1.0
 * @category waiting
 */
export const await_ = <E>(
  jobId: string,
  getStatus: (jobId: string) => Effect.Effect<JobStatusResult, E>,
  options?: PollOptions
): Effect.Effect<JobStatusResult, E | JobStillActive> =>
  Effect.flatMap(Stream.runLast(watch(jobId, getStatus, options)), (last) => {
    // The stream always emits its first reading, so there is a last one.
    const job = Option.getOrThrow(last)
    return isTerminal(job.status)
      ? Effect.succeed(job)
      : Effect.fail(
        new JobStillActive({
          message: `job ${jobId} is still ${job.status} after the polling schedule ended`,
          jobId,
          status: job.status
        })
      )
  }).pipe(Traced.withSpan("agave.Jobs.await", { attributes: { "agave.jobId": jobId.slice(0, 256) } }))

/**
 * Like {@link await_}, but a job that ends other than FINISHED fails with `JobFailed`.
 *
 * @since 0.1.0
 * @category waiting
 */
export const awaitSuccess = <E>(
  jobId: string,
  getStatus: (jobId: string) => Effect.Effect<JobStatusResult, E>,
  options?: PollOptions
): Effect.Effect<JobStatusResult, E | JobStillActive | JobFailed> =>
  Effect.flatMap(await_(jobId, getStatus, options), (job) =>
    job.status === "FINISHED"
      ? Effect.succeed(job)
      : Effect.fail(new JobFailed({ message: `job ${jobId} ended ${job.status}`, jobId, status: job.status })))
