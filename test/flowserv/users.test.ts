import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { Groups, Users } from "../../src/flowserv/index.js"
import { Flask, FlowservTestServer, layerHttpClient } from "../../src/testkit/index.js"
import { as, requestCount, requestsSince, signUp, withServer } from "../helpers/flowserv.js"

describe("flowserv Users", () => {
  it.effect("register makes an active user by default, sending verify: false as JSON", () =>
    Effect.gen(function*() {
      const users = yield* Users
      const before = yield* requestCount
      const alice = yield* users.register("alice", Redacted.make("pw"))
      assert.strictEqual(alice.username, "alice")
      assert.match(alice.id, /^[0-9a-f]{32}$/)
      const [sent] = yield* requestsSince(before)
      assert.strictEqual(sent!.method, "POST")
      assert.strictEqual(sent!.headers["content-type"], "application/json")
      const me = yield* users.login("alice", "pw")
      assert.strictEqual(me.id, alice.id)
      assert.isTrue(Redacted.isRedacted(me.token))
      assert.match(Redacted.value(me.token), /^[0-9a-f]{32}$/)
    }).pipe(withServer))

  it.effect("verify: true leaves the user inactive until activated", () =>
    Effect.gen(function*() {
      const users = yield* Users
      const bob = yield* users.register("bob", "pw", { verify: true })
      const refused = yield* Effect.flip(users.login("bob", "pw"))
      assert.strictEqual(refused._tag, "Unauthorized")
      const activated = yield* users.activate(bob.id)
      assert.strictEqual(activated.id, bob.id)
      const me = yield* users.login("bob", "pw")
      assert.strictEqual(me.username, "bob")
    }).pipe(withServer))

  it.effect("a duplicate username is a Conflict", () =>
    Effect.gen(function*() {
      const users = yield* Users
      yield* users.register("alice", "pw")
      const error = yield* Effect.flip(users.register("alice", "other"))
      assert.strictEqual(error._tag, "Conflict")
      assert.strictEqual(error.message, "duplicate user 'alice'")
      assert.strictEqual(error.status, 400)
      // Usernames are case-sensitive on the server.
      yield* users.register("ALICE", "pw")
    }).pipe(withServer))

  it.effect("input the server would mishandle is refused before sending", () =>
    Effect.gen(function*() {
      const users = yield* Users
      const before = yield* requestCount
      const cases: ReadonlyArray<Effect.Effect<unknown, { readonly _tag: string }>> = [
        users.register("", "pw"),
        users.register("   ", "pw"),
        users.register("x".repeat(513), "pw"),
        users.register("eve", 123 as unknown as string),
        users.register("eve", ""),
        users.register("eve", " padded "),
        users.resetPassword("0123", "trailing "),
        users.login("eve", Redacted.make(42 as unknown as string)),
        users.activate(""),
        users.resetPassword("", "pw"),
        users.requestPasswordReset("")
      ]
      for (const call of cases) {
        const error = yield* Effect.flip(call)
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.strictEqual((error as { origin?: string }).origin, "client")
      }
      assert.strictEqual((yield* requestsSince(before)).length, 0)
    }).pipe(withServer))

  it.effect("activating an unknown id is NotFound, with kind and id", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Users).activate("nosuchuser"))
      assert.strictEqual(error._tag, "NotFound")
      assert.strictEqual(error._tag === "NotFound" && error.resource, "user")
      assert.strictEqual(error._tag === "NotFound" && error.id, "nosuchuser")
    }).pipe(withServer))

  it.effect("a failed login is Unauthorized, whatever the cause", () =>
    Effect.gen(function*() {
      const users = yield* Users
      yield* users.register("alice", "pw")
      yield* users.register("carol", "pw", { verify: true })
      for (const [name, password] of [["alice", "wrong"], ["nobody", "x"], ["carol", "pw"]] as const) {
        const error = yield* Effect.flip(users.login(name, password))
        assert.strictEqual(error._tag, "Unauthorized")
        assert.strictEqual(error.status, 404)
      }
    }).pipe(withServer))

  it.effect("login while the token is valid returns the same token", () =>
    Effect.gen(function*() {
      const first = yield* signUp("alice")
      const second = yield* (yield* Users).login("alice", "pw-alice")
      assert.strictEqual(Redacted.value(first.token), Redacted.value(second.token))
    }).pipe(withServer))

  it.effect("whoami needs a valid token", () =>
    Effect.gen(function*() {
      const users = yield* Users
      const alice = yield* signUp("alice")
      const me = yield* users.whoami().pipe(as(alice))
      assert.strictEqual(me.username, "alice")
      const missing = yield* Effect.flip(users.whoami())
      assert.strictEqual(missing._tag, "Unauthorized")
      assert.strictEqual(missing.message, "not logged in")
      const bad = yield* Effect.flip(users.whoami().pipe(as({ token: Redacted.make("badtoken") })))
      assert.strictEqual(bad._tag, "Unauthorized")
    }).pipe(withServer))

  it.effect("logout; logging out an invalid token is Unauthorized (the server answers 500)", () =>
    Effect.gen(function*() {
      const users = yield* Users
      const alice = yield* signUp("alice")
      const out = yield* users.logout().pipe(as(alice))
      assert.strictEqual(out.username, "alice")
      const again = yield* Effect.flip(users.logout().pipe(as(alice)))
      assert.strictEqual(again._tag, "Unauthorized")
      assert.strictEqual(again.status, 500)
      const none = yield* Effect.flip(users.logout())
      assert.strictEqual(none._tag, "Unauthorized")
      assert.strictEqual(none.status, 403)
      const gone = yield* Effect.flip(users.whoami().pipe(as(alice)))
      assert.strictEqual(gone._tag, "Unauthorized")
    }).pipe(withServer))

  it.effect("list filters by prefix, ignoring ASCII case, and never exposes other users' tokens", () =>
    Effect.gen(function*() {
      const users = yield* Users
      const alice = yield* signUp("alice")
      yield* signUp("alfred")
      yield* users.register("ALICE", "pw")
      yield* signUp("bob")
      const listed = yield* users.listPage({ query: "al" }).pipe(as(alice))
      assert.deepStrictEqual(listed.map((u) => u.username), ["ALICE", "alfred", "alice"])
      for (const user of listed) assert.deepStrictEqual(Object.keys(user).sort(), ["id", "username"])
      // The server itself does send them: the SDK drops them.
      const server = yield* FlowservTestServer
      const raw = yield* Effect.promise(() =>
        server.handler(new Request(server.url + "/users?query=al", { headers: { api_key: "anything" } })).then((r) =>
          r.json()
        )
      )
      assert.isTrue((raw as { users: Array<{ token?: string }> }).users.some((u) => u.token !== undefined))
      const all = yield* users.listPage().pipe(as({ token: Redacted.make("any value works") }))
      assert.strictEqual(all.length, 4)
      const error = yield* Effect.flip(users.listPage())
      assert.strictEqual(error._tag, "Unauthorized")
    }).pipe(withServer))

  it.effect("password reset: request id, reset, old token and request id stop working", () =>
    Effect.gen(function*() {
      const users = yield* Users
      const alfred = yield* signUp("alfred")
      const requestId = yield* users.requestPasswordReset("alfred")
      assert.match(requestId, /^[0-9a-f]{32}$/)
      // The server answers for unknown users too.
      assert.match(yield* users.requestPasswordReset("nobody"), /^[0-9a-f]{32}$/)
      const user = yield* users.resetPassword(requestId, Redacted.make("new-pw"))
      assert.strictEqual(user.username, "alfred")
      assert.strictEqual((yield* Effect.flip(users.whoami().pipe(as(alfred))))._tag, "Unauthorized")
      const reused = yield* Effect.flip(users.resetPassword(requestId, "again"))
      assert.strictEqual(reused._tag, "NotFound")
      assert.strictEqual(reused._tag === "NotFound" && reused.resource, "request")
      assert.strictEqual((yield* Effect.flip(users.login("alfred", "pw-alfred")))._tag, "Unauthorized")
      yield* users.login("alfred", "new-pw")
    }).pipe(withServer))

  it.effect("the token travels in the api_key header", () =>
    Effect.gen(function*() {
      const alice = yield* signUp("alice")
      const before = yield* requestCount
      yield* (yield* Users).whoami().pipe(as(alice))
      const [sent] = yield* requestsSince(before)
      assert.strictEqual(sent!.headers["api_key"], Redacted.value(alice.token))
    }).pipe(withServer))
})

