/**
 * The metadata service's MongoDB queries, as the test server reads them: a JSON object of field paths
 * (dotted, through nested objects and lists) and conditions — a literal (equality), or operators
 * `$eq $ne $gt $gte $lt $lte $in $nin $regex`/`$options $exists $not` — combined with `$and`, `$or`
 * and `$nor`; `{"$date": "…"}` is a date. MongoDB's rules: a list matches when it equals the operand
 * or any of its items does; ordering compares numbers with numbers, text with text, dates with dates;
 * a missing field matches `null`, `$ne`, `$nin` and `$not`. Anything else is refused with 400, as the
 * service refuses a malformed query.
 *
 * @since 0.1.0
 */
import { badRequest } from "./Outcome.js"

/**
 * A parsed query.
 *
 * @since 0.1.0
 * @category models
 */
export type Query = { readonly [key: string]: unknown }

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date)

const malformed = (why: string): never => badRequest(`Malformed JSON Query, ${why}`)

// A condition on a field, checked whole (matching stops early, so it cannot be the check).
const checkCondition = (condition: unknown): void => {
  if (!isOperatorObject(condition)) {
    literal(condition)
    return
  }
  for (const [operator, operand] of Object.entries(condition)) {
    switch (operator) {
      case "$eq":
      case "$ne":
      case "$gt":
      case "$gte":
      case "$lt":
      case "$lte":
        literal(operand)
        break
      case "$in":
      case "$nin":
        if (!Array.isArray(operand)) malformed("$in and $nin take a list")
        ;(operand as ReadonlyArray<unknown>).forEach(literal)
        break
      case "$regex":
        regex(operand, condition["$options"])
        break
      case "$options":
        if (!("$regex" in condition)) malformed("$options without $regex")
        break
      case "$exists":
        if (typeof operand !== "boolean") malformed("$exists takes true or false")
        break
      case "$not":
        if (!isOperatorObject(operand)) malformed("$not takes an operator expression")
        if ("$not" in (operand as object)) malformed("$not cannot hold a $not")
        checkCondition(operand)
        break
      default:
        malformed(`unknown operator ${operator.slice(0, 50)}`)
    }
  }
}

const checkQuery = (query: Query, depth: number): void => {
  if (depth > 64) malformed("the query is nested too deeply")
  for (const [key, condition] of Object.entries(query)) {
    if (key === "$and" || key === "$or" || key === "$nor") {
      for (const inner of filters(key, condition)) checkQuery(inner, depth + 1)
    } else if (key.startsWith("$")) {
      malformed(`unknown top-level operator ${key.slice(0, 50)}`)
    } else {
      checkCondition(condition)
    }
  }
}

