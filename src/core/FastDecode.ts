/**
 * A fast path for decoding JSON with a Schema. Most response schemas are plain data: structs of
 * strings, numbers, booleans, literals, arrays and refinements (`Schema.Int`, `NonNegative`, …).
 * For those, a checker compiled once from the schema's AST checks a value and copies its declared
 * fields in one pass, several times faster than the general decoder. It produces exactly what
 * `Schema.decodeUnknown(schema, { onExcessProperty: "ignore" })` does when the value is valid, and gives
 * up on anything else: a value that does not fit, or a schema with a transformation, a declaration,
 * a recursive part, an index signature, or a union it cannot decide. The general decoder then runs
 * as before, so failures (and their messages) are the Schema's own.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as SchemaAST from "effect/SchemaAST"

/**
 * What a checker returns when it gives up: the value does not fit, or fits in a way it does not
 * decide. The general decoder decides then.
 *
 * @since 0.1.0
 * @category models
 */
export const giveUp: unique symbol = Symbol.for("effect-research-sdk/FastDecode/giveUp")

/**
 * A compiled checker: the decoded value, or {@link giveUp}.
 *
 * @since 0.1.0
 * @category models
 */
export type Checker = (input: unknown) => unknown

// Guards against deep values: the fast path gives up below this depth (the general decoder then
// reports, or a recursive schema is not compiled at all).
const maxDepth = 64

/**
 * The checker for `ast`, or `undefined` when the schema has a part the fast path does not handle.
 *
 * @since 0.1.0
 * @category constructors
 */
export const compile = (ast: SchemaAST.AST): Checker | undefined => {
  const checker = compileAt(ast, 0)
  return checker === undefined ? undefined : (input) => checker(input)
}

const compileAt = (ast: SchemaAST.AST, depth: number): Checker | undefined => {
  if (depth > maxDepth) return undefined
  switch (ast._tag) {
    case "StringKeyword":
      return (input) => typeof input === "string" ? input : giveUp
    case "NumberKeyword":
      return (input) => typeof input === "number" ? input : giveUp
    case "BooleanKeyword":
      return (input) => typeof input === "boolean" ? input : giveUp
    case "UnknownKeyword":
    case "AnyKeyword":
      return (input) => input
    case "UndefinedKeyword":
      return (input) => input === undefined ? input : giveUp
    case "Literal": {
      const literal = ast.literal
      return (input) => input === literal ? input : giveUp
    }
    case "Refinement":
      return refinement(ast, depth)
    case "TypeLiteral":
      return struct(ast, depth)
    case "TupleType":
      return array(ast, depth)
    case "Union":
      return union(ast, depth)
    default:
      // Transformations, declarations, suspended (recursive) schemas, enums, template literals…
      return undefined
  }
}

const refinement = (ast: SchemaAST.Refinement, depth: number): Checker | undefined => {
  const from = compileAt(ast.from, depth)
  if (from === undefined) return undefined
  return (input) => {
    const value = from(input)
    if (value === giveUp) return giveUp
    return Option.isNone(ast.filter(value, SchemaAST.defaultParseOption, ast)) ? value : giveUp
  }
}

const struct = (ast: SchemaAST.TypeLiteral, depth: number): Checker | undefined => {
  if (ast.indexSignatures.length > 0) return undefined
  const fields: Array<{ readonly key: PropertyKey; readonly optional: boolean; readonly check: Checker }> = []
  for (const property of ast.propertySignatures) {
    if (typeof property.name !== "string") return undefined
    const check = compileAt(property.type, depth + 1)
    if (check === undefined) return undefined
    fields.push({ key: property.name, optional: property.isOptional, check })
  }
  return (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return giveUp
    const record = input as Record<PropertyKey, unknown>
    const output: Record<PropertyKey, unknown> = {}
    for (const field of fields) {
      if (!Object.prototype.hasOwnProperty.call(record, field.key)) {
        if (field.optional) continue
        return giveUp
      }
      const value = field.check(record[field.key])
      if (value === giveUp) return giveUp
      output[field.key] = value
    }
    return output
  }
}

// Arrays (`Schema.Array(x)`): no fixed elements, one rest element.
const array = (ast: SchemaAST.TupleType, depth: number): Checker | undefined => {
  if (ast.elements.length > 0 || ast.rest.length !== 1) return undefined
  const item = compileAt(ast.rest[0]!.type, depth + 1)
  if (item === undefined) return undefined
  return (input) => {
    if (!Array.isArray(input)) return giveUp
    const output: Array<unknown> = new Array(input.length)
    for (let i = 0; i < input.length; i++) {
      const value = item(input[i])
      if (value === giveUp) return giveUp
      output[i] = value
    }
    return output
  }
}

// A union is decided only when no two of its members can accept the same value: literals, primitives,
// `undefined`, and at most one member of each other kind (one struct, one array). The first member
// that accepts the value is then the only one, as it is for the general decoder.
const union = (ast: SchemaAST.Union, depth: number): Checker | undefined => {
  const kinds = new Set<string>()
  const members: Array<Checker> = []
  for (const member of ast.types) {
    const kind = kindOf(member)
    if (kind === undefined) return undefined
    if (kind !== "literal") {
      if (kinds.has(kind)) return undefined
      kinds.add(kind)
    }
    const check = compileAt(member, depth + 1)
    if (check === undefined) return undefined
    members.push(check)
  }
  return (input) => {
    for (const member of members) {
      const value = member(input)
      if (value !== giveUp) return value
    }
    return giveUp
  }
}

// The kind of value a union member accepts; members of the same kind could both accept a value.
const kindOf = (ast: SchemaAST.AST): string | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return "string"
    case "NumberKeyword":
      return "number"
    case "BooleanKeyword":
      return "boolean"
    case "UndefinedKeyword":
      return "undefined"
    case "Literal":
      return "literal"
    case "TypeLiteral":
      return "object"
    case "TupleType":
      return "array"
    case "Refinement":
      return kindOf(ast.from)
    default:
      return undefined
  }
}
