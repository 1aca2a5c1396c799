/**
 * Workflows (benchmarks) a flowserv server offers, and their leaderboards.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { SafeInteger } from "../../core/Numbers.js"
import * as WireFields from "../../core/WireFields.js"
import { GroupDescriptor } from "./Group.js"
import { Parameter } from "./Parameter.js"
import { RunHandle } from "./Run.js"

/**
 * A workflow in a listing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WorkflowDescriptor = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  // flowserv leaves unset fields out; `null` is accepted too, as absence.
  description: WireFields.optional(Schema.String),
  instructions: WireFields.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface WorkflowDescriptor extends Schema.Schema.Type<typeof WorkflowDescriptor> {}

/**
 * `GET /workflows`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WorkflowListing = Schema.Struct({ workflows: Schema.Array(WorkflowDescriptor) })

/**
 * A named group of parameters, for forms.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ParameterGroup = Schema.Struct({
  name: Schema.String,
  title: WireFields.optional(Schema.String),
  index: SafeInteger
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ParameterGroup extends Schema.Schema.Type<typeof ParameterGroup> {}

/**
 * A workflow with its parameters, its parameter groups, its latest post-processing run (`postproc`)
 * and, for a caller with a valid token, the caller's groups (`groups`; absent otherwise).
 *
 * @since 0.1.0
 * @category schemas
 */
export const WorkflowHandle = Schema.Struct({
  ...WorkflowDescriptor.fields,
  parameters: WireFields.withDefault(Schema.Array(Parameter), () => []),
  parameterGroups: WireFields.optional(Schema.Array(ParameterGroup)),
  postproc: WireFields.optional(RunHandle),
  groups: WireFields.optional(Schema.Array(GroupDescriptor))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface WorkflowHandle extends Schema.Schema.Type<typeof WorkflowHandle> {}

/**
 * A leaderboard column, as the workflow's result schema declares it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LeaderboardColumn = Schema.Struct({
  name: Schema.String,
  label: WireFields.optional(Schema.String),
  dtype: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface LeaderboardColumn extends Schema.Schema.Type<typeof LeaderboardColumn> {}

/**
 * One row of a leaderboard: the run, its group and its result values.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LeaderboardEntry = Schema.Struct({
  run: Schema.Struct({
    id: Schema.String,
    createdAt: Schema.DateTimeUtc,
    startedAt: WireFields.optional(Schema.DateTimeUtc),
    finishedAt: WireFields.optional(Schema.DateTimeUtc)
  }),
  group: Schema.Struct({ id: Schema.String, name: Schema.String }),
  results: Schema.Array(Schema.Struct({ name: Schema.String, value: Schema.Unknown }))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface LeaderboardEntry extends Schema.Schema.Type<typeof LeaderboardEntry> {}

/**
 * `GET /workflows/{id}/leaderboard`: the result schema, the ranking in order, and the latest
 * post-processing run when there is one.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Leaderboard = Schema.Struct({
  schema: Schema.Array(LeaderboardColumn),
  ranking: Schema.Array(LeaderboardEntry),
  postproc: WireFields.optional(RunHandle)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Leaderboard extends Schema.Schema.Type<typeof Leaderboard> {}
