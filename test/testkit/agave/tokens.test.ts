import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { demoClient, demoUsers, Tenant } from "../../../src/testkit/agave/Tenant.js"

const client = { key: demoClient.key, secret: demoClient.secret }
const nryan = demoUsers[0]!

const form = (fields: Record<string, string>) => new URLSearchParams(fields)

describe("Agave test server: token endpoint", () => {
  it.effect("password grant: a bearer token that lets its user in, for expires_in seconds on the Clock", () =>
    Effect.gen(function*() {
      const tenant = new Tenant({ tokenLifetimeSeconds: 600 })
      const answer = yield* tenant.tokens.grant(
        client,
        form({ grant_type: "password", username: "nryan", password: nryan.password, scope: "PRODUCTION" })
      )
      assert.strictEqual(answer._tag, "Token")
      if (answer._tag !== "Token") return
      assert.strictEqual(answer.body.expires_in, 600)
      assert.strictEqual(answer.body.token_type, "bearer")
      const bearer = `Bearer ${answer.body.access_token}`
      assert.deepStrictEqual(yield* tenant.tokens.authenticate(bearer), { _tag: "User", username: "nryan" })
      yield* TestClock.adjust(Duration.seconds(599))
      assert.strictEqual((yield* tenant.tokens.authenticate(bearer))._tag, "User")
      yield* TestClock.adjust(Duration.seconds(1))
      const expired = yield* tenant.tokens.authenticate(bearer)
      assert.strictEqual(expired._tag, "Fault")
      if (expired._tag === "Fault") {
        assert.strictEqual(expired.status, 401)
        assert.strictEqual(expired.fault.code, 900903)
        assert.strictEqual(expired.fault.message, "Access Token Expired")
      }
    }))

  it.effect("refresh grant: a refresh token is redeemed once", () =>
    Effect.gen(function*() {
      const tenant = new Tenant()
      const first = yield* tenant.tokens.grant(
        client,
        form({ grant_type: "password", username: "nryan", password: nryan.password })
      )
      if (first._tag !== "Token") return assert.fail("no token")
      const refresh = form({
        grant_type: "refresh_token",
        refresh_token: first.body.refresh_token,
        scope: "PRODUCTION"
      })
      const second = yield* tenant.tokens.grant(client, refresh)
      assert.strictEqual(second._tag, "Token")
      if (second._tag !== "Token") return
      assert.notStrictEqual(second.body.access_token, first.body.access_token)
      assert.notStrictEqual(second.body.refresh_token, first.body.refresh_token)
      const again = yield* tenant.tokens.grant(client, refresh)
      assert.deepStrictEqual(again, {
        _tag: "OAuthError",
        status: 400,
        body: { error: "invalid_grant", error_description: "Provided Authorization Grant is invalid." }
      })
      // The first access token still works until it expires; the count of grants is kept for tests.
      assert.strictEqual((yield* tenant.tokens.authenticate(`Bearer ${first.body.access_token}`))._tag, "User")
      assert.deepStrictEqual(tenant.tokens.grants.map((g) => g.grantType), ["password", "refresh_token"])
    }))

  it.effect("refusals: wrong client, wrong password, no or unknown grant type", () =>
    Effect.gen(function*() {
      const tenant = new Tenant()
      const login = form({ grant_type: "password", username: "nryan", password: nryan.password })
      const tag = (answer: { _tag: string; status?: number; body: unknown }) =>
        answer._tag === "OAuthError" ? [answer.status, (answer.body as { error: string }).error] : ["token"]
      assert.deepStrictEqual(tag(yield* tenant.tokens.grant(undefined, login)), [401, "invalid_client"])
      assert.deepStrictEqual(tag(yield* tenant.tokens.grant({ key: client.key, secret: "nope" }, login)), [
        401,
        "invalid_client"
      ])
      assert.deepStrictEqual(
        tag(yield* tenant.tokens.grant(client, form({ grant_type: "password", username: "nryan", password: "wrong" }))),
        [400, "invalid_grant"]
      )
      assert.deepStrictEqual(tag(yield* tenant.tokens.grant(client, form({}))), [400, "invalid_request"])
      assert.deepStrictEqual(tag(yield* tenant.tokens.grant(client, form({ grant_type: "client_credentials" }))), [
        400,
        "unsupported_grant_type"
      ])
    }))

  it.effect("the gateway: no credentials, an unknown token, a revoked one", () =>
    Effect.gen(function*() {
      const tenant = new Tenant()
      const code = (verdict: { _tag: string; fault?: { code: number } }) => verdict.fault?.code
      assert.strictEqual(code(yield* tenant.tokens.authenticate(undefined)), 900902)
      assert.strictEqual(code(yield* tenant.tokens.authenticate("Basic abc")), 900902)
      assert.strictEqual(code(yield* tenant.tokens.authenticate("Bearer made-up")), 900901)
      const token = yield* tenant.tokens.tokenFor("rclemens")
      assert.deepStrictEqual(yield* tenant.tokens.authenticate(`bearer ${token}`), {
        _tag: "User",
        username: "rclemens"
      })
      tenant.tokens.revoke(token)
      assert.strictEqual(code(yield* tenant.tokens.authenticate(`Bearer ${token}`)), 900901)
    }))
})
