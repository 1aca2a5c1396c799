/**
 * Edge cases found in review: compressed bodies and the size limit, redirects and credentials,
 * unencodable bodies, bad base URLs, retried DELETEs, jitter at the delay cap.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { gzipSync } from "node:zlib"
import * as Retry from "../../src/core/Retry.js"
import { serve } from "../../src/testkit/http/serve.js"
import { makeClient } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"
import { waitFor } from "../helpers/polling.js"

const Any = Schema.Struct({})

const deleteGroup = {
  method: "DELETE",
  path: ["groups", "g"],
  success: Schema.Void,
  errors: ["NotFound"],
  idempotentDelete: true
} as const

describe("over real HTTP (127.0.0.1, fetch)", () => {
  it.live("a small gzip body that inflates past the limit is refused", () =>
    Effect.gen(function*() {
      const inflated = JSON.stringify({ padding: "x".repeat(5 * 1024 * 1024) })
      const compressed = gzipSync(inflated)
      const server = yield* serve(() =>
        Promise.resolve(
          new Response(compressed, {
            headers: {
              "content-type": "application/json",
              "content-encoding": "gzip",
              "content-length": String(compressed.length)
            }
          })
        )
      )
      assert.isBelow(compressed.length, 100 * 1024)
      const client = yield* makeClient({ baseUrl: server.origin, maxResponseBytes: 100 * 1024 })
      const error = yield* Effect.flip(client.execute({ method: "GET", path: ["big"], success: Any, errors: [] }))
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "BodyTooLarge")
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))

  it.live("a body declared larger than the limit is not downloaded", () =>
    Effect.gen(function*() {
      let produced = 0
      const total = 100 * 1024 * 1024
      const chunk = new Uint8Array(64 * 1024).fill(32)
      const server = yield* serve(() =>
        Promise.resolve(
          new Response(
            new ReadableStream<Uint8Array>({
              pull(controller) {
                if (produced >= total) return controller.close()
                produced += chunk.length
                controller.enqueue(chunk)
              }
            }),
            { headers: { "content-type": "application/json", "content-length": String(total) } }
          )
        )
      )
      const client = yield* makeClient({ baseUrl: server.origin, maxResponseBytes: 1024 * 1024 })
      const error = yield* Effect.flip(client.execute({ method: "GET", path: ["huge"], success: Any, errors: [] }))
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "BodyTooLarge")
      const inFlight = yield* waitFor(server.inFlight, (n) => n === 0)
      assert.strictEqual(inFlight, 0)
      assert.isBelow(produced, 32 * 1024 * 1024)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))

  it.live("redirects are not followed: credentials never reach another origin", () =>
    Effect.gen(function*() {
      const elsewhere: Array<string | null> = []
      const other = yield* serve((request) => {
        elsewhere.push(request.headers.get("api_key"))
        return Promise.resolve(Response.json({}))
      })
      const server = yield* serve(() =>
        Promise.resolve(new Response(null, { status: 302, headers: { location: other.origin + "/stolen" } }))
      )
      const client = yield* makeClient({
        baseUrl: server.origin,
        credentials: Effect.succeed([{ header: "api_key", value: Redacted.make("secret-token-value-123") }]),
        credentialHeaders: ["api_key"]
      })
      const get = yield* Effect.flip(client.execute({ method: "GET", path: ["x"], success: Any, errors: [] }))
      const post = yield* Effect.flip(
        client.execute({ method: "POST", path: ["x"], body: {}, success: Any, errors: [] })
      )
      for (const error of [get, post]) {
        assert.strictEqual(error._tag, "InvalidResponse")
        assert.include(error.message, "redirected (302)")
        assert.strictEqual(error.status, 302)
      }
      assert.deepStrictEqual(elsewhere, [])
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))

  it.live("a base URL that cannot be parsed fails at once, without retries", () =>
    Effect.gen(function*() {
      const client = yield* makeClient({ baseUrl: "http://exa mple.test:99999" })
      const error = yield* Effect.flip(client.execute({ method: "GET", path: ["x"], success: Any, errors: [] }))
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual((error as { attempts?: number }).attempts, 1)
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})

describe("input and retries", () => {
  it.effect("a body that cannot be encoded is InvalidRequest, not a defect", () => {
    const fake = fakeHttp(() => json(200, {}))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const cyclic: Record<string, unknown> = {}
      cyclic.self = cyclic
      for (const body of [{ n: 10n }, cyclic]) {
        const error = yield* Effect.flip(
          client.execute({ method: "POST", path: ["x"], body, success: Any, errors: ["InvalidRequest"] })
        )
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.strictEqual(error._tag === "InvalidRequest" && error.origin, "client")
      }
      assert.strictEqual(fake.seen.length, 0)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a DELETE whose retry finds the resource gone succeeded", () => {
    const fake = fakeHttp((_, i) => (i === 0 ? "hang" : json(404, { message: "unknown group 'g'" })))
    return Effect.gen(function*() {
      const client = yield* makeClient({ timeout: "1 second" })
      const fiber = yield* Effect.fork(
        client.execute(deleteGroup)
      )
      yield* TestClock.adjust("2 seconds")
      assert.isUndefined(yield* Fiber.join(fiber))
      assert.strictEqual(fake.seen.length, 2)
      // On the first attempt, NotFound is NotFound.
      const first = yield* Effect.flip(
        client.execute(deleteGroup)
      )
      assert.strictEqual(first._tag, "NotFound")
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a DELETE retried after a 503 (the server did nothing) still reports NotFound", () => {
    const fake = fakeHttp((_, i) => (i === 0 ? json(503, {}) : json(404, { message: "unknown group 'g'" })))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(
        Effect.flip(
          client.execute(deleteGroup)
        )
      )
      yield* TestClock.adjust("1 second")
      assert.strictEqual((yield* Fiber.join(fiber))._tag, "NotFound")
      assert.strictEqual(fake.seen.length, 2)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("at the delay cap, jitter still spreads retries (cap first, then jitter)", () => {
    const fake = fakeHttp(() => json(503, {}))
    return Effect.gen(function*() {
      const client = yield* makeClient({
        retry: Retry.policy({ maxAttempts: 2, baseDelay: "10 seconds", maxDelay: "1 second", jitter: true })
      })
      const fiber = yield* Effect.fork(
        Effect.flip(client.execute({ method: "GET", path: ["x"], success: Any, errors: [] }))
      )
      yield* TestClock.adjust("499 millis")
      assert.strictEqual(fake.seen.length, 1)
      yield* TestClock.adjust("501 millis")
      yield* Fiber.join(fiber)
      assert.strictEqual(fake.seen.length, 2)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a short secret echoed by the server withholds the whole message instead of marking the word", () => {
    const fake = fakeHttp(() => json(404, { message: "unknown user 'alice'" }))
    return Effect.gen(function*() {
      const client = yield* makeClient({
        classifier: (response) => ({ tag: "NotFound", message: (response.json as { message: string }).message })
      })
      const error = yield* Effect.flip(
        client.execute({
          method: "POST",
          path: ["login"],
          body: { username: "alice", password: "user" },
          secrets: [Redacted.make("user")],
          success: Any,
          errors: ["NotFound"]
        })
      )
      assert.strictEqual(error.message, "<withheld: contained a secret>")
      assert.strictEqual(error.excerpt, "<withheld: contained a secret>")
      assert.notInclude(JSON.stringify(error), "user")
    }).pipe(Effect.provide(fake.layer))
  })
})
