/**
 * The leaderboard of a workflow, computed as flowserv ranks results: by the requested sort columns
 * (descending unless `:asc`), or the workflow's default order (its first result column, descending);
 * each group's best run only, unless `includeAll`.
 *
 * @since 0.1.0
 */

/**
 * A result column of a workflow.
 *
 * @since 0.1.0
 */
export interface ResultColumn {
  readonly name: string
  readonly label?: string
  readonly dtype: string
}

/**
 * A sort key.
 *
 * @since 0.1.0
 */
export interface SortKey {
  readonly column: string
  readonly descending: boolean
}

/**
 * Reads `orderBy` as the server does: `col[:asc|:desc],…`; anything but `asc` is descending.
 *
 * @since 0.1.0
 */
export const parseOrderBy = (orderBy: string): ReadonlyArray<SortKey> =>
  orderBy.split(",").map((key) => {
    const colon = key.indexOf(":")
    if (colon === -1) return { column: key, descending: true }
    return { column: key.slice(0, colon), descending: key.slice(colon + 1).toLowerCase() !== "asc" }
  })

/**
 * A successful run with its results.
 *
 * @since 0.1.0
 */
export interface RankedRun {
  readonly groupId: string
  readonly results: Readonly<Record<string, unknown>>
}

const compare = (a: unknown, b: unknown): number => {
  // Runs without a value sort last, whatever the direction (SQL NULLs in flowserv's query).
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1
  if (b === undefined || b === null) return -1
  if (typeof a === "number" && typeof b === "number") return a - b
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Orders runs (stable: earlier runs first among equals) and keeps each group's best unless `includeAll`.
 * Returns `undefined` if a sort column is not a result column: the real server fails there with 500.
 *
 * @since 0.1.0
 */
export const rank = <R extends RankedRun>(
  runs: ReadonlyArray<R>,
  columns: ReadonlyArray<ResultColumn>,
  keys: ReadonlyArray<SortKey>,
  includeAll: boolean
): ReadonlyArray<R> | undefined => {
  for (const key of keys) {
    if (!columns.some((column) => column.name === key.column)) return undefined
  }
  const sorted = runs.slice().sort((a, b) => {
    for (const key of keys) {
      const left = a.results[key.column]
      const right = b.results[key.column]
      const order = compare(left, right)
      if (order === 0) continue
      const missing = left === undefined || left === null || right === undefined || right === null
      return key.descending && !missing ? -order : order
    }
    return 0
  })
  if (includeAll) return sorted
  const seen = new Set<string>()
  return sorted.filter((run) => {
    if (seen.has(run.groupId)) return false
    seen.add(run.groupId)
    return true
  })
}
