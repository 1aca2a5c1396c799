/**
 * The refreshing credential over real sockets (127.0.0.1, port 0), against an OAuth token endpoint
 * whose refresh tokens can be redeemed once (as Agave's): concurrent calls with an expired token cause
 * one refresh, made by the SDK's own pipeline (HTTP Basic, a form body), and all succeed; a spent
 * refresh token fails every call with Unauthorized, and no secret shows. The server is built with the
 * testkit's kit, as a platform's test server is.
 */
import { FetchHttpClient } from "@effect/platform"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { inspect } from "node:util"
import * as ApiClient from "../../src/core/ApiClient.js"
import type { Classifier } from "../../src/core/Classify.js"
import * as Credentials from "../../src/core/Credentials.js"
import * as RefreshingCredential from "../../src/core/RefreshingCredential.js"
import * as Retry from "../../src/core/Retry.js"
import { Router, TestServer } from "../../src/testkit/index.js"
import { classifier } from "../helpers/tokenApi.js"

const key = "client-key"
const secret = "client-secret-0123456789"

interface TenantState {
  readonly access: Set<string>
  readonly refresh: Set<string>
  readonly tokenRequests: Array<string>
  issued: number
}

const json = (status: number, body: unknown) => Response.json(body, { status })

const makeTenant = Effect.sync(() => {
  const state: TenantState = {
    access: new Set(),
    refresh: new Set(["refresh-token-0-0123456789"]),
    tokenRequests: [],
    issued: 0
  }
  const handler = Router.make([
    Router.route("POST", "/token", async ({ request }) => {
      if (request.headers.get("authorization") !== `Basic ${btoa(`${key}:${secret}`)}`) {
        return json(401, { error: "invalid_client" })
      }
      const form = new URLSearchParams(await request.text())
      state.tokenRequests.push(form.get("grant_type") ?? "")
      const presented = form.get("refresh_token") ?? ""
      // Single use: a redeemed refresh token is gone.
      if (form.get("grant_type") !== "refresh_token" || !state.refresh.delete(presented)) {
        return json(400, { error: "invalid_grant", error_description: `refresh token ${presented} is not valid` })
      }
      const n = ++state.issued
      state.access.add(`access-token-${n}-0123456789`)
      state.refresh.add(`refresh-token-${n}-0123456789`)
      return json(200, {
        access_token: `access-token-${n}-0123456789`,
        refresh_token: `refresh-token-${n}-0123456789`,
        expires_in: 14400,
        token_type: "bearer"
      })
    }),
    Router.route("GET", "/profiles/v2/me", ({ request }) => {
      const token = (request.headers.get("authorization") ?? "").replace(/^Bearer /, "")
      return state.access.has(token)
        ? json(200, { status: "success", message: null, version: "2.2.27", result: { username: "alice" } })
        : json(401, { fault: { code: 900901, message: "Invalid Credentials", description: `token ${token} expired` } })
    })
  ])
  return { state, handler }
})

interface TenantService extends TestServer.TestServerBase {
  readonly state: TenantState
}
class Tenant extends Context.Tag("test/Tenant")<Tenant, TenantService>() {}
const tenant = TestServer.layers(Tenant, {
  inProcessOrigin: "http://tenant.test",
  make: makeTenant,
  recording: { bodies: true },
  service: ({ state }, base) => ({ ...base, state })
})

// OAuth's error bodies (RFC 6749 §5.2).
const oauthErrors: Classifier = (response) => {
  const body = response.json as { error?: unknown; error_description?: unknown } | undefined
  return typeof body?.error === "string"
    ? {
      tag: response.status === 401 ? "Unauthorized" : "InvalidRequest",
      message: `${body.error}: ${String(body.error_description ?? "")}`
    }
    : undefined
}

const TokenResponse = Schema.Struct({
  access_token: Schema.String,
  refresh_token: Schema.String,
  expires_in: Schema.Number
})
const Me = Schema.Struct({ result: Schema.Struct({ username: Schema.String }) })

