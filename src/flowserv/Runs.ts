/**
 * flowserv workflow runs: start one in a group, follow it until it finishes, cancel or delete it,
 * and download what it produced.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Endpoint from "../core/Endpoint.js"
import { boundedText, textLimits } from "../core/Sanitize.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import * as Traced from "../core/Traced.js"
import { FlowservClient } from "./FlowservClient.js"
import { GroupEndpoints } from "./Groups.js"
import type { Arguments } from "./RunArguments.js"
import * as RunArguments from "./RunArguments.js"
import { RunFailed, RunStillActive } from "./RunErrors.js"
import type { Parameter } from "./schemas/Parameter.js"
import type { RunDescriptor, RunHandle } from "./schemas/Run.js"
import * as Schemas from "./schemas/Run.js"
import { forbiddenOrBadToken, memberErrors, memberOnly } from "./tokenCheck.js"
import type { DownloadError } from "./Workflows.js"

/**
 * The errors of an operation on a run or a group's runs: the caller must be a member of the group.
 * `Forbidden` is a valid token of a non-member; `Unauthorized` a missing, invalid or expired token
 * (the server answers `not authorized` to both; one token check after the refusal tells them apart).
 *
 * @since 0.1.0
 * @category models
 */
export type RunError = Endpoint.Error<typeof RunEndpoints.get>

/**
 * The errors of downloading a run's results (no token needed).
 *
 * @since 0.1.0
 * @category models
 */
export type RunDownloadError = DownloadError

/**
 * Options of `Runs.start`.
 *
 * @since 0.1.0
 * @category models
 */
export interface StartOptions {
  /** The group's parameter declarations, if the caller has them; otherwise they are read from the group. */
  readonly parameters?: ReadonlyArray<Parameter>
  /** `false` sends the arguments unchecked (and skips reading the group). */
  readonly validate?: boolean
}

/**
 * How often a run is polled while waiting for it.
 *
 * @since 0.1.0
 * @category models
 */
export interface PollOptions {
  /** Polls after the first; it sees each handle read. {@link defaultPollSchedule} when absent. A schedule
   *  that ends before the run does ends `watch`, and fails `await` with `RunStillActive`. */
  readonly schedule?: Schedule.Schedule<unknown, RunHandle>
}

/**
 * Polling every 500 ms at first, then less often, at most every 5 seconds.
 *
 * @since 0.1.0
 * @category schedules
 */
export const defaultPollSchedule: Schedule.Schedule<unknown, unknown> = Schedule.exponential("500 millis", 1.5).pipe(
  Schedule.union(Schedule.spaced("5 seconds"))
)

const runId = { runId: "flowserv.run.id" } as const
const download = ["NotFound", "InvalidRequest"] as const

