/**
 * A credential that cannot be sent as a header value — CR, LF, NUL, DEL or another control
 * character, a character outside Latin-1, surrounding whitespace — or under a header name that is
 * not one, is refused before sending: `InvalidRequest` (origin client), never retried, never a
 * defect, on every transport, whichever way it came (client options, `withToken`, SCIM auth,
 * configuration). Read from the default configuration, it fails the layer with a `ConfigError`.
 * No refusal quotes the credential. Real sockets on 127.0.0.1.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Credentials from "../../src/core/Credentials.js"
import { FlowservClient, Users, withToken } from "../../src/flowserv/index.js"
import { Scim, ScimAuth, ScimGroups } from "../../src/scim/index.js"
import { serve } from "../../src/testkit/http/serve.js"
import { testConfig } from "../helpers/client.js"
import { transports } from "../helpers/transports.js"

const secret = "s3cr3t-Tok"
const unsendable = [
  `${secret}\r\nX-Evil: 1`,
  `${secret}\n`,
  `${secret}\r`,
  `${secret}\u0000x`,
  `${secret}\u007f`,
  `${secret}\u0001`,
  `${secret}\u001b[0m`,
  `${secret}\u0100`,
  `${secret}☃`,
  `${secret}😀`,
  ` ${secret}`,
  `${secret}\t`
]

const countingServer = Effect.gen(function*() {
  const seen: Array<Record<string, string>> = []
  const server = yield* serve(async (request) => {
    seen.push(Object.fromEntries(request.headers))
    return Response.json({
      id: "u1",
      username: "ada",
      token: "fresh",
      Resources: [],
      totalResults: 0,
      itemsPerPage: 0,
      startIndex: 1
    })
  })
  return { server, seen }
})

// The typed refusal, quoting nothing of the secret; `sent` is what the server has seen so far.
const assertRefused = (exit: Exit.Exit<unknown, unknown>, sent: number) => {
  assert.isTrue(Exit.isFailure(exit), "expected a failure")
  if (Exit.isFailure(exit)) {
    assert.strictEqual(exit.cause._tag, "Fail", String(exit.cause))
    const error = (exit.cause as { error: { _tag: string; origin?: string } }).error
    assert.strictEqual(error._tag, "InvalidRequest", String(exit.cause))
    assert.strictEqual(error.origin, "client")
    assert.notInclude(JSON.stringify(error), secret)
    assert.notInclude(String(error), secret)
  }
  assert.strictEqual(sent, 0, "nothing may be sent")
}

for (const transport of transports) {
  describe(`unsendable credentials over ${transport.name}`, () => {
    it.live("a flowserv token, as the client's token or through withToken, on a call declaring no InvalidRequest", () =>
      Effect.gen(function*() {
        const { seen, server } = yield* countingServer
        for (const token of unsendable) {
          const client = FlowservClient.layer({ url: server.origin, token: Redacted.make(token) })
          assertRefused(
            yield* Effect.exit(
              Effect.flatMap(Users, (users) => users.whoami()).pipe(
                Effect.provide(Users.Default),
                Effect.provide(client)
              )
            ),
            seen.length
          )
          const fine = FlowservClient.layer({ url: server.origin, token: Redacted.make(secret) })
          assertRefused(
            yield* Effect.exit(
              Effect.flatMap(Users, (users) => users.whoami()).pipe(
                withToken(Redacted.make(token)),
                Effect.provide(Users.Default),
                Effect.provide(fine)
              )
            ),
            seen.length
          )
        }
        // A token header name that is no header name is refused as well.
        const badHeader = FlowservClient.layer({
          url: server.origin,
          token: Redacted.make(secret),
          tokenHeader: "api key"
        })
        assertRefused(
          yield* Effect.exit(
            Effect.flatMap(Users, (users) => users.whoami()).pipe(
              Effect.provide(Users.Default),
              Effect.provide(badHeader)
            )
          ),
          seen.length
        )
        // Latin-1 beyond ASCII can be sent: it arrives as it was given.
        yield* Effect.flatMap(Users, (users) => users.whoami()).pipe(
          Effect.provide(Users.Default),
          Effect.provide(FlowservClient.layer({ url: server.origin, token: Redacted.make("tök\u00e9n") }))
        )
        assert.strictEqual(seen.length, 1)
        assert.strictEqual(seen[0]!["api_key"], "tök\u00e9n")
      }).pipe(Effect.scoped, Effect.provide(transport.layer)))

    it.live("a SCIM bearer token, a token in a header of its own, a Basic password", () =>
      Effect.gen(function*() {
        const { seen, server } = yield* countingServer
        const list = (auth: ScimAuth.ScimAuth) =>
          Effect.exit(
            Effect.flatMap(ScimGroups, (groups) => groups.listPage()).pipe(
              Effect.provide(Scim.layer({ url: server.origin, auth, retry: { maxAttempts: 4 } }))
            )
          )
        for (const token of unsendable) {
          assertRefused(yield* list(ScimAuth.bearer(Redacted.make(token))), seen.length)
          assertRefused(yield* list(ScimAuth.header("Genestack-API-Token", Redacted.make(token))), seen.length)
        }
        for (const password of unsendable.filter((p) => /[\u0000-\u001f\u007f]/.test(p))) {
          assertRefused(yield* list(ScimAuth.basic("ada", Redacted.make(password))), seen.length)
        }
        assertRefused(yield* list(ScimAuth.header("Bad\nName", Redacted.make(secret))), seen.length)
        // Basic carries UTF-8 in base64: a password beyond Latin-1 is sendable and arrives intact.
        yield* list(ScimAuth.basic("ada", Redacted.make("p☃ss")))
        assert.strictEqual(seen.length, 1)
        const basic = seen[0]!["authorization"]!
        assert.strictEqual(Buffer.from(basic.slice("Basic ".length), "base64").toString("utf8"), "ada:p☃ss")
      }).pipe(Effect.scoped, Effect.provide(transport.layer)))

    it.live("a configured header the SDK cannot send fails every call the same way", () =>
      Effect.gen(function*() {
        const { seen, server } = yield* countingServer
        const httpClient = yield* HttpClient.HttpClient
        const call = (config: Partial<ApiClient.ApiClientConfig>) =>
          Effect.exit(
            ApiClient.makeWith(httpClient, testConfig({ baseUrl: server.origin, ...config })).execute({
              method: "GET",
              path: ["x"],
              success: Schema.Unknown,
              errors: []
            })
          )
        assertRefused(yield* call({ headers: { "x-tenant": "a\r\nb" } }), seen.length)
        assertRefused(yield* call({ headers: { "x tenant": "a" } }), seen.length)
        assertRefused(yield* call({ jsonContentType: "application/json\n" }), seen.length)
      }).pipe(Effect.scoped, Effect.provide(transport.layer)))

    it.live("from configuration: a ConfigError for the default configuration, InvalidRequest for one's own", () =>
      Effect.gen(function*() {
        const { seen, server } = yield* countingServer
        for (const token of unsendable) {
          const provider = Layer.setConfigProvider(ConfigProvider.fromMap(
            new Map([["FLOWSERV_URL", server.origin], ["FLOWSERV_TOKEN", token], ["SCIM_URL", server.origin], [
              "SCIM_TOKEN",
              token
            ]])
          ))
          const flowserv = yield* Effect.exit(
            Effect.flatMap(Users, (users) => users.whoami()).pipe(
              Effect.provide(Users.layerConfig().pipe(Layer.provide(provider)))
            )
          )
          assert.isTrue(Exit.isFailure(flowserv))
          if (Exit.isFailure(flowserv) && flowserv.cause._tag === "Fail") {
            const error = flowserv.cause.error
            assert.strictEqual(error._tag, "ConfigError", String(flowserv.cause))
            assert.include(String(error), "FLOWSERV_TOKEN")
            assert.notInclude(String(error), secret)
          } else assert.fail(`expected a ConfigError: ${String(flowserv)}`)
          const scim = yield* Effect.exit(
            Effect.flatMap(ScimGroups, (groups) => groups.listPage()).pipe(
              Effect.provide(Scim.layerConfig().pipe(Layer.provide(provider)))
            )
          )
          assert.isTrue(Exit.isFailure(scim) && scim.cause._tag === "Fail" && scim.cause.error._tag === "ConfigError")
          // One's own configuration, read without the check: refused at the call.
          const own = Config.all({ url: Config.string("FLOWSERV_URL"), token: Config.redacted("FLOWSERV_TOKEN") })
          assertRefused(
            yield* Effect.exit(
              Effect.flatMap(Users, (users) => users.whoami()).pipe(
                Effect.provide(Users.layerConfig(own).pipe(Layer.provide(provider)))
              )
            ),
            seen.length
          )
        }
      }).pipe(Effect.scoped, Effect.provide(transport.layer)))
  })
}

describe("Credentials.problem", () => {
  it("names the header and the reason, never the value", () => {
    const problemOf = (value: string) => Credentials.problem({ header: "api_key", value: Redacted.make(value) })
    assert.strictEqual(problemOf(secret), undefined)
    assert.strictEqual(problemOf("tök\u00e9n"), undefined)
    assert.strictEqual(problemOf(""), undefined)
    for (const value of unsendable) {
      const problem = problemOf(value)
      assert.isString(problem, JSON.stringify(value))
      assert.include(problem, "api_key")
      assert.notInclude(problem!, secret)
    }
    assert.match(problemOf("a\nb")!, /control character/)
    assert.match(problemOf("a☃")!, /outside Latin-1/)
    assert.match(problemOf("a ")!, /whitespace/)
  })
})
