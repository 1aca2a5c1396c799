import * as HttpBody from "@effect/platform/HttpBody"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as RequestOptions from "../../src/core/RequestOptions.js"
import { makeClient } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"

const download = { method: "GET", path: ["files", "f1"], errors: ["NotFound"] } as const

const bytes = (...values: Array<number>) => new Uint8Array(values)

/** A body that sends `chunks`, then fails (`breakAfter`) or ends; records whether it was cancelled. */
const body = (chunks: ReadonlyArray<Uint8Array>, options: { readonly breakAfter?: boolean } = {}) => {
  const state = { cancelled: false, pulled: 0 }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[state.pulled++]
      if (next !== undefined) controller.enqueue(next)
      else if (options.breakAfter === true) controller.error(new Error("connection reset"))
      else controller.close()
    },
    cancel() {
      state.cancelled = true
    }
  })
  return { state, response: () => new Response(stream, { status: 200 }) }
}

const collect = (stream: Stream.Stream<Uint8Array, unknown>) =>
  Effect.map(Stream.runCollect(stream), (chunks) => Chunk.toReadonlyArray(chunks).flatMap((chunk) => [...chunk]))

describe("ApiClient.stream", () => {
  it.effect("hands the body over chunk by chunk, with the credentials sent", () => {
    const source = body([bytes(1, 2), bytes(3), bytes(4, 5, 6)])
    const fake = fakeHttp(() => source.response())
    return Effect.gen(function*() {
      const client = yield* makeClient({
        credentials: Effect.succeed([{ header: "api_key", value: Redacted.make("secret-token-1234") }])
      })
      const chunks = yield* Stream.runCollect(client.stream(download))
      assert.deepStrictEqual(Chunk.toReadonlyArray(chunks).map((chunk) => [...chunk]), [[1, 2], [3], [4, 5, 6]])
      assert.strictEqual(fake.seen[0]!.headers["api_key"], "secret-token-1234")
      assert.strictEqual(fake.seen[0]!.url.toString(), "http://api.test/v1/files/f1")
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("an error status is classified like any call, and never streamed", () => {
    const fake = fakeHttp(() => json(404, { message: "unknown file 'f1'" }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(Stream.runDrain(client.stream(download)))
      assert.strictEqual(error._tag, "NotFound")
      assert.strictEqual(error.status, 404)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a 500 before the first byte is retried, then the body streams (TestClock)", () => {
    const source = body([bytes(7, 8)])
    const fake = fakeHttp((_, i) => (i < 2 ? json(500, { error: "boom" }) : source.response()))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(collect(client.stream(download)))
      yield* TestClock.adjust("100 millis")
      yield* TestClock.adjust("200 millis")
      assert.deepStrictEqual(yield* Fiber.join(fiber), [7, 8])
      assert.strictEqual(fake.seen.length, 3)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a lasting 500 is a ServerError, not a decode failure", () => {
    const fake = fakeHttp(() => json(500, { error: "500 Internal Server Error: …" }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(Stream.runDrain(client.stream(download))).pipe(RequestOptions.withoutRetries)
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(error.status, 500)
      assert.strictEqual(fake.seen.length, 1)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a body that breaks off fails the stream with TransportError and is not retried", () => {
    const source = body([bytes(1), bytes(2)], { breakAfter: true })
    const fake = fakeHttp(() => source.response())
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const received: Array<number> = []
      const error = yield* Effect.flip(
        Stream.runForEach(client.stream(download), (chunk) => Effect.sync(() => received.push(...chunk)))
      )
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual(error.message, "the response body could not be read")
      assert.deepStrictEqual(received, [1, 2])
      assert.strictEqual(fake.seen.length, 1)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("taking part of the body cancels the rest", () => {
    const source = body([bytes(1), bytes(2), bytes(3), bytes(4)])
    const fake = fakeHttp(() => source.response())
    return Effect.gen(function*() {
      const client = yield* makeClient()
      assert.deepStrictEqual(yield* collect(client.stream(download).pipe(Stream.take(1))), [1])
      assert.isTrue(source.state.cancelled)
      assert.isBelow(source.state.pulled, 4)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("the timeout covers the wait for the headers (TestClock)", () => {
    const fake = fakeHttp(() => "hang")
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(
        Effect.flip(Stream.runDrain(client.stream(download))).pipe(RequestOptions.withoutRetries)
      )
      yield* TestClock.adjust("5 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "RequestTimeout")
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a streamed request body is sent once: no retry even for a retryable answer", () => {
    const fake = fakeHttp(() => json(503, {}))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(client.execute({
        method: "PUT",
        path: ["upload"],
        requestBody: HttpBody.stream(Stream.make(bytes(1, 2, 3))),
        success: Schema.Void,
        errors: []
      }))
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(fake.seen.length, 1)
    }).pipe(Effect.provide(fake.layer))
  })
})
