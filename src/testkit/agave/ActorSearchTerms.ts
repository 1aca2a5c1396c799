/**
 * Abaco's search, as the test server reads it: `search` (words every record must hold somewhere),
 * terms `attribute.operator=value` on the stored (snake_case) fields — `eq neq gt gte lt lte in nin
 * like nlike between`, a bare `attribute=value` being `eq`, a camelCase name read as its snake_case one — with values read as Abaco reads them
 * (`true`/`false`, `None`, numbers, JSON lists, ISO 8601 dates), and `limit`/`skip` (100 and 0 by
 * default). The answer is a search page: `{_metadata, search}`.
 *
 * @since 0.1.0
 */
import { operators } from "../../agave/ActorSearch.js"
import { toSnake } from "../../agave/schemas/Cases.js"
import { badRequest } from "./Outcome.js"

const operatorSet: ReadonlySet<string> = new Set<string>(operators)

/**
 * Query parameters that are no search term.
 *
 * @since 0.1.0
 * @category constants
 */
export const reserved: ReadonlySet<string> = new Set(["limit", "skip", "search", "exactsearch", "x-nonce", "pretty"])

const readValue = (text: string): unknown => {
  const lower = text.toLowerCase()
  if (lower === "true") return true
  if (lower === "false") return false
  if (lower === "none") return null
  if (text.trim() !== "" && !Number.isNaN(Number(text))) return Number(text)
  try {
    return JSON.parse(text.replace(/'/g, "\""))
  } catch {
    return text
  }
}

const at = (record: Readonly<Record<string, unknown>>, path: string): unknown => {
  let value: unknown = record
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

// Dates compare as dates, numbers as numbers, anything else as text.
const comparable = (value: unknown): number | string => {
  if (typeof value === "number") return value
  if (typeof value === "string") {
    const time = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN
    return Number.isNaN(time) ? value : time
  }
  return JSON.stringify(value) ?? ""
}

const compare = (a: unknown, b: unknown): number => {
  const x = comparable(a)
  const y = comparable(b)
  return typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y))
}

const same = (a: unknown, b: unknown): boolean => compare(a, b) === 0

const matches = (field: unknown, operator: string, text: string): boolean => {
  switch (operator) {
    case "eq":
      return same(field, readValue(text))
    case "neq":
      return !same(field, readValue(text))
    case "gt":
      return compare(field, readValue(text)) > 0
    case "gte":
      return compare(field, readValue(text)) >= 0
    case "lt":
      return compare(field, readValue(text)) < 0
    case "lte":
      return compare(field, readValue(text)) <= 0
    case "in":
    case "nin": {
      const list = readValue(text)
      if (!Array.isArray(list)) return badRequest(`${operator} takes a JSON list`)
      const found = list.some((item) => same(field, item))
      return operator === "in" ? found : !found
    }
    case "like":
    case "nlike": {
      let regex: RegExp
      try {
        regex = new RegExp(text)
      } catch {
        return badRequest(`Invalid regular expression ${text.slice(0, 100)}`)
      }
      const found = typeof field === "string" && regex.test(field)
      return operator === "like" ? found : !found
    }
    case "between": {
      const parts = text.split(",")
      if (parts.length !== 2) {
        return badRequest("Between must have two variables seperated by a comma. Ex. io.between=20,40")
      }
      return compare(field, readValue(parts[0]!)) >= 0 && compare(field, readValue(parts[1]!)) <= 0
    }
  }
  return false
}

const count = (query: URLSearchParams, name: string, fallback: number): number => {
  const text = query.get(name)
  if (text === null) return fallback
  if (!/^\d{1,9}$/.test(text)) {
    return badRequest(`Inputted "${name}" paramater must be an int. Received: ${text.slice(0, 50)}`)
  }
  return Number(text)
}

/**
 * Whether `query` holds anything besides the nonce: then Abaco answers a listing as a search.
 *
 * @since 0.1.0
 * @category parsing
 */
export const isSearch = (query: URLSearchParams): boolean => [...query.keys()].some((key) => key !== "x-nonce")

/**
 * The records matching `query`, paged: `{_metadata, search}` with Abaco's snake_case figures.
 *
 * @since 0.1.0
 * @category searching
 */
export const search = (
  records: ReadonlyArray<Readonly<Record<string, unknown>>>,
  query: URLSearchParams
): { readonly metadata: Record<string, number>; readonly items: ReadonlyArray<Readonly<Record<string, unknown>>> } => {
  const limit = count(query, "limit", 100)
  const skip = count(query, "skip", 0)
  const words = (query.get("search") ?? "").split(/\s+/).filter((word) => word !== "")
  let found = records.filter((record) => {
    const text = JSON.stringify(record).toLowerCase()
    return words.every((word) => text.includes(word.toLowerCase()))
  })
  for (const [key, value] of query) {
    if (reserved.has(key)) continue
    const dot = key.lastIndexOf(".")
    const suffix = dot === -1 ? "" : key.slice(dot + 1)
    const [path, operator] = operatorSet.has(suffix) ? [key.slice(0, dot), suffix] : [key, "eq"]
    // Stored fields are snake_case; a camelCase first segment is read as Abaco's camel setting reads it.
    const first = path.indexOf(".")
    const field = first === -1 ? toSnake(path) : toSnake(path.slice(0, first)) + path.slice(first)
    found = found.filter((record) => matches(at(record, field), operator, value))
  }
  const items = found.slice(skip, skip + limit)
  return {
    metadata: { total_count: found.length, records_skipped: skip, record_limit: limit, count_returned: items.length },
    items
  }
}
