/**
 * The metadata service's search: a MongoDB query (`q`) over the stored documents — `name`, `owner`,
 * `uuid`, `associationIds`, `created`, `lastUpdated`, and any path into `value` (`value.species`,
 * `value.runs.reads`). Build one with typed field paths and operands, and it is encoded as JSON when
 * the call is made: every field path and value is checked (a path segment starting with `$`, a key of
 * an operand object starting with `$`, a lone UTF-16 surrogate, a number that is not finite, a value
 * that is not JSON, nesting deeper than 32 levels: `InvalidRequest`, never a throw), and quotes,
 * backslashes and control characters are escaped by the JSON encoder, so a value can never become an
 * operator. A raw JSON string is still accepted wherever a query is.
 *
 * | builder | MongoDB |
 * | --- | --- |
 * | `eq`, `ne`, `gt`, `gte`, `lt`, `lte` | `$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte` |
 * | `in`, `nin` | `$in`, `$nin` |
 * | `regex(path, pattern, options?)` | `$regex` with `$options` (`i`, `m`, `s`, `x`) |
 * | `exists(path, present?)` | `$exists` |
 * | `not(filter)` | `$not` around a field's condition |
 * | `and(...)`, `or(...)` | `$and`, `$or` |
 *
 * A `Date` operand is sent as `{"$date": "…ISO 8601…"}`, the form the service's JSON parser reads as
 * a date: `created` and `lastUpdated` are stored as dates.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import { InvalidRequest } from "../core/Errors.js"
import * as Query from "../core/Query.js"

/**
 * Any JSON value.
 *
 * @since 0.1.0
 * @category models
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | ReadonlyArray<JsonValue>
  | { readonly [key: string]: JsonValue }

/**
 * A metadata document as the store holds it, which is what a query reads: `value` in its JSON form
 * (a value schema's encoded side), `created` and `lastUpdated` as dates.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredDocument<I = unknown> {
  readonly uuid: string
  readonly name: string
  readonly value: I
  readonly owner: string
  readonly schemaId: string | null
  readonly internalUsername: string | null
  readonly associationIds: ReadonlyArray<string>
  readonly created: Date
  readonly lastUpdated: Date
}

/**
 * A metadata schema as the store holds it, which is what a schema search reads.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredSchema {
  readonly uuid: string
  readonly owner: string
  readonly schema: unknown
  readonly internalUsername: string | null
  readonly created: Date
  readonly lastUpdated: Date
}

type Leaf = string | number | boolean | bigint | symbol | null | undefined | Date

type Depth = [never, 0, 1, 2, 3, 4]

/**
 * Every dotted field path into `T` (five levels deep); a list's paths are its items' (MongoDB reads
 * through arrays); below a value of unknown shape, or a free-form map, any path.
 *
 * @since 0.1.0
 * @category type-level
 */
export type FieldPath<T, D extends number = 5> = [D] extends [never] ? never
  : unknown extends T ? string
  : T extends Leaf ? never
  : T extends ReadonlyArray<infer Item> ? FieldPath<Item, D>
  : T extends object ? string extends keyof T ? string
    : { [K in keyof T & string]-?: K | SubPath<K, T[K], Depth[D]> }[keyof T & string]
  : never

type SubPath<K extends string, V, D extends number> = [FieldPath<V, D>] extends [never] ? never
  : `${K}.${FieldPath<V, D>}`

type Member<T, K extends string> = T extends ReadonlyArray<infer Item> ? Member<Item, K>
  : T extends object ? K extends keyof T ? T[K] : string extends keyof T ? T[keyof T & string] : unknown
  : unknown

/**
 * The type of the field at `P` in `T` (through lists, as MongoDB reads them).
 *
 * @since 0.1.0
 * @category type-level
 */
export type ValueAt<T, P extends string> = unknown extends T ? unknown
  : P extends `${infer K}.${infer Rest}` ? ValueAt<Member<NonNullable<T>, K>, Rest>
  : Member<NonNullable<T>, P>

/**
 * What a field of type `X` may be compared with: its own type, or one item of a list (MongoDB
 * matches a list when any item does); any JSON (or a date) when its shape is unknown.
 *
 * @since 0.1.0
 * @category type-level
 */
export type Operand<X> = unknown extends X ? JsonValue | Date
  : X extends ReadonlyArray<infer Item> ? X | Operand<Item>
  : X

/**
 * What a field of type `X` may be ordered against (`gt`, `gte`, `lt`, `lte`).
 *
 * @since 0.1.0
 * @category type-level
 */
export type Comparable<X> = Extract<Operand<X>, string | number | Date>

