/**
 * Operation spans are on by default and off with Effect's own switch (`Layer.setTracerEnabled(false)`
 * or `Effect.withTracerEnabled(false)`): then an SDK call opens no span at all, and still works.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import { recordingTracer } from "../helpers/spans.js"

const Http = layerHttpClient(async () => Response.json({ id: "item-1", index: 1, name: "one" }))

describe("operation spans", () => {
  it.effect("are opened by default, under the record's name", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const client = yield* makeSyntheticClient({ url: "http://api.test" })
      const item = yield* Effect.withTracer(client.get("item-1"), tracer)
      assert.strictEqual(item.name, "one")
      assert.deepStrictEqual(spans.map((span) => span.name), ["synthetic.get"])
    }).pipe(Effect.provide(Http)))

  it.effect("are not opened with tracing turned off, and the call still succeeds", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const client = yield* makeSyntheticClient({ url: "http://api.test" })
      const item = yield* client.get("item-1").pipe(Effect.withTracerEnabled(false), Effect.withTracer(tracer))
      assert.strictEqual(item.name, "one")
      assert.deepStrictEqual(spans.map((span) => span.name), [])
    }).pipe(Effect.provide(Http)))
})
