/**
 * Abaco's search terms (`status.eq=COMPLETE&io.between=20,40`), on actor listings and on search by
 * type. Abaco reads them its own way, not as Agave's services do: attribute names are its database's
 * snake_case ones (the SDK writes the first segment of a camelCase path so: `createTime` →
 * `create_time`), `like` and `nlike` take a regular expression, `in` and `nin` a JSON list, `between`
 * two numbers or dates; there is no ordering. Terms are checked and encoded when sent: a value that
 * cannot be sent as Abaco reads it ends in `InvalidRequest`, never a throw.
 *
 * Full-text search is the listing's `search` parameter of its own.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { InvalidRequest } from "../core/Errors.js"
import { isWellFormed } from "../core/Url.js"
import type { Paths } from "./Paths.js"
import { isPath } from "./Paths.js"
import { toSnake } from "./schemas/Cases.js"

/**
 * The operators Abaco knows.
 *
 * @since 0.1.0
 * @category models
 */
export const operators = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "nin", "like", "nlike", "between"] as const

/**
 * An operator of a term.
 *
 * @since 0.1.0
 * @category models
 */
export type Operator = (typeof operators)[number]

/**
 * A value of a term: text, a number, a boolean, a date (sent as ISO 8601) or `null` (Abaco's `None`).
 *
 * @since 0.1.0
 * @category models
 */
export type Scalar = string | number | boolean | Date | null

/**
 * One term.
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
 * A search over items of type `A`: its terms, in order.
 *
 * @since 0.1.0
 * @category models
 */
export class ActorSearch<A> {
  /**
   * Type-level only: what is searched.
   *
   * @since 0.1.0
   */
  declare readonly Item: A

  constructor(readonly terms: ReadonlyArray<Term>) {}

  /** @internal */
  private add(attribute: string, operator: Operator, value: Scalar | ReadonlyArray<Scalar>): ActorSearch<A> {
    return new ActorSearch([...this.terms, { attribute, operator, value }])
  }

  /** @since 0.1.0 */
  eq(attribute: Paths<A>, value: Scalar): ActorSearch<A> {
    return this.add(attribute, "eq", value)
  }
  /** @since 0.1.0 */
  neq(attribute: Paths<A>, value: Scalar): ActorSearch<A> {
    return this.add(attribute, "neq", value)
  }
  /** @since 0.1.0 */
  gt(attribute: Paths<A>, value: number | Date): ActorSearch<A> {
    return this.add(attribute, "gt", value)
  }
  /** @since 0.1.0 */
  gte(attribute: Paths<A>, value: number | Date): ActorSearch<A> {
    return this.add(attribute, "gte", value)
  }
  /** @since 0.1.0 */
  lt(attribute: Paths<A>, value: number | Date): ActorSearch<A> {
    return this.add(attribute, "lt", value)
  }
  /** @since 0.1.0 */
  lte(attribute: Paths<A>, value: number | Date): ActorSearch<A> {
    return this.add(attribute, "lte", value)
  }
  /** @since 0.1.0 */
  in(attribute: Paths<A>, values: ReadonlyArray<string | number | boolean>): ActorSearch<A> {
    return this.add(attribute, "in", values)
  }
  /** @since 0.1.0 */
  nin(attribute: Paths<A>, values: ReadonlyArray<string | number | boolean>): ActorSearch<A> {
    return this.add(attribute, "nin", values)
  }
  /**
   * A regular expression the value matches (MongoDB's `$regex`).
   *
   * @since 0.1.0
   */
  like(attribute: Paths<A>, regex: string): ActorSearch<A> {
    return this.add(attribute, "like", regex)
  }
  /** @since 0.1.0 */
  nlike(attribute: Paths<A>, regex: string): ActorSearch<A> {
    return this.add(attribute, "nlike", regex)
  }
  /**
   * Between two numbers or two dates, both included.
   *
   * @since 0.1.0
   */
  between(attribute: Paths<A>, from: number | Date, to: number | Date): ActorSearch<A> {
    return this.add(attribute, "between", [from, to])
  }
}