describe("flowserv failures that need a particular server state", () => {
  it.effect("an expired token is Unauthorized (expiry follows the TestClock)", () =>
    Effect.gen(function*() {
      const users = yield* Users
      const alice = yield* signUp("alice")
      assert.strictEqual((yield* users.whoami().pipe(as(alice))).username, "alice")
      yield* TestClock.adjust("61 seconds")
      const expired = yield* Effect.flip(users.whoami().pipe(as(alice)))
      assert.strictEqual(expired._tag, "Unauthorized")
      // Logging in again issues a new token.
      const again = yield* users.login("alice", "pw-alice")
      assert.notStrictEqual(Redacted.value(again.token), Redacted.value(alice.token))
      assert.strictEqual((yield* users.whoami().pipe(as(again))).username, "alice")
    }).pipe(Effect.provide(FlowservTestServer.layerFlowserv({ tokenTtlSeconds: 60 }))))

  it.effect("a body over the server's limit (413) is InvalidRequest", () =>
    Effect.gen(function*() {
      const alice = yield* signUp("alice")
      const members = Array.from({ length: 100 }, (_, i) => `member-${i}`)
      const error = yield* Effect.flip((yield* Groups).create("helloworld", { name: "G", members }).pipe(as(alice)))
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.strictEqual(error.status, 413)
      assert.match(error.message, /^413 Request Entity Too Large/)
    }).pipe(Effect.provide(FlowservTestServer.layerFlowserv({ maxContentLength: 1024 }))))

  it.effect("Flask's HTML pages (405, and 404 for a login at a wrong URL) are InvalidResponse", () =>
    Effect.gen(function*() {
      const users = yield* Users
      const wrongMethod = yield* Effect.flip(users.whoami())
      assert.strictEqual(wrongMethod._tag, "InvalidResponse")
      assert.strictEqual(wrongMethod.status, 405)
      const wrongUrl = yield* Effect.flip(users.login("alice", "pw"))
      assert.strictEqual(wrongUrl._tag, "InvalidResponse")
      assert.strictEqual(wrongUrl.status, 404)
    }).pipe(
      Effect.provide(Users.layer({ url: "http://flowserv.test/api" })),
      Effect.provide(
        layerHttpClient((request) =>
          Promise.resolve(Flask.html(request, new URL(request.url).pathname.endsWith("/login") ? 404 : 405))
        )
      )
    ))
})
