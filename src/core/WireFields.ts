/**
 * Struct fields as servers send them: `null` for an absent value, a list left out when it is empty,
 * another name on the wire. Each is an ordinary Schema property signature (a schema built from them
 * decodes the same anywhere), marked so that the SDK's decoder (`JsonDecoder`) can read the field in
 * one pass over the parsed JSON and decode the rest with a plain struct: a field transformation makes
 * Effect decode the whole struct twice, once per side, at two to three times the cost.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"

/**
 * The annotation that marks a {@link WireField}.
 *
 * @since 0.1.0
 * @category annotations
 */
export const WireFieldId: unique symbol = Symbol.for("effect-research-sdk/WireField")

/**
 * What a marked field does on the wire, beyond its schema: whether `null` reads as absent, whether
 * absence is allowed, and what absence reads as.
 *
 * @since 0.1.0
 * @category models
 */
export interface WireField {
  /** The field's own schema, without the null or the default. */
  readonly schema: AST.AST
  /** `null` reads as absent. */
  readonly nullable: boolean
  /** The field may be absent (and stays absent). */
  readonly optional: boolean
  /** What an absent field reads as: a JSON value the field's schema decodes to itself. */
  readonly fill: (() => unknown) | undefined
}

const mark = (field: WireField) => ({ [WireFieldId]: field })

/**
 * An optional field a server may also send as `null`, which reads as absent:
 * `Schema.optionalWith(schema, { nullable: true })`, decoded without a transformation by the SDK.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { WireFields } from "effect-research-sdk"
 * const Member = Schema.Struct({ value: Schema.String, display: WireFields.optional(Schema.String) })
 * // { readonly value: string; readonly display?: string | undefined }
 * ```
 */
export const optional = <S extends Schema.Schema.Any>(schema: S) =>
  Schema.optionalWith(schema, { nullable: true }).annotations(
    mark({ schema: schema.ast, nullable: true, optional: true, fill: undefined })
  )

/**
 * A field that reads as `fill()` when it is absent or `null`:
 * `Schema.optionalWith(schema, { nullable: true, default: fill })`. `fill` must give a value that is
 * valid on both sides of the schema (`[]`, `0`): the SDK's decoder puts it in the JSON and decodes it.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { WireFields } from "effect-research-sdk"
 * const Page = Schema.Struct({ items: WireFields.withDefault(Schema.Array(Schema.String), () => []) })
 * // { readonly items: ReadonlyArray<string> }: [] when the server leaves it out or sends null
 * ```
 */
export const withDefault = <S extends Schema.Schema.Any, D extends Schema.Schema.Type<S> & Schema.Schema.Encoded<S>>(
  schema: S,
  fill: () => D
) =>
  Schema.optionalWith(schema, { nullable: true, default: fill }).annotations(
    mark({ schema: schema.ast, nullable: true, optional: false, fill })
  )

/**
 * A field that reads as `fill()` when it is absent; `null` is refused, like any other value the schema
 * does not take: `Schema.optionalWith(schema, { default: fill })`. See {@link withDefault} for `fill`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const whenAbsent = <S extends Schema.Schema.Any, D extends Schema.Schema.Type<S> & Schema.Schema.Encoded<S>>(
  schema: S,
  fill: () => D
) =>
  Schema.optionalWith(schema, { default: fill }).annotations(
    mark({ schema: schema.ast, nullable: false, optional: false, fill })
  )

/**
 * A required field the server names `key`: `Schema.propertySignature(schema).pipe(Schema.fromKey(key))`.
 * (An optional one: `optional(schema).pipe(Schema.fromKey(key))`.)
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { WireFields } from "effect-research-sdk"
 * const Group = Schema.Struct({ workflowId: WireFields.renamed(Schema.String, "workflow") })
 * // decodes { "workflow": "w1" } as { workflowId: "w1" }
 * ```
 */
export const renamed = <S extends Schema.Schema.Any, const Key extends PropertyKey>(schema: S, key: Key) =>
  Schema.propertySignature(schema).annotations(
    mark({ schema: schema.ast, nullable: false, optional: false, fill: undefined })
  ).pipe(Schema.fromKey(key))

/**
 * The mark of a property signature, if it has one.
 *
 * @since 0.1.0
 * @category annotations
 */
export const wireFieldOf = (annotations: AST.Annotations): WireField | undefined =>
  annotations[WireFieldId] as WireField | undefined
