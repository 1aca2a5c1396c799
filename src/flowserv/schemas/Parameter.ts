/**
 * Workflow template parameters, as groups and workflows declare them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The parameter types flowserv templates declare.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ParameterType = Schema.Literal("bool", "file", "float", "int", "list", "record", "select", "string")

/**
 * A template parameter. `target` is set for files, `range` for numbers, `values` for selections.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Parameter = Schema.Struct({
  name: Schema.String,
  index: Schema.Number,
  dtype: ParameterType,
  isRequired: Schema.Boolean,
  label: Schema.optional(Schema.String),
  help: Schema.optional(Schema.String),
  defaultValue: Schema.optional(Schema.Unknown),
  group: Schema.optional(Schema.String),
  target: Schema.optional(Schema.String),
  range: Schema.optional(Schema.String),
  values: Schema.optional(Schema.Array(Schema.Unknown))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Parameter extends Schema.Schema.Type<typeof Parameter> {}
