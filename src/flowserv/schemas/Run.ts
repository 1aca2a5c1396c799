/**
 * Workflow runs.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

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
