/**
 * Agave's search, as the test server reads it: `attribute.operator=value` query terms (a bare
 * `attribute=value` is `eq`), dotted attributes into nested fields, `orderBy`/`order`. Each collection
 * searches a useful subset of its fields; a term on another field is refused with 400, as Agave
 * refuses unknown search terms.
 *
 * @since 0.1.0
 */
import { type Operator, operators } from "../../agave/Search.js"
import { badRequest } from "./Outcome.js"

// The operators are the SDK's own list: the test server reads what the SDK's search builder writes.
const operatorSet: ReadonlySet<string> = new Set<string>(operators)

/**
 * One parsed term.
 *
 * @since 0.1.0
 * @category models
 */
export interface Term {
  readonly field: string
  readonly operator: Operator
  readonly value: string
}

/**
 * A parsed search: its terms and the order of the results.
 *
 * @since 0.1.0
 * @category models
 */
export interface Parsed {
  readonly terms: ReadonlyArray<Term>
  readonly orderBy: string | undefined
  readonly descending: boolean
}

/**
 * Query parameters that are not search terms on any collection.
 *
 * @since 0.1.0
 * @category constants
 */
export const reserved: ReadonlySet<string> = new Set([
  "limit",
  "offset",
  "filter",
  "naked",
  "pretty",
  "orderBy",
  "order",
  "callback"
])

/**
 * Reads the search terms of `query` on a collection whose searchable fields are `fields`; `also` lists
 * the collection's own (non-search) parameters.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (
  query: URLSearchParams,
  fields: ReadonlySet<string>,
  also: ReadonlySet<string> = new Set()
): Parsed => {
  const terms: Array<Term> = []
  for (const [key, value] of query) {
    if (reserved.has(key) || also.has(key)) continue
    const dot = key.lastIndexOf(".")
    const suffix = dot === -1 ? "" : key.slice(dot + 1).toLowerCase()
    const [field, operator] = operatorSet.has(suffix) ? [key.slice(0, dot), suffix as Operator] : [key, "eq" as const]
    if (!fields.has(field)) badRequest(`Unknown search term ${field.slice(0, 100)}`)
    terms.push({ field, operator, value })
  }
  const orderBy = query.get("orderBy") ?? undefined
  if (orderBy !== undefined && !fields.has(orderBy)) badRequest(`Unknown order by field ${orderBy.slice(0, 100)}`)
  const order = (query.get("order") ?? "asc").toLowerCase()
  if (order !== "asc" && order !== "desc") badRequest("order must be asc or desc")
  return { terms, orderBy, descending: order === "desc" }
}

/**
 * The value at a dotted path (every value, through lists).
 *
 * @since 0.1.0
 * @category matching
 */
export const valuesAt = (item: unknown, path: string): ReadonlyArray<unknown> => {
  let values: ReadonlyArray<unknown> = [item]
  for (const segment of path.split(".")) {
    const next: Array<unknown> = []
    for (const value of values) {
      const inner = Array.isArray(value) ? value : [value]
      for (const v of inner) {
        if (typeof v === "object" && v !== null && segment in v) next.push((v as Record<string, unknown>)[segment])
      }
    }
    values = next
  }
  return values.flatMap((value) => (Array.isArray(value) ? value : [value]))
}

const asText = (value: unknown): string => (value === null || value === undefined ? "" : String(value))

const asNumber = (value: unknown): number | undefined => {
  const number = typeof value === "number"
    ? value
    : typeof value === "string" && value.trim() !== ""
    ? Number(value)
    : Number.NaN
  return Number.isFinite(number) ? number : undefined
}

const asTime = (value: unknown): number | undefined => {
  if (typeof value !== "string" || value === "") return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : time
}

const compare = (a: unknown, b: string): number | undefined => {
  const x = asNumber(a)
  const y = asNumber(b)
  if (x !== undefined && y !== undefined) return x - y
  const s = asTime(a)
  const t = asTime(b)
  if (s !== undefined && t !== undefined) return s - t
  return a === null || a === undefined ? undefined : asText(a) < b ? -1 : asText(a) > b ? 1 : 0
}

// `*` matches any run of characters; everything else literally, case-insensitively.
const wildcard = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "is")

const day = 24 * 60 * 60 * 1000

const matchesOne = (value: unknown, term: Term): boolean => {
  switch (term.operator) {
    case "eq":
      return asText(value) === term.value
    case "neq":
      return asText(value) !== term.value
    case "lt":
    case "lte":
    case "gt":
    case "gte": {
      const order = compare(value, term.value)
      if (order === undefined) return false
      return term.operator === "lt"
        ? order < 0
        : term.operator === "lte"
        ? order <= 0
        : term.operator === "gt"
        ? order > 0
        : order >= 0
    }
    case "like":
      return wildcard(term.value).test(asText(value))
    case "nlike":
      return !wildcard(term.value).test(asText(value))
    case "rlike": {
      if (term.value.length > 200) badRequest("rlike: the expression is too long")
      try {
        return new RegExp(term.value).test(asText(value))
      } catch {
        return badRequest(`rlike: ${term.value.slice(0, 100)} is not a regular expression`)
      }
    }
    case "in":
      return term.value.split(",").includes(asText(value))
    case "nin":
      return !term.value.split(",").includes(asText(value))
    case "on":
    case "before":
    case "after": {
      const time = asTime(value)
      const at = asTime(term.value) ??
        badRequest(`${term.field}.${term.operator}: ${term.value.slice(0, 50)} is not a date`)
      if (time === undefined) return false
      const start = Math.floor(at / day) * day
      return term.operator === "on"
        ? time >= start && time < start + day
        : term.operator === "before"
        ? time < at
        : time > at
    }
    case "between": {
      const [from, to, ...rest] = term.value.split(",")
      if (from === undefined || to === undefined || rest.length > 0) {
        badRequest(`${term.field}.between takes two values`)
      }
      const low = compare(value, from!)
      const high = compare(value, to!)
      return low !== undefined && high !== undefined && low >= 0 && high <= 0
    }
  }
}

/**
 * Whether `item` matches every term (a term on a list field matches when any of its values does;
 * `neq`, `nlike` and `nin` when none of them fails).
 *
 * @since 0.1.0
 * @category matching
 */
export const matches = (item: unknown, terms: ReadonlyArray<Term>): boolean =>
  terms.every((term) => {
    const values = valuesAt(item, term.field)
    const negative = term.operator === "neq" || term.operator === "nlike" || term.operator === "nin"
    if (values.length === 0) return negative
    return negative ? values.every((value) => matchesOne(value, term)) : values.some((value) => matchesOne(value, term))
  })

/**
 * The items that match, in the order asked for.
 *
 * @since 0.1.0
 * @category matching
 */
export const apply = <A>(items: ReadonlyArray<A>, search: Parsed): ReadonlyArray<A> => {
  const kept = search.terms.length === 0 ? items : items.filter((item) => matches(item, search.terms))
  if (search.orderBy === undefined) return kept
  const field = search.orderBy
  const sign = search.descending ? -1 : 1
  return [...kept].sort((a, b) => sign * (compare(valuesAt(a, field)[0], asText(valuesAt(b, field)[0])) ?? 0))
}
