/**
 * The refreshing credential in the pipeline, on TestClock: single-flight refresh under 64 concurrent
 * calls, failures shared, no refresh loop, proactive refresh before expiry, `onToken`, and credentials
 * read per attempt.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import type { Token } from "../../src/core/RefreshingCredential.js"
import { unsafeMake } from "../../src/core/RefreshingCredential.js"
import {
  counting,
  fault,
  getItem,
  refreshingClient,
  type ResourceServer,
  resourceServer,
  staleToken
} from "../helpers/tokenApi.js"

const calls = 64
const range = Array.from({ length: calls }, (_, i) => i)

// Every request of the test's calls: the first with the stale token, the second with the new one.
const requestsOf = (server: ResourceServer, id: number) => server.sent.filter((s) => s.path === `/v1/items/${id}`)

// A gate that opens once `count` requests have arrived, so every call has met the 401 before any
// response is read.
const barrier = (count: number) =>
  Effect.map(Deferred.make<void>(), (open) => {
    let arrived = 0
    return {
      open,
      gate: Effect.suspend(() => {
        arrived++
        return arrived >= count ? Deferred.succeed(open, undefined) : Deferred.await(open)
      })
    }
  })

describe("refreshing credential", () => {
  it.effect("64 concurrent calls meet a 401: one refresh, each call sent again once and succeeding", () =>
    Effect.gen(function*() {
      const { gate } = yield* barrier(calls)
      let gated = true
      const server = resourceServer({ gate: Effect.suspend(() => gated ? gate : Effect.void) })
      const started = yield* Deferred.make<void>()
      const refresh = counting(server, { delay: "1 second" })
      const tokens: Array<Token> = []
      const { api } = yield* refreshingClient(server, {
        token: staleToken,
        refresh: (current) => Effect.zipRight(Deferred.succeed(started, undefined), refresh.refresh(current)),
        onToken: (token) => Effect.sync(() => tokens.push(token))
      })
      const fiber = yield* Effect.fork(
        Effect.forEach(range, (i) => getItem(api, i), { concurrency: "unbounded" })
      )
      yield* Deferred.await(started)
      gated = false
      yield* TestClock.adjust("1 second")
      const results = yield* Fiber.join(fiber)

      assert.deepStrictEqual(refresh.calls, ["stale-token-0123456789"])
      assert.strictEqual(tokens.length, 1)
      assert.strictEqual(Redacted.value(tokens[0]!.accessToken), "new-token-1-0123456789")
      assert.strictEqual(Redacted.value(tokens[0]!.refreshToken!), "refresh-token-1-abcdef")
      assert.strictEqual(server.sent.length, 2 * calls)
      for (const i of range) {
        assert.deepStrictEqual(requestsOf(server, i).map((s) => s.token), [
          "stale-token-0123456789",
          "new-token-1-0123456789"
        ])
        assert.deepStrictEqual(results[i], { path: `/v1/items/${i}`, token: "new-token-1-0123456789" })
      }
    }))

  it.effect("a failing refresh fails every waiting call with Unauthorized saying why; it is tried once", () =>
    Effect.gen(function*() {
      const { gate } = yield* barrier(calls)
      const server = resourceServer({ gate })
      let refreshes = 0
      const { api } = yield* refreshingClient(server, {
        token: staleToken,
        refresh: () =>
          Effect.zipRight(
            Effect.sync(() => refreshes++),
            Effect.zipRight(Effect.sleep("1 second"), Effect.fail(new Error("invalid_grant: refresh token spent")))
          )
      })
      const fiber = yield* Effect.fork(
        Effect.forEach(range, (i) => Effect.flip(getItem(api, i)), { concurrency: "unbounded" })
      )
      yield* TestClock.adjust("1 second")
      const errors = yield* Fiber.join(fiber)

      assert.strictEqual(refreshes, 1)
      assert.strictEqual(server.sent.length, calls)
      for (const error of errors) {
        assert.strictEqual(error._tag, "Unauthorized")
        assert.strictEqual(error.status, 401)
        assert.strictEqual(
          error.message,
          "Invalid Credentials; the credential could not be refreshed: invalid_grant: refresh token spent"
        )
      }
    }))

  it.effect("a refresh or onToken that throws instead of failing: a typed failure, scrubbed, and no call left waiting", () =>
    Effect.gen(function*() {
      const secret = "tok-secret-0123456789"
      let refreshes = 0
      const throwing = unsafeMake({
        refresh: () => {
          refreshes++
          throw new Error(`boom with ${secret}`)
        },
        retryFailedRefreshAfter: "0 millis"
      })
      const first = yield* Effect.flip(throwing.current)
      assert.strictEqual(first._tag, "CredentialUnavailable")
      // The slot was freed: a second call tries again instead of waiting forever.
      const second = yield* Effect.flip(throwing.current).pipe(Effect.timeout("1 second"))
      assert.strictEqual(second._tag, "CredentialUnavailable")
      assert.strictEqual(refreshes, 2)

      const persisting = unsafeMake({
        refresh: () => Effect.succeed({ accessToken: Redacted.make(secret) }),
        onToken: (token) => {
          throw new Error(`persist failed for ${Redacted.value(token.accessToken)}`)
        }
      })
      // A throwing onToken is logged, not fatal: the new token serves.
      const credential = yield* persisting.current
      assert.include(Redacted.value(credential.value), secret)
    }))

  it.effect("a failed refresh is not tried again for retryFailedRefreshAfter, then it is", () =>
    Effect.gen(function*() {
      const server = resourceServer()
      let refreshes = 0
      const { api } = yield* refreshingClient(server, {
        token: staleToken,
        retryFailedRefreshAfter: "10 seconds",
        refresh: () => Effect.zipRight(Effect.sync(() => refreshes++), Effect.fail({ message: "token endpoint down" }))
      })
      assert.strictEqual((yield* Effect.flip(getItem(api, 1)))._tag, "Unauthorized")
      yield* TestClock.adjust("9 seconds")
      const again = yield* Effect.flip(getItem(api, 2))
      assert.match(again.message, /token endpoint down/)
      assert.strictEqual(refreshes, 1)
      yield* TestClock.adjust("1 second")
      yield* Effect.flip(getItem(api, 3))
      assert.strictEqual(refreshes, 2)
    }))

  it.effect("a token rejected again after a refresh is not refreshed again: no loop", () =>
    Effect.gen(function*() {
      // Every token is rejected, the new one too.
      const server = resourceServer({ reply: () => fault() })
      const refresh = counting(server)
      const { api } = yield* refreshingClient(server, { token: staleToken, refresh: refresh.refresh })
      const error = yield* Effect.flip(getItem(api, 1))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.strictEqual(error.message, "Invalid Credentials; rejected again after a refresh")
      assert.strictEqual(refresh.calls.length, 1)
      assert.deepStrictEqual(server.sent.map((s) => s.token), ["stale-token-0123456789", "new-token-1-0123456789"])
      // The next call starts afresh: one more refresh, one more re-send, then it stops again.
      yield* Effect.flip(getItem(api, 2))
      assert.strictEqual(refresh.calls.length, 2)
      assert.strictEqual(server.sent.length, 4)
    }))

  it.effect("a 401 the classifier does not mark as a rejected credential is not refreshed", () =>
    Effect.gen(function*() {
      const server = resourceServer({ reply: () => new Response("{\"message\":\"wrong password\"}", { status: 401 }) })
      const refresh = counting(server)
      const { api } = yield* refreshingClient(server, { token: staleToken, refresh: refresh.refresh })
      const error = yield* Effect.flip(getItem(api, 1))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.strictEqual(refresh.calls.length, 0)
      assert.strictEqual(server.sent.length, 1)
    }))

  it.effect("refreshes shortly before a known expiry, on the Clock, so no call meets a 401", () =>
    Effect.gen(function*() {
      const server = resourceServer({ valid: ["stale-token-0123456789"] })
      const refresh = counting(server, { expiresIn: "1 hour" })
      const tokens: Array<Token> = []
      const { api, credential } = yield* refreshingClient(server, {
        token: { ...staleToken, expiresAt: Duration.toMillis("10 minutes") },
        refreshBefore: "1 minute",
        refresh: refresh.refresh,
        onToken: (token) => Effect.sync(() => tokens.push(token))
      })
      yield* getItem(api, 1)
      yield* TestClock.adjust("8 minutes")
      yield* getItem(api, 2)
      assert.strictEqual(refresh.calls.length, 0)
      yield* TestClock.adjust("90 seconds")
      const fresh = yield* getItem(api, 3)
      assert.strictEqual(fresh.token, "new-token-1-0123456789")
      assert.strictEqual(refresh.calls.length, 1)
      // The new token's expiry is counted from the refresh, on the same Clock.
      const token = yield* credential.token
      assert.strictEqual(
        token._tag === "Some" ? token.value.expiresAt : undefined,
        Duration.toMillis("9.5 minutes") + 3_600_000
      )
      yield* TestClock.adjust("58 minutes")
      yield* getItem(api, 4)
      assert.strictEqual(refresh.calls.length, 1)
      yield* TestClock.adjust("1 minute")
      yield* getItem(api, 5)
      assert.strictEqual(refresh.calls.length, 2)
      assert.deepStrictEqual(tokens.map((t) => Redacted.value(t.accessToken)), [
        "new-token-1-0123456789",
        "new-token-2-0123456789"
      ])
      assert.isFalse(server.sent.some((s) => s.token !== undefined && !server.valid.has(s.token)))
    }))

  it.effect("a token living shorter than refreshBefore is refreshed half way through its life, not on every call", () =>
    Effect.gen(function*() {
      const server = resourceServer()
      const refresh = counting(server, { expiresIn: "30 seconds" })
      const { api } = yield* refreshingClient(server, { refreshBefore: "1 minute", refresh: refresh.refresh })
      yield* getItem(api, 1)
      yield* TestClock.adjust("14 seconds")
      yield* getItem(api, 2)
      yield* getItem(api, 3)
      assert.strictEqual(refresh.calls.length, 1)
      yield* TestClock.adjust("1 second")
      assert.strictEqual((yield* getItem(api, 4)).token, "new-token-2-0123456789")
      assert.strictEqual(refresh.calls.length, 2)
    }))

  it.effect("near expiry a failed refresh still lets the unexpired token serve; once expired the call fails unsent", () =>
    Effect.gen(function*() {
      const server = resourceServer({ valid: ["stale-token-0123456789"] })
      const { api } = yield* refreshingClient(server, {
        token: { ...staleToken, expiresAt: Duration.toMillis("10 minutes") },
        retryFailedRefreshAfter: "0 millis",
        refresh: () => Effect.fail(new Error("token endpoint down"))
      })
      yield* TestClock.adjust("570 seconds")
      assert.strictEqual((yield* getItem(api, 1)).token, "stale-token-0123456789")
      yield* TestClock.adjust("1 minute")
      const error = yield* Effect.flip(getItem(api, 2))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.strictEqual(error.message, "the credential could not be refreshed: token endpoint down")
      assert.strictEqual(server.sent.length, 1)
    }))

  it.effect("without a starting token, the first call obtains one (a login); a failed login sends nothing", () =>
    Effect.gen(function*() {
      const server = resourceServer()
      const refresh = counting(server)
      const { api } = yield* refreshingClient(server, { refresh: refresh.refresh })
      assert.strictEqual((yield* getItem(api, 1)).token, "new-token-1-0123456789")
      assert.deepStrictEqual(refresh.calls, [undefined])

      const other = resourceServer()
      const { api: failing } = yield* refreshingClient(other, {
        refresh: () => Effect.fail(new Error("bad password"))
      })
      const error = yield* Effect.flip(getItem(failing, 1))
      assert.strictEqual(error.message, "the credential could not be refreshed: bad password")
      assert.strictEqual(other.sent.length, 0)
    }))

  it.effect("onToken is called once per new token, before a request uses it; its failure does not lose the token", () =>
    Effect.gen(function*() {
      const server = resourceServer()
      const refresh = counting(server)
      const persisted: Array<string> = []
      const { api } = yield* refreshingClient(server, {
        token: staleToken,
        refresh: refresh.refresh,
        onToken: (token) =>
          Effect.sync(() => persisted.push(Redacted.value(token.accessToken))).pipe(
            Effect.zipRight(persisted.length === 1 ? Effect.die("disk full") : Effect.void)
          )
      })
      yield* getItem(api, 1)
      assert.deepStrictEqual(persisted, ["new-token-1-0123456789"])
      // A server that revokes the first new token: the second refresh is persisted too.
      server.valid.clear()
      assert.strictEqual((yield* getItem(api, 2)).token, "new-token-2-0123456789")
      assert.deepStrictEqual(persisted, ["new-token-1-0123456789", "new-token-2-0123456789"])
      assert.strictEqual(server.sent.at(-1)?.token, "new-token-2-0123456789")
    }))

  it.effect("a retried attempt carries the token refreshed while it waited", () =>
    Effect.gen(function*() {
      let first = true
      const server = resourceServer({
        valid: ["stale-token-0123456789"],
        reply: (sent) => {
          if (sent.path !== "/v1/items/slow" || !first) return undefined
          first = false
          return new Response("{}", { status: 503, headers: { "retry-after": "5" } })
        }
      })
      const refresh = counting(server)
      const { api } = yield* refreshingClient(server, { token: staleToken, refresh: refresh.refresh })
      const slow = yield* Effect.fork(getItem(api, "slow"))
      yield* TestClock.adjust("1 second")
      // Meanwhile the old token is revoked and another call refreshes it.
      server.valid.delete("stale-token-0123456789")
      assert.strictEqual((yield* getItem(api, "other")).token, "new-token-1-0123456789")
      yield* TestClock.adjust("5 seconds")
      const result = yield* Fiber.join(slow)
      assert.strictEqual(result.token, "new-token-1-0123456789")
      assert.deepStrictEqual(server.sent.filter((s) => s.path === "/v1/items/slow").map((s) => s.token), [
        "stale-token-0123456789",
        "new-token-1-0123456789"
      ])
      assert.strictEqual(refresh.calls.length, 1)
    }))

  it.effect("a refresh that never answers fails after refreshTimeout, not never", () =>
    Effect.gen(function*() {
      const server = resourceServer()
      const { api } = yield* refreshingClient(server, {
        token: staleToken,
        refreshTimeout: "30 seconds",
        refresh: () => Effect.never
      })
      const fiber = yield* Effect.fork(Effect.flip(getItem(api, 1)))
      yield* TestClock.adjust("30 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(
        error.message,
        "Invalid Credentials; the credential could not be refreshed: no new token within 30s"
      )
    }))

  it.effect("a caller interrupted while waiting does not take the new token from the others", () =>
    Effect.gen(function*() {
      const server = resourceServer()
      const refresh = counting(server, { delay: "1 second" })
      const { api } = yield* refreshingClient(server, { token: staleToken, refresh: refresh.refresh })
      const first = yield* Effect.fork(getItem(api, 1))
      const second = yield* Effect.fork(getItem(api, 2))
      yield* TestClock.adjust("500 millis")
      yield* Fiber.interrupt(first)
      yield* TestClock.adjust("500 millis")
      assert.strictEqual((yield* Fiber.join(second)).token, "new-token-1-0123456789")
      assert.strictEqual(refresh.calls.length, 1)
    }))
})
