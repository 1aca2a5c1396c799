/**
 * The refreshing credential over HTTP against the Agave test server: a token that expires mid-way is
 * refreshed without the program noticing, 64 concurrent calls that meet a rejected token cause one
 * refresh, a bare token says it cannot be refreshed, and nothing secret reaches an error.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import * as Agave from "../../src/agave/Agave.js"
import { AgaveProfiles } from "../../src/agave/Profiles.js"
import type { Token } from "../../src/core/RefreshingCredential.js"
import { AgaveTestServer } from "../../src/testkit/agave/AgaveTestServer.js"
import { agaveLayer, login } from "../helpers/agave.js"

const grants = Effect.map(AgaveTestServer, (server) => server.tenant.tokens.grants.map((grant) => grant.grantType))

describe("Agave refreshing credential over HTTP", () => {
  it.effect("logs in on first use; a token that expires mid-way is refreshed before it does, on the Clock", () =>
    Effect.gen(function*() {
      const profiles = yield* AgaveProfiles
      assert.strictEqual((yield* profiles.get()).username, "nryan")
      assert.deepStrictEqual(yield* grants, ["password"])
      // A two-minute token is refreshed once half its life has passed.
      yield* TestClock.adjust(Duration.seconds(61))
      assert.strictEqual((yield* profiles.get()).username, "nryan")
      assert.deepStrictEqual(yield* grants, ["password", "refresh_token"])
      yield* TestClock.adjust(Duration.minutes(10))
      assert.strictEqual((yield* profiles.get()).username, "nryan")
      assert.deepStrictEqual(yield* grants, ["password", "refresh_token", "refresh_token"])
    }).pipe(Effect.provide(agaveLayer(login, { tokenLifetimeSeconds: 120 }))))

  it.effect("64 concurrent calls that meet a rejected token: one refresh, every call sent again and answered", () =>
    Effect.gen(function*() {
      const server = yield* AgaveTestServer
      const profiles = yield* AgaveProfiles
      yield* profiles.get()
      // The access token stops being valid (revoked by the tenant): the gateway answers 900901.
      server.tenant.tokens.revokeAll("nryan")
      const results = yield* Effect.all(Array.from({ length: 64 }, () => profiles.get()), { concurrency: "unbounded" })
      assert.strictEqual(results.length, 64)
      assert.isTrue(results.every((profile) => profile.username === "nryan"))
      assert.deepStrictEqual(yield* grants, ["password", "refresh_token"])
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("onToken sees every new pair", () => {
    const seen: Array<Token> = []
    return Effect.gen(function*() {
      const profiles = yield* AgaveProfiles
      yield* profiles.get()
      yield* TestClock.adjust(Duration.hours(4))
      yield* profiles.get()
      assert.strictEqual(seen.length, 2)
      assert.isDefined(seen[1]!.refreshToken)
      assert.notStrictEqual(Redacted.value(seen[0]!.accessToken), Redacted.value(seen[1]!.accessToken))
    }).pipe(Effect.provide(agaveLayer({ ...login, onToken: (token) => Effect.sync(() => seen.push(token)) })))
  })

  it.effect("a bare token that expires is Unauthorized, saying it cannot be refreshed and why", () =>
    Effect.gen(function*() {
      const server = yield* AgaveTestServer
      const token = yield* server.tenant.tokens.tokenFor("nryan")
      const error = yield* Effect.gen(function*() {
        const profiles = yield* AgaveProfiles
        assert.strictEqual((yield* profiles.get()).username, "nryan")
        yield* TestClock.adjust(Duration.hours(5))
        return yield* Effect.flip(profiles.get())
      }).pipe(Effect.provide(Agave.layer({ url: server.url, token: Redacted.make(token) })))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.include(error.message, "bare token")
      assert.notInclude(JSON.stringify(error), token)
    }).pipe(Effect.provide(AgaveTestServer.layer())))
})
