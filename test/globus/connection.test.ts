import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as RefreshingCredential from "../../src/core/RefreshingCredential.js"
import { globusConfig, Groups } from "../../src/globus/index.js"
import { GlobusTestServer, GlobusTokens } from "../../src/testkit/index.js"

const withEnv = (env: Record<string, string>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

describe("GlobusConnection", () => {
  it.effect("configuration: production's URL by default; GLOBUS_TOKEN redacted; GLOBUS_GROUPS_URL overrides", () =>
    Effect.gen(function*() {
      const options = yield* withEnv({ GLOBUS_TOKEN: "secret-token" })(globusConfig)
      assert.strictEqual(options.url, "https://groups.api.globus.org")
      assert.isTrue(Redacted.isRedacted(options.token))
      assert.notInclude(String(options.token), "secret-token")
      const sandbox = yield* withEnv({ GLOBUS_GROUPS_URL: "https://groups.api.sandbox.globuscs.info" })(globusConfig)
      assert.strictEqual(sandbox.url, "https://groups.api.sandbox.globuscs.info")
      assert.isUndefined(sandbox.token)
      // A token that could never be sent as a header is refused when read.
      const bad = yield* Effect.either(withEnv({ GLOBUS_TOKEN: "line\nbreak" })(globusConfig))
      assert.isTrue(bad._tag === "Left")
    }))

  it.effect("layerConfig against the test server reads the token from GLOBUS_TOKEN", () =>
    Effect.gen(function*() {
      const server = yield* GlobusTestServer
      const groups = yield* withEnv({ GLOBUS_GROUPS_URL: server.url, GLOBUS_TOKEN: GlobusTokens.bob })(
        Effect.provide(Groups, Groups.layerConfig())
      )
      yield* groups.getMyGroups()
      assert.strictEqual(server.requests().at(-1)!.headers["authorization"], `Bearer ${GlobusTokens.bob}`)
    }).pipe(Effect.provide(GlobusTestServer.layer())))

  it.effect("a refreshing credential is renewed on INVALID_TOKEN and the call sent again", () =>
    Effect.gen(function*() {
      const server = yield* GlobusTestServer
      let refreshes = 0
      const credential = yield* RefreshingCredential.make({
        token: { accessToken: Redacted.make("expired-token") },
        refresh: () => {
          refreshes++
          return Effect.succeed({ accessToken: Redacted.make(GlobusTokens.alice) })
        }
      })
      const groups = yield* Effect.provide(Groups, Groups.layer({ url: server.url, auth: credential }))
      const mine = yield* groups.getMyGroups()
      assert.isArray(mine)
      assert.strictEqual(refreshes, 1)
      assert.deepStrictEqual(server.exchanges().slice(-2).map((e) => e.status), [401, 200])
    }).pipe(Effect.provide(GlobusTestServer.layer())))
})