/**
 * The run operations, as records.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const RunEndpoints = {
  start: Endpoint.make({
    name: "flowserv.Runs.start",
    method: "POST",
    path: "/groups/{groupId}/runs",
    spanAttributes: { groupId: "flowserv.group.id" },
    body: Schema.Struct({ arguments: Schema.Unknown }),
    success: Schemas.RunHandle,
    errors: memberErrors
  }),
  get: Endpoint.make({
    name: "flowserv.Runs.get",
    method: "GET",
    path: "/runs/{runId}",
    spanAttributes: runId,
    success: Schemas.RunHandle,
    errors: memberErrors
  }),
  listPage: Endpoint.make({
    name: "flowserv.Runs.list",
    method: "GET",
    path: "/groups/{groupId}/runs",
    spanAttributes: { groupId: "flowserv.group.id" },
    success: Schemas.RunListing,
    errors: memberErrors
  }),
  cancel: Endpoint.make({
    name: "flowserv.Runs.cancel",
    // The server cancels with PUT, but a second cancel is refused (400, the run is no longer active):
    // once an attempt may have cancelled the run, it is not sent again.
    method: "PUT",
    idempotent: false,
    path: "/runs/{runId}",
    spanAttributes: runId,
    body: Schema.Struct({ reason: Schema.optional(Schema.String) }),
    success: Schemas.RunHandle,
    errors: memberErrors
  }),
  delete: Endpoint.make({
    name: "flowserv.Runs.delete",
    method: "DELETE",
    path: "/runs/{runId}",
    spanAttributes: runId,
    success: Endpoint.noContent,
    idempotentDelete: true,
    errors: memberErrors
  }),
  downloadArchive: Endpoint.make({
    name: "flowserv.Runs.downloadArchive",
    method: "GET",
    path: "/runs/{runId}/downloads/archive",
    spanAttributes: runId,
    success: Endpoint.streamed,
    errors: download
  }),
  downloadFile: Endpoint.make({
    name: "flowserv.Runs.downloadFile",
    method: "GET",
    path: "/runs/{runId}/downloads/files/{fileId}",
    spanAttributes: { ...runId, fileId: "flowserv.file.id" },
    success: Endpoint.streamed,
    errors: download
  })
}

/**
 * The run operations.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunsService {
  /**
   * Starts a run in a group. The arguments are checked against the group's parameter declarations
   * first (unknown parameter, missing required argument, wrong type: `InvalidRequest` with
   * `origin: "client"`); file parameters take {@link RunArguments.file}. The handle may already be
   * RUNNING.
   */
  readonly start: (groupId: string, args: Arguments, options?: StartOptions) => Effect.Effect<RunHandle, RunError>
  /** A run with its state, arguments, and messages or result files once it has finished. */
  readonly get: (runId: string) => Effect.Effect<RunHandle, RunError>
  /** A group's runs as a stream, in the order the server gives them (it promises none). */
  readonly list: (groupId: string) => Stream.Stream<RunDescriptor, RunError>
  /** A group's runs, in the one answer the server gives. */
  readonly listPage: (groupId: string) => Effect.Effect<ReadonlyArray<RunDescriptor>, RunError>
  /** Cancels an active run. A run that has already finished is `InvalidRequest` (the server's
   *  message then names no state: a bug of flowserv 0.8.1). */
  readonly cancel: (runId: string, reason?: string) => Effect.Effect<RunHandle, RunError>
  /** Deletes a finished run and its files; an active run is `InvalidRequest`. */
  readonly delete: (runId: string) => Effect.Effect<void, RunError>
  /**
   * Polls a run until it is CANCELED, ERROR or SUCCESS and returns that final handle; ERROR and
   * CANCELED handles carry the server's `messages`. Use {@link RunsService.awaitSuccess} to treat them
   * as failures. Interruptible; bound it with `Effect.timeout` or a finite schedule.
   */
  readonly await: (
    runId: string,
    options?: PollOptions
  ) => Effect.Effect<RunHandle, RunError | RunStillActive>
  /** Like `await`, but a run that ends in ERROR or CANCELED fails with `RunFailed` (with its messages). */
  readonly awaitSuccess: (
    runId: string,
    options?: PollOptions
  ) => Effect.Effect<RunHandle, RunError | RunStillActive | RunFailed>
  /** The run's handle each time its state changes, from the current one to the final one. */
  readonly watch: (runId: string, options?: PollOptions) => Stream.Stream<RunHandle, RunError>
  /** All result files of a successful run as a `tar.gz` archive. */
  readonly downloadArchive: (runId: string) => Stream.Stream<Uint8Array, RunDownloadError>
  /** One result file of a successful run (an id from the handle's `files`). */
  readonly downloadFile: (runId: string, fileId: string) => Stream.Stream<Uint8Array, RunDownloadError>
}