/**
 * Reads `q`: absent or empty matches everything; anything but a JSON object, or an object that is no
 * query, is refused (whether or not a document would reach the faulty part).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (q: string | null): Query => {
  if (q === null || q.trim() === "") return {}
  let json: unknown
  try {
    json = JSON.parse(q)
  } catch {
    return malformed("the query is not JSON")
  }
  if (!isObject(json)) return malformed("the query must be a JSON object")
  checkQuery(json, 0)
  return json
}

// A `{"$date": "…"}` literal, as a Date; other values as they are.
const literal = (value: unknown): unknown => {
  if (isObject(value) && Object.keys(value).length === 1 && "$date" in value) {
    const time = typeof value["$date"] === "string" || typeof value["$date"] === "number"
      ? new Date(value["$date"]).getTime()
      : Number.NaN
    return Number.isNaN(time) ? malformed("$date needs an ISO 8601 date") : new Date(time)
  }
  return value
}

// Every value at `path` (lists are read through, and a numeric segment indexes a list).
const candidates = (value: unknown, segments: ReadonlyArray<string>): ReadonlyArray<unknown> => {
  if (segments.length === 0) return [value]
  const [segment, ...rest] = segments as [string, ...Array<string>]
  if (Array.isArray(value)) {
    const out: Array<unknown> = []
    if (/^\d{1,9}$/.test(segment) && Number(segment) < value.length) {
      out.push(...candidates(value[Number(segment)], rest))
    }
    for (const item of value) if (isObject(item)) out.push(...candidates(item, segments))
    return out
  }
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, segment)
    ? candidates(value[segment], rest)
    : []
}

// Equality of JSON values as MongoDB sees it (an object's keys in order); dates by time.
const equal = (a: unknown, b: unknown): boolean => {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  }
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]))
  if (isObject(a)) {
    if (!isObject(b)) return false
    const keys = Object.keys(a)
    const others = Object.keys(b)
    return keys.length === others.length && keys.every((key, i) => key === others[i] && equal(a[key], b[key]))
  }
  return a === b
}

// A value, or any item of it when it is a list.
const anyOf = (value: unknown, test: (item: unknown) => boolean): boolean =>
  test(value) || (Array.isArray(value) && value.some(test))

const order = (a: unknown, b: unknown): number | undefined => {
  if (typeof a === "number" && typeof b === "number") return a - b
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime()
  return undefined
}

const equals = (found: ReadonlyArray<unknown>, operand: unknown): boolean =>
  operand === null && found.length === 0 ? true : found.some((value) => anyOf(value, (item) => equal(item, operand)))

const inList = (found: ReadonlyArray<unknown>, operand: unknown): boolean => {
  if (!Array.isArray(operand)) return malformed("$in and $nin take a list")
  return operand.some((item) => equals(found, literal(item)))
}

const flags = /^[imsx]*$/

const regex = (pattern: unknown, options: unknown): RegExp => {
  if (typeof pattern !== "string") return malformed("$regex takes a string")
  if (options !== undefined && (typeof options !== "string" || !flags.test(options))) {
    return malformed("$options takes i, m, s and x")
  }
  if (pattern.length > 1000) return malformed("the regular expression is too long")
  const opts = typeof options === "string" ? options : ""
  // `x`: whitespace in the pattern is not matched (unless escaped).
  const source = opts.includes("x") ? pattern.replace(/\\\s|\s+/g, (m) => (m.startsWith("\\") ? m : "")) : pattern
  try {
    return new RegExp(source, opts.replace("x", ""))
  } catch {
    return badRequest(`Invalid regular expression ${pattern.slice(0, 100)}`)
  }
}

const comparisons: Readonly<Record<string, (order: number) => boolean>> = {
  $gt: (n) => n > 0,
  $gte: (n) => n >= 0,
  $lt: (n) => n < 0,
  $lte: (n) => n <= 0
}

const isOperatorObject = (value: unknown): value is Record<string, unknown> => {
  if (!isObject(value)) return false
  const keys = Object.keys(value)
  if (keys.length === 0 || (keys.length === 1 && keys[0] === "$date")) return false
  const operators = keys.filter((key) => key.startsWith("$")).length
  if (operators > 0 && operators < keys.length) malformed("operators and fields cannot be mixed in one condition")
  return operators === keys.length
}

// Whether the values found at a field satisfy a condition (an operator object, or a literal).
const satisfies = (found: ReadonlyArray<unknown>, condition: unknown): boolean => {
  if (!isOperatorObject(condition)) return equals(found, literal(condition))
  return Object.entries(condition).every(([operator, operand]) => {
    switch (operator) {
      case "$eq":
        return equals(found, literal(operand))
      case "$ne":
        return !equals(found, literal(operand))
      case "$gt":
      case "$gte":
      case "$lt":
      case "$lte": {
        const bound = literal(operand)
        const holds = comparisons[operator]!
        return found.some((value) =>
          anyOf(value, (item) => {
            const n = order(item, bound)
            return n !== undefined && holds(n)
          })
        )
      }
      case "$in":
        return inList(found, operand)
      case "$nin":
        return !inList(found, operand)
      case "$regex": {
        const expression = regex(operand, condition["$options"])
        return found.some((value) => anyOf(value, (item) => typeof item === "string" && expression.test(item)))
      }
      case "$options":
        return "$regex" in condition ? true : malformed("$options without $regex")
      case "$exists":
        return typeof operand === "boolean" ? (found.length > 0) === operand : malformed("$exists takes true or false")
      case "$not": {
        if (!isOperatorObject(operand)) return malformed("$not takes an operator expression")
        if ("$not" in operand) return malformed("$not cannot hold a $not")
        return !satisfies(found, operand)
      }
      default:
        return malformed(`unknown operator ${operator.slice(0, 50)}`)
    }
  })
}

const filters = (operator: string, operand: unknown): ReadonlyArray<Query> => {
  if (!Array.isArray(operand) || operand.length === 0 || !operand.every(isObject)) {
    return malformed(`${operator} takes a non-empty list of queries`)
  }
  return operand
}

/**
 * Whether `document` matches `query`.
 *
 * @since 0.1.0
 * @category matching
 */
export const matches = (document: unknown, query: Query, depth = 0): boolean => {
  if (depth > 64) return malformed("the query is nested too deeply")
  return Object.entries(query).every(([key, condition]) => {
    switch (key) {
      case "$and":
        return filters(key, condition).every((inner) => matches(document, inner, depth + 1))
      case "$or":
        return filters(key, condition).some((inner) => matches(document, inner, depth + 1))
      case "$nor":
        return !filters(key, condition).some((inner) => matches(document, inner, depth + 1))
      default:
        if (key.startsWith("$")) return malformed(`unknown top-level operator ${key.slice(0, 50)}`)
        return satisfies(candidates(document, key.split(".")), condition)
    }
  })
}
