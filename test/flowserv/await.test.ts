import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { RunArguments, Runs } from "../../src/flowserv/index.js"
import type { RunScript, WorkflowSeed } from "../../src/testkit/index.js"
import { FlowservTestServer, helloworldParameters } from "../../src/testkit/index.js"
import { as, benchmarkGroup } from "../helpers/flowserv.js"

const scripted = (run: RunScript): WorkflowSeed => ({
  id: "scripted",
  name: "Scripted",
  parameters: helloworldParameters,
  run
})

const withScript = (run: RunScript) => <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.provide(self, FlowservTestServer.layerFlowserv({ workflows: [scripted(run)] }))

const every = (interval: Duration.DurationInput) => ({ schedule: Schedule.spaced(interval) })

// Starts a run of the scripted workflow and returns what's needed to follow it.
const startScripted = Effect.gen(function*() {
  const runs = yield* Runs
  const { group, upload, user } = yield* benchmarkGroup("alice", "scripted")
  const run = yield* runs.start(group.id, { names: RunArguments.file(upload.id) }).pipe(as(user))
  return { runs, run, user }
})

const pollCount = (runId: string) =>
  Effect.map(FlowservTestServer, (server) => server.requests().filter((r) => r.url.endsWith(`/runs/${runId}`)).length)

