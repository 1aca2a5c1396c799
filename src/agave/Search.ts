/**
 * Agave's search: query terms `attribute.operator=value` on collection endpoints (`jobs/v2?status.in=
 * PENDING,QUEUED&appId.like=*hadoop*`), nested attributes in JSON dot notation (`storage.protocol.eq=
 * S3`), and the order of the results (`orderBy`, `order`). Terms are checked and encoded when the
 * search is turned into query pairs, never when it is built: a value that cannot be sent (a lone
 * UTF-16 surrogate, a list item holding a comma, a number that is not finite) ends in
 * `InvalidRequest`, never a throw.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { InvalidRequest } from "../core/Errors.js"
import { isWellFormed } from "../core/Url.js"
import type { Paths } from "./Paths.js"
import { isPath } from "./Paths.js"

/**
 * The operators of a search term.
 *
 * | operator | matches |
 * | --- | --- |
 * | `eq`, `neq` | equal, not equal (case sensitive) |
 * | `lt`, `lte`, `gt`, `gte` | less, greater (or equal) |
 * | `like`, `nlike` | similar or not to a pattern with `*` wildcards |
 * | `rlike` | a regular expression |
 * | `in`, `nin` | one of, none of a list |
 * | `on`, `before`, `after` | a date (ISO 8601, or an expression such as `yesterday`) |
 * | `between` | between two values or dates |
 *
 * @since 0.1.0
 * @category models
 */
export type Operator = typeof operators[number]

/**
 * Every operator of a search term, in the order of the table above (the test server reads terms with
 * the same list).
 *
 * @since 0.1.0
 * @category models
 */
export const operators = [
  "eq",
  "neq",
  "lt",
  "lte",
  "gt",
  "gte",
  "like",
  "nlike",
  "rlike",
  "in",
  "nin",
  "on",
  "before",
  "after",
  "between"
] as const

/**
 * A value of a term: text, a number, a boolean or a date (sent as ISO 8601).
 *
 * @since 0.1.0
 * @category models
 */
export type Scalar = string | number | boolean | Date

/**
 * One term, as built.
 *
 * @since 0.1.0
 * @category models
 */
export interface Term {
  readonly attribute: string
  readonly operator: Operator
  readonly value: Scalar | ReadonlyArray<Scalar>
}

/**
 * A search over items of type `A`: its terms in order, and the order of the results.
 *
 * @since 0.1.0
 * @category models
 */
export class Search<A> {
  /**
   * Type-level only: what is searched.
   *
   * @since 0.1.0
   */
  declare readonly Item: A

  constructor(
    readonly terms: ReadonlyArray<Term>,
    readonly order: { readonly attribute: string; readonly direction: "asc" | "desc" } | undefined
  ) {}

  /** @internal */
  private add(attribute: string, operator: Operator, value: Scalar | ReadonlyArray<Scalar>): Search<A> {
    return new Search([...this.terms, { attribute, operator, value }], this.order)
  }

  /**
   * Any term.
   *
   * @since 0.1.0
   */
  where(attribute: Paths<A>, operator: Operator, value: Scalar | ReadonlyArray<Scalar>): Search<A> {
    return this.add(attribute, operator, value)
  }
  /** @since 0.1.0 */
  eq(attribute: Paths<A>, value: Scalar): Search<A> {
    return this.add(attribute, "eq", value)
  }
  /** @since 0.1.0 */
  neq(attribute: Paths<A>, value: Scalar): Search<A> {
    return this.add(attribute, "neq", value)
  }
  /** @since 0.1.0 */
  lt(attribute: Paths<A>, value: Scalar): Search<A> {
    return this.add(attribute, "lt", value)
  }
  /** @since 0.1.0 */
  lte(attribute: Paths<A>, value: Scalar): Search<A> {
    return this.add(attribute, "lte", value)
  }
  /** @since 0.1.0 */
  gt(attribute: Paths<A>, value: Scalar): Search<A> {
    return this.add(attribute, "gt", value)
  }
  /** @since 0.1.0 */
  gte(attribute: Paths<A>, value: Scalar): Search<A> {
    return this.add(attribute, "gte", value)
  }
  /**
   * `*` matches any run of characters.
   *
   * @since 0.1.0
   */
  like(attribute: Paths<A>, pattern: string): Search<A> {
    return this.add(attribute, "like", pattern)
  }
  /** @since 0.1.0 */
  nlike(attribute: Paths<A>, pattern: string): Search<A> {
    return this.add(attribute, "nlike", pattern)
  }
  /** @since 0.1.0 */
  rlike(attribute: Paths<A>, regex: string): Search<A> {
    return this.add(attribute, "rlike", regex)
  }
  /** @since 0.1.0 */
  in(attribute: Paths<A>, values: ReadonlyArray<Scalar>): Search<A> {
    return this.add(attribute, "in", values)
  }
  /** @since 0.1.0 */
  nin(attribute: Paths<A>, values: ReadonlyArray<Scalar>): Search<A> {
    return this.add(attribute, "nin", values)
  }
  /** @since 0.1.0 */
  on(attribute: Paths<A>, date: Date | string): Search<A> {
    return this.add(attribute, "on", date)
  }
  /** @since 0.1.0 */
  before(attribute: Paths<A>, date: Date | string): Search<A> {
    return this.add(attribute, "before", date)
  }
  /** @since 0.1.0 */
  after(attribute: Paths<A>, date: Date | string): Search<A> {
    return this.add(attribute, "after", date)
  }
  /** @since 0.1.0 */
  between(attribute: Paths<A>, from: Scalar, to: Scalar): Search<A> {
    return this.add(attribute, "between", [from, to])
  }
  /**
   * The order of the results: by one attribute, ascending unless told.
   *
   * @since 0.1.0
   */
  orderBy(attribute: Paths<A>, direction: "asc" | "desc" = "asc"): Search<A> {
    return new Search(this.terms, { attribute, direction })
  }
}