/**
 * The comparison operators.
 *
 * @since 0.1.0
 * @category models
 */
export type Comparison = "$eq" | "$ne" | "$gt" | "$gte" | "$lt" | "$lte"

/**
 * A condition on one field.
 *
 * @since 0.1.0
 * @category models
 */
export type Condition =
  | { readonly _tag: "Compare"; readonly operator: Comparison; readonly value: unknown }
  | { readonly _tag: "Set"; readonly operator: "$in" | "$nin"; readonly values: ReadonlyArray<unknown> }
  | { readonly _tag: "Regex"; readonly pattern: string; readonly options: string }
  | { readonly _tag: "Exists"; readonly exists: boolean }
  | { readonly _tag: "Not"; readonly condition: Condition }

/**
 * A query, as built.
 *
 * @since 0.1.0
 * @category models
 */
export type Node =
  | { readonly _tag: "Field"; readonly path: string; readonly condition: Condition }
  | { readonly _tag: "And"; readonly filters: ReadonlyArray<Filter> }
  | { readonly _tag: "Or"; readonly filters: ReadonlyArray<Filter> }
  | { readonly _tag: "Raw"; readonly json: unknown }

/**
 * A query (see {@link make}): encoded to JSON when a call sends it.
 *
 * @since 0.1.0
 * @category models
 */
export class Filter {
  /** @since 0.1.0 */
  readonly _tag = "MetaQuery"
  constructor(readonly node: Node) {}
}

/**
 * A query on one field: what {@link Builder.not} negates.
 *
 * @since 0.1.0
 * @category models
 */
export interface FieldFilter extends Filter {
  readonly node: Extract<Node, { readonly _tag: "Field" }>
}

/**
 * The query builder over documents of type `D` (a {@link StoredDocument}): field paths and operands
 * checked by the compiler.
 *
 * @since 0.1.0
 * @category models
 */
export interface Builder<D> {
  /** @since 0.1.0 */
  readonly eq: <P extends FieldPath<D>>(path: P, value: Operand<ValueAt<D, P>> | null) => FieldFilter
  /** @since 0.1.0 */
  readonly ne: <P extends FieldPath<D>>(path: P, value: Operand<ValueAt<D, P>> | null) => FieldFilter
  /** @since 0.1.0 */
  readonly gt: <P extends FieldPath<D>>(path: P, value: Comparable<ValueAt<D, P>>) => FieldFilter
  /** @since 0.1.0 */
  readonly gte: <P extends FieldPath<D>>(path: P, value: Comparable<ValueAt<D, P>>) => FieldFilter
  /** @since 0.1.0 */
  readonly lt: <P extends FieldPath<D>>(path: P, value: Comparable<ValueAt<D, P>>) => FieldFilter
  /** @since 0.1.0 */
  readonly lte: <P extends FieldPath<D>>(path: P, value: Comparable<ValueAt<D, P>>) => FieldFilter
  /** @since 0.1.0 */
  readonly in: <P extends FieldPath<D>>(
    path: P,
    values: ReadonlyArray<Operand<ValueAt<D, P>> | null>
  ) => FieldFilter
  /** @since 0.1.0 */
  readonly nin: <P extends FieldPath<D>>(
    path: P,
    values: ReadonlyArray<Operand<ValueAt<D, P>> | null>
  ) => FieldFilter
  /**
   * A regular expression (PCRE, as MongoDB reads it), from text with options (`i`, `m`, `s`, `x`)
   * or from a `RegExp` (its `i`, `m` and `s` flags).
   *
   * @since 0.1.0
   */
  readonly regex: <P extends FieldPath<D>>(path: P, pattern: string | RegExp, options?: string) => FieldFilter
  /**
   * Whether the field is present (or absent, with `false`).
   *
   * @since 0.1.0
   */
  readonly exists: <P extends FieldPath<D>>(path: P, present?: boolean) => FieldFilter
  /**
   * The field's condition negated (`$not`): also matches documents without the field.
   *
   * @since 0.1.0
   */
  readonly not: (filter: FieldFilter) => FieldFilter
  /**
   * Every filter (none: every document).
   *
   * @since 0.1.0
   */
  readonly and: (...filters: ReadonlyArray<Filter>) => Filter
  /**
   * Any of the filters (at least one).
   *
   * @since 0.1.0
   */
  readonly or: (...filters: ReadonlyArray<Filter>) => Filter
  /**
   * A query written by hand, sent as it is (not checked: what it says is the caller's).
   *
   * @since 0.1.0
   */
  readonly raw: (query: { readonly [key: string]: unknown }) => Filter
}

const field = (path: string, condition: Condition): FieldFilter =>
  new Filter({ _tag: "Field", path, condition }) as FieldFilter

