/**
 * Workflow template parameters, as groups and workflows declare them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { SafeInteger } from "../../core/Numbers.js"
import * as WireFields from "../../core/WireFields.js"

/**
 * The parameter types flowserv 0.8 templates declare. `Parameter.dtype` is any string, so that a
 * server with a newer type still decodes; narrow with {@link isParameterType}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ParameterType = Schema.Literal("bool", "file", "float", "int", "list", "record", "select", "string")

/**
 * @since 0.1.0
 * @category models
 */
export type ParameterType = Schema.Schema.Type<typeof ParameterType>

/**
 * Whether a `dtype` is one of the known {@link ParameterType}s.
 *
 * @since 0.1.0
 * @category guards
 */
export const isParameterType: (dtype: string) => dtype is ParameterType = Schema.is(ParameterType)

/**
 * A template parameter. `target` is set for files, `range` for numbers, `values` for selections.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Parameter = Schema.Struct({
  name: Schema.String,
  // The template's display order: any safe integer.
  index: SafeInteger,
  dtype: Schema.String,
  isRequired: Schema.Boolean,
  // flowserv leaves unset fields out; `null` is accepted too, as absence.
  label: WireFields.optional(Schema.String),
  help: WireFields.optional(Schema.String),
  defaultValue: Schema.optional(Schema.Unknown),
  group: WireFields.optional(Schema.String),
  target: WireFields.optional(Schema.String),
  range: WireFields.optional(Schema.String),
  values: WireFields.optional(Schema.Array(Schema.Unknown))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Parameter extends Schema.Schema.Type<typeof Parameter> {}
