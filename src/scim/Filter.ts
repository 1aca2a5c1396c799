/**
 * SCIM filters (RFC 7644 §3.4.2.2), built as values and rendered with correctly escaped literals
 * and the parentheses the grammar's precedence needs (`not` > `and` > `or`).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Filter } from "effect-research-sdk/scim"
 * const curators = Filter.and(Filter.sw("displayName", "Curator"), Filter.not(Filter.pr("externalId")))
 * Filter.render(curators) // Right('displayName sw "Curator" and not (externalId pr)')
 * const withAlice = Filter.where("members", Filter.eq("value", "alice-id")) // members[value eq "alice-id"]
 * ```
 */
import * as Either from "effect/Either"
import type { InvalidRequest } from "../core/Errors.js"
import { invalidInput } from "../core/Errors.js"

/**
 * A literal a comparison may hold: strings (dates as ISO strings), numbers, booleans and `null`.
 *
 * @since 0.1.0
 * @category models
 */
export type Literal = string | number | boolean | null | Date

/**
 * Comparison operators; `co`, `sw` and `ew` compare strings, `gt`/`ge`/`lt`/`le` strings, numbers
 * and dates.
 *
 * @since 0.1.0
 * @category models
 */
export type CompareOperator = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le"

/**
 * A filter expression.
 *
 * @since 0.1.0
 * @category models
 */
export type Filter =
  | { readonly _tag: "Compare"; readonly path: string; readonly op: CompareOperator; readonly value: Literal }
  | { readonly _tag: "Present"; readonly path: string }
  | { readonly _tag: "And"; readonly filters: ReadonlyArray<Filter> }
  | { readonly _tag: "Or"; readonly filters: ReadonlyArray<Filter> }
  | { readonly _tag: "Not"; readonly filter: Filter }
  | { readonly _tag: "Where"; readonly path: string; readonly filter: Filter }
  | { readonly _tag: "Raw"; readonly text: string }

const compare = (op: CompareOperator) => (path: string, value: Literal): Filter => ({
  _tag: "Compare",
  path,
  op,
  value
})

/**
 * `path eq value`. Attribute names are case-insensitive on the server; string comparison follows
 * the attribute's `caseExact`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const eq: (path: string, value: Literal) => Filter = compare("eq")

/**
 * `path ne value`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const ne: (path: string, value: Literal) => Filter = compare("ne")

/**
 * `path co "text"`: contains.
 *
 * @since 0.1.0
 * @category constructors
 */
export const co: (path: string, value: string) => Filter = compare("co")

/**
 * `path sw "text"`: starts with.
 *
 * @since 0.1.0
 * @category constructors
 */
export const sw: (path: string, value: string) => Filter = compare("sw")

/**
 * `path ew "text"`: ends with.
 *
 * @since 0.1.0
 * @category constructors
 */
export const ew: (path: string, value: string) => Filter = compare("ew")

/**
 * `path gt value`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const gt: (path: string, value: string | number | Date) => Filter = compare("gt")

/**
 * `path ge value`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const ge: (path: string, value: string | number | Date) => Filter = compare("ge")

/**
 * `path lt value`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const lt: (path: string, value: string | number | Date) => Filter = compare("lt")

/**
 * `path le value`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const le: (path: string, value: string | number | Date) => Filter = compare("le")

/**
 * `path pr`: the attribute has a value.
 *
 * @since 0.1.0
 * @category constructors
 */
export const pr = (path: string): Filter => ({ _tag: "Present", path })

/**
 * All of the filters (`a and b and …`); `and()` of one filter is that filter.
 *
 * @since 0.1.0
 * @category combinators
 */
export const and = (first: Filter, ...rest: ReadonlyArray<Filter>): Filter =>
  rest.length === 0 ? first : { _tag: "And", filters: [first, ...rest] }

/**
 * Any of the filters (`a or b or …`).
 *
 * @since 0.1.0
 * @category combinators
 */
export const or = (first: Filter, ...rest: ReadonlyArray<Filter>): Filter =>
  rest.length === 0 ? first : { _tag: "Or", filters: [first, ...rest] }

/**
 * `not (filter)`.
 *
 * @since 0.1.0
 * @category combinators
 */
export const not = (filter: Filter): Filter => ({ _tag: "Not", filter })

/**
 * A value path: a filter, and the only kind of filter a PATCH path may be.
 *
 * @since 0.1.0
 * @category models
 */
export type ValuePath = Extract<Filter, { readonly _tag: "Where" }>

/**
 * A value path: the multi-valued attribute `path` has a value matching `filter`, whose attribute
 * names are the sub-attributes (`members[value eq "x"]`, `emails[type eq "work" and value co "@x"]`).
 *
 * @since 0.1.0
 * @category combinators
 */
