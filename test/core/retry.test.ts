import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as RequestOptions from "../../src/core/RequestOptions.js"
import * as Retry from "../../src/core/Retry.js"
import { makeClient } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"

const Ok = Schema.Struct({ ok: Schema.Boolean })

const get = { method: "GET", path: ["thing"], success: Ok, errors: [] } as const
const post = { method: "POST", path: ["thing"], body: { a: 1 }, success: Ok, errors: [] } as const

describe("Retry.parseRetryAfter", () => {
  it("reads delay-seconds and HTTP-dates, ignores garbage", () => {
    assert.strictEqual(Retry.parseRetryAfter("7", 0), 7000)
    assert.strictEqual(Retry.parseRetryAfter(new Date(12_000).toUTCString(), 2_000), 10_000)
    assert.strictEqual(Retry.parseRetryAfter(new Date(1_000).toUTCString(), 5_000), 0)
    assert.strictEqual(Retry.parseRetryAfter("soon", 0), undefined)
    assert.strictEqual(Retry.parseRetryAfter(undefined, 0), undefined)
  })

  it("classifies methods and statuses", () => {
    assert.isTrue(Retry.isRetryableStatus("GET", 500))
    assert.isTrue(Retry.isRetryableStatus("PUT", 504))
    assert.isFalse(Retry.isRetryableStatus("POST", 500))
    assert.isTrue(Retry.isRetryableStatus("POST", 429))
    assert.isTrue(Retry.isRetryableStatus("POST", 503))
    assert.isFalse(Retry.isRetryableStatus("GET", 404))
  })
})