const compare = (operator: Comparison) => (path: string, value: unknown) =>
  field(path, { _tag: "Compare", operator, value })

const builder: Builder<any> = {
  eq: compare("$eq"),
  ne: compare("$ne"),
  gt: compare("$gt"),
  gte: compare("$gte"),
  lt: compare("$lt"),
  lte: compare("$lte"),
  in: (path, values) => field(path, { _tag: "Set", operator: "$in", values }),
  nin: (path, values) => field(path, { _tag: "Set", operator: "$nin", values }),
  regex: (path, pattern, options) =>
    field(
      path,
      typeof pattern === "string"
        ? { _tag: "Regex", pattern, options: options ?? "" }
        : { _tag: "Regex", pattern: pattern.source, options: options ?? regexFlags(pattern.flags) }
    ),
  exists: (path, present = true) => field(path, { _tag: "Exists", exists: present }),
  not: (filter) => field(filter.node.path, { _tag: "Not", condition: filter.node.condition }),
  and: (...filters) => new Filter({ _tag: "And", filters }),
  or: (...filters) => new Filter({ _tag: "Or", filters }),
  raw: (json) => new Filter({ _tag: "Raw", json })
}

// A RegExp's flags as MongoDB options; a flag MongoDB has no equivalent for (`g`, `y`, `u`, `d`, `v`)
// is kept, to be refused when the query is encoded.
const regexFlags = (flags: string): string => flags.replace(/[gy]/g, "")

/**
 * The builder over documents whose stored `value` has type `I` (any JSON by default).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { MetaQuery } from "effect-research-sdk/agave"
 * interface Sample { readonly species: string; readonly reads: number; readonly tags: ReadonlyArray<string> }
 * const Q = MetaQuery.make<Sample>()
 * const query = Q.and(
 *   Q.eq("name", "sample"),
 *   Q.gte("value.reads", 1000),
 *   Q.in("value.tags", ["rna", "dna"]),
 *   Q.not(Q.regex("value.species", "^mus", "i"))
 * )
 * MetaQuery.encode(query)
 * // Right('{"$and":[{"name":{"$eq":"sample"}},{"value.reads":{"$gte":1000}},…]}')
 * ```
 */
export const make = <I = unknown>(): Builder<StoredDocument<I>> => builder

/**
 * The builder over documents whose value a schema describes (its encoded side, which is what is
 * stored).
 *
 * @since 0.1.0
 * @category constructors
 */
export const of = <V, I>(_value: Schema.Schema<V, I, never>): Builder<StoredDocument<I>> => builder

/**
 * The builder over stored metadata schemas (`searchSchema`): `schema.title`, `owner`, ….
 *
 * @since 0.1.0
 * @category constructors
 */
export const schemas = (): Builder<StoredSchema> => builder

const maxDepth = 32
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const regexOptions = /^[imsx]*$/

class Refusal {
  constructor(readonly reason: string) {}
}

const refuse = (reason: string): never => {
  throw new Refusal(reason)
}

const text = (value: string, what: string): string => {
  if (loneSurrogate.test(value)) refuse(`${what} is not well-formed Unicode`)
  return JSON.stringify(value)
}

const shown = (path: string) => JSON.stringify(path.slice(0, 100))

const checkPath = (path: unknown): string => {
  if (typeof path !== "string" || path.length === 0) return refuse("a field path must be a non-empty string")
  if (path.length > 1024) return refuse(`field path ${shown(path)}… is longer than 1024 characters`)
  for (const segment of path.split(".")) {
    if (segment.length === 0) refuse(`field path ${shown(path)} has an empty segment`)
    if (segment.startsWith("$")) refuse(`field path ${shown(path)}: a segment cannot start with $ (an operator)`)
    if (segment.includes("\u0000")) refuse(`field path ${shown(path)} holds a NUL character`)
  }
  return text(path, `field path ${shown(path)}`)
}

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