describe("Runs.await and Runs.watch (TestClock)", () => {
  it.effect("await returns the SUCCESS handle once the run has finished", () =>
    Effect.gen(function*() {
      const { run, runs, user } = yield* startScripted
      assert.strictEqual(run.state, "PENDING")
      const fiber = yield* Effect.fork(runs.await(run.id, every("1 second")).pipe(as(user)))
      yield* TestClock.adjust("4 seconds")
      assert.isNull(fiber.unsafePoll())
      yield* TestClock.adjust("1 second")
      const done = yield* Fiber.join(fiber)
      assert.strictEqual(done.state, "SUCCESS")
      assert.isDefined(done.finishedAt)
      // one poll at start, one per second
      assert.strictEqual(yield* pollCount(run.id), 6)
    }).pipe(withScript({ pendingMillis: 2000, runningMillis: 3000 })))

  it.effect("await returns an ERROR handle with its messages; awaitSuccess fails with RunFailed", () =>
    Effect.gen(function*() {
      const { run, runs, user } = yield* startScripted
      const fiber = yield* Effect.fork(runs.await(run.id, every("500 millis")).pipe(as(user)))
      const strict = yield* Effect.fork(Effect.flip(runs.awaitSuccess(run.id, every("500 millis")).pipe(as(user))))
      yield* TestClock.adjust("1 second")
      const done = yield* Fiber.join(fiber)
      assert.strictEqual(done.state, "ERROR")
      assert.deepStrictEqual(done.messages, ["division by zero", "exit code 1"])
      const error = yield* Fiber.join(strict)
      assert.strictEqual(error._tag, "RunFailed")
      if (error._tag === "RunFailed") {
        assert.strictEqual(error.state, "ERROR")
        assert.deepStrictEqual(error.messages, ["division by zero", "exit code 1"])
        assert.include(error.message, "division by zero")
      }
    }).pipe(withScript({ runningMillis: 1000, outcome: "ERROR", messages: ["division by zero", "exit code 1"] })))

  it.effect("RunFailed quotes the start of a long error output; its messages keep it all", () =>
    Effect.gen(function*() {
      const { run, runs, user } = yield* startScripted
      const strict = yield* Effect.fork(Effect.flip(runs.awaitSuccess(run.id, every("500 millis")).pipe(as(user))))
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(strict)
      assert.strictEqual(error._tag, "RunFailed")
      if (error._tag !== "RunFailed") return
      assert.strictEqual(error.message.length, 1_000)
      assert.isTrue(error.message.endsWith("…"))
      assert.strictEqual(error.messages[0]!.length, 200_000)
    }).pipe(withScript({ runningMillis: 1000, outcome: "ERROR", messages: ["e".repeat(200_000), "exit code 1"] })))

  it.effect("a run canceled while awaited ends the wait with the CANCELED handle", () =>
    Effect.gen(function*() {
      const { run, runs, user } = yield* startScripted
      const fiber = yield* Effect.fork(runs.await(run.id, every("1 second")).pipe(as(user)))
      yield* TestClock.adjust("2 seconds")
      yield* runs.cancel(run.id, "taking too long").pipe(as(user))
      yield* TestClock.adjust("1 second")
      const done = yield* Fiber.join(fiber)
      assert.strictEqual(done.state, "CANCELED")
      assert.deepStrictEqual(done.messages, ["taking too long"])
      const strict = yield* Effect.flip(runs.awaitSuccess(run.id).pipe(as(user)))
      assert.strictEqual(strict._tag === "RunFailed" && strict.state, "CANCELED")
    }).pipe(withScript({ runningMillis: 60_000 })))

  it.effect("watch emits each state once, in order, and ends with the final one", () =>
    Effect.gen(function*() {
      const { run, runs, user } = yield* startScripted
      const fiber = yield* Effect.fork(Stream.runCollect(runs.watch(run.id, every("250 millis")).pipe(as(user))))
      yield* TestClock.adjust("10 seconds")
      const states = Chunk.toReadonlyArray(yield* Fiber.join(fiber)).map((handle) => handle.state)
      assert.deepStrictEqual(states, ["PENDING", "RUNNING", "SUCCESS"])
      // Polling stopped at the final state: at 0 s, then 4 per second until 3 s.
      assert.strictEqual(yield* pollCount(run.id), 1 + 12)
    }).pipe(withScript({ pendingMillis: 1000, runningMillis: 2000 })))

  it.effect("interrupting await stops the polling", () =>
    Effect.gen(function*() {
      const { run, runs, user } = yield* startScripted
      const fiber = yield* Effect.fork(runs.await(run.id, every("1 second")).pipe(as(user)))
      yield* TestClock.adjust("3 seconds")
      yield* Fiber.interrupt(fiber)
      const polls = yield* pollCount(run.id)
      yield* TestClock.adjust("1 minute")
      assert.strictEqual(yield* pollCount(run.id), polls)
      // at 0, 1, 2 and 3 seconds
      assert.strictEqual(polls, 4)
    }).pipe(withScript({ runningMillis: 3_600_000 })))

  it.effect("a timeout around await ends it with None while the run goes on", () =>
    Effect.gen(function*() {
      const { run, runs, user } = yield* startScripted
      const fiber = yield* Effect.fork(runs.await(run.id).pipe(as(user), Effect.timeoutOption("30 seconds")))
      yield* TestClock.adjust("30 seconds")
      assert.isTrue(Option.isNone(yield* Fiber.join(fiber)))
      assert.strictEqual((yield* runs.get(run.id).pipe(as(user))).state, "RUNNING")
    }).pipe(withScript({ runningMillis: 3_600_000 })))

  it.effect("a schedule that ends first fails await with RunStillActive", () =>
    Effect.gen(function*() {
      const { run, runs, user } = yield* startScripted
      const fiber = yield* Effect.fork(
        Effect.flip(runs.await(run.id, { schedule: Schedule.spaced("1 second").pipe(Schedule.upTo("5 seconds")) }))
          .pipe(as(user))
      )
      yield* TestClock.adjust("10 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "RunStillActive")
      assert.strictEqual(error._tag === "RunStillActive" && error.state, "RUNNING")
    }).pipe(withScript({ runningMillis: 3_600_000 })))

  it.effect("the default schedule backs off to at most 5 seconds between polls", () =>
    Effect.gen(function*() {
      const { run, runs, user } = yield* startScripted
      const fiber = yield* Effect.fork(runs.await(run.id).pipe(as(user)))
      yield* TestClock.adjust("60 seconds")
      const early = yield* pollCount(run.id)
      yield* TestClock.adjust("60 seconds")
      const later = (yield* pollCount(run.id)) - early
      assert.strictEqual(later, 12)
      yield* TestClock.adjust("1 hour")
      assert.strictEqual((yield* Fiber.join(fiber)).state, "SUCCESS")
    }).pipe(withScript({ runningMillis: 600_000 })))

  it.effect("a failing poll fails the wait with the call's error", () =>
    Effect.gen(function*() {
      const { run, runs, user } = yield* startScripted
      const fiber = yield* Effect.fork(Effect.flip(runs.await(run.id, every("1 second")).pipe(as(user))))
      yield* TestClock.adjust("1 second")
      yield* runs.cancel(run.id).pipe(as(user))
      yield* runs.delete(run.id).pipe(as(user))
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "NotFound")
    }).pipe(withScript({ runningMillis: 60_000 })))
})
