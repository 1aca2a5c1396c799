/**
 * `Traced.fn`: hand-written operations traced like records — a span named for the operation, its
 * stack trace at the definition, its errors typed as `Effect.fn`'s, and no span with tracing off.
 */
import { assert, describe, expectTypeOf, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Traced from "../../src/core/Traced.js"
import { recordingTracer } from "../helpers/spans.js"

class Refused {
  readonly _tag = "Refused"
}

const check = Traced.fn("test.check")(function*(value: number) {
  yield* Effect.annotateCurrentSpan("test.value", value)
  if (value < 0) return yield* Effect.fail(new Refused())
  return value * 2
})

describe("Traced.fn", () => {
  it("types its errors and success like Effect.fn", () => {
    expectTypeOf(check).toEqualTypeOf<(value: number) => Effect.Effect<number, Refused, never>>()
  })

  it.effect("opens a span named for the operation, its stack trace where it is defined", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      assert.strictEqual(yield* Effect.withTracer(check(2), tracer), 4)
      const exit = yield* Effect.exit(Effect.withTracer(check(-1), tracer))
      assert.isTrue(Exit.isFailure(exit))
      assert.deepStrictEqual(spans.map((span) => span.name), ["test.check", "test.check"])
      assert.strictEqual(spans[0]!.attributes.get("test.value"), 2)
      // A failed call's span says where the operation was defined.
      assert.include(String(spans[1]!.attributes.get("code.stacktrace")), "traced.test.ts:")
      assert.strictEqual(spans[1]!.status._tag, "Ended")
    }))

  it.effect("opens no span with tracing turned off", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      assert.strictEqual(yield* check(3).pipe(Effect.withTracerEnabled(false), Effect.withTracer(tracer)), 6)
      assert.deepStrictEqual(spans, [])
    }))

  it.effect("runs its body anew on every call", () =>
    Effect.gen(function*() {
      let runs = 0
      const count = Traced.fn("test.count")(function*() {
        runs++
        return yield* Effect.succeed(runs)
      })
      const effect = count()
      assert.strictEqual(yield* effect, 1)
      assert.strictEqual(yield* effect, 2)
    }))
})
