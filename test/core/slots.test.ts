/**
 * `Slots`, the in-flight bound's semaphore: never more holders than permits, served in order of
 * arrival, and no permit lost however a waiter or a holder ends — interrupted while it waits, after
 * its permits were handed to it but before it ran, or while it holds them. Bounded in count; fibers
 * only yield to one another, nothing sleeps.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Scope from "effect/Scope"
import * as InFlight from "../../src/core/InFlight.js"
import { Slots } from "../../src/core/Slots.js"

// Yields until `check` holds, at most 1,000 times.
const until = (check: () => boolean) =>
  Effect.gen(function*() {
    for (let i = 0; i < 1000 && !check(); i++) yield* Effect.yieldNow()
    assert.isTrue(check(), "the condition never held")
  })

describe("Slots", () => {
  it.effect("never has more holders than permits, and ends with every permit free", () =>
    Effect.gen(function*() {
      const slots = new Slots(3)
      let inside = 0
      let most = 0
      const hold = (turns: number) =>
        slots.withPermits(1)(Effect.gen(function*() {
          most = Math.max(most, ++inside)
          for (let i = 0; i < turns; i++) yield* Effect.yieldNow()
          inside--
          return turns
        }))
      const results = yield* Effect.forEach(Array.from({ length: 40 }, (_, i) => i % 7), hold, {
        concurrency: "unbounded"
      })
      assert.deepStrictEqual(results, Array.from({ length: 40 }, (_, i) => i % 7))
      assert.strictEqual(most, 3)
      assert.strictEqual(slots.free, 3)
      assert.strictEqual(slots.waiting, 0)
    }))

  it.effect("serves waiters in order of arrival, a latecomer never jumping the queue", () =>
    Effect.gen(function*() {
      const slots = new Slots(1)
      const gate = yield* Deferred.make<void>()
      const order: Array<string> = []
      const holder = yield* Effect.fork(slots.withPermits(1)(Deferred.await(gate)))
      yield* until(() => slots.free === 0)
      const waiters: Array<Fiber.RuntimeFiber<void>> = []
      for (const name of ["a", "b", "c"]) {
        waiters.push(yield* Effect.fork(slots.withPermits(1)(Effect.sync(() => void order.push(name)))))
        yield* until(() => slots.waiting === waiters.length)
      }
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(holder)
      // One more arrives as the queue drains: it goes last.
      const late = yield* Effect.fork(slots.withPermits(1)(Effect.sync(() => void order.push("late"))))
      yield* Fiber.joinAll([...waiters, late])
      assert.deepStrictEqual(order, ["a", "b", "c", "late"])
      assert.strictEqual(slots.free, 1)
    }))

  it.effect("a waiter for many permits is not starved by a stream of small ones", () =>
    Effect.gen(function*() {
      const slots = new Slots(2)
      const gate = yield* Deferred.make<void>()
      const small = yield* Effect.fork(slots.withPermits(1)(Deferred.await(gate)))
      yield* until(() => slots.free === 1)
      const big = yield* Effect.fork(slots.withPermits(2)(Effect.succeed("big")))
      yield* until(() => slots.waiting === 1)
      // One permit is free, but the big waiter is first in line.
      assert.isTrue(Option.isNone(yield* slots.withPermitsIfAvailable(1)(Effect.succeed("barged"))))
      const after = yield* Effect.fork(slots.withPermits(1)(Effect.succeed("after")))
      yield* until(() => slots.waiting === 2)
      yield* Deferred.succeed(gate, undefined)
      assert.strictEqual(yield* Fiber.join(big), "big")
      assert.strictEqual(yield* Fiber.join(after), "after")
      yield* Fiber.join(small)
      assert.strictEqual(slots.free, 2)
    }))

  it.effect("a waiter interrupted before its turn leaves the queue, and those behind it move up", () =>
    Effect.gen(function*() {
      const slots = new Slots(1)
      const gate = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(slots.withPermits(1)(Deferred.await(gate)))
      yield* until(() => slots.free === 0)
      const first = yield* Effect.fork(slots.withPermits(1)(Effect.succeed("first")))
      yield* until(() => slots.waiting === 1)
      const second = yield* Effect.fork(slots.withPermits(1)(Effect.succeed("second")))
      yield* until(() => slots.waiting === 2)
      assert.isTrue(Exit.isInterrupted(yield* Fiber.interrupt(first)))
      assert.strictEqual(slots.waiting, 1)
      yield* Deferred.succeed(gate, undefined)
      assert.strictEqual(yield* Fiber.join(second), "second")
      yield* Fiber.join(holder)
      assert.strictEqual(slots.free, 1)
      assert.strictEqual(slots.waiting, 0)
    }))

  it.effect("permits handed to a waiter interrupted before it could run are given back", () =>
    Effect.gen(function*() {
      const slots = new Slots(1)
      yield* slots.take(1)
      const ran: Array<string> = []
      const waiter = yield* Effect.fork(slots.withPermits(1)(Effect.sync(() => void ran.push("waiter"))))
      yield* until(() => slots.waiting === 1)
      const next = yield* Effect.fork(slots.withPermits(1)(Effect.sync(() => void ran.push("next"))))
      yield* until(() => slots.waiting === 2)
      // In one step: the waiter is told to stop, then handed the permit, before it runs again.
      yield* Effect.sync(() => {
        waiter.unsafeInterruptAsFork(FiberId.none)
        Effect.runSync(slots.release(1))
      })
      assert.isTrue(Exit.isInterrupted(yield* Fiber.await(waiter)))
      yield* Fiber.join(next)
      assert.deepStrictEqual(ran, ["next"])
      assert.strictEqual(slots.free, 1)
      assert.strictEqual(slots.waiting, 0)
    }))

  it.effect("a holder interrupted, or failing, gives its permits back", () =>
    Effect.gen(function*() {
      const slots = new Slots(2)
      const holding = yield* Effect.fork(slots.withPermits(2)(Effect.never))
      yield* until(() => slots.free === 0)
      yield* Fiber.interrupt(holding)
      assert.strictEqual(slots.free, 2)
      const failed = yield* Effect.exit(slots.withPermits(1)(Effect.fail("refused")))
      assert.deepStrictEqual(failed, Exit.fail("refused"))
      const died = yield* Effect.exit(slots.withPermits(1)(Effect.die("broken")))
      assert.isTrue(Exit.isFailure(died))
      assert.strictEqual(slots.free, 2)
    }))

  it.effect("take, release, releaseAll and resize keep the count, and resize lets waiters in", () =>
    Effect.gen(function*() {
      const slots = new Slots(2)
      assert.strictEqual(yield* slots.take(2), 2)
      const waiting = yield* Effect.fork(slots.take(1))
      yield* until(() => slots.waiting === 1)
      yield* slots.resize(3)
      assert.strictEqual(yield* Fiber.join(waiting), 1)
      assert.strictEqual(slots.free, 0)
      assert.strictEqual(yield* slots.release(1), 1)
      assert.strictEqual(yield* slots.releaseAll, 3)
      assert.strictEqual(
        Option.getOrThrow(yield* slots.withPermitsIfAvailable(3)(Effect.succeed("all"))),
        "all"
      )
      assert.strictEqual(slots.free, 3)
    }))

  it.effect("under random interruptions, holders stay within bounds and no permit is lost", () =>
    Effect.gen(function*() {
      const slots = new Slots(4)
      let inside = 0
      let most = 0
      const fibers: Array<Fiber.RuntimeFiber<void>> = []
      for (let i = 0; i < 200; i++) {
        const turns = yield* Random.nextIntBetween(0, 6)
        fibers.push(
          yield* Effect.fork(
            slots.withPermits(1 + (i % 3 === 0 ? 1 : 0))(Effect.gen(function*() {
              most = Math.max(most, ++inside)
              yield* Effect.ensuring(
                Effect.forEach(Array.from({ length: turns }), () => Effect.yieldNow(), { discard: true }),
                Effect.sync(() => void inside--)
              )
            }))
          )
        )
        if (yield* Random.nextBoolean) yield* Effect.yieldNow()
      }
      for (const fiber of fibers) {
        if (yield* Random.nextBoolean) yield* Fiber.interruptFork(fiber)
      }
      yield* Fiber.awaitAll(fibers)
      assert.isAtMost(most, 4)
      assert.strictEqual(inside, 0)
      assert.strictEqual(slots.free, 4)
      assert.strictEqual(slots.waiting, 0)
    }))

  it.effect("a download's slot, taken and interrupted at any step, is given back", () =>
    Effect.gen(function*() {
      const leaks: Array<string> = []
      // The attempt's fiber yields every `m` steps; it is interrupted after `k` yields of this one.
      for (let m = 10; m < 40; m++) {
        for (let k = 0; k < 12; k++) {
          const slots = new Slots(1)
          const scope = yield* Scope.make()
          const fiber = yield* Effect.fork(
            InFlight.untilClosed(slots, scope)(Effect.void).pipe(Effect.withMaxOpsBeforeYield(m))
          )
          for (let i = 0; i < k; i++) yield* Effect.yieldNow()
          yield* Fiber.interrupt(fiber)
          yield* Scope.close(scope, Exit.void)
          if (slots.free !== 1) leaks.push(`m=${m} k=${k}`)
        }
      }
      assert.deepStrictEqual(leaks, [])
    }))

  it.effect("a waiter for more permits than there are holds up nobody, and is let in by a resize", () =>
    Effect.gen(function*() {
      const slots = new Slots(2)
      const big = yield* Effect.fork(slots.take(3))
      yield* until(() => slots.waiting === 1)
      const small = yield* Effect.fork(slots.withPermits(1)(Effect.succeed("small")))
      assert.strictEqual(yield* Fiber.join(small), "small")
      yield* slots.resize(3)
      assert.strictEqual(yield* Fiber.join(big), 3)
      assert.strictEqual(slots.free, 0)
      assert.strictEqual(slots.waiting, 0)
    }))

  it.effect("a resize below a queued waiter's need does not hold up the smaller ones behind it", () =>
    Effect.gen(function*() {
      const slots = new Slots(2)
      yield* slots.take(2)
      const big = yield* Effect.fork(slots.take(2))
      yield* until(() => slots.waiting === 1)
      const small = yield* Effect.fork(slots.withPermits(1)(Effect.succeed("small")))
      yield* until(() => slots.waiting === 2)
      yield* slots.resize(1)
      yield* slots.release(2)
      assert.strictEqual(yield* Fiber.join(small), "small")
      yield* Fiber.interrupt(big)
      assert.strictEqual(slots.waiting, 0)
      assert.strictEqual(slots.free, 1)
    }))
})
