/**
 * SCIM on records: one table for every resource type, what the hand-written service adds (NotFound
 * naming the id, PATCH's optional result, refusals before sending), and the connection's credential
 * switched for a region through the core's `Credentials.withAuth`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Credentials from "../../src/core/Credentials.js"
import { Patch, Resources, Scim, ScimAuth, ScimGroups, ScimUsers } from "../../src/scim/index.js"
import { Group } from "../../src/scim/schemas/Group.js"
import { recording } from "../helpers/capture.js"
import { fakeHttp, json, text } from "../helpers/fakeHttp.js"

const group = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: "g1", displayName: "G" }

// Answers by route: a bare 404 for `missing`, PATCH 204 / `{}` / the group by id, listings empty.
const server = fakeHttp((seen) => {
  const id = seen.url.pathname.split("/")[3]
  if (id === "missing") return text(404, "")
  if (seen.method === "PATCH") {
    return id === "g204"
      ? new Response(null, { status: 204 })
      : id === "gempty"
      ? json(200, {})
      : json(200, { ...group, id })
  }
  if (seen.method === "GET" && id === undefined) return json(200, { totalResults: 0, Resources: [] })
  return json(200, { ...group, id: id ?? "new" })
})

const layer = (auth = ScimAuth.bearer(Redacted.make("connection-token"))) =>
  Scim.layer({ url: "http://scim.test/v2", auth, retry: { maxAttempts: 1 } }).pipe(Layer.provide(server.layer))

describe("SCIM records", () => {
  it("one table for every resource type: paths, span names and id attributes follow the type", () => {
    const groups = Resources.records({ endpoint: "Groups", resourceType: "Group", schema: Group, body: () => ({}) })
    assert.strictEqual(groups.get.name, "scim.Groups.get")
    assert.strictEqual(groups.listPage.name, "scim.Groups.listPage")
    assert.deepStrictEqual(groups.get.path.match("/Groups/a%2Fb"), { id: "a/b" })
    assert.deepStrictEqual(groups.get.compiled.spanOptions({ id: "g1" }).attributes, { "scim.group.id": "g1" })
    assert.isTrue(groups.delete.idempotentDelete)
  })

  it.effect("a bare 404 is NotFound naming the resource type and the id, on get, delete, replace and patch", () =>
    Effect.gen(function*() {
      const groups = yield* ScimGroups
      for (
        const call of [
          groups.get("missing"),
          groups.delete("missing"),
          groups.replace("missing", { displayName: "x" }),
          Effect.asVoid(groups.patch("missing", [Patch.rename("x")]))
        ]
      ) {
        const error = yield* Effect.flip(call)
        assert.strictEqual(error._tag, "NotFound")
        if (error._tag === "NotFound") {
          assert.deepStrictEqual([error.resource, error.id, error.message], ["Group", "missing", "no Group missing"])
          assert.strictEqual(error.url, "http://scim.test/v2/Groups/missing")
        }
      }
      const users = yield* ScimUsers
      const user = yield* Effect.flip(users.get("missing"))
      assert.isTrue(user._tag === "NotFound" && user.resource === "User" && user.id === "missing")
    }).pipe(Effect.provide(layer())))

  it.effect("spans: named by the record, the id as scim.group.id, a created group's id included", () =>
    Effect.gen(function*() {
      const groups = yield* ScimGroups
      const [, recorded] = yield* recording(Effect.all([groups.create({ displayName: "G" }), groups.get("g9")]))
      const attributes = (name: string) =>
        recorded.spans.filter((span) => span.name === name).map((span) => span.attributes.get("scim.group.id"))
      assert.deepStrictEqual(attributes("scim.Groups.create"), ["new"])
      assert.deepStrictEqual(attributes("scim.Groups.get"), ["g9"])
    }).pipe(Effect.provide(layer())))

  it.effect("PATCH: 204 and a body without an id are None, the resource is Some", () =>
    Effect.gen(function*() {
      const groups = yield* ScimGroups
      assert.isTrue(Option.isNone(yield* groups.patch("g204", [Patch.rename("x")])))
      assert.isTrue(Option.isNone(yield* groups.patch("gempty", [Patch.rename("x")])))
      const some = yield* groups.patch("g7", [Patch.rename("x")])
      assert.strictEqual(Option.getOrThrow(some).id, "g7")
    }).pipe(Effect.provide(layer())))

  it.effect("bad paging input and hostile ids are refused before sending", () =>
    Effect.gen(function*() {
      const groups = yield* ScimGroups
      const before = server.seen.length
      for (
        const refused of [
          Effect.asVoid(groups.listPage({ startIndex: 0 })),
          Effect.asVoid(groups.listPage({ count: 1.5 })),
          Effect.asVoid(groups.get("..")),
          Effect.asVoid(groups.get("")),
          Effect.asVoid(groups.patch("g1", []))
        ]
      ) {
        const error = yield* Effect.flip(refused)
        assert.isTrue(error._tag === "InvalidRequest" && error.origin === "client", String(error._tag))
      }
      assert.strictEqual(server.seen.length, before, "nothing was sent")
      // Attributes as a list or as comma-separated text make the same query; `/` in an id is encoded.
      yield* groups.get("a/b", { attributes: ["displayName", "members"] })
      yield* groups.get("a/b", { attributes: "displayName,members" })
      assert.deepStrictEqual(
        server.seen.slice(-2).map((seen) => seen.url.pathname + seen.url.search),
        Array(2).fill("/v2/Groups/a%2Fb?attributes=displayName,members")
      )
    }).pipe(Effect.provide(layer())))

  it.effect("Credentials.withAuth(\"scim\", …) switches the credential for a region, and only there", () =>
    Effect.gen(function*() {
      const groups = yield* ScimGroups
      yield* groups.get("g1").pipe(
        Credentials.withAuth("scim", Credentials.header("Genestack-API-Token", Redacted.make("region-token")))
      )
      const inRegion = server.seen[server.seen.length - 1]!
      assert.strictEqual(inRegion.headers["genestack-api-token"], "region-token")
      assert.isUndefined(inRegion.headers["authorization"])
      yield* groups.get("g1").pipe(Credentials.withAuth("flowserv", Credentials.bearer(Redacted.make("other"))))
      const outside = server.seen[server.seen.length - 1]!
      assert.strictEqual(outside.headers["authorization"], "Bearer connection-token")
      assert.strictEqual(outside.headers["accept"], "application/scim+json, application/json;q=0.9")
    }).pipe(Effect.provide(layer())))
})
