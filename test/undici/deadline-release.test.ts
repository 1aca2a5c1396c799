/**
 * The undici transport's deadline on a request whose timeout runs to the last byte of the body stops
 * the moment the body has been read or released, whichever way it is read: its text (at once, with
 * no close event to wait for, and once however often the text is asked for), a stream to its end, a
 * stream abandoned after its first chunk, a body that failed before it was read, a body interrupted
 * while it arrives. A form body is encoded anew each time a request's effect runs. A body nobody reads keeps it until it fires, which aborts the request
 * and frees the connection. Real sockets on 127.0.0.1.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"
import { waitFor } from "../helpers/polling.js"
import { undiciAgainst } from "../helpers/undici.js"

const big = "x".repeat(256 * 1024)

// `/small` answers at once; `/big` sends 256 KiB; `/broken` sends a first chunk and then fails;
// `/echo` answers with the length of the body it got; `/trickle` sends a first chunk and then nothing.
const handler = async (request: Request): Promise<Response> => {
  const path = new URL(request.url).pathname
  if (path === "/small") return Response.json({ ok: true })
  if (path === "/big") return new Response(big)
  if (path === "/echo") return new Response(String((await request.arrayBuffer()).byteLength))
  if (path === "/broken") {
    return new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("first"))
          setTimeout(() => controller.error(new Error("broken")), 20)
        }
      })
    )
  }
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("first"))
      }
    })
  )
}

const withServer = <A, E>(
  body: (
    send: (path: string, millis?: number) => Effect.Effect<HttpClientResponse.HttpClientResponse, unknown>,
    server: { readonly inFlight: () => number; readonly origin: string; readonly client: HttpClient.HttpClient }
  ) => Effect.Effect<A, E>
) =>
  Effect.scoped(
    Effect.flatMap(undiciAgainst(handler), (server) =>
      body((path, millis = 10_000) => server.send(path, { millis, includesBody: true }), server))
  )

describe("the undici transport's deadline", () => {
  it.live("stops as soon as the text has been read", () =>
    withServer((send) =>
      Effect.gen(function*() {
        const response = yield* send("/small")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 1)
        assert.deepStrictEqual(JSON.parse(yield* response.text), { ok: true })
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
        // A second read gives the same text and changes nothing.
        assert.deepStrictEqual(yield* response.json, { ok: true })
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
        const large = yield* send("/big")
        assert.strictEqual((yield* large.arrayBuffer).byteLength, big.length)
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
      })
    ))

  it.live("reads the text once, however often the same text or json effect runs", () =>
    withServer((send) =>
      Effect.gen(function*() {
        const response = yield* send("/small")
        const text = response.text
        const json = response.json
        assert.strictEqual(yield* text, "{\"ok\":true}")
        assert.strictEqual(yield* text, "{\"ok\":true}")
        assert.deepStrictEqual(yield* json, { ok: true })
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
      })
    ))

  it.live("stops for a body that failed before anyone read it as a stream", () =>
    withServer((send) =>
      Effect.gen(function*() {
        const response = yield* send("/broken")
        yield* Effect.sleep("200 millis")
        const read = yield* Effect.either(Stream.runDrain(response.stream))
        assert.strictEqual(read._tag, "Left")
        assert.strictEqual(yield* waitFor(UndiciHttpClient.armedDeadlines, (n) => n === 0, 5), 0)
      })
    ))

  it.live("sends a form body whole each time the same request effect runs", () =>
    withServer((_send, server) =>
      Effect.gen(function*() {
        const form = new FormData()
        form.append("file", new Blob([big.slice(0, 1000)]), "a.txt")
        const request = HttpClientRequest.post(`${server.origin}/echo`).pipe(HttpClientRequest.bodyFormData(form))
        const once = server.client.execute(request)
        const lengths: Array<number> = []
        for (let i = 0; i < 2; i++) lengths.push(Number(yield* Effect.flatMap(once, (response) => response.text)))
        assert.isAbove(lengths[0]!, 1000)
        assert.deepStrictEqual(lengths, [lengths[0]!, lengths[0]!])
      })
    ))

  it.live("stops once a stream of the body has ended, or was abandoned after one chunk", () =>
    withServer((send) =>
      Effect.gen(function*() {
        const whole = yield* send("/big")
        const size = yield* Stream.runFold(whole.stream, 0, (n, chunk) => n + chunk.length)
        assert.strictEqual(size, big.length)
        assert.strictEqual(yield* waitFor(UndiciHttpClient.armedDeadlines, (n) => n === 0, 5), 0)
        const abandoned = yield* send("/trickle")
        yield* Stream.runHead(abandoned.stream)
        assert.strictEqual(yield* waitFor(UndiciHttpClient.armedDeadlines, (n) => n === 0, 5), 0)
      })
    ))

  it.live("stops when reading the body is interrupted, and the server sees the request end", () =>
    withServer((send, server) =>
      Effect.gen(function*() {
        const response = yield* send("/trickle")
        const reading = yield* Effect.fork(response.text)
        yield* Effect.sleep("50 millis")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 1)
        yield* Fiber.interrupt(reading)
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
      })
    ))

  it.live("keeps running for a body nobody reads, then aborts the request and frees the connection", () =>
    withServer((send, server) =>
      Effect.gen(function*() {
        yield* send("/trickle", 200)
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 1)
        assert.strictEqual(yield* waitFor(UndiciHttpClient.armedDeadlines, (n) => n === 0, 5), 0)
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
      })
    ))
})