export const where = (path: string, filter: Filter): ValuePath => ({ _tag: "Where", path, filter })

/**
 * A filter written by hand, sent as it is (parenthesised when combined with others).
 *
 * @since 0.1.0
 * @category constructors
 */
export const raw = (text: string): Filter => ({ _tag: "Raw", text })

// attrPath = [URI ":"] ATTRNAME *1subAttr (RFC 7644 §3.10), ATTRNAME = ALPHA *(nameChar); `$ref` too.
const attrPath = /^(?:urn:[A-Za-z0-9.:_-]+:)?(?:[A-Za-z][\w-]*|\$ref)(?:\.(?:[A-Za-z][\w-]*|\$ref))?$/

/**
 * Whether a text is a valid attribute path (`displayName`, `name.givenName`, a URN-qualified name).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isAttributePath = (path: string): boolean => attrPath.test(path)

/**
 * A JSON string literal: quotes, backslashes and control characters escaped; other characters,
 * unicode included, as they are (lone surrogates escaped, so the text stays valid UTF-8).
 *
 * @since 0.1.0
 * @category rendering
 */
export const stringLiteral = (value: string): string => JSON.stringify(value)

const literal = (value: Literal): Either.Either<string, InvalidRequest> => {
  if (value === null) return Either.right("null")
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? Either.left(invalidInput("filter: invalid date"))
      : Either.right(stringLiteral(value.toISOString()))
  }
  switch (typeof value) {
    case "string":
      return Either.right(stringLiteral(value))
    case "boolean":
      return Either.right(String(value))
    case "number":
      return Number.isFinite(value)
        ? Either.right(JSON.stringify(value))
        : Either.left(invalidInput(`filter: ${value} is not a number a filter can hold`))
  }
  return Either.left(invalidInput("filter: unsupported value"))
}

const path = (value: string): Either.Either<string, InvalidRequest> =>
  isAttributePath(value)
    ? Either.right(value)
    : Either.left(invalidInput(`filter: ${JSON.stringify(value)} is not an attribute path`))

// Binding strength: Or 1, And 2, everything else atomic (3). A child weaker than its parent is
// parenthesised; a raw text always is, since its precedence is unknown.
const strength = (filter: Filter): number =>
  filter._tag === "Or" ? 1 : filter._tag === "And" ? 2 : filter._tag === "Raw" ? 0 : 3

const renderIn = (filter: Filter, parent: number, inValuePath: boolean): Either.Either<string, InvalidRequest> =>
  Either.map(renderNode(filter, inValuePath), (text) => strength(filter) < parent ? `(${text})` : text)

const renderNode = (filter: Filter, inValuePath: boolean): Either.Either<string, InvalidRequest> => {
  switch (filter._tag) {
    case "Compare":
      return Either.flatMap(
        path(filter.path),
        (p) => Either.map(literal(filter.value), (v) => `${p} ${filter.op} ${v}`)
      )
    case "Present":
      return Either.map(path(filter.path), (p) => `${p} pr`)
    case "And":
    case "Or": {
      // Only a hand-built value can be empty (`and`/`or` take at least one filter): rendered, it
      // would be an empty filter, which a server may read as "everything".
      if (filter.filters.length === 0) {
        return Either.left(invalidInput(`filter: ${filter._tag.toLowerCase()} of no filters`))
      }
      const parts = Either.all(filter.filters.map((f) => renderIn(f, strength(filter), inValuePath)))
      return Either.map(parts, (texts) => texts.join(filter._tag === "And" ? " and " : " or "))
    }
    case "Not":
      return Either.map(renderNode(filter.filter, inValuePath), (text) => `not (${text})`)
    case "Where":
      if (inValuePath) return Either.left(invalidInput("filter: value paths cannot be nested"))
      return Either.flatMap(
        path(filter.path),
        (p) => Either.map(renderNode(filter.filter, true), (text) => `${p}[${text}]`)
      )
    case "Raw":
      return filter.text.trim() === ""
        ? Either.left(invalidInput("filter: empty"))
        : Either.right(filter.text)
  }
}

/**
 * The filter's text, or `InvalidRequest` for what no server could parse: an attribute path that
 * is not one (which could otherwise change the filter's meaning), a non-finite number, an invalid
 * date, a nested value path, an empty raw text, an `And`/`Or` of no filters.
 *
 * @since 0.1.0
 * @category rendering
 */
export const render = (filter: Filter | string): Either.Either<string, InvalidRequest> =>
  typeof filter === "string" ? renderNode(raw(filter), false) : renderNode(filter, false)
