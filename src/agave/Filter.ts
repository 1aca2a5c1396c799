/**
 * Agave's response-field filter: `filter=id,status,_links.archiveData` asks the server to send only
 * those fields of each item. A filtered answer is the model with every field (at every depth) possibly
 * missing: decode it with {@link partial} of the record's schema, into {@link DeepPartial} of its type.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { InvalidRequest } from "../core/Errors.js"
import type { Paths } from "./Paths.js"
import { isPath } from "./Paths.js"

/**
 * `T` with every field, at every depth, optional.
 *
 * @since 0.1.0
 * @category type-level
 */
export type DeepPartial<T> = T extends Redacted.Redacted<any> | Date ? T
  : T extends ReadonlyArray<infer Item> ? ReadonlyArray<DeepPartial<Item>>
  : T extends object ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
  : T

/**
 * The fields a filter keeps, of items of type `A`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Filter<A> {
  readonly _tag: "Filter"
  readonly fields: ReadonlyArray<string>
  /** Type-level only. */
  readonly Item?: A
}

/**
 * A filter keeping `fields` of items of type `A`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Filter, type JobSummary } from "effect-research-sdk/agave"
 * Filter.toQueryValue(Filter.fields<JobSummary>("id", "status", "_links.archiveData"))
 * // Right("id,status,_links.archiveData")
 * ```
 */
export const fields = <A = any>(...fields: ReadonlyArray<Paths<A>>): Filter<A> => ({ _tag: "Filter", fields })

/**
 * The value of the `filter` query parameter, or why it cannot be sent.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toQueryValue = <A>(filter: Filter<A>): Either.Either<string, InvalidRequest> => {
  if (filter.fields.length === 0) {
    return Either.left(new InvalidRequest({ message: "filter: name at least one field", origin: "client" }))
  }
  for (const field of filter.fields) {
    if (!isPath(field)) {
      return Either.left(
        new InvalidRequest({
          message: `filter: ${JSON.stringify(String(field).slice(0, 100))} is not a dotted name`,
          origin: "client"
        })
      )
    }
  }
  return Either.right(filter.fields.join(","))
}

const deep = (ast: AST.AST, seen: Map<AST.AST, AST.AST>): AST.AST => {
  const done = seen.get(ast)
  if (done !== undefined) return done
  switch (ast._tag) {
    case "TypeLiteral":
      return new AST.TypeLiteral(
        ast.propertySignatures.map((property) =>
          new AST.PropertySignature(
            property.name,
            deep(property.type, seen),
            true,
            property.isReadonly,
            property.annotations
          )
        ),
        ast.indexSignatures.map((index) =>
          new AST.IndexSignature(index.parameter, deep(index.type, seen), index.isReadonly)
        ),
        ast.annotations
      )
    case "Union":
      return AST.Union.make(ast.types.map((member) => deep(member, seen)), ast.annotations)
    case "TupleType":
      return new AST.TupleType(
        ast.elements.map((element) => new AST.OptionalType(deep(element.type, seen), element.isOptional)),
        ast.rest.map((rest) => new AST.Type(deep(rest.type, seen))),
        ast.isReadonly,
        ast.annotations
      )
    case "Transformation":
      // A model's normalising pass (Profile's) reads whatever fields are there.
      return new AST.Transformation(deep(ast.from, seen), deep(ast.to, seen), ast.transformation, ast.annotations)
    case "Refinement":
      // A check on a whole value cannot hold of a part of it.
      return deep(ast.from, seen)
    case "Suspend": {
      const lazy: AST.AST = new AST.Suspend(() => deep(ast.f(), seen), ast.annotations)
      seen.set(ast, lazy)
      return lazy
    }
    default:
      return ast
  }
}

/**
 * The schema of a filtered answer: `schema` with every field, at every depth, optional. Built once per
 * schema, as fast as the schema itself.
 *
 * @since 0.1.0
 * @category schemas
 */
export const partial = <A, I>(schema: Schema.Schema<A, I, never>): Schema.Schema<DeepPartial<A>, DeepPartial<I>> =>
  Schema.make(deep(schema.ast, new Map()))
