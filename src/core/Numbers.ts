/**
 * Schemas for the numbers a response counts with: totals, positions, sizes. JSON has no bound on
 * numbers; `JSON.parse` reads `1e400` as `Infinity` and `9007199254740993` as a neighbour of itself.
 * These accept only safe integers (|n| ≤ 2^53 − 1), so that a count the SDK pages by or reports is
 * exactly what the server sent; anything else is a `SchemaMismatch`. Each is one refinement of
 * `Schema.Number`, with no transformation: as fast to decode as a plain number.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const safeInteger = (n: number) => Number.isSafeInteger(n)
const safeNonNegative = (n: number) => Number.isSafeInteger(n) && n >= 0

/**
 * A safe integer of either sign, e.g. a sort order.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SafeInteger: Schema.filter<typeof Schema.Number> = Schema.Number.pipe(
  Schema.filter(safeInteger, { identifier: "SafeInteger", description: "a safe integer" })
)

/**
 * How many of something: a safe integer ≥ 0.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Count: Schema.filter<typeof Schema.Number> = Schema.Number.pipe(
  Schema.filter(safeNonNegative, { identifier: "Count", description: "a count (a safe integer ≥ 0)" })
)

/**
 * A position in a sequence (0- or 1-based, as the platform says): a safe integer ≥ 0.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Index: Schema.filter<typeof Schema.Number> = Schema.Number.pipe(
  Schema.filter(safeNonNegative, { identifier: "Index", description: "an index (a safe integer ≥ 0)" })
)

/**
 * A size in bytes: a safe integer ≥ 0.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Size: Schema.filter<typeof Schema.Number> = Schema.Number.pipe(
  Schema.filter(safeNonNegative, { identifier: "Size", description: "a size (a safe integer ≥ 0)" })
)