describe("retries (TestClock)", () => {
  it.effect("GET is replayed after a 503 and then succeeds", () => {
    const fake = fakeHttp((_, i) => (i === 0 ? json(503, {}) : json(200, { ok: true })))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(client.execute(get))
      yield* TestClock.adjust("99 millis")
      assert.strictEqual(fake.seen.length, 1)
      yield* TestClock.adjust("1 millis")
      const result = yield* Fiber.join(fiber)
      assert.deepStrictEqual(result, { ok: true })
      assert.strictEqual(fake.seen.length, 2)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("Retry-After in seconds is a minimum delay", () => {
    const fake = fakeHttp((_, i) => (i === 0 ? json(429, {}, { "retry-after": "5" }) : json(200, { ok: true })))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(client.execute(get))
      yield* TestClock.adjust("4999 millis")
      assert.strictEqual(fake.seen.length, 1)
      yield* TestClock.adjust("1 millis")
      assert.deepStrictEqual(yield* Fiber.join(fiber), { ok: true })
      assert.strictEqual(fake.seen.length, 2)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("Retry-After as an HTTP-date is honoured", () => {
    const fake = fakeHttp((_, i) =>
      i === 0 ? json(503, {}, { "retry-after": new Date(8_000).toUTCString() }) : json(200, { ok: true })
    )
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(client.execute(post))
      yield* TestClock.adjust("7 seconds")
      assert.strictEqual(fake.seen.length, 1)
      yield* TestClock.adjust("1 seconds")
      assert.deepStrictEqual(yield* Fiber.join(fiber), { ok: true })
      assert.strictEqual(fake.seen.length, 2)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("attempts are bounded and the final error says how many were made", () => {
    const fake = fakeHttp(() => json(502, { error: "bad gateway" }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(Effect.either(client.execute(get)))
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.isTrue(Either.isLeft(result))
      const error = Either.getLeft(result).pipe((o) => o._tag === "Some" ? o.value : undefined)
      assert.strictEqual(error?._tag, "ServerError")
      assert.strictEqual((error as any).attempts, 4)
      assert.strictEqual((error as any).status, 502)
      assert.strictEqual(fake.seen.length, 4)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("backoff doubles: 100, 200, 400 ms without jitter", () => {
    const fake = fakeHttp(() => json(500, {}))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(Effect.either(client.execute(get)))
      const counts: Array<number> = []
      for (const step of [100, 200, 400]) {
        yield* TestClock.adjust(Duration.millis(step - 1))
        counts.push(fake.seen.length)
        yield* TestClock.adjust("1 millis")
      }
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(counts, [1, 2, 3])
      assert.strictEqual(fake.seen.length, 4)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a POST is not replayed after a 500", () => {
    const fake = fakeHttp(() => json(500, { error: "boom" }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(client.execute(post))
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(fake.seen.length, 1)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a POST is retried after 429, and after a refused connection", () => {
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })
    })
    const fake = fakeHttp((_, i) => (i === 0 ? json(429, {}) : i === 1 ? { fail: refused } : json(200, { ok: true })))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(client.execute(post))
      yield* TestClock.adjust("1 second")
      assert.deepStrictEqual(yield* Fiber.join(fiber), { ok: true })
      assert.strictEqual(fake.seen.length, 3)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a POST whose connection broke after sending is not replayed", () => {
    const fake = fakeHttp(() => ({ fail: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(client.execute(post))
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual((error as any).attempts, 1)
      assert.strictEqual(fake.seen.length, 1)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a Retry-After beyond the total delay budget ends the retries at once", () => {
    const fake = fakeHttp(() => json(429, {}, { "retry-after": "120" }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(client.execute(get))
      assert.strictEqual(error._tag, "RateLimited")
      assert.strictEqual((error as any).retryAfterMillis, 120_000)
      assert.strictEqual(fake.seen.length, 1)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("retries can be switched off per call", () => {
    const fake = fakeHttp(() => json(503, {}))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(client.execute(get).pipe(RequestOptions.withoutRetries))
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(fake.seen.length, 1)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a per-call policy replaces the client's", () => {
    const fake = fakeHttp(() => json(503, {}))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(
        Effect.flip(
          client.execute(get).pipe(
            RequestOptions.withRetryPolicy(Retry.policy({ maxAttempts: 2, jitter: false, baseDelay: "10 millis" }))
          )
        )
      )
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual((error as any).attempts, 2)
      assert.strictEqual(fake.seen.length, 2)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a stalled server ends in RequestTimeout; GET is retried, POST is not", () => {
    const fake = fakeHttp(() => "hang")
    return Effect.gen(function*() {
      const client = yield* makeClient({
        retry: Retry.policy({ maxAttempts: 2, jitter: false, baseDelay: "1 second" })
      })
      const getFiber = yield* Effect.fork(Effect.flip(client.execute(get)))
      const postFiber = yield* Effect.fork(Effect.flip(client.execute(post)))
      yield* TestClock.adjust("5 seconds")
      const postError = yield* Fiber.join(postFiber)
      assert.strictEqual(postError._tag, "RequestTimeout")
      assert.strictEqual((postError as any).attempts, 1)
      yield* TestClock.adjust("6 seconds")
      const getError = yield* Fiber.join(getFiber)
      assert.strictEqual(getError._tag, "RequestTimeout")
      assert.strictEqual((getError as any).attempts, 2)
      assert.strictEqual((getError as any).timeoutMillis, 5000)
      assert.strictEqual(fake.seen.filter((s) => s.method === "GET").length, 2)
      assert.strictEqual(fake.seen.filter((s) => s.method === "POST").length, 1)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("jittered delays stay between half and all of the backoff", () =>
    Effect.gen(function*() {
      const fake = fakeHttp(() => json(503, {}))
      const client = yield* makeClient({
        retry: Retry.policy({ maxAttempts: 2, baseDelay: "1 second", jitter: true })
      }).pipe(Effect.provide(fake.layer))
      const fiber = yield* Effect.fork(Effect.flip(client.execute(get)))
      yield* TestClock.adjust("499 millis")
      assert.strictEqual(fake.seen.length, 1)
      yield* TestClock.adjust("501 millis")
      yield* Fiber.join(fiber)
      assert.strictEqual(fake.seen.length, 2)
    }))

  it.effect("an operation marked not idempotent is never sent again once it may have acted", () => {
    const fake = fakeHttp((_, i) => (i === 0 ? json(503, {}) : json(500, {})))
    const cancel = { ...get, method: "PUT", idempotent: false } as const
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const fiber = yield* Effect.fork(Effect.flip(client.execute(cancel)))
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      // The 503 declined it, so it was sent again; the 500 may have acted, so it was not.
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(fake.seen.length, 2)
      assert.deepStrictEqual(fake.seen.map((seen) => seen.method), ["PUT", "PUT"])
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("Retry.schedule makes the pipeline's decisions for effects of your own", () =>
    Effect.gen(function*() {
      let attempts = 0
      const failing = (retryAfterMillis: number | undefined) =>
        Effect.suspend(() => {
          attempts++
          return Effect.fail({ retryable: true, retryAfterMillis })
        })
      const policy = Retry.policy({ maxAttempts: 3, baseDelay: "100 millis", jitter: false })
      // Backoff 100 ms, then 200 ms; three attempts in all.
      const fiber = yield* Effect.fork(Effect.flip(Effect.retry(failing(undefined), Retry.schedule(policy))))
      yield* TestClock.adjust("99 millis")
      assert.strictEqual(attempts, 1)
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(attempts, 2)
      yield* TestClock.adjust("200 millis")
      yield* Fiber.join(fiber)
      assert.strictEqual(attempts, 3)
      // Retry-After is a minimum; a wait past the total budget ends the retries at once.
      attempts = 0
      const honoured = yield* Effect.fork(Effect.flip(Effect.retry(failing(1000), Retry.schedule(policy))))
      yield* TestClock.adjust("999 millis")
      assert.strictEqual(attempts, 1)
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(attempts, 2)
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(honoured)
      assert.strictEqual(attempts, 3)
      attempts = 0
      const budget = Retry.policy({ maxAttempts: 5, maxTotalDelay: "500 millis", jitter: false })
      yield* Effect.flip(Effect.retry(failing(1000), Retry.schedule(budget)))
      assert.strictEqual(attempts, 1)
      assert.strictEqual(
        Retry.nextDelayMillis(budget, 1, 0, { retryable: true, retryAfterMillis: 1000 }, 0),
        undefined
      )
      assert.strictEqual(Retry.nextDelayMillis(policy, 1, 0, { retryable: true, retryAfterMillis: 1000 }, 0), 1000)
      assert.strictEqual(
        Retry.nextDelayMillis(policy, 3, 0, { retryable: true, retryAfterMillis: undefined }, 0),
        undefined
      )
    }))
})
