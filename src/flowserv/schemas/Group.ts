/**
 * Workflow groups ("submissions"): a named team of users working on one workflow.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as WireFields from "../../core/WireFields.js"
import { Parameter } from "./Parameter.js"
import { RunDescriptor } from "./Run.js"
import { UploadedFile } from "./UploadedFile.js"
import { User } from "./User.js"

/**
 * A group in a listing. The wire name `workflow` is exposed as `workflowId`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupDescriptor = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  workflowId: WireFields.renamed(Schema.String, "workflow")
})

/**
 * @since 0.1.0
 * @category models
 */
export interface GroupDescriptor extends Schema.Schema.Type<typeof GroupDescriptor> {}

/**
 * A group with its members, the workflow's parameters, its uploads and engine configuration
 * (wire name `config`, exposed as `engineConfig`). `runs` is present only in `Groups.get` answers
 * to a valid token.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupHandle = Schema.Struct({
  ...GroupDescriptor.fields,
  members: Schema.Array(User),
  parameters: Schema.Array(Parameter),
  files: Schema.Array(UploadedFile),
  engineConfig: WireFields.optional(Schema.Unknown).pipe(Schema.fromKey("config")),
  runs: Schema.optional(Schema.Array(RunDescriptor))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface GroupHandle extends Schema.Schema.Type<typeof GroupHandle> {}

/**
 * `GET /workflows/{id}/groups`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupListing = Schema.Struct({ groups: Schema.Array(GroupDescriptor) })
