/**
 * Compiling a response schema for the SDK's decoder: a plain twin of the schema, and a plan of what
 * to do to the parsed JSON first. Where the schema has a struct of {@link WireFields} (a `null` that
 * reads as absent, a default, a field renamed on the wire), the twin has a plain struct with the same
 * fields, and the plan says which keys of the JSON to drop, fill or move before the twin decodes it;
 * a `Schema.DateTimeUtc` becomes its one-step stand-in (`UtcDates`). Decoding the planned JSON with the
 * twin gives what the schema gives the JSON as sent, with no field transformation in the way.
 *
 * Whatever the compiler does not know how to twin exactly (a union whose members the plan could
 * confuse, a recursive or a declared schema, a transformation of fields that are not marked) is kept
 * as declared, and nothing below it is planned: slower, never different.
 *
 * @since 0.1.0
 */
import * as AST from "effect/SchemaAST"
import { decodeOnlyDateTimeUtc, isDateTimeUtc } from "./UtcDates.js"
import { wireFieldOf } from "./WireFields.js"

/**
 * What to do to one field of a JSON object: move it from its name on the wire, drop a `null`, fill an
 * absent one, then follow the plan of its value.
 *
 * @since 0.1.0
 * @category models
 */
export interface Step {
  readonly wire: string
  readonly key: string
  readonly nullable: boolean
  readonly fill: (() => unknown) | undefined
  readonly next: Plan | undefined
}

/**
 * What to do to a JSON value: an object's fields, an array's elements, or the plan for whichever of
 * an object or an array the value is (a union's members).
 *
 * @since 0.1.0
 * @category models
 */
export type Plan =
  | {
    readonly _tag: "Struct"
    readonly steps: ReadonlyArray<Step>
    /** The fields whose `null` reads as absent, by their names in the twin. */
    readonly nullable: ReadonlyArray<string>
  }
  | { readonly _tag: "Array"; readonly elements: ReadonlyArray<Plan | undefined>; readonly rest: Plan | undefined }
  | { readonly _tag: "Kind"; readonly object: Plan | undefined; readonly array: Plan | undefined }

/**
 * A schema's twin and its plan; the twin is the schema itself when there is nothing to gain.
 *
 * @since 0.1.0
 * @category models
 */
export interface Compiled {
  readonly ast: AST.AST
  readonly plan: Plan | undefined
}

const memo = new WeakMap<AST.AST, Compiled>()

/**
 * The twin and the plan of `ast`. Pure, and cached per node: shared schemas are compiled once.
 *
 * @since 0.1.0
 * @category compiling
 */
export const compile = (ast: AST.AST): Compiled => {
  let compiled = memo.get(ast)
  if (compiled === undefined) {
    compiled = compileNode(ast)
    memo.set(ast, compiled)
  }
  return compiled
}

const same = (ast: AST.AST): Compiled => ({ ast, plan: undefined })

const compileNode = (ast: AST.AST): Compiled => {
  switch (ast._tag) {
    case "TypeLiteral":
      return typeLiteral(ast)
    case "Transformation":
      return transformation(ast)
    case "Refinement": {
      const from = compile(ast.from)
      return from.ast === ast.from
        ? same(ast)
        : { ast: new AST.Refinement(from.ast, ast.filter, ast.annotations), plan: from.plan }
    }
    case "TupleType":
      return tuple(ast)
    case "Union":
      return union(ast)
    default:
      // Keywords and literals have nothing to twin; Suspend and Declaration are kept as declared.
      return same(ast)
  }
}

const nothingToDo = (step: Step) =>
  step.wire === step.key && !step.nullable && step.fill === undefined && step.next === undefined

const struct = (steps: ReadonlyArray<Step>): Plan | undefined => {
  const kept = steps.filter((step) => !nothingToDo(step))
  return kept.length === 0 ? undefined : {
    _tag: "Struct",
    steps: kept.filter((step) => step.wire !== step.key || step.fill !== undefined || step.next !== undefined),
    nullable: kept.filter((step) => step.nullable).map((step) => step.key)
  }
}

