/**
 * Workflows (benchmarks) a flowserv server offers.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

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
  description: Schema.optionalWith(Schema.String, { nullable: true }),
  instructions: Schema.optionalWith(Schema.String, { nullable: true })
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
