/**
 * A span keeps the exit it ended with for as long as the span itself is kept: by an exporter's batch,
 * or, with Effect's native tracer, long enough that V8 promoted every listing page to its old
 * generation (collecting garbage took three times as long while streaming). So the SDK's spans end
 * with a success that holds no answer: records, `Traced.fn`, `Traced.withSpan`. Failures end as they
 * are, and the caller still gets its own answer, however often and however concurrently the same
 * effect runs.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import type * as Tracer from "effect/Tracer"
import * as Traced from "../../src/core/Traced.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import { recordingTracer } from "../helpers/spans.js"

// Answers item-N for the Nth request, and 404 for `missing`.
const numbered = () => {
  let calls = 0
  return layerHttpClient(async (request) => {
    if (request.url.endsWith("/missing")) return Response.json({ message: "no such item" }, { status: 404 })
    const index = ++calls
    // A little later for the early ones, so that concurrent answers arrive out of order.
    await new Promise((resolve) => setTimeout(resolve, (64 - index) % 5))
    return Response.json({ id: `item-${index}`, index, name: `number ${index}` })
  })
}

// Whether `target` can be reached from `root` through own properties, array elements, map and set
// entries: what a span keeps alive, whatever field it is in.
const reaches = (root: unknown, target: object): boolean => {
  const seen = new Set<unknown>()
  const stack: Array<unknown> = [root]
  while (stack.length > 0 && seen.size < 100_000) {
    const value = stack.pop()
    if (value === target) return true
    if (typeof value !== "object" || value === null || seen.has(value)) continue
    seen.add(value)
    if (value instanceof Map) { for (const [k, v] of value) stack.push(k, v) }
    else if (value instanceof Set) { for (const v of value) stack.push(v) }
    for (const key of Reflect.ownKeys(value)) {
      stack.push((value as Record<PropertyKey, unknown>)[key])
    }
  }
  return false
}

const ended = (span: Tracer.Span) => {
  assert.strictEqual(span.status._tag, "Ended")
  return (span.status as Extract<Tracer.SpanStatus, { _tag: "Ended" }>).exit
}

describe("a span's exit", () => {
  it.effect("of a record's call is a success that holds nothing of the answer", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const client = yield* makeSyntheticClient({ url: "http://api.test" })
      const item = yield* client.get("item-1").pipe(Effect.withTracer(tracer))
      assert.strictEqual(item.id, "item-1")
      const [get] = spans as [Tracer.Span]
      assert.strictEqual(get.name, "synthetic.get")
      const exit = ended(get)
      assert.isTrue(Exit.isSuccess(exit))
      assert.isFalse(reaches(get, item), "the span keeps the answer")
    }).pipe(Effect.provide(numbered())))

  it.effect("of a failed call holds the failure, as before", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const client = yield* makeSyntheticClient({ url: "http://api.test" })
      const error = yield* Effect.flip(client.get("missing").pipe(Effect.withTracer(tracer)))
      assert.strictEqual(error._tag, "NotFound")
      const exit = ended(spans[0]!)
      assert.isTrue(Exit.isFailure(exit))
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit)) assert.strictEqual(Option.getOrThrow(Cause.failureOption(exit.cause)), error)
    }).pipe(Effect.provide(numbered())))

  it.effect("gives every run of the same call effect its own answer, run concurrently", () =>
    Effect.gen(function*() {
      const { tracer } = yield* recordingTracer
      const client = yield* makeSyntheticClient({ url: "http://api.test" })
      const call = client.get("item").pipe(Effect.withTracer(tracer))
      const answers = yield* Effect.all(Array.from({ length: 48 }, () => call), { concurrency: "unbounded" })
      const indexes = answers.map((answer) => answer.index).sort((a, b) => a - b)
      assert.deepStrictEqual(indexes, Array.from({ length: 48 }, (_, i) => i + 1))
    }).pipe(Effect.provide(numbered())))

  it.effect("of Traced.fn and Traced.withSpan holds nothing of the answer, which the caller gets", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const page = { items: Array.from({ length: 100 }, (_, i) => ({ i })) }
      const viaFn = Traced.fn("test.page")(function*() {
        return yield* Effect.succeed(page)
      })
      const fromFn = yield* viaFn().pipe(Effect.withTracer(tracer))
      const fromWith = yield* Effect.succeed(page).pipe(Traced.withSpan("test.with"), Effect.withTracer(tracer))
      assert.strictEqual(fromFn, page)
      assert.strictEqual(fromWith, page)
      assert.deepStrictEqual(spans.map((span) => span.name), ["test.page", "test.with"])
      for (const span of spans) {
        assert.isTrue(Exit.isSuccess(ended(span)))
        assert.isFalse(reaches(span, page), `${span.name} keeps the answer`)
      }
    }))

  it.effect("of an interrupted Traced.useSpan is the interruption, and the span has ended", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const started = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(
        Traced.useSpan(
          "test.interrupted",
          {},
          () => Effect.zipRight(Deferred.succeed(started, undefined), Effect.never)
        )
          .pipe(Effect.withTracer(tracer))
      )
      yield* Deferred.await(started)
      yield* Fiber.interrupt(fiber)
      const exit = ended(spans[0]!)
      assert.isTrue(Exit.isInterrupted(exit))
      // Its stack trace, for a failure, points at this file, where `useSpan` was called.
      assert.include(String(spans[0]!.attributes.get("code.stacktrace")), "span-answer.test.ts")
    }))

  it.effect("of Traced.withSpan is the parent of the spans inside, and its stack trace points at the caller", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const exit = yield* Effect.exit(
        Effect.fail("refused").pipe(
          Effect.withSpan("test.inner"),
          Traced.withSpan("test.outer", { attributes: { "test.kind": "outer" } }),
          Effect.withTracer(tracer)
        )
      )
      assert.isTrue(Exit.isFailure(exit))
      const outer = spans.find((span) => span.name === "test.outer")!
      const inner = spans.find((span) => span.name === "test.inner")!
      assert.strictEqual(Option.getOrThrow(inner.parent).spanId, outer.spanId)
      assert.strictEqual(outer.attributes.get("test.kind"), "outer")
      assert.include(String(outer.attributes.get("code.stacktrace")), "span-answer.test.ts")
    }))

  it.effect("of a call interrupted at any step as its span ends holds nothing of the answer", () =>
    Effect.gen(function*() {
      const kept: Array<string> = []
      // The call's fiber yields every `m` steps; it is interrupted after `k` yields of this one.
      for (let m = 10; m < 40; m++) {
        for (let k = 0; k < 12; k++) {
          const { spans, tracer } = yield* recordingTracer
          const page = { items: [1, 2, 3] }
          const fiber = yield* Effect.fork(
            Effect.succeed(page).pipe(
              Traced.withSpan("test.page"),
              Effect.withTracer(tracer),
              Effect.withMaxOpsBeforeYield(m)
            )
          )
          for (let i = 0; i < k; i++) yield* Effect.yieldNow()
          yield* Fiber.interrupt(fiber)
          if (spans.some((span) => reaches(span, page))) kept.push(`m=${m} k=${k}`)
        }
      }
      assert.deepStrictEqual(kept, [])
    }))
})
