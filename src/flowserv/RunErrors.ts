/**
 * How waiting for a run can end other than with the run finished as hoped.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { RunState } from "./schemas/Run.js"

/**
 * The run finished, but not successfully: `state` is ERROR or CANCELED and `messages` are the
 * server's (the error output, or the reason for cancelling).
 *
 * @since 0.1.0
 * @category errors
 */
export class RunFailed extends Schema.TaggedError<RunFailed>("effect-research-sdk/flowserv/RunFailed")("RunFailed", {
  message: Schema.String,
  runId: Schema.String,
  state: Schema.Literal("ERROR", "CANCELED"),
  messages: Schema.Array(Schema.String)
}) {}

/**
 * The polling schedule ended while the run was still PENDING or RUNNING.
 *
 * @since 0.1.0
 * @category errors
 */
export class RunStillActive extends Schema.TaggedError<RunStillActive>("effect-research-sdk/flowserv/RunStillActive")(
  "RunStillActive",
  {
    message: Schema.String,
    runId: Schema.String,
    state: RunState
  }
) {}
