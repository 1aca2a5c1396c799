import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as ExecutionWaiting from "../../src/agave/ExecutionWaiting.js"
import type { Execution } from "../../src/agave/schemas/Actor.js"

/** An execution whose status follows `timeline` (seconds → status) on the Clock; counts its reads. */
const execution = (timeline: ReadonlyArray<readonly [number, string | undefined]>) => {
  let reads = 0
  const getExecution = (actorId: string, executionId: string) =>
    Effect.clockWith((clock) =>
      Effect.sync((): Execution => {
        reads++
        const now = clock.unsafeCurrentTimeMillis() / 1000
        const status = [...timeline].reverse().find(([at]) => at <= now)?.[1]
        return { id: executionId, actorId, status }
      })
    )
  return { getExecution, reads: () => reads }
}

describe("waiting for an actor's execution", () => {
  it.effect("watch: each change once, SUBMITTED → RUNNING → COMPLETE; unknown or missing statuses go on", () =>
    Effect.gen(function*() {
      const { getExecution } = execution([[0, "SUBMITTED"], [2, undefined], [4, "RUNNING"], [6, "PAUSED?"], [
        9,
        "COMPLETE"
      ], [20, "SUBMITTED"]])
      const fiber = yield* Effect.fork(
        Stream.runCollect(ExecutionWaiting.watch("a1", "e1", getExecution, { schedule: Schedule.spaced("1 second") }))
      )
      yield* TestClock.adjust(Duration.seconds(30))
      const seen = Chunk.toArray(yield* Fiber.join(fiber)).map((e) => e.status)
      assert.deepStrictEqual(seen, ["SUBMITTED", undefined, "RUNNING", "PAUSED?", "COMPLETE"])
    }))

  it.effect("await: the last reading, ERROR included", () =>
    Effect.gen(function*() {
      const { getExecution } = execution([[0, "RUNNING"], [3, "ERROR"]])
      const fiber = yield* Effect.fork(ExecutionWaiting.await_("a1", "e2", getExecution))
      yield* TestClock.adjust(Duration.minutes(1))
      const done = yield* Fiber.join(fiber)
      assert.deepStrictEqual([done.id, done.status], ["e2", "ERROR"])
    }))

  it.effect("a schedule that ends first fails with ExecutionStillActive; the default one backs off to 10 s", () =>
    Effect.gen(function*() {
      const { getExecution } = execution([[0, "SUBMITTED"]])
      const error = yield* Effect.flip(
        ExecutionWaiting.await_("a1", "e3", getExecution, { schedule: Schedule.recurs(2) })
      )
      assert.strictEqual(error._tag, "ExecutionStillActive")
      if (error._tag === "ExecutionStillActive") {
        assert.deepStrictEqual([error.actorId, error.executionId, error.status], ["a1", "e3", "SUBMITTED"])
      }
      const counted = execution([[0, "RUNNING"]])
      const fiber = yield* Effect.fork(ExecutionWaiting.await_("a1", "e4", counted.getExecution))
      yield* TestClock.adjust(Duration.minutes(20))
      // Backing off: far fewer reads than every 500 ms, and at least one every 10 seconds.
      assert.isAtLeast(counted.reads(), 120)
      assert.isBelow(counted.reads(), 140)
      yield* Fiber.interrupt(fiber)
    }))
})