/**
 * An empty search over items of type `A`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { ActorSearch, type Execution } from "effect-research-sdk/agave"
 * const failed = ActorSearch.make<Execution>()
 *   .eq("status", "ERROR")
 *   .gt("messageReceivedTime", new Date("2024-01-01T00:00:00Z"))
 * ActorSearch.toPairs(failed)
 * // Right([["status.eq", "ERROR"], ["message_received_time.gt", "2024-01-01T00:00:00.000Z"]])
 * ```
 */
export const make = <A = any>(): ActorSearch<A> => new ActorSearch<A>([])

const refuse = (message: string) =>
  Either.left(new InvalidRequest({ message: `actor search: ${message}`, origin: "client" }))

const operatorSet: ReadonlySet<string> = new Set<string>(operators)

// A scalar as Abaco reads text back into values: `None` for null, ISO 8601 for dates.
const scalarText = (value: unknown): string | { readonly refused: string } => {
  if (value === null) return "None"
  if (typeof value === "string") return isWellFormed(value) ? value : { refused: "is not well-formed Unicode" }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : { refused: "must be a finite number" }
  if (typeof value === "boolean") return value ? "true" : "false"
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { refused: "is an invalid date" }
      : value.toISOString()
  }
  return { refused: "must be a string, a number, a boolean, a date or null" }
}

const valueText = (term: Term): string | { readonly refused: string } => {
  const { operator, value } = term
  if (operator === "in" || operator === "nin") {
    if (!Array.isArray(value) || value.length === 0) return { refused: `${operator} takes a non-empty list` }
    for (const item of value as ReadonlyArray<unknown>) {
      if (
        typeof item !== "string" && typeof item !== "boolean" && !(typeof item === "number" && Number.isFinite(item))
      ) {
        return { refused: `${operator} takes strings, finite numbers and booleans` }
      }
      // Abaco turns every single quote into a double one before reading the list as JSON.
      if (typeof item === "string" && (item.includes("'") || !isWellFormed(item))) {
        return { refused: `an item of ${operator} cannot hold a single quote or a lone surrogate` }
      }
    }
    return JSON.stringify(value)
  }
  if (operator === "between") {
    if (!Array.isArray(value) || value.length !== 2) return { refused: "between takes two values" }
    const [from, to] = value as ReadonlyArray<unknown>
    const bothNumbers = typeof from === "number" && typeof to === "number"
    const bothDates = from instanceof Date && to instanceof Date
    if (!bothNumbers && !bothDates) return { refused: "between takes two numbers or two dates" }
    const a = scalarText(from)
    const b = scalarText(to)
    if (typeof a !== "string") return a
    if (typeof b !== "string") return b
    return `${a},${b}`
  }
  if (Array.isArray(value)) return { refused: `${operator} takes one value` }
  return scalarText(value)
}

// Abaco's database names: the first segment in snake_case (a nested path below it is the stored
// document's own, `_links.owner`).
const attributeName = (path: string): string => {
  const dot = path.indexOf(".")
  return dot === -1 ? toSnake(path) : toSnake(path.slice(0, dot)) + path.slice(dot)
}

/**
 * The search as query pairs (`["status.eq", "ERROR"]`), not yet percent-encoded, or why it cannot be
 * sent.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toPairs = <A>(
  search: ActorSearch<A>
): Either.Either<ReadonlyArray<readonly [string, string]>, InvalidRequest> => {
  const pairs: Array<readonly [string, string]> = []
  for (const term of search.terms) {
    if (typeof term.attribute !== "string" || !isPath(term.attribute)) {
      return refuse(`attribute ${JSON.stringify(String(term.attribute).slice(0, 100))} is not a dotted name`)
    }
    if (!operatorSet.has(term.operator)) {
      return refuse(`unknown operator ${JSON.stringify(String(term.operator).slice(0, 20))}`)
    }
    const text = valueText(term)
    if (typeof text !== "string") return refuse(`${term.attribute}.${term.operator}: ${text.refused}`)
    pairs.push([`${attributeName(term.attribute)}.${term.operator}`, text])
  }
  return Either.right(pairs)
}
