import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as JobWaiting from "../../src/agave/JobWaiting.js"
import type { JobStatusResult } from "../../src/agave/schemas/Job.js"

/** A job whose status follows `timeline` (seconds → status) on the Clock; counts its reads. */
const job = (timeline: ReadonlyArray<readonly [number, string]>) => {
  let reads = 0
  const getStatus = (jobId: string) =>
    Effect.clockWith((clock) =>
      Effect.sync((): JobStatusResult => {
        reads++
        const now = clock.unsafeCurrentTimeMillis() / 1000
        const status = [...timeline].reverse().find(([at]) => at <= now)?.[1] ?? "PENDING"
        return { id: jobId, status }
      })
    )
  return { getStatus, reads: () => reads }
}

describe("Agave job waiting", () => {
  it.effect("watch: each change of status once, until a terminal one; an unknown status does not stop it", () =>
    Effect.gen(function*() {
      const { getStatus } = job([[0, "PENDING"], [3, "QUEUED"], [10, "RUNNING"], [15, "HEARTBEAT"], [20, "ARCHIVING"], [
        40,
        "FINISHED"
      ]])
      const fiber = yield* Effect.fork(
        Stream.runCollect(JobWaiting.watch("j-1", getStatus, { schedule: Schedule.spaced("1 second") }))
      )
      yield* TestClock.adjust(Duration.seconds(60))
      const seen = Chunk.toArray(yield* Fiber.join(fiber)).map((s) => s.status)
      assert.deepStrictEqual(seen, ["PENDING", "QUEUED", "RUNNING", "HEARTBEAT", "ARCHIVING", "FINISHED"])
    }))

  it.effect("await: the terminal status, failures included; awaitSuccess fails them with JobFailed", () =>
    Effect.gen(function*() {
      const { getStatus } = job([[0, "RUNNING"], [5, "FAILED"]])
      const awaited = yield* Effect.fork(JobWaiting.await_("j-2", getStatus))
      yield* TestClock.adjust(Duration.minutes(1))
      assert.strictEqual((yield* Fiber.join(awaited)).status, "FAILED")
      const success = yield* Effect.fork(Effect.flip(JobWaiting.awaitSuccess("j-2", getStatus)))
      yield* TestClock.adjust(Duration.minutes(1))
      const error = yield* Fiber.join(success)
      assert.strictEqual(error._tag, "JobFailed")
      if (error._tag === "JobFailed") assert.strictEqual(error.status, "FAILED")
    }))

  it.effect("a schedule that ends first fails await with JobStillActive; the default one backs off to 30 s", () =>
    Effect.gen(function*() {
      const { getStatus } = job([[0, "RUNNING"]])
      const error = yield* Effect.flip(JobWaiting.await_("j-3", getStatus, { schedule: Schedule.recurs(0) }))
      assert.strictEqual(error._tag, "JobStillActive")
      if (error._tag === "JobStillActive") assert.strictEqual(error.status, "RUNNING")
      const counted = job([[0, "RUNNING"]])
      const fiber = yield* Effect.fork(JobWaiting.await_("j-4", counted.getStatus))
      yield* TestClock.adjust(Duration.hours(1))
      // Backing off: far fewer reads in an hour than once a second, at least one every 30 seconds.
      assert.isAtLeast(counted.reads(), 120)
      assert.isBelow(counted.reads(), 200)
      yield* Fiber.interrupt(fiber)
    }))
})
