/**
 * Decoding the plain part of a schema without Effect's interpreter. Effect's parser is general: every
 * node returns an `Either`, checks for effects, builds issues as it goes. For the nodes a response
 * schema is mostly made of (structs, arrays, strings, numbers, booleans, literals, refinements, the
 * SDK's one-step dates), this decodes with plain closures that give the same value, and only say
 * whether the value fits: anything it does not know is decoded by Effect's parser for that part of
 * the schema, and a value that does not fit is decoded again by the schema as declared, for the
 * error (see `JsonDecoder`).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

/**
 * What a plain decoder returns for a value that does not fit.
 *
 * @since 0.1.0
 * @category models
 */
export const refused: unique symbol = Symbol.for("effect-research-sdk/PlainDecoder/refused")

/**
 * A decoder of one node: the decoded value, or {@link refused}.
 *
 * @since 0.1.0
 * @category models
 */
export type Plain = (input: unknown) => unknown

const options: AST.ParseOptions = { onExcessProperty: "ignore" }

const memo = new WeakMap<AST.AST, Plain>()

/**
 * The plain decoder of `ast` (unknown fields ignored), built once per node.
 *
 * @since 0.1.0
 * @category constructors
 */
export const plainDecoder = (ast: AST.AST): Plain => {
  let decoder = memo.get(ast)
  if (decoder === undefined) {
    // No cycle can reach here: the only way a schema refers to itself is Suspend, which is Effect's.
    decoder = compileNode(ast)
    memo.set(ast, decoder)
  }
  return decoder
}

// Effect's parser for a node this module does not decode itself.
const byEffect = (ast: AST.AST): Plain => {
  const decode = ParseResult.decodeUnknownEither(Schema.make<unknown, unknown, never>(ast), options)
  return (input) => {
    const decoded = decode(input)
    return Either.isRight(decoded) ? decoded.right : refused
  }
}

const identity: Plain = (input) => input

// Annotations that change how Effect decodes a node (its own parse options, a fallback value).
const decodedDifferently = (ast: AST.AST) =>
  Option.isSome(AST.getParseOptionsAnnotation(ast)) || Option.isSome(AST.getDecodingFallbackAnnotation(ast))

const compileNode = (ast: AST.AST): Plain => {
  if (decodedDifferently(ast)) return byEffect(ast)
  switch (ast._tag) {
    case "StringKeyword":
      return (input) => typeof input === "string" ? input : refused
    case "NumberKeyword":
      return (input) => typeof input === "number" ? input : refused
    case "BooleanKeyword":
      return (input) => typeof input === "boolean" ? input : refused
    case "UnknownKeyword":
    case "AnyKeyword":
      return identity
    case "UndefinedKeyword":
      return (input) => input === undefined ? input : refused
    case "Literal": {
      const literal = ast.literal
      return (input) => input === literal ? input : refused
    }
    case "TypeLiteral":
      // `{}` takes anything but null and undefined, as it is; index signatures are Effect's.
      return ast.indexSignatures.length === 0 && ast.propertySignatures.length > 0 ? struct(ast) : byEffect(ast)
    case "TupleType":
      return ast.elements.length === 0 && ast.rest.length === 1 ? array(ast.rest[0]!.type) : byEffect(ast)
    case "Refinement": {
      const from = plainDecoder(ast.from)
      return (input) => {
        const value = from(input)
        return value === refused || Option.isSome(ast.filter(value, options, ast)) ? refused : value
      }
    }
    case "Union":
      return union(ast)
    case "Declaration":
      return declaration(ast)
    default:
      return byEffect(ast)
  }
}

