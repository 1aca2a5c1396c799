/**
 * The core credential model: what each kind sends, Basic's RFC 7617 checks, the per-platform region
 * override, a fixed credential that cannot refresh saying so, `authorizationParameters` on
 * `Unauthorized`, and no secret in any error, log line or span — a refresh failure's included.
 * Also how today's ScimAuth and flowserv token map onto the model (they move onto it later).
 */
import * as HttpBody from "@effect/platform/HttpBody"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { inspect } from "node:util"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Credentials from "../../src/core/Credentials.js"
import { SdkError } from "../../src/core/Errors.js"
import * as RefreshingCredential from "../../src/core/RefreshingCredential.js"
import { Users } from "../../src/flowserv/index.js"
import { ScimAuth } from "../../src/scim/index.js"
import { FlowservTestServer } from "../../src/testkit/index.js"
import { recording, textsOf } from "../helpers/capture.js"
import { testConfig } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"
import { classifier, Echo } from "../helpers/tokenApi.js"

const token = "tok-5f4e3d2c1b0a9f8e7d6c"
const password = "pw-correct-horse-battery"

const ok = fakeHttp(() => json(200, { path: "/", token: "" }))
const getWith = (fields: Credentials.PlatformAuth, client = ok) =>
  Effect.flatMap(
    ApiClient.make(testConfig({ ...fields, classifier })),
    (api) => api.execute({ method: "GET", path: ["items"], success: Echo, errors: ["Unauthorized", "InvalidRequest"] })
  ).pipe(Effect.provide(client.layer))

const lastHeaders = () => ok.seen.at(-1)!.headers

