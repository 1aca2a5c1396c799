import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { Flowserv, Groups, Users, withToken } from "../../src/flowserv/index.js"
import { FlowservTestServer } from "../../src/testkit/index.js"

// The same SDK over real HTTP to the test server on 127.0.0.1, with the platform's fetch client.
const overHttp = <A, E, R>(self: Effect.Effect<A, E, R>, path = "") =>
  Effect.gen(function*() {
    const server = yield* FlowservTestServer
    return yield* Effect.provide(self, Flowserv.layer({ url: server.url + path, timeout: "10 seconds" }))
  }).pipe(Effect.provide(Layer.merge(FlowservTestServer.layerServer(), FetchHttpClient.layer)))

describe("over HTTP on loopback", () => {
  it.live("users and groups end to end; no socket left open", () =>
    overHttp(Effect.gen(function*() {
      const users = yield* Users
      const groups = yield* Groups
      const server = yield* FlowservTestServer
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/flowserv\/api\/v1$/)
      yield* users.register("alice", "pw-a")
      const bob = yield* users.register("bob", "pw-b")
      const alice = yield* users.login("alice", Redacted.make("pw-a"))
      const group = yield* groups.create("helloworld", { name: "G", members: [bob.id] }).pipe(withToken(alice.token))
      const listed = yield* groups.listPage().pipe(withToken(alice.token))
      assert.deepStrictEqual(listed.map((g) => g.id), [group.id])
      const renamed = yield* groups.update(group.id, { name: "G2" }).pipe(withToken(alice.token))
      assert.strictEqual(renamed.name, "G2")
      yield* groups.delete(group.id).pipe(withToken(alice.token))
      const gone = yield* Effect.flip(groups.get(group.id).pipe(withToken(alice.token)))
      assert.strictEqual(gone._tag, "NotFound")
      // The server closes every connection (Connection: close), so none should linger.
      const open = yield* Effect.sync(server.openConnections).pipe(
        Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (n) => n === 0, times: 100 }),
        Effect.zipRight(Effect.sync(server.openConnections))
      )
      assert.strictEqual(open, 0)
      assert.strictEqual(server.inFlight(), 0)
      assert.isAbove(server.requests().length, 8)
    })))

  it.live("a wrong base URL meets Flask's HTML 404 page: InvalidResponse, not a defect", () =>
    overHttp(
      Effect.gen(function*() {
        const error = yield* Effect.flip((yield* Users).whoami())
        assert.strictEqual(error._tag, "InvalidResponse")
        assert.strictEqual(error.status, 404)
        assert.include(error.message, "no such route")
        assert.include(error.excerpt, "404 Not Found")
      }),
      "/../../nowhere/api"
    ))

  it.live("the raw server answers like the real one", () =>
    Effect.gen(function*() {
      const server = yield* FlowservTestServer
      const raw = (path: string, init?: RequestInit) => Effect.promise(() => fetch(server.url + path, init))
      const noSlash = yield* raw("", { redirect: "manual" })
      assert.strictEqual(noSlash.status, 308)
      assert.strictEqual(noSlash.headers.get("location"), server.url + "/")
      yield* Effect.promise(() => noSlash.text())
      const missing = yield* raw("/groups")
      assert.strictEqual(missing.status, 404)
      assert.strictEqual(missing.statusText, "NOT FOUND")
      assert.strictEqual(missing.headers.get("content-type"), "text/html; charset=utf-8")
      assert.strictEqual((yield* Effect.promise(() => missing.text())).length, 207)
      const wrongMethod = yield* raw("/users/login", { method: "DELETE" })
      assert.strictEqual(wrongMethod.status, 405)
      yield* Effect.promise(() => wrongMethod.text())
      const register = yield* raw("/users/register", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "alice", password: "pw", verify: false })
      })
      assert.strictEqual(register.status, 201)
      assert.strictEqual(register.statusText, "CREATED")
      assert.match(yield* Effect.promise(() => register.text()), /^\{"id":"[0-9a-f]{32}","username":"alice"\}\n$/)
    }).pipe(Effect.provide(FlowservTestServer.layerServer())))
})
