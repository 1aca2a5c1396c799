/**
 * A semaphore for a client's requests in flight: Effect's `Semaphore` interface, first come first
 * served, at a fraction of the cost per use. Effect's own takes a permit through an asynchronous step
 * even when one is free and gives it back through another, with `ensuring` between: about 30 steps
 * of the runtime around every request, a third of all a call takes. Here a free permit is taken in
 * the step that starts the region, and given back in the one that ends it.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/**
 * A fiber waiting for permits, as {@link Slots} keeps it. `handed` is set, the permits counted as
 * taken, when they are given to it; until its fiber has them in hand, they are its to give back if it
 * is interrupted.
 *
 * @since 0.1.0
 * @category models
 */
export interface Waiter {
  readonly permits: number
  handed: boolean
  resume: ((effect: Effect.Effect<void>) => void) | undefined
}

/**
 * Permits taken and given back in order of arrival: a fiber that arrives while others wait queues
 * behind them even if enough permits are free for it, so that a large request is never starved by a
 * stream of small ones. A waiter for more permits than there are (now) waits aside, holding up
 * nobody, until a resize makes room for it. Inside a region that masks interruption, take with
 * {@link Slots.takeMasked}: with `restore(take(n))`, an interruption can fall between the permits
 * being taken and the region's next step.
 *
 * @since 0.1.0
 * @category models
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Slots } from "effect-research-sdk"
 *
 * const slots = new Slots.Slots(2)
 * const program = Effect.forEach([1, 2, 3, 4], (n) => slots.withPermits(1)(Effect.succeed(n * 2)), {
 *   concurrency: "unbounded"
 * })
 * Effect.runPromise(program).then((doubled) => assert.deepStrictEqual(doubled, [2, 4, 6, 8]))
 * ```
 */
export class Slots implements Effect.Semaphore {
  private taken = 0
  // First come, first served: a queue read from `head` on, compacted once half of it is spent.
  private queue: Array<Waiter | undefined> = []
  private head = 0
  // Waiters for more permits than there are: they wait, as with Effect's semaphore, without holding up
  // the queue behind them; a resize that makes room puts them back at its front.
  private parked: Array<Waiter> = []

  constructor(private permits: number) {}

  /**
   * How many permits are free now (negative after `resize` below what is taken).
   *
   * @since 0.1.0
   */
  get free(): number {
    return this.permits - this.taken
  }

  /**
   * How many fibers are waiting for permits.
   *
   * @since 0.1.0
   */
  get waiting(): number {
    let count = 0
    for (let i = this.head; i < this.queue.length; i++) if (this.queue[i] !== undefined) count++
    return count + this.parked.length
  }

  /**
   * Sets how many permits there are; waiters that now fit are given theirs.
   *
   * @since 0.1.0
   */
  resize(permits: number): Effect.Effect<void> {
    return Effect.sync(() => {
      this.permits = permits
      this.handOver()
    })
  }

  /**
   * Runs `self` holding `permits`, waiting (interruptibly) for them first if needed; they are given
   * back however `self` ends.
   *
   * @since 0.1.0
   */
  withPermits(permits: number): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R> {
    return (self) =>
      Effect.uninterruptibleMask((restore) =>
        this.tryTake(permits)
          ? this.holding(permits, restore(self))
          : Effect.flatMap(this.takeMasked(permits, restore), () => this.holding(permits, restore(self)))
      )
  }

  /**
   * Runs `self` holding `permits` if they are free now and nobody is waiting; `None` otherwise.
   *
   * @since 0.1.0
   */
  withPermitsIfAvailable(
    permits: number
  ): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<Option.Option<A>, E, R> {
    return (self) =>
      Effect.uninterruptibleMask((restore) =>
        this.tryTake(permits)
          ? this.holding(permits, Effect.map(restore(self), Option.some))
          : Effect.succeedNone
      )
  }

  /**
   * Takes `permits`, waiting (interruptibly) for them if needed; succeeds with their number.
   *
   * @since 0.1.0
   */
  take(permits: number): Effect.Effect<number> {
    return Effect.uninterruptibleMask((restore) => this.takeMasked(permits, restore))
  }