// An Agave-shaped client: the token endpoint with the client's key and secret, the API with a
// refreshing bearer token that redeems its refresh token through that endpoint.
const agaveLike = (initial: RefreshingCredential.Token) =>
  Effect.gen(function*() {
    const server = yield* Tenant
    const http = yield* HttpClient.HttpClient
    const config = {
      baseUrl: server.origin,
      retry: Retry.policy({ jitter: false, maxAttempts: 2 }),
      timeout: Duration.seconds(10),
      maxResponseBytes: 1_048_576,
      classifier
    }
    const tokens = ApiClient.makeWith(http, {
      ...config,
      classifier: oauthErrors,
      ...Credentials.forPlatform({ platform: "tenant-token", auth: Credentials.basic(key, Redacted.make(secret)) })
    })
    const persisted: Array<string> = []
    const credential = yield* RefreshingCredential.make({
      token: initial,
      onToken: (token) => Effect.sync(() => persisted.push(Redacted.value(token.accessToken))),
      refresh: (current) => {
        const refreshToken = current?.refreshToken ?? Redacted.make("")
        return tokens.execute({
          method: "POST",
          path: ["token"],
          requestBody: HttpBody.text(
            new URLSearchParams({
              grant_type: "refresh_token",
              refresh_token: Redacted.value(refreshToken),
              scope: "PRODUCTION"
            }).toString(),
            "application/x-www-form-urlencoded"
          ),
          success: TokenResponse,
          errors: ["Unauthorized", "InvalidRequest"],
          secrets: [refreshToken]
        }).pipe(Effect.map((answer) => ({
          accessToken: Redacted.make(answer.access_token),
          refreshToken: Redacted.make(answer.refresh_token),
          expiresIn: Duration.seconds(answer.expires_in)
        })))
      }
    })
    const api = ApiClient.makeWith(http, {
      ...config,
      ...Credentials.forPlatform({ platform: "tenant", auth: credential })
    })
    const me = api.execute({ method: "GET", path: ["profiles", "v2", "me"], success: Me, errors: ["Unauthorized"] })
    return { server, me, persisted }
  })

const live = <A, E>(self: Effect.Effect<A, E, Tenant | HttpClient.HttpClient>) =>
  self.pipe(Effect.provide(tenant.layerServer), Effect.provide(FetchHttpClient.layer))

const calls = 16

describe("refreshing credential over 127.0.0.1", () => {
  it.live("concurrent calls with an expired token: one refresh through the token endpoint, every call succeeds", () =>
    live(Effect.gen(function*() {
      const { me, persisted, server } = yield* agaveLike({
        accessToken: Redacted.make("expired-token-0123456789"),
        refreshToken: Redacted.make("refresh-token-0-0123456789")
      })
      const answers = yield* Effect.all(Array.from({ length: calls }, () => me), { concurrency: "unbounded" })
      assert.isTrue(answers.every((a) => a.result.username === "alice"))
      assert.deepStrictEqual(server.state.tokenRequests, ["refresh_token"])
      assert.deepStrictEqual(persisted, ["access-token-1-0123456789"])
      assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/)
      const resource = server.exchanges().filter((e) => e.request.url.endsWith("/profiles/v2/me"))
      // Each call was sent at most twice: once with the expired token (perhaps), once with the new one.
      assert.isAtMost(resource.length, 2 * calls)
      assert.strictEqual(resource.filter((e) => e.status === 200).length, calls)
      assert.isTrue(
        resource.every((e) =>
          e.status === 200
            ? e.request.headers["authorization"] === "Bearer access-token-1-0123456789"
            : e.request.headers["authorization"] === "Bearer expired-token-0123456789"
        )
      )
    })))

  it.live("a spent refresh token fails every call with Unauthorized, once, and no secret shows", () =>
    live(Effect.gen(function*() {
      const spent = "refresh-token-9-spent-0123456789"
      const { me, server } = yield* agaveLike({
        accessToken: Redacted.make("expired-token-0123456789"),
        refreshToken: Redacted.make(spent)
      })
      const errors = yield* Effect.all(Array.from({ length: calls }, () => Effect.flip(me)), {
        concurrency: "unbounded"
      })
      assert.deepStrictEqual(server.state.tokenRequests, ["refresh_token"])
      for (const error of errors) {
        assert.strictEqual(error._tag, "Unauthorized")
        // The token endpoint's words, its echo of the refresh token scrubbed.
        assert.include(
          error.message,
          "Invalid Credentials; the credential could not be refreshed: invalid_grant: refresh token <redacted> is not valid"
        )
        for (const text of [JSON.stringify(error), inspect(error, { depth: 10 }), String(error)]) {
          assert.notInclude(text, spent)
          assert.notInclude(text, "expired-token-0123456789")
          assert.notInclude(text, secret)
        }
      }
    })))
})