// The twin of a field's type. An optional field's `| undefined` is left out: JSON has no undefined,
// and a union costs Effect more to decode than the type it holds (the key is absent, or it is not).
const fieldType = (ps: AST.PropertySignature): Compiled => {
  const type = ps.type
  if (!ps.isOptional || type._tag !== "Union" || !type.types.some(AST.isUndefinedKeyword)) return compile(type)
  return compile(AST.Union.make(type.types.filter((member) => !AST.isUndefinedKeyword(member)), type.annotations))
}

const typeLiteral = (ast: AST.TypeLiteral): Compiled => {
  if (ast.indexSignatures.length > 0 || ast.propertySignatures.some((ps) => ps.name === "__proto__")) return same(ast)
  let changed = false
  const fields: Array<AST.PropertySignature> = []
  const steps: Array<Step> = []
  for (const ps of ast.propertySignatures) {
    const type = fieldType(ps)
    if (type.ast === ps.type) {
      fields.push(ps)
    } else {
      changed = true
      fields.push(new AST.PropertySignature(ps.name, type.ast, ps.isOptional, ps.isReadonly, ps.annotations))
    }
    if (type.plan !== undefined && typeof ps.name === "string") {
      steps.push({ wire: ps.name, key: ps.name, nullable: false, fill: undefined, next: type.plan })
    }
  }
  return changed ? { ast: new AST.TypeLiteral(fields, [], ast.annotations), plan: struct(steps) } : same(ast)
}

const transformation = (ast: AST.Transformation): Compiled => {
  if (isDateTimeUtc(ast)) return { ast: decodeOnlyDateTimeUtc(ast), plan: undefined }
  if (ast.transformation._tag === "TypeLiteralTransformation") {
    const marked = markedStruct(ast, ast.transformation)
    if (marked !== undefined) return marked
  }
  // Any other transformation reads what its `from` side decodes: twin that side.
  const from = compile(ast.from)
  return from.ast === ast.from
    ? same(ast)
    : { ast: new AST.Transformation(from.ast, ast.to, ast.transformation, ast.annotations), plan: from.plan }
}

// A struct whose every transformed field is a WireField: a plain struct of the type side's fields, and
// the steps that take the JSON there. Undefined when the struct is anything else.
const markedStruct = (ast: AST.Transformation, fieldTransformations: AST.TypeLiteralTransformation) => {
  const { from, to } = ast
  if (from._tag !== "TypeLiteral" || to._tag !== "TypeLiteral") return undefined
  if (from.indexSignatures.length > 0 || to.indexSignatures.length > 0) return undefined
  if (from.propertySignatures.some((ps) => ps.name === "__proto__")) return undefined
  const encoded = new Map(from.propertySignatures.map((ps) => [ps.name, ps]))
  const transformed = new Map(fieldTransformations.propertySignatureTransformations.map((t) => [t.to, t]))
  const fields: Array<AST.PropertySignature> = []
  const steps: Array<Step> = []
  for (const ps of to.propertySignatures) {
    if (typeof ps.name !== "string" || ps.name === "__proto__") return undefined
    const moved = transformed.get(ps.name)
    if (moved === undefined) {
      // A plain field: the same on both sides.
      const wire = encoded.get(ps.name)
      if (wire === undefined) return undefined
      const type = fieldType(wire)
      fields.push(new AST.PropertySignature(ps.name, type.ast, wire.isOptional, wire.isReadonly, ps.annotations))
      steps.push({ wire: ps.name, key: ps.name, nullable: false, fill: undefined, next: type.plan })
      continue
    }
    const wire = encoded.get(moved.from)
    const field = wireFieldOf(ps.annotations) ?? (wire === undefined ? undefined : wireFieldOf(wire.annotations))
    if (field === undefined || typeof moved.from !== "string") return undefined
    const type = compile(field.schema)
    fields.push(new AST.PropertySignature(ps.name, type.ast, field.optional, ps.isReadonly, ps.annotations))
    steps.push({ wire: moved.from, key: ps.name, nullable: field.nullable, fill: field.fill, next: type.plan })
  }
  // The plan moves renamed fields one at a time, in place: a renamed field's wire name may not be any
  // other field's name or wire name (a swap, or two fields read from one key).
  for (const step of steps) {
    if (step.wire === step.key) continue
    if (steps.some((other) => other !== step && (other.key === step.wire || other.wire === step.wire))) return undefined
  }
  return { ast: new AST.TypeLiteral(fields, [], ast.annotations), plan: struct(steps) }
}