// An operand as JSON text: plain JSON values, and dates as {"$date": …}.
const operand = (value: unknown, depth: number): string => {
  if (depth > maxDepth) return refuse(`an operand is nested deeper than ${maxDepth} levels`)
  switch (typeof value) {
    case "string":
      return text(value, "a string operand")
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : refuse("a number operand must be finite")
    case "boolean":
      return value ? "true" : "false"
    case "object": {
      if (value === null) return "null"
      if (value instanceof Date) {
        return Number.isNaN(value.getTime())
          ? refuse("a date operand is an invalid date")
          : `{"$date":${JSON.stringify(value.toISOString())}}`
      }
      if (Array.isArray(value)) return `[${value.map((item) => operand(item, depth + 1)).join(",")}]`
      if (!isPlainObject(value)) return refuse("an operand must be JSON: a plain object, not a class instance")
      const members: Array<string> = []
      for (const [key, item] of Object.entries(value)) {
        // MongoDB's JSON reads {"$regex": …}, {"$date": …}, {"$where": …} in a value as operators or types.
        if (key.startsWith("$")) refuse(`an operand's key ${shown(key)} starts with $ (an operator)`)
        if (key.includes("\u0000")) refuse(`an operand's key ${shown(key)} holds a NUL character`)
        members.push(`${text(key, "an operand's key")}:${operand(item, depth + 1)}`)
      }
      return `{${members.join(",")}}`
    }
    default:
      return refuse(`an operand must be JSON, not ${value === undefined ? "undefined" : typeof value}`)
  }
}

const condition = (node: Condition, negated: boolean): string => {
  switch (node._tag) {
    case "Compare":
      return `{"${node.operator}":${operand(node.value, 1)}}`
    case "Set": {
      if (!Array.isArray(node.values)) return refuse(`${node.operator} takes a list`)
      return `{"${node.operator}":[${node.values.map((value) => operand(value, 2)).join(",")}]}`
    }
    case "Regex": {
      if (typeof node.pattern !== "string") return refuse("a regular expression must be text")
      if (typeof node.options !== "string" || !regexOptions.test(node.options)) {
        return refuse(
          `regular expression options ${JSON.stringify(String(node.options).slice(0, 20))}: only i, m, s, x`
        )
      }
      const pattern = text(node.pattern, "a regular expression")
      return node.options === "" ? `{"$regex":${pattern}}` : `{"$regex":${pattern},"$options":"${node.options}"}`
    }
    case "Exists":
      return typeof node.exists === "boolean"
        ? `{"$exists":${node.exists}}`
        : refuse("exists takes true or false")
    case "Not":
      // MongoDB refuses a $not inside a $not.
      return negated ?
        refuse("not(not(…)) cannot be sent: MongoDB refuses a $not inside a $not") :
        `{"$not":${condition(node.condition, true)}}`
  }
}

const filterText = (filter: unknown, depth: number): string => {
  if (!(filter instanceof Filter)) return refuse("a query is built with MetaQuery (or given as a JSON string)")
  if (depth > maxDepth) return refuse(`the query is nested deeper than ${maxDepth} levels`)
  const node = filter.node
  switch (node._tag) {
    case "Field":
      return `{${checkPath(node.path)}:${condition(node.condition, false)}}`
    case "And":
    case "Or": {
      const filters = node.filters
      if (filters.length === 0) {
        return node._tag === "And" ? "{}" : refuse("or() of nothing matches nothing (MongoDB refuses an empty $or)")
      }
      if (filters.length === 1) return filterText(filters[0], depth + 1)
      const parts = filters.map((inner) => filterText(inner, depth + 1))
      return `{"${node._tag === "And" ? "$and" : "$or"}":[${parts.join(",")}]}`
    }
    case "Raw": {
      let json: string | undefined
      let wellFormed = true
      try {
        // JSON.stringify writes a lone surrogate as an escape: look at every key and text first.
        json = JSON.stringify(node.json, (key, value) => {
          if (loneSurrogate.test(key) || (typeof value === "string" && loneSurrogate.test(value))) wellFormed = false
          return value
        })
      } catch {
        return refuse("a raw query must be JSON (no cycles, no bigints)")
      }
      if (json === undefined || !json.startsWith("{")) return refuse("a raw query must be a JSON object")
      return wellFormed ? json : refuse("a raw query is not well-formed Unicode")
    }
  }
}

/**
 * The query as the JSON text `q` carries (not yet percent-encoded), or why it cannot be sent.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = (filter: Filter): Either.Either<string, InvalidRequest> => {
  try {
    return Either.right(filterText(filter, 0))
  } catch (error) {
    if (error instanceof Refusal) {
      return Either.left(new InvalidRequest({ message: `metadata query: ${error.reason}`, origin: "client" }))
    }
    throw error
  }
}

/**
 * The `q` parameter: a query built here, or a JSON query written by hand (sent as it is).
 *
 * @since 0.1.0
 * @category query
 */
export const param: Query.Param<string | Filter> = {
  required: false,
  write: (value) => {
    if (typeof value === "string") return value
    if (!(value instanceof Filter)) return new Query.Refused("must be a JSON query or a MetaQuery filter")
    return Either.match(encode(value), {
      onLeft: (refused) => new Query.Refused(refused.message),
      onRight: (json) => json
    })
  }
}
