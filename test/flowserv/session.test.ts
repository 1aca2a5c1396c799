import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import {
  Flowserv,
  FlowservClient,
  Groups,
  layerLogin,
  layerLoginConfig,
  Users,
  withToken
} from "../../src/flowserv/index.js"
import { FlowservTestServer } from "../../src/testkit/index.js"
import { requestCount, requestsSince, signUp, withServer } from "../helpers/flowserv.js"

const fromEnv = (env: Record<string, string>) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

describe("acting as a logged-in user", () => {
  it.effect("layerLogin logs in once and every service built on it acts as that user", () =>
    Effect.gen(function*() {
      yield* signUp("alice")
      const before = yield* requestCount
      const program = Effect.gen(function*() {
        const users = yield* Users
        const groups = yield* Groups
        const me = yield* users.whoami()
        yield* groups.create("helloworld", { name: "mine" })
        return me.username
      })
      const username = yield* program.pipe(
        Effect.provide(
          Flowserv.Default.pipe(Layer.provide(layerLogin({ username: "alice", password: Redacted.make("pw-alice") })))
        )
      )
      assert.strictEqual(username, "alice")
      const sent = yield* requestsSince(before)
      assert.deepStrictEqual(sent.map((r) => new URL(r.url).pathname.split("/").slice(4).join("/")), [
        "users/login",
        "users/whoami",
        "workflows/helloworld/groups"
      ])
    }).pipe(withServer))

  it.effect("layerLogin fails with Unauthorized for bad credentials", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(
          Users,
          Users.Default.pipe(Layer.provide(layerLogin({ username: "nobody", password: Redacted.make("x") })))
        )
      )
      assert.strictEqual(error._tag, "Unauthorized")
    }).pipe(withServer))

  it.effect("layerLoginConfig reads FLOWSERV_USERNAME and FLOWSERV_PASSWORD", () =>
    Effect.gen(function*() {
      yield* signUp("bob", "secret-bob")
      const me = yield* Effect.flatMap(Users, (users) => users.whoami()).pipe(
        Effect.provide(Users.Default.pipe(
          Layer.provide(layerLoginConfig()),
          Layer.provide(fromEnv({
            FLOWSERV_USERNAME: "bob",
            FLOWSERV_PASSWORD: "secret-bob"
          }))
        ))
      )
      assert.strictEqual(me.username, "bob")
    }).pipe(withServer))

  it.effect("withToken overrides the default token for a region, streams included", () =>
    Effect.gen(function*() {
      const alice = yield* signUp("alice")
      const bob = yield* signUp("bob")
      const groups = yield* Groups
      yield* groups.create("helloworld", { name: "bobs" }).pipe(withToken(bob.token))
      const users = yield* Users
      const asAlice = Users.Default.pipe(
        Layer.provide(layerLogin({ username: "alice", password: Redacted.make("pw-alice") }))
      )
      const names = yield* Effect.gen(function*() {
        const scoped = yield* Users
        const outer = yield* scoped.whoami()
        const inner = yield* scoped.whoami().pipe(withToken(bob.token))
        return [outer.username, inner.username]
      }).pipe(Effect.provide(asAlice))
      assert.deepStrictEqual(names, ["alice", "bob"])
      const listed = yield* Stream.runCollect(groups.list().pipe(withToken(bob.token)))
      assert.strictEqual(listed.length, 1)
      assert.strictEqual((yield* users.whoami().pipe(withToken(alice.token))).username, "alice")
    }).pipe(withServer))
})

describe("FlowservClient configuration", () => {
  it.effect("layerConfig reads FLOWSERV_URL and FLOWSERV_TOKEN", () =>
    Effect.gen(function*() {
      const server = yield* FlowservTestServer
      const alice = yield* signUp("alice").pipe(
        Effect.provide(Users.Default.pipe(Layer.provide(FlowservClient.layer({ url: server.url }))))
      )
      const me = yield* Effect.flatMap(Users, (users) => users.whoami()).pipe(
        Effect.provide(
          Users.layerConfig().pipe(Layer.provide(fromEnv({
            FLOWSERV_URL: server.url,
            FLOWSERV_TOKEN: Redacted.value(alice.token)
          })))
        )
      )
      assert.strictEqual(me.username, "alice")
    }).pipe(Effect.provide(FlowservTestServer.layer())))

  it.effect("a missing FLOWSERV_URL is a ConfigError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(Users, Users.layerConfig().pipe(Layer.provide(fromEnv({}))))
      )
      assert.strictEqual(error._tag, "ConfigError")
    }).pipe(Effect.provide(FlowservTestServer.layer())))

  it.effect("the token header name can be changed (api-key reaches the same server)", () =>
    Effect.gen(function*() {
      const server = yield* FlowservTestServer
      const alice = yield* signUp("alice").pipe(
        Effect.provide(Users.Default.pipe(Layer.provide(FlowservClient.layer({ url: server.url }))))
      )
      const before = server.requests().length
      const me = yield* Effect.flatMap(Users, (users) => users.whoami()).pipe(
        Effect.provide(Users.layer({ url: server.url, token: alice.token, tokenHeader: "api-key" }))
      )
      assert.strictEqual(me.username, "alice")
      assert.strictEqual(server.requests()[before]!.headers["api-key"], Redacted.value(alice.token))
    }).pipe(Effect.provide(FlowservTestServer.layer())))
})
