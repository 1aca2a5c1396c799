/**
 * The three SCIM credentials: the header each sends, and that none of their secrets shows in an
 * error, a span or a log line, even from a server that echoes them back.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import type { ScimAuth as Auth } from "../../src/scim/index.js"
import { Odm, Patch, Scim, ScimAuth, ScimGroups } from "../../src/scim/index.js"
import { recording, textsOf } from "../helpers/capture.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"
import { collect } from "../helpers/scim.js"
import { hasAttribute } from "../helpers/spans.js"

const token = "tok-5f4e3d2c1b0a9f8e7d6c"
const password = "pw-correct-horse-battery"

// Echoes every credential it is sent, in SCIM and ODM error bodies, on every kind of failure.
const echoing = fakeHttp((seen, index) => {
  const sent = [seen.headers["authorization"], seen.headers["genestack-api-token"]].filter(Boolean).join(" ")
  const decoded = seen.headers["authorization"]?.startsWith("Basic ")
    ? atob(seen.headers["authorization"].slice(6))
    : ""
  // The bare token or base64 credential, without its scheme, as some servers echo it.
  const bare = seen.headers["authorization"]?.replace(/^(Bearer|Basic) /, "") ?? ""
  const detail = `you sent ${sent} (${decoded}, ${bare})`
  switch (index % 4) {
    case 0:
      return json(401, { error: { message: detail } })
    case 1:
      return json(400, { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "400", detail })
    case 2:
      return json(404, { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404", detail })
    default:
      return json(500, { error: { message: detail } })
  }
})

const credentials: ReadonlyArray<readonly [string, Auth.ScimAuth, string, (value: string) => boolean]> = [
  ["bearer", ScimAuth.bearer(Redacted.make(token)), "authorization", (v) => v === `Bearer ${token}`],
  ["header", ScimAuth.header("Genestack-API-Token", Redacted.make(token)), "genestack-api-token", (v) => v === token],
  [
    "basic",
    ScimAuth.basic("provisioner", Redacted.make(password)),
    "authorization",
    (v) => atob(v.replace(/^Basic /, "")) === `provisioner:${password}`
  ]
]

describe("SCIM credentials", () => {
  for (const [name, auth, header, sentRight] of credentials) {
    it.effect(`${name}: sent in ${header}, never shown`, () =>
      Effect.gen(function*() {
        const before = echoing.seen.length
        const fiber = yield* Effect.fork(recording(
          Effect.gen(function*() {
            const groups = yield* ScimGroups
            return yield* Effect.all([
              Effect.flip(groups.get("g1")),
              Effect.flip(groups.create({ displayName: "x" })),
              Effect.flip(groups.patch("g1", [Patch.rename("y")])),
              Effect.flip(collect(groups.list()))
            ]).pipe(Effect.tap((errors) => Effect.forEach(errors, (e) => Effect.logWarning("call failed", e))))
          }).pipe(
            Effect.provide(Scim.layer({ url: "http://scim.test/v2", auth }).pipe(Layer.provide(echoing.layer)))
          )
        ))
        yield* TestClock.adjust("5 minutes")
        const [errors, recorded] = yield* Fiber.join(fiber)
        const seen = echoing.seen.slice(before)
        assert.isTrue(seen.length >= 4)
        for (const request of seen) assert.isTrue(sentRight(request.headers[header] ?? ""), `${header} sent`)
        assert.includeMembers(errors.map((e) => e._tag), ["Unauthorized", "InvalidRequest"])
        // There are log lines to scan: the retries' and ours.
        assert.isAbove(recorded.lines.length, errors.length)
        // No transport span (it would hold the request's headers); the operations' spans say what was sent.
        assert.isFalse(recorded.spans.some((span) => span.name.startsWith("http.client")), "no http.client span")
        assert.isTrue(hasAttribute(recorded.spans, "url.full", "http://scim.test/v2/Groups/g1"), "url.full attributed")
        const texts = textsOf(errors, recorded)
        assert.isTrue(texts.some((t) => t.includes("you sent")), "the echoed detail is in the errors")
        for (const text of texts) {
          assert.notInclude(text, token)
          assert.notInclude(text, password)
          assert.notInclude(text, btoa(`provisioner:${password}`))
        }
      }))
  }

  for (
    const [name, username, secret] of [
      ["a colon in the user name", "dept:provisioner", password],
      ["a control character in the user name", "provisioner\n", password],
      ["a control character in the password", "provisioner", `${password}\r\n`]
    ] as const
  ) {
    it.effect(`basic: ${name} is refused before anything is sent`, () =>
      Effect.gen(function*() {
        const before = echoing.seen.length
        const [errors, recorded] = yield* recording(
          Effect.gen(function*() {
            const groups = yield* ScimGroups
            return yield* Effect.all([
              Effect.flip(groups.get("g1")),
              Effect.flip(groups.delete("g1")),
              Effect.flip(collect(groups.list()))
            ])
          }).pipe(
            Effect.provide(
              Scim.layer({ url: "http://scim.test/v2", auth: ScimAuth.basic(username, Redacted.make(secret)) }).pipe(
                Layer.provide(echoing.layer)
              )
            )
          )
        )
        assert.strictEqual(echoing.seen.length, before, "nothing was sent")
        for (const error of errors) {
          assert.strictEqual(error._tag, "InvalidRequest")
          assert.strictEqual(error._tag === "InvalidRequest" && error.origin, "client")
          assert.include(error.message, "RFC 7617")
        }
        for (const text of textsOf(errors, recorded)) assert.notInclude(text, password)
      }))
  }

  it("basic: a long credential is encoded (no argument-list overflow)", () => {
    const long = "p".repeat(300_000)
    const auth = ScimAuth.basic("provisioner", Redacted.make(long))
    const value = Redacted.value(ScimAuth.toCredential(auth).value)
    assert.strictEqual(atob(value.slice("Basic ".length)), `provisioner:${long}`)
    const secrets = ScimAuth.secretsOf(auth).map(Redacted.value)
    assert.deepStrictEqual(secrets, [long, value.slice("Basic ".length)])
  })

  it("the ODM preset: path, token header, JSON media type, no PUT", () => {
    const options = Odm.options({ host: "https://odm.example.org/", token: Redacted.make(token) })
    assert.strictEqual(options.url, "https://odm.example.org/api/v1/scim")
    assert.deepStrictEqual(options.auth, ScimAuth.header("Genestack-API-Token", Redacted.make(token)))
    assert.strictEqual(options.contentType, "application/json")
    assert.strictEqual(options.supportsReplace, false)
    const oauth = Odm.options({ host: "https://odm.example.org", accessToken: Redacted.make(token) })
    assert.strictEqual(oauth.auth?._tag, "Bearer")
    // Both can only come from untyped code (the type refuses it): the documented choice, the token.
    const both = { host: "https://odm.example.org", token: Redacted.make(token), accessToken: Redacted.make("other") }
    assert.strictEqual(Odm.options(both as unknown as Odm.OdmOptions).auth?._tag, "Header")
  })
})