const make: Effect.Effect<RunsService, never, FlowservClient> = Effect.gen(function*() {
  const { api } = yield* FlowservClient
  const records = Endpoint.service(api, RunEndpoints)
  const groupOf = Endpoint.untraced(api, GroupEndpoints.get)
  const memberCheck = forbiddenOrBadToken(api)

  const start = Traced.fn(RunEndpoints.start.name)(function*(groupId: string, args: Arguments, options?: StartOptions) {
    yield* Effect.annotateCurrentSpan("flowserv.group.id", groupId)
    const wire = options?.validate === false
      ? RunArguments.toWire(args)
      : yield* RunArguments.validate(args, options?.parameters ?? (yield* groupOf({ groupId })).parameters)
    const run = yield* memberCheck(Endpoint.untraced(api, RunEndpoints.start)({ groupId, body: { arguments: wire } }))
    yield* Effect.annotateCurrentSpan("flowserv.run.id", run.id)
    return run
  })

  const get = memberOnly(api, RunEndpoints.get)
  const listing = memberOnly(api, RunEndpoints.listPage)
  const listPage = (groupId: string) => Effect.map(listing({ groupId }), (answer) => answer.runs)
  const cancel = memberOnly(api, RunEndpoints.cancel)
  const delete_ = memberOnly(api, RunEndpoints.delete)

  const watch = (runId: string, options?: PollOptions): Stream.Stream<RunHandle, RunError> =>
    Stream.repeatEffectWithSchedule(get({ runId }), options?.schedule ?? defaultPollSchedule).pipe(
      Stream.changesWith((a, b) => a.state === b.state),
      Stream.takeUntil((run) => Schemas.isTerminal(run.state)),
      Stream.withSpan("flowserv.Runs.watch", { attributes: { "flowserv.run.id": runId } })
    )

  const await_ = Traced.fn("flowserv.Runs.await")(function*(runId: string, options?: PollOptions) {
    yield* Effect.annotateCurrentSpan("flowserv.run.id", runId)
    // The stream always emits the first reading, so there is a last one.
    const run = Option.getOrThrow(yield* Stream.runLast(watch(runId, options)))
    if (!Schemas.isTerminal(run.state)) {
      return yield* new RunStillActive({
        message: `run ${runId} is still ${run.state} after the polling schedule ended`,
        runId,
        state: run.state
      })
    }
    return run
  })

  const awaitSuccess = Traced.fn("flowserv.Runs.awaitSuccess")(function*(runId: string, options?: PollOptions) {
    const run = yield* await_(runId, options)
    if (run.state === "ERROR" || run.state === "CANCELED") {
      const messages = run.messages ?? []
      return yield* new RunFailed({
        // The run's output may be long: the message quotes its start, `messages` holds it all.
        message: boundedText(
          `run ${runId} ended in ${run.state}${messages.length === 0 ? "" : `: ${messages.join("; ")}`}`,
          textLimits.message,
          []
        ),
        runId,
        state: run.state,
        messages
      })
    }
    return run
  })

  return {
    start,
    get: (runId) => get({ runId }),
    list: (groupId) => Stream.fromIterableEffect(listPage(groupId)),
    listPage,
    cancel: (runId, reason) => cancel({ runId, body: reason === undefined ? {} : { reason } }),
    delete: (runId) => delete_({ runId }),
    await: await_,
    awaitSuccess,
    watch,
    downloadArchive: (runId) => records.downloadArchive({ runId }),
    downloadFile: (runId, fileId) => records.downloadFile({ runId, fileId })
  }
})

/**
 * flowserv runs.
 *
 * @since 0.1.0
 * @category services
 */
export class Runs extends Context.Tag("effect-research-sdk/flowserv/Runs")<Runs, RunsService>() {
  /** @since 0.1.0 */
  static readonly make = make
  static readonly #layers = serviceLayers(Runs, make, FlowservClient)
  /** On the `FlowservClient` in context. @since 0.1.0 */
  static readonly Default = Runs.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = Runs.#layers.layer
  /** With its own connection, configured from `FLOWSERV_URL` / `FLOWSERV_TOKEN`. @since 0.1.0 */
  static readonly layerConfig = Runs.#layers.layerConfig
}
