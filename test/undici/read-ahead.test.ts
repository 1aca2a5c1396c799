/**
 * The undici transport takes a small body (its length declared, at most 64 KiB) with its headers when
 * all of it has come with them and the request's deadline covers the body: the caller resumes once,
 * with the whole response. Every way of reading it gives the body's exact bytes. A body still
 * arriving, a larger body, a body of unknown length, or a deadline that ends at the headers (a
 * streamed download) is left to the caller to read as it comes, so that what the headers decide is
 * not held up by a slow body. And the SDK's calls behave the same over a server that declares its
 * lengths. Real sockets on 127.0.0.1.
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Net from "node:net"
import { Agent } from "undici"
import * as TransportTimeout from "../../src/core/TransportTimeout.js"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"
import { waitFor } from "../helpers/polling.js"
import type { Send } from "../helpers/undici.js"
import { declaringLengths, exactly, scopedAgent, undiciAgainst } from "../helpers/undici.js"

// A byte order mark, text, and a byte that is not UTF-8: the text drops the first and replaces the
// last; the bytes keep both.
const odd = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69, 0xff])
const form = new TextEncoder().encode("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--b--\r\n")

const handler: Handler = async (request) => {
  const path = new URL(request.url).pathname
  if (path === "/odd") return exactly(odd)
  if (path === "/empty") return exactly("")
  if (path === "/form") return exactly(form, { headers: { "content-type": "multipart/form-data; boundary=b" } })
  if (path === "/form-streamed") {
    return new Response(new Blob([form]).stream(), { headers: { "content-type": "multipart/form-data; boundary=b" } })
  }
  if (path === "/limit") return exactly("x".repeat(65_536))
  if (path === "/over") return exactly("x".repeat(65_537))
  // Declares 100 bytes, sends 5, then nothing.
  if (path.endsWith("/stall")) {
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
    send: Send,
    server: { readonly inFlight: () => number; readonly openConnections: () => number }
  ) => Effect.Effect<A, E>
) => Effect.scoped(Effect.flatMap(undiciAgainst(handler), (server) => body(server.send, server)))

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

  it.live("a body over 64 KiB, or one of unknown length, is left to its reader", () =>
    withServer((send) =>
      Effect.gen(function*() {
        // As much as undici buffers before anyone reads: taken if all of it has come with the headers.
        const limit = yield* send("/limit")
        assert.strictEqual((yield* limit.text).length, 65_536)
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
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

  it.live("a small body still arriving is not waited for: the response comes with its headers", () =>
    withServer((send, server) =>
      Effect.gen(function*() {
        const started = Date.now()
        const response = yield* send("/stall", { millis: 300, includesBody: true })
        assert.isBelow(Date.now() - started, 250)
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 1)
        // Its reader meets the deadline, as a failure of reading it.
        const read = yield* Effect.either(response.text)
        assert.strictEqual(read._tag, "Left")
        if (read._tag === "Left") {
          assert.strictEqual(read.left._tag, "ResponseError")
          assert.isTrue(TransportTimeout.isDeadlineExceeded((read.left as { readonly cause?: unknown }).cause))
        }
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
      })
    ))

  it.live("a stream of a body read ahead gives each reader a copy; a second read another way is refused", () =>
    withServer((send) =>
      Effect.gen(function*() {
        const response = yield* send("/odd")
        yield* Stream.runForEach(response.stream, (chunk) => Effect.sync(() => chunk.fill(0)))
        assert.deepStrictEqual(yield* bytesOf(response.stream), [...odd])
        // Not read ahead (its length unknown): read once, as with fetch.
        const unknown = yield* send("/unknown")
        assert.strictEqual(yield* unknown.text, "unknown length")
        const again = yield* Effect.either(unknown.arrayBuffer)
        assert.strictEqual(again._tag === "Left" ? again.left._tag : "Right", "ResponseError")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
      })
    ))

  it.live("a form of unknown length is read as a form too", () =>
    withServer((send) =>
      Effect.gen(function*() {
        const multipart = yield* send("/form-streamed")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 1)
        assert.strictEqual((yield* multipart.formData).get("a"), "one")
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
      })
    ))

  it.live("a dispatcher that hands the response over late, its body failed meanwhile: a failure of reading it, at once", () =>
    Effect.gen(function*() {
      // The server declares 20 bytes, sends 5 and resets the connection; the dispatcher hands the
      // response over 100 ms after undici has it, when its body has failed and closed.
      const server = yield* Effect.acquireRelease(
        Effect.async<Net.Server>((resume) => {
          const server = Net.createServer((socket) => {
            socket.on("error", () => {})
            socket.once(
              "data",
              () => socket.write("HTTP/1.1 200 OK\r\ncontent-length: 20\r\n\r\nhello", () => socket.resetAndDestroy())
            )
          })
          server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
        }),
        (server) =>
          Effect.async<void>((resume) => {
            server.close(() => resume(Effect.void))
          })
      )
      class LateAgent extends Agent {
        override request(options: Parameters<Agent["request"]>[0]): ReturnType<Agent["request"]> {
          return super.request(options).then((response) =>
            new Promise((resolve) => setTimeout(() => resolve(response), 100))
          ) as ReturnType<Agent["request"]>
        }
      }
      const agent = yield* scopedAgent(() => new LateAgent())
      const url = `http://127.0.0.1:${(server.address() as Net.AddressInfo).port}/`
      const started = Date.now()
      const response = yield* TransportTimeout.executeWithin(
        UndiciHttpClient.make(agent),
        HttpClientRequest.get(url),
        { millis: 5_000, includesBody: true }
      )
      const read = yield* Effect.either(response.text)
      assert.strictEqual(read._tag === "Left" ? read.left._tag : "Right", "ResponseError")
      assert.isBelow(Date.now() - started, 2_000)
      assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
    }).pipe(Effect.scoped))

  it.live("a dispatcher whose buffered body reads short of its length, or throws: a failure of reading it, never a short body", () =>
    Effect.gen(function*() {
      const server = yield* serve(handler)
      // A dispatcher that breaks its word: its body's read() gives two bytes of the six it holds, or throws.
      class BrokenAgent extends Agent {
        constructor(readonly broken: (all: Buffer | null) => Buffer | null) {
          super()
        }
        override request(options: Parameters<Agent["request"]>[0]): ReturnType<Agent["request"]> {
          return super.request(options).then((response) => {
            const read = response.body.read.bind(response.body)
            response.body.read = () => this.broken(read() as Buffer | null)
            return response
          }) as ReturnType<Agent["request"]>
        }
      }
      const breakings = [
        (all: Buffer | null) => all?.subarray(0, 2) ?? null,
        () => {
          throw new Error("read failed")
        }
      ]
      for (const broken of breakings) {
        const agent = yield* scopedAgent(() => new BrokenAgent(broken))
        const response = yield* TransportTimeout.executeWithin(
          UndiciHttpClient.make(agent),
          HttpClientRequest.get(`${server.origin}/odd`),
          { millis: 5_000, includesBody: true }
        )
        assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
        for (const read of [response.text, response.arrayBuffer, Stream.runCollect(response.stream)]) {
          const outcome = yield* Effect.either(read as Effect.Effect<unknown, unknown>)
          assert.strictEqual(
            outcome._tag === "Left" ? (outcome.left as { _tag: string })._tag : "Right",
            "ResponseError"
          )
        }
      }
    }).pipe(Effect.scoped))

  it.live("through the SDK, what the headers decide is decided at once however slowly the body comes", () =>
    Effect.gen(function*() {
      const server = yield* serve(handler)
      // Declared 100 bytes: over a limit of 10, refused without waiting for the rest.
      const strict = yield* makeSyntheticClient({ url: server.origin, timeout: "2 seconds", maxResponseBytes: 10 })
      const started = Date.now()
      const error = yield* Effect.flip(strict.get("stall"))
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.isBelow(Date.now() - started, 1_000)
      assert.strictEqual(yield* waitFor(UndiciHttpClient.armedDeadlines, (n) => n === 0, 5), 0)
    }).pipe(Effect.scoped, Effect.provide(UndiciHttpClient.layer)))

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
