/**
 * The loop under every paging helper: fetch a page at a cursor, let a per-run step decide what to
 * stream and where to go next (or that the listing stopped making progress), and optionally fetch
 * the next page while the current one is consumed.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { InvalidResponse } from "./Errors.js"

/**
 * What one page gave: what to stream, and the cursor of the next page if the listing goes on.
 *
 * @since 0.1.0
 * @category models
 */
export interface Step<B, Cursor> {
  readonly emit: ReadonlyArray<B>
  readonly next: Option.Option<Cursor>
  /** Stream `emit`, then end with this error: the page brought items, but the listing cannot go on. */
  readonly thenFail?: InvalidResponse | undefined
}

/**
 * Decides on one page, in order; made afresh for every run of the stream, so it may keep state.
 *
 * @since 0.1.0
 * @category models
 */
export type Stepper<Cursor, P, B> = (cursor: Cursor, page: P) => Either.Either<Step<B, Cursor>, InvalidResponse>

interface Pending<Cursor, P, E, R> {
  readonly cursor: Cursor
  readonly page: Effect.Effect<P, E | InvalidResponse, R>
}

/**
 * Streams what the steps emit, page after page. With `prefetch`, the next page is requested as soon
 * as the current one is decided, before its items are streamed: at most one page ahead, its failure
 * surfacing only after the current page's items, and interrupted when the stream ends early or is
 * interrupted.
 *
 * @since 0.1.0
 * @category constructors
 */
export const drive = <Cursor, P, B, E, R>(
  initial: Cursor,
  fetch: (cursor: Cursor) => Effect.Effect<P, E, R>,
  makeStepper: () => Stepper<Cursor, P, B>,
  prefetch: boolean
): Stream.Stream<B, E | InvalidResponse, R> =>
  prefetch
    ? Stream.unwrapScoped(Effect.map(Effect.scope, (scope) => loop(initial, fetch, makeStepper(), Option.some(scope))))
    : Stream.suspend(() => loop(initial, fetch, makeStepper(), Option.none()))

const loop = <Cursor, P, B, E, R>(
  initial: Cursor,
  fetch: (cursor: Cursor) => Effect.Effect<P, E, R>,
  stepper: Stepper<Cursor, P, B>,
  prefetchIn: Option.Option<Scope.Scope>
): Stream.Stream<B, E | InvalidResponse, R> => {
  const pending = (cursor: Cursor): Effect.Effect<Pending<Cursor, P, E, R>, never, R> =>
    Option.match(prefetchIn, {
      onNone: () => Effect.succeed({ cursor, page: fetch(cursor) }),
      // The fork inherits the consumer's context (span, request options, credentials region).
      onSome: (scope) =>
        Effect.map(Effect.forkIn(fetch(cursor), scope), (fiber) => ({ cursor, page: Fiber.join(fiber) }))
    })
  return Stream.paginateChunkEffect(
    { cursor: initial, page: fetch(initial) } as Pending<Cursor, P, E, R>,
    (current) =>
      Effect.flatMap(current.page, (page) => {
        const decided = stepper(current.cursor, page)
        if (Either.isLeft(decided)) return Effect.fail(decided.left)
        const { emit, next, thenFail } = decided.right
        const chunk = Chunk.unsafeFromArray(emit as Array<B>)
        if (thenFail !== undefined) {
          return Effect.succeed([chunk, Option.some({ cursor: current.cursor, page: Effect.fail(thenFail) })] as const)
        }
        return Option.isNone(next)
          ? Effect.succeed([chunk, Option.none()] as const)
          : Effect.map(pending(next.value), (following) => [chunk, Option.some(following)] as const)
      })
  )
}