  /**
   * Takes `permits` for a caller that has masked interruption: waits for them under `restore` (the
   * caller's), and once it succeeds they are the caller's, with no interruptible step in between.
   * `restore(slots.take(n))` can be interrupted right after the permits were taken, and lose them.
   *
   * @since 0.1.0
   */
  takeMasked(
    permits: number,
    restore: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  ): Effect.Effect<number> {
    return Effect.suspend(() => {
      if (this.tryTake(permits)) return Effect.succeed(permits)
      const waiter = this.enqueue(permits)
      return Effect.matchCauseEffect(restore(this.handedTo(waiter)), {
        onFailure: (cause) => {
          this.abandon(waiter)
          return Effect.failCause(cause)
        },
        onSuccess: () => Effect.succeed(permits)
      })
    })
  }

  /**
   * Gives `permits` back; succeeds with how many are free then.
   *
   * @since 0.1.0
   */
  release(permits: number): Effect.Effect<number> {
    return Effect.sync(() => {
      this.giveBack(permits)
      return this.free
    })
  }

  /**
   * Gives every permit back; succeeds with how many are free then.
   *
   * @since 0.1.0
   */
  get releaseAll(): Effect.Effect<number> {
    return Effect.sync(() => {
      this.giveBack(this.taken)
      return this.free
    })
  }

  /**
   * Permits are taken at once only if they are free and nobody is ahead in the queue.
   *
   * @since 0.1.0
   */
  private tryTake(permits: number): boolean {
    if (this.head < this.queue.length || this.free < permits) return false
    this.taken += permits
    return true
  }

  /**
   * `effect` (already made interruptible where it should be) with `permits` given back as it ends.
   * The caller is uninterruptible, so the handlers run however it ends, interruption included.
   *
   * @since 0.1.0
   */
  private holding<A, E, R>(permits: number, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> {
    return Effect.matchCauseEffect(effect, {
      onFailure: (cause) => {
        this.giveBack(permits)
        return Effect.failCause(cause)
      },
      onSuccess: (value) => {
        this.giveBack(permits)
        return Effect.succeed(value)
      }
    })
  }

  /**
   * A waiter for `permits`, at the back of the queue, or aside if it asks for more than there are.
   *
   * @since 0.1.0
   */
  private enqueue(permits: number): Waiter {
    const waiter: Waiter = { permits, handed: false, resume: undefined }
    if (permits > this.permits) this.parked.push(waiter)
    else this.queue.push(waiter)
    return waiter
  }

  /**
   * Completes once the waiter's permits have been handed to it.
   *
   * @since 0.1.0
   */
  private handedTo(waiter: Waiter): Effect.Effect<void> {
    return Effect.async<void>((resume) => {
      if (waiter.handed) return resume(Effect.void)
      waiter.resume = resume
    })
  }

  /**
   * A waiter interrupted (or failed) before it had its permits in hand: out of the queue, or, if they
   * were already handed to it, they go to the next in line.
   *
   * @since 0.1.0
   */
  private abandon(waiter: Waiter): void {
    waiter.resume = undefined
    if (waiter.handed) {
      waiter.handed = false
      this.giveBack(waiter.permits)
      return
    }
    const index = this.queue.indexOf(waiter, this.head)
    if (index >= 0) this.queue[index] = undefined
    else {
      const parked = this.parked.indexOf(waiter)
      if (parked >= 0) this.parked.splice(parked, 1)
    }
    // The one that left may have been all that kept those behind it waiting.
    this.handOver()
  }

  /**
   * `permits` given back, and handed on to whoever waits for them.
   *
   * @since 0.1.0
   */
  private giveBack(permits: number): void {
    this.taken -= permits
    this.handOver()
  }

  /**
   * Hands permits to the waiters at the front of the queue, in order, while they fit.
   *
   * @since 0.1.0
   */
  private handOver(): void {
    if (this.parked.length > 0 && this.parked.some((waiter) => waiter.permits <= this.permits)) {
      const fit = this.parked.filter((waiter) => waiter.permits <= this.permits)
      this.parked = this.parked.filter((waiter) => waiter.permits > this.permits)
      this.queue.splice(this.head, 0, ...fit)
    }
    while (this.head < this.queue.length) {
      const waiter = this.queue[this.head]
      if (waiter !== undefined) {
        if (waiter.permits > this.permits) {
          this.parked.push(waiter)
          this.queue[this.head++] = undefined
          continue
        }
        if (this.free < waiter.permits) break
        this.taken += waiter.permits
        waiter.handed = true
        this.queue[this.head] = undefined
        waiter.resume?.(Effect.void)
      }
      this.head++
    }
    if (this.head === this.queue.length) {
      this.queue = []
      this.head = 0
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
  }
}
