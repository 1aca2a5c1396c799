/**
 * No secret in any span an SDK call produces, whichever HttpClient carries it: a tracer records
 * everything it receives (names, parents, contexts, links, options, attributes, events, exits) and
 * all of it is rendered every way (JSON, `util.inspect` at full depth with hidden properties, every
 * reachable string ignoring `toJSON`) and scanned for the credential in every form it takes —
 * flowserv's api_key, a SCIM bearer token, SCIM Basic — over success, failure, retry, timeout,
 * reset and download paths. The operations' own spans carry the safe facts instead: method, URL,
 * status, resends. Real sockets on 127.0.0.1.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Flowserv from "../../src/flowserv/Flowserv.js"
import { Groups, Service, Uploads, Users, withToken, Workflows } from "../../src/flowserv/index.js"
import { Scim, ScimAuth, ScimGroups } from "../../src/scim/index.js"
import { serve } from "../../src/testkit/http/serve.js"
import { renderEverything, serialisingTracer } from "../helpers/spans.js"
import { transports } from "../helpers/transports.js"

const token = "sk_live-Tok/en+9=Zq"
const other = "sk_other-0th3r/T0k+"
const password = "pässw/ord+1"
const basic = Buffer.from(`ada:${password}`, "utf8").toString("base64")

// Every form a secret could leak in: as it is, in its headers, percent-encoded, base64 and base64url.
const forms = (secret: string) => [
  secret,
  encodeURIComponent(secret),
  Buffer.from(secret).toString("base64"),
  Buffer.from(secret).toString("base64url")
]
const secrets = [...forms(token), ...forms(other), ...forms(password), basic, `Bearer ${token}`, `Basic ${basic}`]

const group = { id: "g1", displayName: "Curators", schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"] }
const scimError = (status: number) =>
  Response.json({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status), detail: "nope" }, {
    status
  })

// One server for both platforms; per-path counters script the retry paths. It echoes no credential
// in any answer except whoami's body, where the SDK decodes it as Redacted.
const handler = () => {
  const hits = new Map<string, number>()
  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname
    const hit = (hits.get(path) ?? 0) + 1
    hits.set(path, hit)
    switch (path) {
      case "/flowserv/users/whoami":
        return Response.json({ id: "u1", username: "ada", token })
      case "/flowserv/workflows":
        return hit === 1 ? Response.json({ message: "busy" }, { status: 503 }) : Response.json({ workflows: [] })
      case "/flowserv/":
        return Response.json({ message: "broken" }, { status: 500 })
      case "/flowserv/users":
        return Response.json({ message: "not logged in" }, { status: 401 })
      case "/flowserv/groups/reset":
        throw new Error("reset")
      case "/flowserv/groups/slow":
        return new Promise<Response>(() => {})
      case "/flowserv/uploads/g/files/f":
        return new Response("file content")
      case "/flowserv/uploads/g/files/missing":
        return Response.json({ message: "unknown file" }, { status: 404 })
      case "/scim/Groups/g1":
        return Response.json(group, { headers: { "content-type": "application/scim+json" } })
      case "/scim/Groups":
        return hit % 2 === 1 ? scimError(503) : Response.json({ totalResults: 1, Resources: [group], startIndex: 1 })
      default:
        return scimError(404)
    }
  }
}

const retry = { baseDelay: "1 millis", maxDelay: "2 millis", jitter: false, maxAttempts: 3 } as const

const flowservCalls = Effect.gen(function*() {
  const users = yield* Users
  const workflows = yield* Workflows
  const service = yield* Service
  const groups = yield* Groups
  const uploads = yield* Uploads
  return [
    users.whoami(),
    users.whoami().pipe(withToken(Redacted.make(other))),
    workflows.listPage(),
    service.describe(),
    users.listPage(),
    groups.get("reset"),
    groups.get("slow"),
    Stream.runDrain(uploads.download("g", "f")),
    Stream.runDrain(uploads.download("g", "missing"))
  ] as ReadonlyArray<Effect.Effect<unknown, unknown>>
})

const scimCalls = Effect.gen(function*() {
  const groups = yield* ScimGroups
  return [groups.get("g1"), groups.get("missing"), groups.listPage(), groups.delete("missing")] as ReadonlyArray<
    Effect.Effect<unknown, unknown>
  >
})

const all = [...transports, { name: "NodeHttpClient.layerUndici", layer: NodeHttpClient.layerUndici }]

for (const transport of all) {
  describe(`spans over ${transport.name}`, () => {
    it.live(
      "hold no credential in any form, on success, failure, retry, timeout, reset and download",
      () =>
        Effect.gen(function*() {
          const server = yield* serve(handler())
          const { log, tracer } = yield* serialisingTracer
          const outcomes = [
            ...yield* Effect.flatMap(flowservCalls, (calls) => Effect.forEach(calls, Effect.either)).pipe(
              Effect.provide(
                Flowserv.layer({
                  url: `${server.origin}/flowserv`,
                  token: Redacted.make(token),
                  retry,
                  timeout: "300 millis"
                })
              ),
              Effect.withTracer(tracer)
            ),
            ...yield* Effect.flatMap(scimCalls, (calls) => Effect.forEach(calls, Effect.either)).pipe(
              Effect.provide(
                Scim.layer({ url: `${server.origin}/scim`, auth: ScimAuth.bearer(Redacted.make(token)), retry })
              ),
              Effect.withTracer(tracer)
            ),
            ...yield* Effect.flatMap(scimCalls, (calls) => Effect.forEach(calls, Effect.either)).pipe(
              Effect.provide(
                Scim.layer({
                  url: `${server.origin}/scim`,
                  auth: ScimAuth.basic("ada", Redacted.make(password)),
                  retry
                })
              ),
              Effect.withTracer(tracer)
            )
          ]
          // Every path was taken: successes and failures of each kind.
          const tags = outcomes.map((outcome) =>
            outcome._tag === "Right" ? "ok" : (outcome.left as { _tag: string })._tag
          )
          assert.deepStrictEqual(tags, [
            "ok",
            "ok",
            "ok",
            "ServerError",
            "Unauthorized",
            "TransportError",
            "RequestTimeout",
            "ok",
            "NotFound",
            ...["ok", "NotFound", "ok", "NotFound"],
            ...["ok", "NotFound", "ok", "NotFound"]
          ])

          // The transport opened no span of its own: only the SDK's operations are traced.
          assert.deepStrictEqual(log.spans.filter((span) => span.name.startsWith("http.client")).map((s) => s.name), [])
          assert.isAbove(log.spans.length, 16)
          for (const text of renderEverything(log)) {
            for (const secret of secrets) assert.notInclude(text, secret)
          }

          // The operations' spans say what was sent and what came back.
          const attributes = (name: string) =>
            log.spans.filter((span) => span.name === name).map((span) => Object.fromEntries(span.attributes))
          const assertSpan = (name: string, expected: Record<string, unknown>) =>
            assert.isTrue(
              attributes(name).some((found) => Object.entries(expected).every(([k, v]) => found[k] === v)),
              `${name}: ${JSON.stringify(attributes(name))}`
            )
          assertSpan("flowserv.Users.whoami", {
            "http.request.method": "GET",
            "url.full": `${server.origin}/flowserv/users/whoami`,
            "http.response.status_code": 200
          })
          // Only a request sent again carries a resend count (OpenTelemetry's HTTP conventions).
          assert.isTrue(
            attributes("flowserv.Users.whoami").every((found) => !("http.request.resend_count" in found))
          )
          assertSpan("flowserv.Workflows.list", {
            "http.request.method": "GET",
            "url.full": `${server.origin}/flowserv/workflows`,
            "http.response.status_code": 200,
            "http.request.resend_count": 1
          })
          assertSpan("flowserv.Service.describe", {
            "http.request.method": "GET",
            "url.full": `${server.origin}/flowserv/`,
            "http.response.status_code": 500,
            "http.request.resend_count": 2
          })
          assert.strictEqual(
            attributes("flowserv.Groups.get").find((a) => a["flowserv.group.id"] === "slow")?.[
              "http.request.resend_count"
            ],
            2
          )
        }).pipe(Effect.scoped, Effect.provide(transport.layer)),
      30_000
    )
  })
}
