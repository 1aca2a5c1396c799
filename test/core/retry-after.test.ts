/**
 * `Retry-After` counts only in RFC 9110's forms, and can never make a delay or an error's number
 * infinite: a lenient reading of garbage would give up at once, an unbounded one would not survive JSON.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { SdkError } from "../../src/core/Errors.js"
import * as Retry from "../../src/core/Retry.js"
import { serve } from "../../src/testkit/http/serve.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import { makeClient } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"
import { transports } from "../helpers/transports.js"

const now = Date.UTC(2025, 5, 1, 12, 0, 0)
const huge = "9".repeat(400)
const garbage = [
  "foo 2099",
  "2101-01-01",
  "",
  "soon",
  "+5",
  "-5",
  "5.5",
  "1e3",
  "0x10",
  "5 seconds",
  "Sun, 06 Nov 2094 08:49:37 UTC",
  "06 Nov 2094 08:49:37 GMT",
  "Sunday, 06 Nov 2094 08:49:37 GMT",
  "Sun, 6 Nov 2094 08:49:37 GMT",
  "Sun Nov 6 08:49:37 2094",
  "sun, 06 nov 2094 08:49:37 gmt",
  "Sun, 31 Feb 2094 08:49:37 GMT",
  "Sun, 06 Nov 2094 25:00:00 GMT",
  "Sun, 06 Nov 2094 08:49:37 GMT trailing",
  "Sun, 06 Nov 2094 08:49:37 GMT, Mon, 07 Nov 2094 08:49:37 GMT"
]

describe("Retry.parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    assert.strictEqual(Retry.parseRetryAfter("0", now), 0)
    assert.strictEqual(Retry.parseRetryAfter("120", now), 120_000)
    assert.strictEqual(Retry.parseRetryAfter(" 7 ", now), 7_000)
  })

  it("reads the three HTTP-date forms as the same instant", () => {
    const expected = Date.UTC(2025, 5, 1, 12, 1, 40) - now
    for (
      const form of ["Sun, 01 Jun 2025 12:01:40 GMT", "Sunday, 01-Jun-25 12:01:40 GMT", "Sun Jun  1 12:01:40 2025"]
    ) {
      assert.strictEqual(Retry.parseRetryAfter(form, now), expected, form)
    }
    assert.strictEqual(Retry.parseRetryAfter("Sun Nov 16 08:49:37 1994", now), 0, "a past date is no wait")
  })

  it("reads an RFC 850 two-digit year more than 50 years ahead as the past century's", () => {
    assert.strictEqual(Retry.parseHttpDate("Friday, 01-Jan-75 00:00:00 GMT", now), Date.UTC(2075, 0, 1))
    assert.strictEqual(Retry.parseHttpDate("Friday, 01-Jan-76 00:00:00 GMT", now), Date.UTC(1976, 0, 1))
  })

  it("ignores anything else", () => {
    for (const value of garbage) assert.isUndefined(Retry.parseRetryAfter(value, now), JSON.stringify(value))
  })

  it("clamps a huge delay to a finite bound", () => {
    assert.strictEqual(Retry.parseRetryAfter(huge, now), Retry.maxRetryAfterMillis)
    assert.strictEqual(Retry.parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now), Retry.maxRetryAfterMillis)
    assert.isTrue(Number.isSafeInteger(Retry.maxRetryAfterMillis))
  })
})

describe("Retry-After in the pipeline (TestClock)", () => {
  it.effect("garbage is ignored: the backoff applies and the call is retried", () =>
    Effect.gen(function*() {
      for (const value of ["foo 2099", "2101-01-01"]) {
        const fake = fakeHttp((_, i) => (i === 0 ? json(429, {}, { "retry-after": value }) : json(200, { ok: true })))
        const client = yield* makeClient().pipe(Effect.provide(fake.layer))
        const fiber = yield* Effect.fork(
          client.execute({ method: "GET", path: ["x"], success: Schema.Struct({ ok: Schema.Boolean }), errors: [] })
        )
        yield* TestClock.adjust("100 millis")
        assert.deepStrictEqual(yield* Fiber.join(fiber), { ok: true }, value)
        assert.strictEqual(fake.seen.length, 2, value)
      }
    }))

  it.effect("a 400-digit delay gives up at once, with a finite retryAfterMillis that survives JSON", () =>
    Effect.gen(function*() {
      const fake = fakeHttp(() => json(429, {}, { "retry-after": huge }))
      const client = yield* makeClient().pipe(Effect.provide(fake.layer))
      const error = yield* Effect.flip(client.execute({ method: "GET", path: ["x"], success: Schema.Void, errors: [] }))
      assert.strictEqual(fake.seen.length, 1)
      assert.strictEqual(error._tag, "RateLimited")
      if (error._tag !== "RateLimited") return
      assert.strictEqual(error.retryAfterMillis, Retry.maxRetryAfterMillis)
      const decoded = Schema.decodeUnknownSync(SdkError)(JSON.parse(JSON.stringify(Schema.encodeSync(SdkError)(error))))
      assert.strictEqual(decoded._tag === "RateLimited" && decoded.retryAfterMillis, Retry.maxRetryAfterMillis)
    }))
})

describe.each(transports.map((t) => [t.name, t.layer] as const))(
  "Retry-After over a socket on %s",
  (_name, transport) => {
    it.live(
      "garbage is retried on the backoff, a huge value gives up with a finite number",
      () =>
        Effect.gen(function*() {
          let calls = 0
          const server = yield* serve((request) => {
            calls++
            const huge_ = new URL(request.url).pathname.endsWith("item-1")
            const retryAfter = huge_ ? huge : calls % 2 === 1 ? "foo 2099" : undefined
            return Promise.resolve(
              retryAfter === undefined
                ? Response.json({ id: "item-0", index: 0, name: "zero" })
                : Response.json({ message: "slow down" }, { status: 429, headers: { "retry-after": retryAfter } })
            )
          })
          const client = yield* makeSyntheticClient({
            url: server.origin,
            retry: Retry.policy({ baseDelay: "1 millis", maxDelay: "2 millis", jitter: false })
          })
          assert.strictEqual((yield* client.get("item-0")).id, "item-0")
          assert.strictEqual(calls, 2)
          const error = yield* Effect.flip(client.get("item-1"))
          assert.strictEqual(calls, 3)
          assert.strictEqual(error._tag === "RateLimited" && error.retryAfterMillis, Retry.maxRetryAfterMillis)
          assert.notInclude(JSON.stringify(Schema.encodeSync(SdkError)(error)), "null")
        }).pipe(Effect.scoped, Effect.provide(transport)),
      20_000
    )
  }
)
