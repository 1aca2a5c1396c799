/**
 * A minimal JSON API with an offset-paged listing of any size, generated on demand: the neutral
 * ground for reliability tests and benchmarks, where no platform's quirks get in the way.
 *
 * Routes: `GET /items?offset=&limit=` → `{ "items": [...], "total": n }` (at most `maxPageSize`
 * items), `GET /items/{id}` → one item or 404, `POST /items` → 201 with the created item.
 *
 * @since 0.1.0
 */
import type { Handler } from "../http/Handler.js"

/**
 * One item of the synthetic listing.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyntheticItem {
  readonly id: string
  readonly index: number
  readonly name: string
}

/**
 * A running synthetic API.
 *
 * @since 0.1.0
 * @category models
 */
export interface SyntheticApi {
  readonly handler: Handler
  /** How many `POST /items` the API has handled: a counting server for no-replay checks. */
  readonly created: () => number
  /** How many requests the API has handled, by route. */
  readonly requests: () => { readonly list: number; readonly get: number; readonly create: number }
}

/**
 * The item at `index`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const syntheticItem = (index: number): SyntheticItem => ({
  id: `item-${index}`,
  index,
  name: `Item number ${index}`
})

/**
 * Serves `total` items.
 *
 * @since 0.1.0
 * @category constructors
 */
export const syntheticApi = (
  options: { readonly total: number; readonly maxPageSize?: number; readonly defaultPageSize?: number }
): SyntheticApi => {
  const maxPageSize = options.maxPageSize ?? 1000
  const defaultPageSize = options.defaultPageSize ?? 100
  const counts = { list: 0, get: 0, create: 0 }
  const handler: Handler = async (request) => {
    const url = new URL(request.url)
    const parts = url.pathname.split("/").filter((part) => part.length > 0)
    if (parts[0] !== "items" || parts.length > 2) return json(404, { message: "no such route" })
    if (parts.length === 2) {
      if (request.method !== "GET") return json(405, { message: "method not allowed" })
      counts.get++
      const index = /^item-(\d+)$/.exec(decodeURIComponent(parts[1]!))
      const n = index === null ? -1 : Number(index[1])
      return n >= 0 && n < options.total ? json(200, syntheticItem(n)) : json(404, { message: "unknown item" })
    }
    if (request.method === "POST") {
      counts.create++
      const body = await request.json().catch(() => undefined) as { name?: unknown } | undefined
      if (typeof body?.name !== "string") return json(400, { message: "name is required" })
      return json(201, { id: `created-${counts.create}`, index: -1, name: body.name })
    }
    if (request.method !== "GET") return json(405, { message: "method not allowed" })
    counts.list++
    const offset = integer(url.searchParams.get("offset"), 0)
    const asked = integer(url.searchParams.get("limit"), defaultPageSize)
    if (offset === undefined || asked === undefined || asked < 1) {
      return json(400, { message: "offset must be a non-negative integer and limit a positive one" })
    }
    const limit = Math.min(asked, maxPageSize)
    const end = Math.min(options.total, offset + limit)
    const items: Array<SyntheticItem> = []
    for (let i = offset; i < end; i++) items.push(syntheticItem(i))
    return json(200, { items, total: options.total })
  }
  return { handler, created: () => counts.create, requests: () => ({ ...counts }) }
}

const integer = (value: string | null, fallback: number): number | undefined => {
  if (value === null) return fallback
  return /^\d+$/.test(value) ? Number(value) : undefined
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })
