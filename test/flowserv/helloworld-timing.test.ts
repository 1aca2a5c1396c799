/**
 * Issue 10, item 3: the test server's `helloworld` runs as the real template does — a short start-up,
 * then `sleeptime` seconds per name — so a run started with `sleeptime` 0 is still active right after
 * the start (and cannot be deleted yet), as on the real server. All on TestClock.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import type { RunHandle } from "../../src/flowserv/index.js"
import { RunArguments, Runs } from "../../src/flowserv/index.js"
import { helloworldStartupMillis } from "../../src/testkit/index.js"
import { as, benchmarkGroup, withServer } from "../helpers/flowserv.js"
import { failure, text } from "../helpers/outcomes.js"

// Starts a helloworld run on a fresh group whose names file is `names`.
const startWith = (names: string, args: RunArguments.Arguments) =>
  Effect.gen(function*() {
    const runs = yield* Runs
    const { group, upload, user } = yield* benchmarkGroup("alice", "helloworld", names)
    const run = yield* runs.start(group.id, { names: RunArguments.file(upload.id), ...args }).pipe(as(user))
    const get = runs.get(run.id).pipe(as(user))
    return { runs, run, user, get }
  })

const duration = (run: RunHandle) => DateTime.distance(run.startedAt!, run.finishedAt!)

describe("helloworld runs take as long as the real template (issue 10)", () => {
  it.effect("sleeptime 0 and several names: still RUNNING after the start, so a delete is refused", () =>
    Effect.gen(function*() {
      const { get, run, runs, user } = yield* startWith("Alice\nBob\nCarol\n", { sleeptime: 0 })
      assert.strictEqual(run.state, "RUNNING")
      const refused = yield* failure(runs.delete(run.id).pipe(as(user)))
      assert.strictEqual(refused.tag, "InvalidRequest")
      assert.include(refused.message, "invalid operation for run in state")
      yield* TestClock.adjust(helloworldStartupMillis - 1)
      assert.strictEqual((yield* get).state, "RUNNING")
      yield* TestClock.adjust(1)
      const done = yield* get
      assert.strictEqual(done.state, "SUCCESS")
      assert.strictEqual(duration(done), helloworldStartupMillis)
      yield* runs.delete(run.id).pipe(as(user))
    }).pipe(withServer))

  it.effect("sleeptime seconds per name, after the start-up", () =>
    Effect.gen(function*() {
      // Probe #178–#186: two names, sleeptime 1, a little over two seconds on the real server.
      const { get } = yield* startWith("Alice\nBob\n", { greeting: "Hi", sleeptime: 1 })
      yield* TestClock.adjust(2000 + helloworldStartupMillis - 1)
      assert.strictEqual((yield* get).state, "RUNNING")
      yield* TestClock.adjust(1)
      const done = yield* get
      assert.strictEqual(done.state, "SUCCESS")
      assert.strictEqual(duration(done), 2000 + helloworldStartupMillis)
      assert.isAbove(duration(done), 2000)
      assert.isBelow(duration(done), 3000)
    }).pipe(withServer))

  it.effect("the default sleeptime (2) applies per name too", () =>
    Effect.gen(function*() {
      const { get } = yield* startWith("A\nB\nC", {})
      yield* TestClock.adjust(6000 + helloworldStartupMillis - 1)
      assert.strictEqual((yield* get).state, "RUNNING")
      yield* TestClock.adjust(1)
      assert.strictEqual((yield* get).state, "SUCCESS")
    }).pipe(withServer))

  it.effect("every line is a name, a blank one too (readlines), and the results follow", () =>
    Effect.gen(function*() {
      const { get, run, runs } = yield* startWith("Alice\r\n\nBob", { greeting: "Hi", sleeptime: 1 })
      yield* TestClock.adjust(3000 + helloworldStartupMillis - 1)
      assert.strictEqual((yield* get).state, "RUNNING")
      yield* TestClock.adjust(1)
      const done = yield* get
      assert.strictEqual(done.state, "SUCCESS")
      const greetings = done.files!.find((f) => f.name === "results/greetings.txt")!
      assert.strictEqual(yield* text(runs.downloadFile(run.id, greetings.id)), "Hi Alice!\nHi !\nHi Bob!\n")
      const analytics = done.files!.find((f) => f.name === "results/analytics.json")!
      assert.deepStrictEqual(JSON.parse(yield* text(runs.downloadFile(run.id, analytics.id))), {
        avg_count: (9 + 4 + 7) / 3,
        max_len: 9,
        max_line: "Hi Alice!"
      })
    }).pipe(withServer))

  it.effect("where the template's Python fails, the run ends in ERROR after the start-up", () =>
    Effect.gen(function*() {
      const empty = yield* startWith("", { sleeptime: 0 })
      yield* TestClock.adjust(helloworldStartupMillis)
      const noNames = yield* empty.get
      assert.deepStrictEqual([noNames.state, noNames.messages], ["ERROR", ["ZeroDivisionError: division by zero"]])
    }).pipe(withServer))

  it.effect("a negative sleeptime is refused by time.sleep: ERROR", () =>
    Effect.gen(function*() {
      const negative = yield* startWith("Alice\n", { sleeptime: -1 })
      assert.strictEqual(negative.run.state, "RUNNING")
      yield* TestClock.adjust(helloworldStartupMillis)
      const failed = yield* negative.get
      assert.deepStrictEqual([failed.state, failed.messages], ["ERROR", [
        "ValueError: sleep length must be non-negative"
      ]])
    }).pipe(withServer))
})
