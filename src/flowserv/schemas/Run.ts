/**
 * Workflow runs.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as WireFields from "../../core/WireFields.js"
import { Parameter } from "./Parameter.js"

/**
 * The states a run goes through; CANCELED, ERROR and SUCCESS are final.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RunState = Schema.Literal("PENDING", "RUNNING", "CANCELED", "ERROR", "SUCCESS")

/**
 * @since 0.1.0
 * @category models
 */
export type RunState = Schema.Schema.Type<typeof RunState>

/**
 * A run in a listing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RunDescriptor = Schema.Struct({
  id: Schema.String,
  state: RunState,
  createdAt: Schema.DateTimeUtc
})

/**
 * @since 0.1.0
 * @category models
 */
export interface RunDescriptor extends Schema.Schema.Type<typeof RunDescriptor> {}

/**
 * A file a successful run produced. `title`, `caption`, `widget` and `format` come from the
 * workflow's output declarations, when it has them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RunFile = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  title: WireFields.optional(Schema.String),
  caption: WireFields.optional(Schema.String),
  widget: WireFields.optional(Schema.Unknown),
  format: WireFields.optional(Schema.Unknown)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface RunFile extends Schema.Schema.Type<typeof RunFile> {}

/**
 * A run argument as the server stores it: a parameter name and a value (scalar, list, record, or a
 * file reference `{"type":"$file","value":{"fileId","targetPath"?}}`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const RunArgument = Schema.Struct({
  name: Schema.String,
  value: Schema.Unknown
})

/**
 * @since 0.1.0
 * @category models
 */
export interface RunArgument extends Schema.Schema.Type<typeof RunArgument> {}

/**
 * A run with what its state says about it: `startedAt` unless pending; `finishedAt` and `messages`
 * once canceled or failed; `finishedAt` and `files` once successful. `groupId` is absent for
 * post-processing runs; `parameters` are the group's (absent from post-processing runs too).
 *
 * @since 0.1.0
 * @category schemas
 */
export const RunHandle = Schema.Struct({
  ...RunDescriptor.fields,
  workflowId: Schema.String,
  groupId: WireFields.optional(Schema.String),
  arguments: WireFields.withDefault(Schema.Array(RunArgument), () => []),
  parameters: WireFields.withDefault(Schema.Array(Parameter), () => []),
  startedAt: WireFields.optional(Schema.DateTimeUtc),
  finishedAt: WireFields.optional(Schema.DateTimeUtc),
  messages: WireFields.optional(Schema.Array(Schema.String)),
  files: WireFields.optional(Schema.Array(RunFile))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface RunHandle extends Schema.Schema.Type<typeof RunHandle> {}

/**
 * `GET /groups/{id}/runs`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RunListing = Schema.Struct({ runs: Schema.Array(RunDescriptor) })

/**
 * Whether a run has finished: CANCELED, ERROR or SUCCESS.
 *
 * @since 0.1.0
 * @category guards
 */
export const isTerminal = (state: RunState): state is "CANCELED" | "ERROR" | "SUCCESS" =>
  state === "CANCELED" || state === "ERROR" || state === "SUCCESS"
