/**
 * A timed-out or interrupted call aborts its request: the server sees every request abandoned, and
 * none stays in flight. Real sockets on 127.0.0.1, the platform's fetch client; bounded in count and
 * time. (Open sockets are not counted: undici may pre-open an idle one after an abort.)
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import type * as ApiClient from "../../src/core/ApiClient.js"
import * as Retry from "../../src/core/Retry.js"
import { serve } from "../../src/testkit/http/serve.js"
import { makeClient } from "../helpers/client.js"
import { waitFor } from "../helpers/polling.js"

// Answers /fast at once; /stall never, until the client goes away.
let stalled = 0
const handler = (request: Request): Promise<Response> => {
  if (new URL(request.url).pathname.endsWith("/fast")) return Promise.resolve(Response.json({ ok: true }))
  stalled++
  return new Promise((resolve) =>
    request.signal.addEventListener("abort", () => resolve(new Response(null, { status: 499 })), { once: true })
  )
}

const Ok = Schema.Struct({ ok: Schema.Boolean })

const stall = (client: ApiClient.ApiClient) =>
  client.execute({ method: "GET", path: ["stall"], success: Ok, errors: [] })

describe("aborting requests", () => {
  it.live("a timed-out attempt is abandoned at the server", () =>
    Effect.gen(function*() {
      stalled = 0
      const server = yield* serve(handler)
      const client = yield* makeClient({ baseUrl: server.origin, timeout: "1 second", retry: Retry.noRetries })
      const fiber = yield* Effect.fork(
        Effect.forEach(Array.from({ length: 20 }, () => Effect.flip(stall(client))), (call) => call, {
          concurrency: "unbounded"
        })
      )
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 20), 20)
      const errors = yield* Fiber.join(fiber)
      assert.isTrue(errors.every((e) => e._tag === "RequestTimeout"))
      assert.strictEqual(stalled, 20)
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
      // The client still works afterwards.
      assert.deepStrictEqual(yield* client.execute({ method: "GET", path: ["fast"], success: Ok, errors: [] }), {
        ok: true
      })
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))

  it.live("interrupted in-flight calls are abandoned at the server", () =>
    Effect.gen(function*() {
      stalled = 0
      const server = yield* serve(handler)
      const client = yield* makeClient({ baseUrl: server.origin, timeout: "1 minute" })
      const fiber = yield* Effect.fork(
        Effect.forEach(Array.from({ length: 50 }, () => stall(client)), (call) => call, { concurrency: "unbounded" })
      )
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 50), 50)
      yield* Fiber.interrupt(fiber)
      assert.strictEqual(stalled, 50)
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))

  it.live("Effect.timeout around a call interrupts and abandons it", () =>
    Effect.gen(function*() {
      const server = yield* serve(handler)
      const client = yield* makeClient({ baseUrl: server.origin, timeout: "1 minute" })
      const fiber = yield* Effect.fork(Effect.either(stall(client).pipe(Effect.timeout("1 second"))))
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 1), 1)
      const result = yield* Fiber.join(fiber)
      assert.isTrue(result._tag === "Left" && result.left._tag === "TimeoutException")
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0), 0)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))
})
