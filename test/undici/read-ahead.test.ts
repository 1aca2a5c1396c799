/**
 * The undici transport reads a small body (its length declared, at most 64 KiB) with its headers when
 * the request's deadline covers the body: the caller resumes once, with the whole response. Every way
 * of reading it gives the body's exact bytes; a body that stalls still ends at the deadline; an
 * interruption while it is read aborts the request; a larger body, a body of unknown length, or a
 * deadline that ends at the headers (a streamed download) is left to be read by the caller. And the
 * SDK's calls behave the same over a server that declares its lengths. Real sockets on 127.0.0.1.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import { Agent } from "undici"
import * as TransportTimeout from "../../src/core/TransportTimeout.js"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"
import { waitFor } from "../helpers/polling.js"

// A byte order mark, text, and a byte that is not UTF-8: the text drops the first and replaces the
// last; the bytes keep both.
const odd = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69, 0xff])
const exactly = (body: Uint8Array<ArrayBuffer> | string, init: ResponseInit = {}) => {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body
  return new Response(bytes, {
    ...init,
    headers: { ...init.headers as Record<string, string>, "content-length": String(bytes.length) }
  })
}

// Every answer of `handler` with its length declared, as most real servers send small JSON.
const declaringLengths = (handler: Handler): Handler => async (request) => {
  const response = await handler(request)
  if (response.body === null) return response
  const headers = Object.fromEntries(response.headers)
  return exactly(new Uint8Array(await response.arrayBuffer()), {
    status: response.status,
    statusText: response.statusText,
    headers
  })
}

const form = new TextEncoder().encode("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--b--\r\n")

const handler: Handler = async (request) => {
  const path = new URL(request.url).pathname
  if (path === "/odd") return exactly(odd)
  if (path === "/empty") return exactly("")
  if (path === "/form") return exactly(form, { headers: { "content-type": "multipart/form-data; boundary=b" } })
  if (path === "/limit") return exactly("x".repeat(65_536))
  if (path === "/over") return exactly("x".repeat(65_537))
  // Declares 100 bytes, sends 5, then nothing.
  if (path === "/stall") {
    return new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("first"))
        }
      }),
      { headers: { "content-length": "100" } }
    )
  }
  return new Response("unknown length")
}

const withServer = <A, E>(
  body: (
    send: (
      path: string,
      deadline?: TransportTimeout.Deadline
    ) => Effect.Effect<HttpClientResponse.HttpClientResponse, unknown>,
    server: { readonly inFlight: () => number; readonly openConnections: () => number }
  ) => Effect.Effect<A, E>
) =>
  Effect.gen(function*() {
    const server = yield* serve(handler)
    const agent = yield* Effect.acquireRelease(
      Effect.sync(() => new Agent()),
      (agent) => Effect.promise(() => agent.destroy())
    )
    const client: HttpClient.HttpClient = UndiciHttpClient.make(agent)
    const send = (path: string, deadline: TransportTimeout.Deadline = { millis: 10_000, includesBody: true }) =>
      TransportTimeout.executeWithin(client, HttpClientRequest.get(`${server.origin}${path}`), deadline)
    return yield* body(send, server)
  }).pipe(Effect.scoped)

const bytesOf = (stream: Stream.Stream<Uint8Array, unknown>) =>
  Effect.map(Stream.runCollect(stream), (chunks) => Array.from(Chunk.toReadonlyArray(chunks).flatMap((c) => [...c])))

describe("the undici transport's read-ahead", () => {
  it.live("a small declared body is read with the headers, and every way of reading it gives its bytes", () =>
    withServer((send) =>
      Effect.gen(function*() {
        const response = yield* send("/odd")
        // Read already: its deadline has stopped before anyone asked for the body.
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
        assert.strictEqual(yield* response.text, "hi\uFFFD")
        assert.deepStrictEqual(yield* bytesOf(response.stream), [...odd])
        const first = new Uint8Array(yield* response.arrayBuffer)
        assert.deepStrictEqual([...first], [...odd])
        // Each taker gets a copy of its own.
        first[0] = 0
        assert.deepStrictEqual([...new Uint8Array(yield* response.arrayBuffer)], [...odd])
        const empty = yield* send("/empty")
        assert.strictEqual(yield* empty.text, "")
        assert.deepStrictEqual(yield* bytesOf(empty.stream), [])
        const multipart = yield* send("/form")
        assert.strictEqual((yield* multipart.formData).get("a"), "one")
      })
    ))

  it.live("up to 64 KiB is read ahead; a larger body, or one of unknown length, is left to its reader", () =>
    withServer((send) =>
      Effect.gen(function*() {
        const limit = yield* send("/limit")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
        assert.strictEqual((yield* limit.text).length, 65_536)
        const over = yield* send("/over")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 1)
        assert.strictEqual((yield* over.text).length, 65_537)
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
        const unknown = yield* send("/unknown")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 1)
        assert.strictEqual(yield* unknown.text, "unknown length")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
      })
    ))

  it.live("a deadline that ends at the headers (a streamed download) reads nothing ahead", () =>
    withServer((send) =>
      Effect.gen(function*() {
        // Were the body read ahead, this would wait for bytes that never come.
        const response = yield* send("/stall", { millis: 10_000, includesBody: false })
        const first = yield* Stream.runHead(response.stream)
        assert.strictEqual(first._tag === "Some" ? new TextDecoder().decode(first.value) : "", "first")
      })
    ))

  it.live("a small body that stalls ends at the deadline, as a failure of reading it", () =>
    withServer((send, server) =>
      Effect.gen(function*() {
        const response = yield* send("/stall", { millis: 200, includesBody: true })
        const read = yield* Effect.either(response.text)
        assert.strictEqual(read._tag, "Left")
        if (read._tag === "Left") {
          assert.strictEqual(read.left._tag, "ResponseError")
          assert.isTrue(TransportTimeout.isDeadlineExceeded((read.left as { readonly cause?: unknown }).cause))
        }
        // The other ways of reading it fail the same way.
        assert.strictEqual((yield* Effect.either(Stream.runDrain(response.stream)))._tag, "Left")
        assert.strictEqual((yield* Effect.either(response.arrayBuffer))._tag, "Left")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
      })
    ))

  it.live("interrupted while the body is read ahead, the request is aborted and its deadline stopped", () =>
    withServer((send, server) =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(send("/stall"))
        yield* waitFor(server.inFlight, (n) => n === 1, 5)
        yield* Effect.sleep("50 millis")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 1)
        yield* Fiber.interrupt(fiber)
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
        assert.strictEqual(yield* waitFor(server.openConnections, (n) => n === 0, 5), 0)
      })
    ))

  it.live("the SDK's calls over a server that declares its lengths: answers, listings, refusals, retries", () =>
    Effect.gen(function*() {
      const api = syntheticApi({ total: 25 })
      let calls = 0
      // Every third request a 503 with a small JSON body, then the real answer.
      const flaky: Handler = (request) =>
        ++calls % 3 === 0
          ? Promise.resolve(Response.json({ error: "busy" }, { status: 503, headers: { "retry-after": "0" } }))
          : api.handler(request)
      const server = yield* serve(declaringLengths(flaky))
      const client = yield* makeSyntheticClient({ url: server.origin })
      assert.strictEqual((yield* client.get("item-7")).index, 7)
      const listed = yield* Stream.runCollect(client.list(10))
      assert.strictEqual(listed.length, 25)
      const missing = yield* Effect.flip(client.get("no-such-item"))
      assert.strictEqual(missing._tag, "NotFound")
      assert.isAbove(calls, 4)
      assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
    }).pipe(Effect.scoped, Effect.provide(UndiciHttpClient.layer)))
})
