/**
 * What an operation of the Agave test server's state ends in: a result with its status (200, 201,
 * 202) or a refusal with Agave's status and message. The HTTP layer wraps either in Agave's envelope.
 * Operations read the time from Effect's `Clock`, so `TestClock` drives expiries and job timelines.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"

/**
 * A refusal: the status and message Agave would answer with.
 *
 * @since 0.1.0
 * @category models
 */
export class Refusal {
  /** @since 0.1.0 */
  readonly _tag = "Refusal"
  constructor(readonly status: number, readonly message: string) {}
}

/**
 * A success: the status and the envelope's `result`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Success<A> {
  readonly _tag: "Success"
  readonly status: 200 | 201 | 202
  readonly result: A
}

/**
 * @since 0.1.0
 * @category models
 */
export type Outcome<A> = Success<A> | Refusal

/**
 * Ends the operation with a refusal (caught by {@link run}).
 *
 * @since 0.1.0
 * @category refusals
 */
export const refuse = (status: number, message: string): never => {
  throw new Refusal(status, message)
}

/**
 * The caller may not do this.
 *
 * @since 0.1.0
 * @category refusals
 */
export const forbidden = (message = "User does not have access to view the requested resource"): never =>
  refuse(403, message)

/**
 * The request is malformed.
 *
 * @since 0.1.0
 * @category refusals
 */
export const badRequest = (message: string): never => refuse(400, message)

/**
 * Runs `operation` at the `Clock`'s time: its value is the result (with `status`), a {@link Refusal}
 * it throws is the outcome, anything else it throws a defect.
 *
 * @since 0.1.0
 * @category running
 */
export const run = <A>(
  operation: (now: number) => A,
  status: 200 | 201 | 202 = 200
): Effect.Effect<Outcome<A>> =>
  Effect.clockWith((clock) =>
    Effect.sync(() => {
      try {
        return { _tag: "Success", status, result: operation(clock.unsafeCurrentTimeMillis()) } as const
      } catch (error) {
        if (error instanceof Refusal) return error
        throw error
      }
    })
  )

/**
 * The most items a page holds, whatever `limit` asks for.
 *
 * @since 0.1.0
 * @category paging
 */
export const pageCap = 250

/**
 * The page `limit`/`offset` select (`limit` defaults to and is capped at {@link pageCap}); a value
 * that is not a whole number is refused as Agave does.
 *
 * @since 0.1.0
 * @category paging
 */
export const page = <A>(
  items: ReadonlyArray<A>,
  query: { readonly limit?: string | null | undefined; readonly offset?: string | null | undefined }
): ReadonlyArray<A> => {
  const read = (name: string, value: string | null | undefined, fallback: number) => {
    if (value === undefined || value === null || value === "") return fallback
    if (!/^\d{1,9}$/.test(value)) {
      return badRequest(`Invalid ${name} value, ${value.slice(0, 50)}. ${name} must be a positive integer`)
    }
    return Number(value)
  }
  const limit = Math.min(read("limit", query.limit, pageCap), pageCap)
  const offset = read("offset", query.offset, 0)
  return items.slice(offset, offset + limit)
}

/**
 * An ISO 8601 time as Agave writes it.
 *
 * @since 0.1.0
 * @category time
 */
export const iso = (millis: number): string => new Date(millis).toISOString()

/**
 * An operation of the state: an effect (it reads the `Clock`) ending in an outcome.
 *
 * @since 0.1.0
 * @category models
 */
export type Op<A> = Effect.Effect<Outcome<A>>
