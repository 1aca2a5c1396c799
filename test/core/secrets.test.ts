/**
 * A token never shows in an error (message, fields, JSON, Cause), a log line or a span attribute —
 * with a hostile server that echoes it back in error bodies and headers, and with retries on.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import * as Flowserv from "../../src/flowserv/Flowserv.js"
import { Groups, Users, withToken } from "../../src/flowserv/index.js"
import { recording, textsOf } from "../helpers/capture.js"
import { fakeHttp, json, text } from "../helpers/fakeHttp.js"
import { hasAttribute } from "../helpers/spans.js"

const token = "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a"
const password = "hunter2-correct-horse"

// Every kind of failure, each echoing back what it was sent: the token header and the body.
const hostile = fakeHttp((seen, i) => {
  const echoed = seen.headers["api_key"] ?? ""
  const path = seen.url.pathname
  if (path.endsWith("/users/whoami")) {
    return i % 2 === 0
      ? json(503, { message: `overloaded, token ${echoed}` }, { "retry-after": "1" })
      : json(403, { message: `not logged in with ${echoed}` })
  }
  if (path.endsWith("/users/login")) return json(404, { message: `unknown user; you sent ${seen.body}` })
  if (path.endsWith("/users")) return json(200, { users: [{ id: 1, username: "x", token: echoed }] })
  if (path.includes("/groups/")) return text(200, `<html>${echoed}</html>`, { "content-type": "text/html" })
  return json(500, { error: `boom ${echoed} ${seen.body ?? ""}` })
})

describe("secrets stay secret", () => {
  it.effect("in errors, logs and spans", () =>
    Effect.gen(function*() {
      const run = Effect.gen(function*() {
        const users = yield* Users
        const groups = yield* Groups
        const calls = [
          users.whoami(),
          users.login("alice", Redacted.make(password)),
          users.list(),
          groups.get("g1"),
          users.logout(),
          users.register("eve", password)
        ]
        const errors: Array<unknown> = []
        for (const call of calls) {
          const fiber = yield* Effect.fork(Effect.flip(call as Effect.Effect<unknown, unknown>))
          yield* TestClock.adjust("1 minute")
          const error = yield* Fiber.join(fiber)
          errors.push(error)
          yield* Effect.logError("call failed", Cause.fail(error))
        }
        return errors
      }).pipe(
        withToken(Redacted.make(token)),
        Effect.provide(Flowserv.layer({ url: "http://flowserv.test/api" })),
        Effect.provide(hostile.layer)
      )

      const [errors, recorded] = yield* recording(run)
      const { lines, spans } = recorded

      // The requests did carry the secrets: the test would be empty otherwise.
      assert.isTrue(hostile.seen.some((s) => s.headers["api_key"] === token))
      assert.isTrue(hostile.seen.some((s) => s.body?.includes(password) === true))
      assert.strictEqual(errors.length, 6)
      assert.includeMembers(errors.map((e) => (e as { _tag: string })._tag), [
        "Unauthorized",
        "InvalidResponse",
        "ServerError"
      ])

      const texts = textsOf(errors, recorded)
      assert.isAbove(lines.length, 6)
      // No transport span (it would hold the request's headers); the operations' spans say what was sent.
      assert.isFalse(spans.some((span) => span.name.startsWith("http.client")), "no http.client span")
      assert.isTrue(hasAttribute(spans, "http.request.method", "GET"), "the method is attributed")
      for (const t of texts) {
        assert.notInclude(t, token)
        assert.notInclude(t, password)
      }
    }))

  it("Redacted tokens print as <redacted>", () => {
    const user = { id: "1", username: "a", token: Redacted.make(token) }
    assert.notInclude(JSON.stringify(user), token)
    assert.notInclude(String(user.token), token)
  })
})