const tuple = (ast: AST.TupleType): Compiled => {
  // Elements after a rest element are rare in responses: kept as declared.
  if (ast.rest.length > 1) return same(ast)
  const elements = ast.elements.map((element) => compile(element.type))
  const rest = ast.rest.map((element) => compile(element.type))
  const changed = elements.some((c, i) => c.ast !== ast.elements[i]!.type) ||
    rest.some((c, i) => c.ast !== ast.rest[i]!.type)
  if (!changed) return same(ast)
  const twin = new AST.TupleType(
    ast.elements.map((element, i) =>
      elements[i]!.ast === element.type
        ? element
        : new AST.OptionalType(elements[i]!.ast, element.isOptional, element.annotations)
    ),
    ast.rest.map((element, i) =>
      rest[i]!.ast === element.type ? element : new AST.Type(rest[i]!.ast, element.annotations)
    ),
    ast.isReadonly,
    ast.annotations
  )
  const planned = elements.some((c) => c.plan !== undefined) || rest[0]?.plan !== undefined
  return {
    ast: twin,
    plan: planned ? { _tag: "Array", elements: elements.map((c) => c.plan), rest: rest[0]?.plan } : undefined
  }
}

type Kind = "object" | "array" | "scalar" | "any"

// Which JSON values a schema can take: objects, arrays, neither, or either.
const kindOf = (ast: AST.AST): Kind => {
  switch (ast._tag) {
    case "TypeLiteral":
      // `{}` takes anything but null and undefined.
      return ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0 ? "any" : "object"
    case "TupleType":
      return "array"
    case "Refinement":
    case "Transformation":
      return kindOf(ast.from)
    case "Union": {
      const kinds = new Set(ast.types.map(kindOf))
      kinds.delete("scalar")
      return kinds.size === 0 ? "scalar" : kinds.size === 1 ? [...kinds][0]! : "any"
    }
    case "Suspend":
    case "Declaration":
    case "UnknownKeyword":
    case "AnyKeyword":
    case "ObjectKeyword":
      return "any"
    default:
      return "scalar"
  }
}

const union = (ast: AST.Union): Compiled => {
  const members = ast.types.map(compile)
  if (members.every((c, i) => c.ast === ast.types[i])) return same(ast)
  // The plan runs before the union picks a member: it may only touch what one member alone can take,
  // so that no other member reads a value the plan changed.
  const kinds = ast.types.map(kindOf)
  let object: Plan | undefined
  let array: Plan | undefined
  for (let i = 0; i < members.length; i++) {
    const plan = members[i]!.plan
    if (plan === undefined) continue
    const kind = kinds[i]!
    if (kind !== "object" && kind !== "array") return same(ast)
    if (kinds.some((other, j) => j !== i && (other === kind || other === "any"))) return same(ast)
    if (kind === "object") object = plan
    else array = plan
  }
  return {
    ast: AST.Union.make(members.map((c) => c.ast), ast.annotations),
    plan: object === undefined && array === undefined ? undefined : { _tag: "Kind", object, array }
  }
}
