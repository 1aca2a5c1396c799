/**
 * The OpenAPI check itself: it must catch what ODM's description forbids, or the ODM tests prove
 * nothing.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { ScimAuth, ScimGroups } from "../../src/scim/index.js"
import type { OdmExchange } from "../../src/testkit/index.js"
import { OdmTestServer } from "../../src/testkit/index.js"
import { exchangeProblems, requestProblems, responseProblems } from "../helpers/odmOpenApi.js"

const groupId = "0d000000-0000-4000-8000-000000000001"
const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => ({
  method,
  url: `http://odm.test/api/v1/scim${path}`,
  headers: {
    "genestack-api-token": "t",
    ...(body === undefined ? {} : { "content-type": "application/json" }),
    ...headers
  },
  body: body === undefined ? undefined : JSON.stringify(body)
})
const patchBody = (operations: ReadonlyArray<unknown>) => ({
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: operations
})

describe("the ODM OpenAPI check", () => {
  it("accepts what the SDK sends", () => {
    assert.deepStrictEqual(
      requestProblems(request("GET", "/Groups?filter=displayName%20eq%20%22x%22&startIndex=1&count=5")),
      []
    )
    assert.deepStrictEqual(
      requestProblems(
        request("PATCH", `/Groups/${groupId}`, patchBody([{ op: "replace", value: { displayName: "x" } }]))
      ),
      []
    )
    assert.deepStrictEqual(requestProblems(request("POST", "/Groups", { displayName: "x" })), [])
  })

  it("catches requests ODM's description forbids", () => {
    const problems = (r: ReturnType<typeof request>) => requestProblems(r).join("; ")
    // A PATCH value that is not an object: ODM types `value` as an object.
    assert.match(
      problems(request("PATCH", `/Groups/${groupId}`, patchBody([{ op: "replace", path: "displayName", value: "x" }]))),
      /must be object/
    )
    assert.match(problems(request("PATCH", `/Groups/${groupId}`, patchBody([{ op: "frob" }]))), /allowed values/)
    assert.match(problems(request("PATCH", `/Groups/${groupId}`, { Operations: [] })), /schemas/)
    assert.match(
      problems(request("POST", "/Groups", { displayName: "x" }, { "content-type": "application/scim+json" })),
      /media type/
    )
    assert.match(problems(request("POST", "/Groups", { members: [] })), /displayName/)
    assert.match(problems(request("GET", "/Groups?attributes=displayName")), /attributes is not declared/)
    assert.match(problems(request("GET", "/Groups?count=many")), /count/)
    assert.match(problems(request("GET", "/Groups?count=9999999999")), /count/)
    assert.match(
      problems(request("GET", "/Groups", undefined, { "genestack-api-token": undefined as unknown as string })),
      /credential/
    )
    assert.match(problems(request("PUT", `/Groups/${groupId}`, { displayName: "x" })), /no such operation/)
    assert.match(problems(request("GET", `/Groups/${groupId}`, {})), /body where the operation takes none/)
  })

  it("catches responses ODM's description does not allow", () => {
    const exchange = (status: number, body: unknown, contentType = "application/scim+json"): OdmExchange => ({
      request: request("GET", `/Groups/${groupId}`),
      status,
      contentType,
      body: body === undefined ? "" : JSON.stringify(body)
    })
    const group = { id: groupId, displayName: "G", members: [{ value: "u", $ref: "http://odm.test/u" }] }
    assert.deepStrictEqual(responseProblems(exchange(200, group)), [])
    assert.match(responseProblems(exchange(200, { ...group, members: [{ value: "u" }] })).join(), /\$ref/)
    assert.match(responseProblems(exchange(200, { id: groupId })).join(), /displayName/)
    assert.match(responseProblems(exchange(200, { ...group, meta: { created: "yesterday" } })).join(), /date-time/)
    assert.match(responseProblems(exchange(200, group, "text/html")).join(), /media type/)
    assert.match(responseProblems(exchange(409, group)).join(), /not declared/)
    assert.match(responseProblems(exchange(404, { status: 404 })).join(), /string/)
    assert.match(responseProblems(exchange(401, { message: "no" })).join(), /error/)
  })

  it.effect("exchanges past the recordLimit are counted as dropped, so the check can refuse to pass", () =>
    Effect.gen(function*() {
      const server = yield* OdmTestServer
      const groups = yield* ScimGroups
      yield* groups.create({ displayName: "A" })
      assert.strictEqual(server.dropped(), 0)
      yield* groups.create({ displayName: "B" })
      yield* groups.create({ displayName: "C" })
      assert.strictEqual(server.exchanges().length, 2)
      assert.strictEqual(server.dropped(), 1)
      assert.deepStrictEqual(server.exchanges().map((e) => JSON.parse(e.body).displayName), ["B", "C"])
    }).pipe(Effect.provide(OdmTestServer.layerScim({ recordLimit: 2 }))))

  it.effect("the test server's own refusals: no PUT (405), JSON bodies only (415)", () =>
    Effect.gen(function*() {
      const server = yield* OdmTestServer
      const group = yield* (yield* ScimGroups).create({ displayName: "G" })
      const send = (method: string, contentType: string) =>
        Effect.promise(() =>
          server.handler(
            new Request(`${server.url}/Groups/${group.id}`, {
              method,
              headers: { "genestack-api-token": "odm-admin-token", "content-type": contentType },
              body: JSON.stringify({ displayName: "x" })
            })
          ).then(async (r) => ({ status: r.status, body: await r.json() }))
        )
      assert.deepStrictEqual(yield* send("PUT", "application/json"), {
        status: 405,
        body: { error: { message: "Request method 'PUT' is not supported" } }
      })
      const scimJson = yield* send("PATCH", "application/scim+json")
      assert.strictEqual(scimJson.status, 415)
      assert.deepStrictEqual(exchangeProblems(server.exchanges().slice(0, 1)), [])
    }).pipe(Effect.provide(OdmTestServer.layerScim())))

  it.effect("a generic SCIM client (application/scim+json) is refused by ODM with 415, read as InvalidRequest", () =>
    Effect.gen(function*() {
      const server = yield* OdmTestServer
      const error = yield* Effect.flip((yield* ScimGroups).create({ displayName: "G" }))
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.strictEqual(server.exchanges()[0]?.status, 415)
    }).pipe(
      Effect.provide(
        ScimGroups.layer({
          url: "http://odm.test/api/v1/scim",
          auth: ScimAuth.header("Genestack-API-Token", Redacted.make("odm-admin-token"))
        }).pipe(Layer.provideMerge(OdmTestServer.layer()))
      )
    ))
})
