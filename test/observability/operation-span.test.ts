/**
 * An operation's span is opened around the call and handed to it rather than made the current span
 * (which would copy the fiber's context and references twice a call). What a user sees stays the
 * same: the span is a child of the caller's, carries the call's safe attributes and ends with its
 * exit; a failed call's error and the retry loop's log lines belong to it; and on every transport,
 * the SDK's own included, no other span is opened and no trace context reaches the server.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import * as FiberRefs from "effect/FiberRefs"
import * as HashMap from "effect/HashMap"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"
import * as Endpoint from "../../src/core/Endpoint.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { Item, makeSyntheticClient, SyntheticConnection } from "../../src/testkit/synthetic/SyntheticClient.js"
import { recordingTracer } from "../helpers/spans.js"
import { transports } from "../helpers/transports.js"

const item = { id: "item-1", index: 1, name: "one" }

// Answers 503 `failures` times, then the item.
const flaky = (failures: number) => {
  let calls = 0
  return layerHttpClient(async () =>
    ++calls <= failures ? Response.json({ message: "busy" }, { status: 503 }) : Response.json(item)
  )
}

const noBackoff = { maxAttempts: 3, baseDelay: 0, maxDelay: 0, jitter: false }

describe("an operation's span", () => {
  it.effect("is a child of the caller's span, with the call's attributes, ended with its exit", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const client = yield* makeSyntheticClient({ url: "http://api.test" })
      yield* client.get("item-1").pipe(Effect.withSpan("caller"), Effect.withTracer(tracer))
      assert.deepStrictEqual(spans.map((span) => span.name), ["caller", "synthetic.get"])
      const [outer, get] = spans as [Tracer.Span, Tracer.Span]
      assert.strictEqual(Option.getOrThrow(get.parent).spanId, outer.spanId)
      assert.strictEqual(get.attributes.get("http.request.method"), "GET")
      assert.strictEqual(get.attributes.get("url.full"), "http://api.test/items/item-1")
      assert.strictEqual(get.attributes.get("http.response.status_code"), 200)
      assert.strictEqual(get.status._tag, "Ended")
      assert.isTrue(get.status._tag === "Ended" && Exit.isSuccess(get.status.exit))
    }).pipe(Effect.provide(flaky(0))))

  it.effect("carries what the record draws from the answer", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const records = {
        get: Endpoint.make({
          name: "synthetic.getNamed",
          method: "GET",
          path: "/items/{id}",
          success: Item,
          errors: ["NotFound"],
          resultAttributes: (found) => ({ "synthetic.item.name": found.name })
        })
      }
      const items = Endpoint.service(yield* SyntheticConnection.make({ url: "http://api.test" }), records)
      yield* items.get({ id: "item-1" }).pipe(Effect.withSpan("caller"), Effect.withTracer(tracer))
      const [outer, get] = spans as [Tracer.Span, Tracer.Span]
      assert.strictEqual(get.attributes.get("synthetic.item.name"), "one")
      assert.isFalse(outer.attributes.has("synthetic.item.name"))
    }).pipe(Effect.provide(flaky(0))))

  it.effect("with tracing turned off, is not opened, and no span of the caller's is annotated instead", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const client = yield* makeSyntheticClient({ url: "http://api.test" })
      yield* client.get("item-1").pipe(
        Effect.withTracerEnabled(false),
        Effect.withSpan("caller"),
        Effect.withTracer(tracer)
      )
      assert.deepStrictEqual(spans.map((span) => span.name), ["caller"])
      for (const key of ["http.request.method", "url.full", "http.response.status_code"]) {
        assert.isFalse(spans[0]!.attributes.has(key), key)
      }
    }).pipe(Effect.provide(flaky(0))))

  it.effect("is the span a failed call's error belongs to", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const client = yield* makeSyntheticClient({ url: "http://api.test", retry: { maxAttempts: 1 } })
      const exit = yield* Effect.exit(client.get("item-1").pipe(Effect.withSpan("caller"), Effect.withTracer(tracer)))
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isSuccess(exit)) return
      const failure = Cause.failureOption(exit.cause)
      assert.strictEqual(Option.getOrThrow(failure)._tag, "ServerError")
      // Effect renders a failure with the spans it belongs to, innermost first.
      const rendered = Cause.pretty(exit.cause)
      // With where the operation was defined: the span's entry in Effect's table of traces.
      assert.match(rendered, /at synthetic\.get \(\S*SyntheticClient\.ts:\d+:\d+\)/)
      assert.isBelow(rendered.indexOf("at synthetic.get"), rendered.indexOf("at caller"))
      const get = spans.find((span) => span.name === "synthetic.get")!
      assert.isTrue(get.status._tag === "Ended" && Exit.isFailure(get.status.exit))
      assert.strictEqual(get.attributes.get("http.response.status_code"), 503)
    }).pipe(Effect.provide(flaky(5))))

  it.effect("is the span of the retry loop's log lines, and counts the resends", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const logged: Array<{ readonly message: unknown; readonly span: string | undefined }> = []
      const logger = Logger.make(({ context, message }) => {
        const span = Context.getOption(FiberRefs.getOrDefault(context, FiberRef.currentContext), Tracer.ParentSpan)
        logged.push({ message, span: Option.isSome(span) && span.value._tag === "Span" ? span.value.name : undefined })
      })
      const client = yield* makeSyntheticClient({ url: "http://api.test", retry: noBackoff })
      const found = yield* client.get("item-1").pipe(
        Effect.withSpan("caller"),
        Effect.withTracer(tracer),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.Debug)
      )
      assert.strictEqual(found.name, "one")
      assert.strictEqual(logged.length, 2)
      for (const line of logged) assert.strictEqual(line.span, "synthetic.get")
      const get = spans.find((span) => span.name === "synthetic.get")!
      assert.strictEqual(get.attributes.get("http.request.resend_count"), 2)
    }).pipe(Effect.provide(flaky(2))))

  it.effect("does not take the caller's log annotations away from the call's log lines", () =>
    Effect.gen(function*() {
      const annotations: Array<HashMap.HashMap<string, unknown>> = []
      const logger = Logger.make(({ annotations: a }) => annotations.push(a))
      const client = yield* makeSyntheticClient({ url: "http://api.test", retry: noBackoff })
      yield* client.get("item-1").pipe(
        Effect.annotateLogs("job", "nightly"),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.Debug)
      )
      assert.strictEqual(annotations.length, 1)
      assert.deepStrictEqual(HashMap.get(annotations[0]!, "job"), Option.some("nightly"))
    }).pipe(Effect.provide(flaky(1))))

  for (const transport of transports) {
    it.effect(`is the only span, and no trace context is sent, on ${transport.name}`, () =>
      Effect.gen(function*() {
        const seen: Array<Record<string, string>> = []
        const server = yield* serve(async (request) => {
          seen.push(Object.fromEntries(request.headers))
          return Response.json(item)
        })
        const { spans, tracer } = yield* recordingTracer
        const client = yield* makeSyntheticClient({ url: server.origin })
        yield* client.get("item-1").pipe(Effect.withSpan("caller"), Effect.withTracer(tracer))
        assert.deepStrictEqual(spans.map((span) => span.name).sort(), ["caller", "synthetic.get"])
        assert.strictEqual(seen.length, 1)
        for (const name of Object.keys(seen[0]!)) {
          assert.notInclude(["traceparent", "tracestate", "b3", "x-b3-traceid"], name)
        }
      }).pipe(Effect.provide(Layer.fresh(transport.layer)), Effect.scoped))
  }
})
