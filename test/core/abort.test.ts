/**
 * A timed-out or interrupted call aborts its request: the server sees every request abandoned, and
 * none stays in flight. Real sockets on 127.0.0.1, the platform's fetch client; bounded in count and
 * time. (Open sockets are not counted: undici may pre-open an idle one after an abort.)
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Retry from "../../src/core/Retry.js"
import { serve } from "../../src/testkit/http/serve.js"
import { makeClient } from "../helpers/client.js"

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

// Polls until nothing is in flight (at most 3 s) and returns what is still in flight.
const settle = (inFlight: () => number) =>
  Effect.sync(inFlight).pipe(
    Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (n) => n === 0, times: 150 }),
    Effect.zipRight(Effect.sync(inFlight))
  )

describe("aborting requests", () => {
  it.live("a timed-out attempt is abandoned at the server", () =>
    Effect.gen(function*() {
      stalled = 0
      const server = yield* serve(handler)
      const client = yield* makeClient({
        baseUrl: server.origin,
        timeout: "150 millis",
        retry: Retry.noRetries
      })
      const errors = yield* Effect.forEach(
        Array.from({ length: 20 }, () => client.execute({ method: "GET", path: ["stall"], success: Ok, errors: [] })),
        Effect.flip,
        { concurrency: "unbounded" }
      )
      assert.isTrue(errors.every((e) => e._tag === "RequestTimeout"))
      assert.strictEqual(stalled, 20)
      assert.strictEqual(yield* settle(server.inFlight), 0)
      // The client still works afterwards.
      assert.deepStrictEqual(yield* client.execute({ method: "GET", path: ["fast"], success: Ok, errors: [] }), {
        ok: true
      })
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))

  it.live("interrupted in-flight calls (Effect.timeout) are abandoned at the server", () =>
    Effect.gen(function*() {
      const server = yield* serve(handler)
      stalled = 0
      const client = yield* makeClient({ baseUrl: server.origin, timeout: "1 minute" })
      const results = yield* Effect.forEach(
        Array.from({ length: 50 }, () =>
          client.execute({ method: "GET", path: ["stall"], success: Ok, errors: [] }).pipe(
            Effect.timeout("200 millis")
          )),
        Effect.either,
        { concurrency: "unbounded" }
      )
      assert.isTrue(results.every((r) => r._tag === "Left" && r.left._tag === "TimeoutException"))
      assert.strictEqual(stalled, 50)
      assert.strictEqual(yield* settle(server.inFlight), 0)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))
})