describe("credentials", () => {
  it.effect("bearer, named header, Basic (UTF-8) and the platform's token each send their header", () =>
    Effect.gen(function*() {
      yield* getWith(Credentials.forPlatform({ platform: "p", auth: Credentials.bearer(Redacted.make(token)) }))
      assert.strictEqual(lastHeaders()["authorization"], `Bearer ${token}`)

      yield* getWith(
        Credentials.forPlatform({
          platform: "p",
          auth: Credentials.header("Genestack-API-Token", Redacted.make(token))
        })
      )
      assert.strictEqual(lastHeaders()["genestack-api-token"], token)

      yield* getWith(
        Credentials.forPlatform({ platform: "p", auth: Credentials.basic("Zoë", Redacted.make("pässwörd")) })
      )
      const basic = lastHeaders()["authorization"]!
      assert.strictEqual(
        new TextDecoder().decode(Uint8Array.from(atob(basic.slice(6)), (c) => c.charCodeAt(0))),
        "Zoë:pässwörd"
      )

      yield* getWith(Credentials.forPlatform({
        platform: "p",
        auth: Credentials.token(Redacted.make(token)),
        token: (t) => Credentials.header("api_key", t)
      }))
      assert.strictEqual(lastHeaders()["api_key"], token)
      assert.isUndefined(lastHeaders()["authorization"])
    }))

  for (
    const [name, username, secret] of [
      ["a colon in the user name", "dept:provisioner", password],
      ["a control character in the user name", "provisioner\n", password],
      ["a control character in the password", "provisioner", `${password}\r\n`]
    ] as const
  ) {
    it.effect(`Basic: ${name} is refused with InvalidRequest before anything is sent`, () =>
      Effect.gen(function*() {
        const before = ok.seen.length
        const error = yield* Effect.flip(
          getWith(Credentials.forPlatform({ platform: "p", auth: Credentials.basic(username, Redacted.make(secret)) }))
        )
        assert.strictEqual(ok.seen.length, before)
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.strictEqual(error._tag === "InvalidRequest" && error.origin, "client")
        assert.include(error.message, "RFC 7617")
        assert.notInclude(JSON.stringify(error) + inspect(error), password)
      }))
  }

  it.effect("a region's credential applies to its platform only, in effects and streams", () =>
    Effect.gen(function*() {
      const fields = Credentials.forPlatform({
        platform: "flowserv",
        auth: Credentials.header("api_key", Redacted.make("default-token")),
        token: (t) => Credentials.header("api_key", t)
      })
      const other = Credentials.forPlatform({ platform: "globus", auth: Credentials.bearer(Redacted.make("globus")) })
      yield* Effect.all([getWith(fields), getWith(other)]).pipe(
        Credentials.withToken("flowserv", Redacted.make("alice"))
      )
      const [flowserv, globus] = ok.seen.slice(-2)
      assert.strictEqual(flowserv!.headers["api_key"], "alice")
      assert.strictEqual(globus!.headers["authorization"], "Bearer globus")

      // Nested regions: the inner one wins; leaving it restores the outer one.
      yield* Effect.zipRight(
        getWith(fields).pipe(Credentials.withToken("flowserv", Redacted.make("bob"))),
        getWith(fields)
      ).pipe(Credentials.withToken("flowserv", Redacted.make("alice")))
      assert.deepStrictEqual(ok.seen.slice(-2).map((s) => s.headers["api_key"]), ["bob", "alice"])

      yield* Stream.runDrain(
        Stream.fromEffect(getWith(fields)).pipe(Credentials.withToken("flowserv", Redacted.make("carol")))
      )
      assert.strictEqual(lastHeaders()["api_key"], "carol")
      yield* getWith(fields)
      assert.strictEqual(lastHeaders()["api_key"], "default-token")
    }))

  it.effect("a region's credential in a header the platform did not list reaches no span", () =>
    Effect.gen(function*() {
      const fields = Credentials.forPlatform({ platform: "p", auth: Credentials.bearer(Redacted.make(token)) })
      const [, recorded] = yield* recording(
        getWith(fields).pipe(Credentials.withAuth("p", Credentials.header("X-Secret-Key", Redacted.make(token))))
      )
      assert.strictEqual(lastHeaders()["x-secret-key"], token)
      // The SDK's calls open no transport span (whose exit would hold the request's headers).
      assert.isFalse(recorded.spans.some((span) => span.name.startsWith("http.client")))
      for (const text of textsOf([], recorded)) assert.notInclude(text, token)
    }))

  it.effect("a fixed credential the server rejects as expired says it cannot be refreshed; it is sent once", () =>
    Effect.gen(function*() {
      const rejecting = fakeHttp(() => json(401, { fault: { message: "Invalid Credentials" } }))
      const error = yield* Effect.flip(getWith(
        Credentials.forPlatform({
          platform: "agave",
          auth: Credentials.bearer(Redacted.make(token)),
          cannotRefresh: "a client built from a bare token cannot refresh: give a refresh token"
        }),
        rejecting
      ))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.strictEqual(
        error.message,
        "Invalid Credentials; a client built from a bare token cannot refresh: give a refresh token"
      )
      assert.strictEqual(rejecting.seen.length, 1)
    }))

  it.effect("a streamed request body is not sent again after a refresh; the Unauthorized says so", () => {
    const rejecting = fakeHttp(() => json(401, { fault: { message: "Invalid Credentials" } }))
    return Effect.gen(function*() {
      let refreshes = 0
      const credential = yield* RefreshingCredential.make({
        token: { accessToken: Redacted.make(token) },
        refresh: () => Effect.sync(() => ({ accessToken: Redacted.make(`${token}-${++refreshes}`) }))
      })
      const api = yield* ApiClient.make(
        testConfig({ classifier, ...Credentials.forPlatform({ platform: "p", auth: credential }) })
      )
      const error = yield* Effect.flip(api.execute({
        method: "POST",
        path: ["upload"],
        requestBody: HttpBody.stream(Stream.make(new TextEncoder().encode("data"))),
        success: Schema.Void,
        errors: ["Unauthorized"]
      }))
      assert.strictEqual(
        error.message,
        "Invalid Credentials; the credential was refreshed, but a streamed request body cannot be sent again"
      )
      assert.strictEqual(rejecting.seen.length, 1)
      assert.strictEqual(refreshes, 1)
    }).pipe(Effect.provide(rejecting.layer))
  })

  it.effect("Unauthorized carries what the server asks (bounded, scrubbed) and round-trips through SdkError", () => {
    const asking = fakeHttp(() => json(401, { message: "MFA required" }))
    return Effect.gen(function*() {
      const api = yield* ApiClient.make(testConfig({
        classifier: (response) =>
          response.status === 401
            ? {
              tag: "Unauthorized",
              message: "MFA required",
              code: "AUTHENTICATION_REQUIRED",
              authorizationParameters: {
                sessionMessage: `you sent ${token}, log in again`,
                requiredScopes: Array.from({ length: 500 }, (_, i) => `urn:scope:${i}`),
                sessionRequiredIdentities: ["x".repeat(5000)],
                sessionRequiredPolicies: ["policy-1", "policy-2"],
                sessionRequiredSingleDomain: ["example.org"],
                sessionRequiredMfa: true,
                prompt: "login"
              }
            }
            : undefined,
        ...Credentials.forPlatform({ platform: "p", auth: Credentials.bearer(Redacted.make(token)) })
      }))
      const error = yield* Effect.flip(
        api.execute({ method: "GET", path: ["groups"], success: Schema.Unknown, errors: ["Unauthorized"] })
      )
      if (error._tag !== "Unauthorized") return assert.fail(`expected Unauthorized, got ${error._tag}`)
      const parameters = error.authorizationParameters!
      assert.strictEqual(parameters.sessionMessage, "you sent <redacted>, log in again")
      assert.strictEqual(parameters.requiredScopes!.length, 64)
      assert.strictEqual(parameters.sessionRequiredIdentities![0]!.length, 1024)
      assert.deepStrictEqual(parameters.sessionRequiredPolicies, ["policy-1", "policy-2"])
      assert.strictEqual(parameters.sessionRequiredMfa, true)
      assert.strictEqual(error.code, "AUTHENTICATION_REQUIRED")

      const encoded = yield* Schema.encode(SdkError)(error)
      const decoded = yield* Schema.decodeUnknown(SdkError)(JSON.parse(JSON.stringify(encoded)))
      assert.strictEqual(decoded._tag, "Unauthorized")
      assert.deepStrictEqual(decoded._tag === "Unauthorized" && decoded.authorizationParameters, parameters)
      assert.notInclude(JSON.stringify(encoded), token)
    }).pipe(Effect.provide(asking.layer))
  })

  it.effect("no token, refresh token or password in any error, log line or span — a failed refresh's included", () => {
    const refreshToken = "rt-9f8e7d6c5b4a3f2e1d0c"
    // Echoes the token it was sent, in the body of a 401 that means "expired". (Not in a response
    // header: @effect/platform puts response headers on spans, which no credential setting governs.)
    const echoing = fakeHttp((seen) =>
      json(401, { fault: { message: "Invalid Credentials", sent: seen.headers["authorization"] } })
    )
    return Effect.gen(function*() {
      const credential = yield* RefreshingCredential.make({
        token: { accessToken: Redacted.make(token), refreshToken: Redacted.make(refreshToken) },
        // A token endpoint whose error names the refresh token and the access token.
        refresh: (current) =>
          Effect.fail(
            new Error(
              `invalid_grant: ${Redacted.value(current!.refreshToken!)} for ${Redacted.value(current!.accessToken)}`
            )
          )
      })
      const api = yield* ApiClient.make(
        testConfig({ classifier, ...Credentials.forPlatform({ platform: "p", auth: credential }) })
      )
      const [errors, recorded] = yield* recording(
        Effect.forEach([1, 2, 3], (i) =>
          Effect.flip(
            api.execute({ method: "GET", path: ["items", String(i)], success: Echo, errors: ["Unauthorized"] })
          ).pipe(Effect.tap((error) => Effect.logError("call failed", Cause.fail(error)))))
      )
      assert.isTrue(echoing.seen.every((s) => s.headers["authorization"] === `Bearer ${token}`))
      assert.isTrue(errors.every((e) => e.message.includes("the credential could not be refreshed: invalid_grant")))
      // The echo reached the errors, scrubbed.
      assert.isTrue(errors.every((e) => e.excerpt?.includes("\"sent\":\"<redacted>\"") === true))
      assert.isFalse(recorded.spans.some((span) => span.name.startsWith("http.client")))
      const texts = [...textsOf(errors, recorded), ...errors.map((e) => inspect(e, { depth: 10 }))]
      assert.isAbove(recorded.lines.length, 0)
      for (const text of texts) {
        assert.notInclude(text, token)
        assert.notInclude(text, refreshToken)
      }
    }).pipe(Effect.provide(echoing.layer))
  })
})