/**
 * An empty search over items of type `A`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Search, type JobSummary } from "effect-research-sdk/agave"
 * const running = Search.make<JobSummary>()
 *   .in("status", ["QUEUED", "RUNNING"])
 *   .like("appId", "*hadoop*")
 *   .after("created", new Date("2024-01-01T00:00:00Z"))
 *   .orderBy("created", "desc")
 * Search.toQuery(running)
 * // Right("status.in=QUEUED,RUNNING&appId.like=*hadoop*&created.after=2024-01-01T00%3A00%3A00.000Z&orderBy=created&order=desc")
 * ```
 */
export const make = <A = any>(): Search<A> => new Search<A>([], undefined)

const refuse = (message: string) => Either.left(new InvalidRequest({ message: `search: ${message}`, origin: "client" }))

const isDate = (value: unknown): value is Date => value instanceof Date

// A scalar as text, or why it cannot be one.
const scalarText = (value: unknown): string | { readonly refused: string } => {
  if (typeof value === "string") return isWellFormed(value) ? value : { refused: "is not well-formed Unicode" }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : { refused: "must be a finite number" }
  if (typeof value === "boolean") return value ? "true" : "false"
  if (isDate(value)) return Number.isNaN(value.getTime()) ? { refused: "is an invalid date" } : value.toISOString()
  return { refused: "must be a string, a number, a boolean or a date" }
}

const listOperators: ReadonlySet<Operator> = new Set(["in", "nin", "between"])

// A term's value as text.
const valueText = (term: Term): string | { readonly refused: string } => {
  if (!listOperators.has(term.operator)) {
    return Array.isArray(term.value) ? { refused: `${term.operator} takes one value` } : scalarText(term.value)
  }
  if (!Array.isArray(term.value)) return { refused: `${term.operator} takes a list` }
  const values: ReadonlyArray<unknown> = term.value
  if (values.length === 0) return { refused: `${term.operator} needs at least one value` }
  if (term.operator === "between" && values.length !== 2) return { refused: "between takes two values" }
  const texts: Array<string> = []
  for (const value of values) {
    const text = scalarText(value)
    if (typeof text !== "string") return text
    // The server splits the list on commas: an item holding one would be read as two.
    if (text.includes(",")) return { refused: "an item of a list cannot hold a comma" }
    texts.push(text)
  }
  return texts.join(",")
}

const operatorSet: ReadonlySet<string> = new Set<string>(operators)

/**
 * The search as query pairs (`["status.in", "PENDING,QUEUED"]`), not yet percent-encoded, or why it
 * cannot be sent.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toPairs = <A>(
  search: Search<A>
): Either.Either<ReadonlyArray<readonly [string, string]>, InvalidRequest> => {
  const pairs: Array<readonly [string, string]> = []
  for (const term of search.terms) {
    if (!isPath(term.attribute)) {
      return refuse(`attribute ${JSON.stringify(term.attribute.slice(0, 100))} is not a dotted name`)
    }
    if (!operatorSet.has(term.operator)) {
      return refuse(`unknown operator ${JSON.stringify(String(term.operator).slice(0, 20))}`)
    }
    const text = valueText(term)
    if (typeof text !== "string") return refuse(`${term.attribute}.${term.operator}: ${text.refused}`)
    pairs.push([`${term.attribute}.${term.operator}`, text])
  }
  if (search.order !== undefined) {
    if (!isPath(search.order.attribute)) return refuse("orderBy: not a dotted name")
    if (search.order.direction !== "asc" && search.order.direction !== "desc") return refuse("order: asc or desc")
    pairs.push(["orderBy", search.order.attribute], ["order", search.order.direction])
  }
  return Either.right(pairs)
}

// Percent-encoded as a query component; `*` (wildcards) and `,` (list separator) stay readable, both
// being allowed in a query by RFC 3986.
const encode = (text: string): string => encodeURIComponent(text).replace(/%2C/g, ",")

/**
 * The search as a query string (without `?`), every key and value percent-encoded, or why it cannot
 * be sent.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toQuery = <A>(search: Search<A>): Either.Either<string, InvalidRequest> =>
  Either.map(toPairs(search), (pairs) => pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&"))
