/**
 * The transport's own abort signal: aborts once with the first reason, tells each listener once, and
 * undici takes it as a request's signal, before the response and while its body is read.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { RequestSignal } from "../../src/undici/RequestSignal.js"
import { scopedAgent } from "../helpers/undici.js"

// A server on 127.0.0.1 that sends headers and a first chunk of a body when the path is /body, and
// nothing at all otherwise; it counts the connections still open.
const stallingServer = Effect.acquireRelease(
  Effect.async<{ readonly origin: string; readonly open: () => number; readonly server: Http.Server }>((resume) => {
    let open = 0
    const server = Http.createServer((request, response) => {
      if (request.url === "/body") {
        response.writeHead(200, { "content-type": "text/plain" })
        response.write("first chunk")
      }
    })
    server.on("connection", (socket) => {
      open++
      socket.on("close", () => open--)
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      resume(Effect.succeed({ origin: `http://127.0.0.1:${port}`, open: () => open, server }))
    })
  }),
  ({ server }) =>
    Effect.async<void>((resume) => {
      server.closeAllConnections()
      server.close(() => resume(Effect.void))
    })
)

const settles = (open: () => number) =>
  Effect.gen(function*() {
    for (let i = 0; i < 100 && open() > 0; i++) yield* Effect.sleep("20 millis")
    return open()
  })

describe("RequestSignal", () => {
  it.effect("aborts once, keeping the first reason, and tells a listener once", () =>
    Effect.sync(() => {
      const signal = new RequestSignal()
      const heard: Array<unknown> = []
      signal.addEventListener("abort", () => heard.push(signal.reason))
      assert.isFalse(signal.aborted)
      assert.isUndefined(signal.abort("first"))
      assert.isUndefined(signal.abort("second"))
      assert.isTrue(signal.aborted)
      assert.strictEqual(signal.reason, "first")
      assert.deepStrictEqual(heard, ["first"])
    }))

  it.effect("a removed listener, one added after the abort, and other event types are not called", () =>
    Effect.sync(() => {
      const signal = new RequestSignal()
      const heard: Array<string> = []
      const removed = () => heard.push("removed")
      signal.addEventListener("abort", removed)
      signal.addEventListener("other", () => heard.push("other"))
      signal.addEventListener("abort", () => heard.push("kept"))
      signal.removeEventListener("abort", removed)
      signal.abort()
      signal.addEventListener("abort", () => heard.push("late"))
      assert.deepStrictEqual(heard, ["kept"])
    }))

  it.effect("every listener runs in order even if one throws; the first error is returned", () =>
    Effect.sync(() => {
      const signal = new RequestSignal()
      const heard: Array<number> = []
      signal.addEventListener("abort", () => {
        heard.push(1)
        throw new Error("one")
      })
      signal.addEventListener("abort", () => {
        heard.push(2)
        throw new Error("two")
      })
      signal.addEventListener("abort", () => heard.push(3))
      const failed = signal.abort()
      assert.deepStrictEqual(heard, [1, 2, 3])
      assert.strictEqual((failed?.error as Error).message, "one")
    }))

  it.live(
    "undici takes it: an abort before the response fails the request with its reason and closes the connection",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const server = yield* stallingServer
        const agent = yield* scopedAgent()
        const signal = new RequestSignal()
        const reason = new Error("deadline passed")
        const sent = agent.request({ origin: server.origin, path: "/stall", method: "GET", signal })
        yield* Effect.sleep("50 millis")
        signal.abort(reason)
        const outcome = yield* Effect.either(Effect.tryPromise({ try: () => sent, catch: (cause) => cause }))
        assert.strictEqual(outcome._tag === "Left" ? outcome.left : undefined, reason)
        assert.strictEqual(yield* settles(server.open), 0)
      })),
    10_000
  )

  it.live(
    "an abort while the body is read destroys the body and closes the connection",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const server = yield* stallingServer
        const agent = yield* scopedAgent()
        const signal = new RequestSignal()
        const response = yield* Effect.promise(() =>
          agent.request({ origin: server.origin, path: "/body", method: "GET", signal })
        )
        assert.strictEqual(response.statusCode, 200)
        const reading = response.body.text()
        const reason = new Error("interrupted")
        signal.abort(reason)
        const outcome = yield* Effect.either(Effect.tryPromise({ try: () => reading, catch: (cause) => cause }))
        assert.strictEqual(outcome._tag === "Left" ? outcome.left : undefined, reason)
        assert.isTrue(response.body.destroyed)
        assert.strictEqual(yield* settles(server.open), 0)
      })),
    10_000
  )
})