describe("tokens that cannot be sent", () => {
  // Whitespace around a bearer token survives the check of the whole `Bearer <token>` value.
  it("a bearer or bare token with whitespace around it or a control character is refused, quoting nothing", () => {
    const secret = "tok-0a1b2c3d"
    for (const value of [` ${secret}`, `${secret} `, `\t${secret}`, `${secret}\u0000`, `${secret}\u2603`]) {
      for (const auth of [Credentials.bearer(Redacted.make(value)), Credentials.token(Redacted.make(value))]) {
        const checked = Credentials.validate(auth)
        assert.isTrue(Either.isLeft(checked), JSON.stringify(value))
        if (Either.isLeft(checked)) {
          assert.strictEqual(checked.left.kind, "InvalidRequest")
          assert.notInclude(checked.left.message, secret)
        }
      }
    }
    assert.isTrue(Either.isRight(Credentials.validate(Credentials.bearer(Redacted.make(`t\u00f6k ${secret}`)))))
  })
})

describe("today's credentials on the model", () => {
  it("ScimAuth's three kinds are the model's: the same header, value and secrets", () => {
    const kinds = [
      ScimAuth.bearer(Redacted.make(token)),
      ScimAuth.header("Genestack-API-Token", Redacted.make(token)),
      ScimAuth.basic("provisioner", Redacted.make(password))
    ]
    for (const auth of kinds) {
      // The adapter is the identity: a ScimAuth is a StaticAuth.
      const model: Credentials.StaticAuth = auth
      const mine = Credentials.toCredential(model)
      const theirs = ScimAuth.toCredential(auth)
      assert.strictEqual(mine.header, theirs.header.toLowerCase())
      assert.strictEqual(Redacted.value(mine.value), Redacted.value(theirs.value))
      assert.deepStrictEqual(mine.secrets!.map(Redacted.value), ScimAuth.secretsOf(auth).map(Redacted.value))
    }
    const bad = ScimAuth.basic("a:b", Redacted.make(password))
    const mine = Credentials.validate(bad)
    const theirs = ScimAuth.validate(bad)
    assert.isTrue(Either.isLeft(mine) && Either.isLeft(theirs) && mine.left.message === theirs.left.message)
  })

  it.effect("flowserv's token in api_key and its withToken region, against the flowserv test server", () =>
    Effect.gen(function*() {
      const server = yield* FlowservTestServer
      const users = yield* Users
      yield* users.register("alice", Redacted.make("pw-alice"))
      const alice = yield* users.login("alice", Redacted.make("pw-alice"))
      // What FlowservClient passes to the pipeline once it is on the model.
      const fields = Credentials.forPlatform({
        platform: "flowserv",
        token: (t) => Credentials.header("api_key", t),
        headers: ["api-key"]
      })
      const api = yield* ApiClient.make(testConfig({ ...fields, baseUrl: server.url, classifier: () => undefined }))
      const whoami = api.execute({
        method: "GET",
        path: ["users", "whoami"],
        success: Schema.Struct({ username: Schema.String }),
        errors: ["Unauthorized", "Forbidden"]
      })
      assert.strictEqual((yield* whoami.pipe(Credentials.withToken("flowserv", alice.token))).username, "alice")
      assert.strictEqual(server.requests().at(-1)!.headers["api_key"], Redacted.value(alice.token))
      const anonymous = yield* Effect.flip(whoami)
      assert.include(["Unauthorized", "Forbidden"], anonymous._tag)
    }).pipe(Effect.provide(FlowservTestServer.layerFlowserv())))
})
