/**
 * A credential sent as a query parameter (`Credentials.query`, Abaco's `x-nonce`): added to each
 * attempt's URL and to nothing else — no header, not the URL in spans or errors — scrubbed from what a
 * server echoes, refused before sending when it cannot be encoded, and switched per region like any
 * credential.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { inspect } from "node:util"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Credentials from "../../src/core/Credentials.js"
import { testConfig } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"
import { recordingTracer } from "../helpers/spans.js"

const nonce = "TACC-PROD_4b1f9Zq0xK7mQp2"
const Body = Schema.Struct({ ok: Schema.Boolean })

const callWith = (fields: Credentials.PlatformAuth, http: ReturnType<typeof fakeHttp>, query?: string) =>
  Effect.flatMap(
    ApiClient.make(testConfig({ ...fields, retry: { ...testConfig().retry, maxAttempts: 1 } })),
    (api) =>
      Effect.withSpan(
        api.execute({
          method: "GET",
          path: "/actors/v2/a1",
          query,
          success: Body,
          errors: ["Forbidden", "InvalidRequest"]
        }),
        "test.call"
      )
  ).pipe(Effect.provide(http.layer))

describe("a credential in the query", () => {
  it.effect("is appended to the URL as sent, after the query as encoded, and sets no header", () =>
    Effect.gen(function*() {
      const http = fakeHttp(() => json(200, { ok: true }))
      const fields = Credentials.forPlatform({
        platform: "abaco",
        auth: Credentials.query("x-nonce", Redacted.make(nonce))
      })
      yield* callWith(fields, http, "search=a%20b&ids=1,2")
      const seen = http.seen[0]!
      assert.strictEqual(seen.url.search, `?search=a%20b&ids=1,2&x-nonce=${nonce}`)
      assert.isUndefined(seen.headers["authorization"])
      yield* callWith(fields, http)
      assert.strictEqual(http.seen[1]!.url.search, `?x-nonce=${nonce}`)
    }))

  it.effect("never shows in url.full, nor in an error, even when the server echoes it", () =>
    Effect.gen(function*() {
      const http = fakeHttp((seen) =>
        json(400, { status: "error", message: `Nonce ${seen.url.searchParams.get("x-nonce")} is not yours` })
      )
      const { spans, tracer } = yield* recordingTracer
      const fields = Credentials.forPlatform({
        platform: "abaco",
        auth: Credentials.query("x-nonce", Redacted.make(nonce))
      })
      const error = yield* Effect.flip(callWith(fields, http).pipe(Effect.withTracer(tracer)))
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.include(http.seen[0]!.url.href, nonce)
      const shown = JSON.stringify(error) + inspect(error) +
        JSON.stringify(spans.map((span) => [...span.attributes]))
      assert.notInclude(shown, nonce)
      assert.isTrue(
        spans.some((span) => span.attributes.get("url.full") === "http://api.test/v1/actors/v2/a1"),
        "url.full without the credential"
      )
    }))

  it.effect("one that cannot be encoded (a lone surrogate, an empty value) is refused before sending", () =>
    Effect.gen(function*() {
      const http = fakeHttp(() => json(200, { ok: true }))
      for (const value of ["bad\uD800nonce", ""]) {
        const fields = Credentials.forPlatform({
          platform: "abaco",
          auth: Credentials.query("x-nonce", Redacted.make(value))
        })
        const error = yield* Effect.flip(callWith(fields, http))
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.include(error.message, "x-nonce")
      }
      assert.strictEqual(http.seen.length, 0)
      // An empty value sent as a header first (a header may be empty) is still refused in the query.
      const empty = Redacted.make("")
      yield* callWith(Credentials.forPlatform({ platform: "p", auth: Credentials.header("x-key", empty) }), http)
      assert.strictEqual(http.seen.length, 1)
      const error = yield* Effect.flip(
        callWith(Credentials.forPlatform({ platform: "p", auth: Credentials.query("x-nonce", empty) }), http)
      )
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.strictEqual(http.seen.length, 1)
    }))

  it.effect("a region switches the connection's bearer token for it", () =>
    Effect.gen(function*() {
      const http = fakeHttp(() => json(200, { ok: true }))
      const fields = Credentials.forPlatform({
        platform: "abaco",
        auth: Credentials.bearer(Redacted.make("tok-1234567890abc"))
      })
      yield* callWith(fields, http).pipe(
        Credentials.withAuth("abaco", Credentials.query("x-nonce", Redacted.make(nonce)))
      )
      yield* callWith(fields, http)
      const [withNonce, withToken] = http.seen
      assert.strictEqual(withNonce!.url.searchParams.get("x-nonce"), nonce)
      assert.isUndefined(withNonce!.headers["authorization"])
      assert.strictEqual(withToken!.headers["authorization"], "Bearer tok-1234567890abc")
      assert.isFalse(withToken!.url.searchParams.has("x-nonce"))
    }))
})
