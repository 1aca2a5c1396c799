/**
 * A bound on a client's requests in flight. Each attempt takes a slot once its backoff is over and
 * before it is sent, so its timeout starts only when it has one, and gives it back when its response
 * has been read; a streamed download's attempt keeps its slot until the stream's scope closes.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { identity } from "effect/Function"
import * as Scope from "effect/Scope"
import { Slots } from "./Slots.js"

/**
 * How many requests a client has in flight at once unless configured otherwise: enough to keep a
 * server busy, few enough that a burst of thousands of calls cannot swamp the machine and make every
 * timeout fire on requests that were merely waiting for a CPU.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultMax = 64

/**
 * Slots for `max` requests in flight, to share between clients; `undefined` for no bound (`Infinity`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const slots = (max: number = defaultMax): Effect.Semaphore | undefined =>
  Number.isFinite(max) ? new Slots(Math.max(1, Math.floor(max))) : undefined

/**
 * Runs an attempt in one of the slots.
 *
 * @since 0.1.0
 * @category models
 */
export type InSlot = <X, E>(attempt: Effect.Effect<X, E>) => Effect.Effect<X, E>

/**
 * An attempt that holds its slot while it runs.
 *
 * @since 0.1.0
 * @category combinators
 */
export const perAttempt = (slots: Effect.Semaphore | undefined): InSlot =>
  slots === undefined ? identity : slots.withPermits(1)

/**
 * An attempt that, if it succeeds, holds its slot until `scope` closes (a download, until its body
 * ends or is abandoned); one that fails gives it back at once. Interrupted while it waits for a slot,
 * it takes none.
 *
 * @since 0.1.0
 * @category combinators
 */
export const untilClosed = (slots: Effect.Semaphore | undefined, scope: Scope.Scope): InSlot => (attempt) =>
  slots === undefined ? attempt : Effect.uninterruptibleMask((restore) =>
    Effect.zipRight(
      slots instanceof Slots ? slots.takeMasked(1, restore) : restore(slots.take(1)),
      Effect.onExit(
        restore(attempt),
        (exit) => Exit.isSuccess(exit) ? Scope.addFinalizer(scope, slots.release(1)) : slots.release(1)
      )
    )
  )