// A struct or an array whose every value decodes to itself, with no key the schema does not name, is
// returned as it is: the parsed JSON is the decoder's alone, and a copy would double what each item
// allocates, a cost a long listing pays in collection and memory. Anything else is copied, as Effect
// does, with the schema's fields only.
const struct = (ast: AST.TypeLiteral): Plain => {
  const fields = ast.propertySignatures.map((ps) => ({
    name: ps.name,
    optional: ps.isOptional,
    decode: plainDecoder(ps.type)
  }))
  const count = fields.length
  // The values of the item being decoded. A struct cannot contain itself (that takes Suspend, which is
  // Effect's), so one buffer per struct is never in use twice at once.
  const values: Array<unknown> = new Array(count).fill(absent)
  const clear = () => {
    for (let i = 0; i < count; i++) values[i] = absent
  }
  return (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return refused
    // Cleared however the item ends, a field's decoder throwing included (a schema nested too deeply
    // for the stack is caught further up and the decoder used again): no value of one item may ever
    // reach another.
    try {
      return decodeStruct(input as Record<PropertyKey, unknown>)
    } finally {
      clear()
    }
  }

  function decodeStruct(record: Record<PropertyKey, unknown>): unknown {
    let same = true
    let present = 0
    for (let i = 0; i < count; i++) {
      const field = fields[i]!
      const has = Object.hasOwn(record, field.name)
      // What Effect does: an absent optional field stays absent; an absent required one is decoded
      // as undefined (and refused, unless its schema takes undefined).
      if (!has && field.optional) {
        values[i] = absent
        continue
      }
      if (has) present++
      else same = false
      const raw = record[field.name]
      const value = field.decode(raw)
      if (value === refused) return refused
      if (value !== raw) same = false
      values[i] = value
    }
    if (same && present === ownKeys(record)) return record
    const output: Record<PropertyKey, unknown> = {}
    for (let i = 0; i < count; i++) {
      if (values[i] !== absent) output[fields[i]!.name] = values[i]
    }
    return output
  }
}

const absent: unique symbol = Symbol("absent")

// How many keys an object has, symbols aside (JSON has none), without listing them. Enumerable
// inherited keys (a polluted prototype) count too: then the item is copied, which is always right.
const ownKeys = (record: object): number => {
  let n = 0
  for (const _ in record) n++
  return n
}

const array = (item: AST.AST): Plain => {
  const decode = plainDecoder(item)
  return (input) => {
    if (!Array.isArray(input)) return refused
    // Copied only from the first item that decodes to something else.
    let output: Array<unknown> | undefined
    for (let i = 0; i < input.length; i++) {
      const raw: unknown = input[i]
      const value = decode(raw)
      if (value === refused) return refused
      if (output !== undefined) output.push(value)
      else if (value !== raw) {
        output = input.slice(0, i)
        output.push(value)
      }
    }
    return output ?? input
  }
}

// Which values a member takes, when that is one kind of JSON value only: members of different kinds
// can never both take a value, so the order Effect would try them in does not matter.
const kindOf = (ast: AST.AST): string | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "UndefinedKeyword":
      return ast._tag
    case "Literal":
      return ast.literal === null
        ? "null"
        : typeof ast.literal === "string"
        ? "StringKeyword"
        : typeof ast.literal === "number"
        ? "NumberKeyword"
        : typeof ast.literal === "boolean"
        ? "BooleanKeyword"
        : undefined
    case "TypeLiteral":
      return ast.propertySignatures.length > 0 || ast.indexSignatures.length > 0 ? "object" : undefined
    case "TupleType":
      return "array"
    case "Refinement":
      return kindOf(ast.from)
    default:
      return undefined
  }
}

const union = (ast: AST.Union): Plain => {
  const kinds = ast.types.map(kindOf)
  // Literals of one type (a union of strings) are disjoint among themselves too.
  const literalsOnly = ast.types.every(AST.isLiteral)
  const disjoint = literalsOnly ||
    kinds.every((kind, i) => kind !== undefined && kinds.indexOf(kind) === i)
  if (!disjoint) return byEffect(ast)
  const members = ast.types.map(plainDecoder)
  return (input) => {
    for (const member of members) {
      const value = member(input)
      if (value !== refused) return value
    }
    return refused
  }
}

// A declaration decodes itself; an Effect it returns (an asynchronous one) is left to Effect.
const declaration = (ast: AST.Declaration): Plain => {
  const decode = ast.decodeUnknown(...ast.typeParameters)
  const fallback = byEffect(ast)
  return (input) => {
    const decoded = decode(input, options, ast)
    if (Either.isEither(decoded)) return Either.isRight(decoded) ? decoded.right : refused
    return fallback(input)
  }
}
