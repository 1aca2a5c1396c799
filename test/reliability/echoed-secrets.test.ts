/**
 * A hostile server echoes the caller's credential back in every place an error is built from — a
 * request-id header, SCIM's `scimType`, the id of a NotFound, a Location, a message — verbatim,
 * percent-encoded, base64 and base64url, in bodies up to 900 KB. No form of it reaches any field of
 * the error, its JSON, `util.inspect` or its Cause; every text field stays bounded. Over a real socket,
 * on every transport, for flowserv's api_key, a SCIM bearer token and SCIM Basic credentials.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Buffer } from "node:buffer"
import * as Util from "node:util"
import type { SdkError } from "../../src/core/Errors.js"
import { Flowserv, Groups, withToken } from "../../src/flowserv/index.js"
import { Scim, ScimAuth, ScimUsers } from "../../src/scim/index.js"
import { Urn } from "../../src/scim/schemas/Common.js"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { leakIn } from "../helpers/leaks.js"
import { transports } from "../helpers/transports.js"

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64")
const b64url = (text: string) => Buffer.from(text, "utf8").toString("base64url")

// What the server answers for a scenario, given the secret it was sent. Each body speaks both
// flowserv's `message` and SCIM's error schema, so one server serves both platforms.
const scenarios: Record<string, (secret: string) => Response> = {
  "request-id": (secret) =>
    Response.json({ message: "no", detail: "no", status: "403", schemas: [Urn.Error] }, {
      status: 403,
      headers: { "x-request-id": secret, "request-id": secret }
    }),
  "request-id-encoded": (secret) =>
    Response.json({ message: "no" }, { status: 403, headers: { "x-request-id": `req ${b64url(secret)}` } }),
  "long-request-id": () =>
    Response.json({ message: "no" }, { status: 403, headers: { "x-request-id": "r".repeat(8_000) } }),
  "not-found": (secret) =>
    Response.json({
      message: `unknown group '${secret}'`,
      detail: `unknown group '${secret}'`,
      status: "404",
      schemas: [Urn.Error]
    }, { status: 404 }),
  "scim-type": (secret) =>
    Response.json({ schemas: [Urn.Error], status: "400", scimType: secret, detail: "refused" }, { status: 400 }),
  "scim-type-encoded": (secret) =>
    Response.json({ schemas: [Urn.Error], status: "400", scimType: `x-${encodeURIComponent(secret)}` }, {
      status: 400
    }),
  "long-scim-type": () =>
    Response.json({ schemas: [Urn.Error], status: "400", scimType: "c".repeat(50_000) }, { status: 400 }),
  "redirect": (secret) =>
    new Response(null, {
      status: 302,
      headers: {
        location: `https://evil.test/cb?u=${encodeURIComponent(secret)}&f=${
          new URLSearchParams({ s: secret }).toString().slice(2)
        }&b=${b64(secret)}&bu=${b64url(secret)}&j=${b64url(JSON.stringify({ token: secret }))}`
      }
    }),
  "encoded-message": (secret) => {
    const text = [
      encodeURIComponent(secret),
      encodeURIComponent(secret).toLowerCase(),
      b64(secret),
      b64(secret).replace(/=+$/, ""),
      b64url(secret),
      b64(`x${secret}`),
      b64(`xy${secret}`),
      JSON.stringify(secret).slice(1, -1)
    ].join(" | ")
    return Response.json({ message: text, detail: text, status: "400", schemas: [Urn.Error] }, { status: 400 })
  },
  "huge-message": (secret) => {
    const text = "m".repeat(900_000) + secret
    return Response.json({ message: text, detail: text, status: "400", schemas: [Urn.Error] }, { status: 400 })
  },
  "secret-at-the-cut": (secret) => {
    const text = "m".repeat(990) + secret + "m".repeat(1_000)
    return Response.json({ message: text, detail: text, status: "400", schemas: [Urn.Error] }, { status: 400 })
  },
  "wrong-shape": (secret) => Response.json({ id: { nested: `${secret} trailing` }, schemas: { x: secret } }),
  "html": (secret) =>
    new Response(`<html><title>${secret}</title>${b64(secret)}</html>`, { headers: { "content-type": "text/html" } })
}

// The secret the request carried, as the server sees it.
const secretOf = (request: Request): string => {
  const apiKey = request.headers.get("api_key")
  if (apiKey !== null) return apiKey
  const authorization = request.headers.get("authorization") ?? ""
  if (authorization.startsWith("Bearer ")) return authorization.slice(7)
  const basic = Buffer.from(authorization.slice(6), "base64").toString("utf8")
  return basic.slice(basic.indexOf(":") + 1)
}

// Every secret the server was sent: the test proves nothing unless it is the caller's.
const received: Array<string> = []

const hostile: Handler = (request) => {
  const scenario = decodeURIComponent(new URL(request.url).pathname.split("/").pop() ?? "")
  const answer = scenarios[scenario]
  const secret = secretOf(request)
  received.push(secret)
  return Promise.resolve(answer === undefined ? Response.json({}, { status: 418 }) : answer(secret))
}

const expectReceived = (secret: string, calls: number) => {
  assert.strictEqual(received.length, calls)
  for (const seen of received.splice(0)) assert.strictEqual(seen, secret)
}

const checkError = (error: SdkError, secrets: ReadonlyArray<string>, scenario: string) => {
  const texts = [
    JSON.stringify(error),
    Util.inspect(error, { depth: null, showHidden: true }),
    String(error),
    error.stack ?? "",
    Cause.pretty(Cause.fail(error))
  ]
  for (const secret of secrets) {
    for (const text of texts) {
      const leak = leakIn(text, secret)
      assert.isUndefined(leak, `${scenario}: ${error._tag} shows the secret (${leak}): ${text.slice(0, 300)}`)
    }
  }
  assert.isAtMost(error.message.length, 1_000, scenario)
  assert.isAtMost(error.code?.length ?? 0, 100, scenario)
  assert.isAtMost(error.requestId?.length ?? 0, 200, scenario)
  assert.isAtMost(error.excerpt?.length ?? 0, 201, scenario)
  assert.isAtMost(JSON.stringify(error).length, 4_000, scenario)
}

const names = Object.keys(scenarios)
const retry = { maxAttempts: 1 }

describe.each(transports.map((t) => [t.name, t.layer] as const))("echoed secrets on %s", (_name, transport) => {
  it.scoped("flowserv's api_key", () =>
    Effect.gen(function*() {
      const token = "fs-0123456789abcdef+/=é~*'()-token"
      received.length = 0
      const groups = yield* Groups
      for (const scenario of names) {
        const error = yield* Effect.flip(groups.get(scenario).pipe(withToken(Redacted.make(token))))
        checkError(error, [token], scenario)
      }
      const notFound = yield* Effect.flip(groups.get("not-found").pipe(withToken(Redacted.make(token))))
      assert.strictEqual(notFound._tag, "NotFound")
      assert.strictEqual(notFound._tag === "NotFound" && notFound.id, "<redacted>")
      expectReceived(token, names.length + 1)
    }).pipe(
      Effect.provide(
        Layer.unwrapScoped(Effect.map(serve(hostile), (server) =>
          Flowserv.layer({ url: `${server.origin}/api`, retry, timeout: "10 seconds" }))).pipe(Layer.provide(transport))
      )
    ), 60_000)

  const scimAuths = [
    ["a SCIM bearer token", (secret: string) => ScimAuth.bearer(Redacted.make(secret)), "scim-0123456789abcdef+/=é"],
    [
      "SCIM Basic credentials",
      (secret: string) => ScimAuth.basic("ada", Redacted.make(secret)),
      "pässwörd+/=0123456789"
    ]
  ] as const
  for (const [label, auth, secret] of scimAuths) {
    it.scoped(label, () =>
      Effect.gen(function*() {
        received.length = 0
        const users = yield* ScimUsers
        const basic = b64(`ada:${secret}`)
        for (const scenario of names) {
          const error = yield* Effect.flip(users.get(scenario))
          checkError(error, [secret, basic], scenario)
        }
        const typed = yield* Effect.flip(users.get("scim-type"))
        assert.strictEqual(typed._tag, "InvalidRequest")
        assert.strictEqual(typed.code, "<redacted>")
        expectReceived(secret, names.length + 1)
      }).pipe(
        Effect.provide(
          Layer.unwrapScoped(Effect.map(serve(hostile), (server) =>
            Scim.layer({ url: server.origin, auth: auth(secret), retry, timeout: "10 seconds" }))).pipe(
              Layer.provide(transport)
            )
        )
      ), 60_000)
  }
})
