/**
 * Per-attempt deadlines kept on the request's own abort signal (core/SignalDeadline) on the
 * platform's clients, under the live clock: the same outcomes as the race they replace — a
 * `RequestTimeout`, the request aborted at the server, no timer left armed — whether the server
 * stalls before its headers or in the middle of the body, on every platform transport; a client
 * that does not take the signal keeps being raced. Real sockets on 127.0.0.1, timeouts of 300 ms.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import type * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Retry from "../../src/core/Retry.js"
import * as SignalDeadline from "../../src/core/SignalDeadline.js"
import { serve } from "../../src/testkit/http/serve.js"
import { testConfig } from "../helpers/client.js"
import { waitFor } from "../helpers/polling.js"

const platformTransports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient", NodeHttpClient.layer],
  ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici]
]

const hanging = () => new Promise<Response>(() => {})

// Headers and half a JSON body, then nothing more.
const stallingBody = () => {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("{\"items\": [1, 2,"))
    }
  })
  return Promise.resolve(new Response(body, { headers: { "content-type": "application/json" } }))
}

const get = { method: "GET", path: ["x"], success: Schema.Unknown, errors: [] } as const

const tagOf = (exit: Exit.Exit<unknown, unknown>) =>
  Exit.isFailure(exit) && exit.cause._tag === "Fail" ? (exit.cause.error as { _tag: string })._tag : String(exit)

const clientOn = (origin: string, httpClient?: HttpClient.HttpClient) =>
  Effect.map(HttpClient.HttpClient, (inContext) =>
    ApiClient.makeWith(
      httpClient ?? inContext,
      testConfig({ baseUrl: origin, timeout: "300 millis", retry: Retry.noRetries })
    ))

describe("deadlines on the request's signal", () => {
  for (const [name, layer] of platformTransports) {
    it.live(`${name}: a stalled server ends each call in RequestTimeout, the request aborted, no timer left`, () =>
      Effect.gen(function*() {
        let received = 0
        const server = yield* serve(() => ++received === 1 ? Promise.resolve(Response.json({})) : hanging())
        const client = yield* clientOn(server.origin)
        // The first call learns that the client takes the signal; the next rely on it alone.
        assert.deepStrictEqual(yield* client.execute(get), {})
        for (let call = 1; call <= 2; call++) {
          const fiber = yield* Effect.fork(Effect.exit(client.execute(get)))
          assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 1), 1)
          assert.strictEqual(SignalDeadline.armedDeadlines(), 1, `call ${call} is armed`)
          assert.strictEqual(tagOf(yield* Fiber.join(fiber)), "RequestTimeout")
          assert.strictEqual(SignalDeadline.armedDeadlines(), 0)
          assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0, "aborted at the server")
        }
      }).pipe(Effect.scoped, Effect.provide(layer)))

    it.live(`${name}: a body that stalls halfway is a RequestTimeout, not a transport error`, () =>
      Effect.gen(function*() {
        const server = yield* serve(stallingBody)
        const client = yield* clientOn(server.origin)
        for (let call = 1; call <= 2; call++) {
          assert.strictEqual(tagOf(yield* Effect.exit(client.execute(get))), "RequestTimeout")
          assert.strictEqual(SignalDeadline.armedDeadlines(), 0)
          assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
        }
      }).pipe(Effect.scoped, Effect.provide(layer)))

    it.live(`${name}: calls that succeed leave no timer armed, and an interrupted call is aborted`, () =>
      Effect.gen(function*() {
        let slow = false
        const server = yield* serve(() => slow ? hanging() : Promise.resolve(Response.json({ ok: true })))
        const client = yield* clientOn(server.origin)
        for (let i = 0; i < 20; i++) assert.deepStrictEqual(yield* client.execute(get), { ok: true })
        assert.strictEqual(SignalDeadline.armedDeadlines(), 0)
        slow = true
        const fiber = yield* Effect.fork(client.execute(get))
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 1), 1)
        yield* Fiber.interrupt(fiber)
        assert.strictEqual(SignalDeadline.armedDeadlines(), 0)
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0, "aborted at the server")
      }).pipe(Effect.scoped, Effect.provide(layer)))
  }

  it.live("a client that rewrites its requests (mapRequest) still has its requests' signals armed", () =>
    Effect.gen(function*() {
      let received = 0
      const server = yield* serve(() => ++received === 1 ? Promise.resolve(Response.json({})) : hanging())
      const mapped = HttpClient.mapRequest(
        yield* HttpClient.HttpClient,
        HttpClientRequest.setHeader("x-extra", "1")
      )
      const client = yield* clientOn(server.origin, mapped)
      assert.deepStrictEqual(yield* client.execute(get), {})
      for (let call = 1; call <= 2; call++) {
        const fiber = yield* Effect.fork(Effect.exit(client.execute(get)))
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 1), 1)
        assert.strictEqual(SignalDeadline.armedDeadlines(), 1, `call ${call}`)
        assert.strictEqual(tagOf(yield* Fiber.join(fiber)), "RequestTimeout")
        assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0, "aborted at the server")
      }
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))

  it.live("a client that never reads the signal is raced: its calls still time out", () =>
    Effect.gen(function*() {
      let started = 0
      // Not built on HttpClient.make: it answers its first request, then nothing, ignoring any signal.
      const deaf: HttpClient.HttpClient = HttpClient.makeWith(
        (request: Effect.Effect<HttpClientRequest.HttpClientRequest, HttpClientError.HttpClientError>) =>
          Effect.flatMap(request, (sent) =>
            ++started === 1
              ? Effect.succeed(HttpClientResponse.fromWeb(sent, Response.json({ first: true })))
              : Effect.never),
        (request) => Effect.succeed(request)
      )
      const client = yield* clientOn("http://deaf.test", deaf)
      assert.deepStrictEqual(yield* client.execute(get), { first: true })
      for (let call = 1; call <= 2; call++) {
        const fiber = yield* Effect.fork(Effect.exit(client.execute(get)))
        assert.strictEqual(yield* waitFor(() => started, (n) => n === call + 1), call + 1)
        assert.strictEqual(SignalDeadline.armedDeadlines(), 0, "learned: no signal armed")
        assert.strictEqual(tagOf(yield* Fiber.join(fiber)), "RequestTimeout")
      }
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})
