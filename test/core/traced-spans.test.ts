/**
 * `Traced.useSpan` and `Traced.withSpan` open and end spans as Effect's own do — parent, links,
 * annotations, timing, the test clock, where a failure points — except that a success's exit holds no
 * answer; and unlike Effect's, a span once opened is ended however its fiber is interrupted, and a
 * tracer that throws as a span ends does not take the effect's own failure with it.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import * as Tracer from "effect/Tracer"
import * as Traced from "../../src/core/Traced.js"
import { recordingTracer } from "../helpers/spans.js"

// What two spans made by different runs can have in common (their ids differ).
const shape = (span: Tracer.Span) => ({
  name: span.name,
  parent: Option.isSome(span.parent),
  links: span.links.length,
  attributes: [...span.attributes.keys()].sort(),
  exit: span.status._tag === "Ended" ? span.status.exit._tag : "not ended",
  duration: span.status._tag === "Ended" ? span.status.endTime - span.status.startTime : undefined
})

describe("Traced spans", () => {
  it.effect("are Effect.withSpan's spans: parent, links, annotations, timing on and off, the test clock", () =>
    Effect.gen(function*() {
      for (const timing of [true, false]) {
        for (const fails of [false, true]) {
          const run = (wrap: (self: Effect.Effect<void, string>) => Effect.Effect<void, string>) =>
            Effect.gen(function*() {
              const { spans, tracer } = yield* recordingTracer
              const link = yield* Effect.makeSpan("link")
              yield* Effect.exit(
                wrap(Effect.zipRight(TestClock.adjust("5 millis"), fails ? Effect.fail("no") : Effect.void)).pipe(
                  Effect.linkSpans(link),
                  Effect.annotateSpans("test.annotation", 1),
                  Effect.withSpan("parent"),
                  Effect.withTracerTiming(timing),
                  Effect.withTracer(tracer)
                )
              )
              return spans.filter((span) => span.name !== "link").map(shape)
            })
          const ours = yield* run(Traced.withSpan("x"))
          const effects = yield* run(Effect.withSpan("x"))
          assert.deepStrictEqual(ours, effects, `timing ${timing}, ${fails ? "failing" : "succeeding"}`)
          if (timing) assert.strictEqual(ours.find((span) => span.name === "x")!.duration, BigInt(5_000_000))
        }
      }
    }))

  it.effect("name the span and the caller's file in a failure's trace", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Effect.fail(new Error("no")).pipe(Traced.withSpan("test.where")))
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit)) assert.match(Cause.pretty(exit.cause), /at test\.where \(.*traced-spans\.test\.ts/)
    }))

  it.effect("with tracing turned off, open none", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const value = yield* Effect.succeed(1).pipe(
        Traced.withSpan("test.off"),
        Effect.withTracer(tracer),
        Effect.provide(Layer.setTracerEnabled(false))
      )
      assert.strictEqual(value, 1)
      assert.strictEqual(spans.length, 0)
    }))

  it.effect("leave a span its user ended as it is", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      yield* Effect.exit(
        Traced.useSpan("test.self", {}, (span) =>
          Effect.zipRight(
            Effect.sync(() => span.end(BigInt(7), Exit.void)),
            Effect.fail("x")
          )).pipe(
            Effect.withTracer(tracer)
          )
      )
      const [span] = spans as [Tracer.Span]
      assert.isTrue(span.status._tag === "Ended" && span.status.endTime === BigInt(7))
      assert.isFalse(span.attributes.has("code.stacktrace"))
    }))

  it.effect("keep the effect's failure when the tracer throws as the span ends", () =>
    Effect.gen(function*() {
      const native = yield* Effect.tracer
      const throwing = Tracer.make({
        span: (...args) =>
          Object.assign(Object.create(native.span(...args)), {
            end: () => {
              throw new Error("exporter broke")
            }
          }),
        context: native.context
      })
      const exit = yield* Effect.exit(Effect.fail("boom").pipe(Traced.withSpan("test.t"), Effect.withTracer(throwing)))
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit)) {
        assert.deepStrictEqual(Option.toArray(Cause.failureOption(exit.cause)), ["boom"])
        assert.isTrue(Cause.isDie(exit.cause))
      }
    }))

  it.effect("end every span they open, however its fiber is interrupted", () =>
    Effect.gen(function*() {
      const open: Array<string> = []
      // The fiber yields every `m` steps and is interrupted after `k` yields of this one.
      for (let m = 10; m < 40; m++) {
        for (let k = 0; k < 8; k++) {
          const { spans, tracer } = yield* recordingTracer
          const fiber = yield* Effect.fork(
            Effect.void.pipe(Traced.withSpan("test.s"), Effect.withTracer(tracer), Effect.withMaxOpsBeforeYield(m))
          )
          for (let i = 0; i < k; i++) yield* Effect.yieldNow()
          yield* Fiber.interrupt(fiber)
          if (spans.some((span) => span.status._tag !== "Ended")) open.push(`m=${m} k=${k}`)
        }
      }
      assert.deepStrictEqual(open, [])
    }))

  it.effect("a failure rendered inside a Traced.fn or Traced.withSpan span names the span with where it was defined", () =>
    Effect.gen(function*() {
      const op = Traced.fn("example.op")(function*() {
        const exit = yield* Effect.exit(Effect.fail(new Error("boom")))
        return Exit.isFailure(exit) ? Cause.pretty(exit.cause) : ""
      })
      assert.match(yield* op(), /at example\.op \(\S*traced-spans\.test\.ts:\d+:\d+\)/)
      const logged: Array<string> = []
      yield* Effect.fail(new Error("boom")).pipe(
        Effect.tapErrorCause((cause) => Effect.sync(() => logged.push(Cause.pretty(cause)))),
        Effect.orElseSucceed(() => 0),
        Traced.withSpan("example.withSpan")
      )
      assert.match(logged[0] ?? "", /at example\.withSpan \(\S*traced-spans\.test\.ts:\d+:\d+\)/)
    }))
})
