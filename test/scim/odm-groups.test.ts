import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { Filter, Odm, Patch, ScimGroups, ScimUsers } from "../../src/scim/index.js"
import { OdmTestServer } from "../../src/testkit/index.js"
import { asToken, checkOdmExchanges, withOdm } from "../helpers/odm.js"
import { collect } from "../helpers/scim.js"

const seededUserId = (userName: string) =>
  Effect.map(OdmTestServer, (server) => [...server.state.users.values()].find((u) => u.userName === userName)!.id)

describe("SCIM groups on the ODM test server (every exchange checked against ODM's OpenAPI)", () => {
  it.effect("create, get, filter, patch members (204), rename, delete", () =>
    withOdm(Effect.gen(function*() {
      const groups = yield* ScimGroups
      const adminId = yield* seededUserId("admin")
      const curatorId = yield* seededUserId("curator")
      const created = yield* groups.create({ displayName: "Curators", externalId: "ext-7" })
      assert.strictEqual(created.displayName, "Curators")
      // The creator is added as a group admin.
      assert.deepStrictEqual(created.members?.map((m) => m.value), [adminId])
      assert.match(created.members?.[0]?.$ref ?? "", /\/api\/v1\/scim\/Users\//)
      const added = yield* groups.patch(created.id, [Patch.addMembers([curatorId])])
      assert.isTrue(Option.isNone(added))
      assert.deepStrictEqual((yield* groups.get(created.id)).members?.map((m) => m.value), [adminId, curatorId])
      const found = yield* collect(groups.list({ filter: Filter.eq("displayName", "Curators") }))
      assert.deepStrictEqual(found.map((g) => g.id), [created.id])
      yield* groups.patch(created.id, [Patch.rename("Editors"), ...Patch.removeMembers([curatorId])])
      const renamed = yield* groups.get(created.id, { excludedAttributes: ["members"] })
      assert.strictEqual(renamed.displayName, "Editors")
      assert.isUndefined(renamed.members)
      yield* groups.delete(created.id)
      const gone = yield* Effect.flip(groups.get(created.id))
      assert.strictEqual(gone._tag, "NotFound")
      if (gone._tag === "NotFound") assert.deepStrictEqual([gone.resource, gone.id], ["Group", created.id])
      const server = yield* OdmTestServer
      const patches = server.exchanges().filter((e) => e.request.method === "PATCH")
      assert.deepStrictEqual(patches.map((e) => e.status), [204, 204])
      assert.isTrue(patches.every((e) => e.request.headers["content-type"] === "application/json"))
      assert.isTrue(server.exchanges().every((e) => e.request.headers["genestack-api-token"] === "odm-admin-token"))
    })))

  it.effect("excludedAttributes is read the same for one group and a listing: members alone or in a list", () =>
    withOdm(Effect.gen(function*() {
      const groups = yield* ScimGroups
      const created = yield* groups.create({ displayName: "Slim" })
      for (const excludedAttributes of ["members", ["externalId", "members"], "externalId, Members"]) {
        assert.isUndefined((yield* groups.get(created.id, { excludedAttributes })).members)
        const listed = yield* collect(groups.list({ excludedAttributes }))
        assert.isTrue(listed.every((g) => g.members === undefined))
      }
      assert.isDefined((yield* groups.get(created.id, { excludedAttributes: "externalId" })).members)
      assert.isTrue((yield* collect(groups.list({ excludedAttributes: "externalId" }))).every((g) => g.members))
    })))

  it.effect("ODM refuses members on create; names need not be unique", () =>
    withOdm(Effect.gen(function*() {
      const groups = yield* ScimGroups
      const error = yield* Effect.flip(
        groups.create({ displayName: "G", members: [{ value: "u1", $ref: "http://odm.test/api/v1/scim/Users/u1" }] })
      )
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.strictEqual(error.code, "invalidValue")
      const a = yield* groups.create({ displayName: "Same" })
      const b = yield* groups.create({ displayName: "Same" })
      const same = yield* collect(groups.list({ filter: Filter.eq("displayName", "Same") }))
      assert.deepStrictEqual(same.map((g) => g.id), [a.id, b.id])
    })))

  it.effect("only displayName eq filters: others are InvalidRequest with scimType invalidFilter", () =>
    withOdm(Effect.gen(function*() {
      const groups = yield* ScimGroups
      yield* groups.create({ displayName: "say \"hi\" \\ 日本" })
      const escaped = yield* collect(groups.list({ filter: Filter.eq("displayName", "say \"hi\" \\ 日本") }))
      assert.strictEqual(escaped.length, 1)
      assert.strictEqual(
        (yield* collect(groups.list({ filter: "DISPLAYNAME EQ \"say \\\"hi\\\" \\\\ 日本\"" }))).length,
        1
      )
      for (
        const filter of [
          Filter.sw("displayName", "say"),
          Filter.eq("externalId", "x"),
          Filter.and(Filter.eq("displayName", "a"), Filter.eq("displayName", "b"))
        ]
      ) {
        const error = yield* Effect.flip(collect(groups.list({ filter })))
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.strictEqual(error.code, "invalidFilter")
      }
    })))

  it.effect("paging on ODM's default page size (100), and on a page size that does not divide the total", () =>
    withOdm(
      Effect.gen(function*() {
        const groups = yield* ScimGroups
        const created = yield* Effect.forEach(Array.from({ length: 230 }, (_, i) => `g${i}`), (displayName) =>
          groups.create({ displayName }))
        const server = yield* OdmTestServer
        const before = server.exchanges().length
        const all = yield* collect(groups.list())
        assert.deepStrictEqual(
          all.map((g) =>
            g.id
          ),
          created.map((g) => g.id)
        )
        const queries = server.exchanges().slice(before).map((e) => new URL(e.request.url).searchParams)
        assert.deepStrictEqual(queries.map((q) => q.get("startIndex")), ["1", "101", "201"])
        assert.isTrue(queries.every((q) => !q.has("count")))
        const bySeven = yield* collect(groups.list({ pageSize: 7, excludedAttributes: "members" }))
        assert.deepStrictEqual(bySeven.map((g) => g.id), created.map((g) => g.id))
        const single = yield* groups.listPage({ startIndex: 229, count: 5 })
        assert.deepStrictEqual([single.totalResults, single.startIndex, single.itemsPerPage], [230, 229, 2])
      }),
      { recordLimit: 5000 }
    ))

  it.effect("permissions: a plain member may read but not change; others do not see the group", () =>
    withOdm(Effect.gen(function*() {
      const groups = yield* ScimGroups
      const curatorId = yield* seededUserId("curator")
      const shared = yield* groups.create({ displayName: "Shared" })
      const hidden = yield* groups.create({ displayName: "Hidden" })
      yield* groups.patch(shared.id, [Patch.addMembers([curatorId])])
      const asCurator = asToken("odm-curator-token")
      const visible = yield* asCurator(Effect.flatMap(ScimGroups, (g) => collect(g.list())))
      assert.deepStrictEqual(visible.map((g) => g.id), [shared.id])
      const forbidden = yield* asCurator(
        Effect.flatMap(ScimGroups, (g) => Effect.flip(g.patch(shared.id, [Patch.rename("x")])))
      )
      assert.strictEqual(forbidden._tag, "Forbidden")
      const deleteForbidden = yield* asCurator(Effect.flatMap(ScimGroups, (g) => Effect.flip(g.delete(shared.id))))
      assert.strictEqual(deleteForbidden._tag, "Forbidden")
      const notFound = yield* asCurator(Effect.flatMap(ScimGroups, (g) => Effect.flip(g.get(hidden.id))))
      assert.strictEqual(notFound._tag, "NotFound")
    })))

  it.effect("PATCH edge cases: only unknown attributes is 200 with the group; id is readOnly; unknown users refused", () =>
    withOdm(
      Effect.gen(function*() {
        const groups = yield* ScimGroups
        const group = yield* groups.create({ displayName: "G" })
        const ignored = yield* groups.patch(group.id, [Patch.replace({ description: "not in ODM's schema" })])
        assert.strictEqual(Option.getOrThrow(ignored).id, group.id)
        const readOnly = yield* Effect.flip(groups.patch(group.id, [Patch.replace({ id: "other" })]))
        assert.strictEqual(readOnly.code, "mutability")
        const unknownUser = yield* Effect.flip(
          groups.patch(group.id, [Patch.rename("H"), Patch.addMembers(["0d000000-0000-4000-8000-0000000fffff"])])
        )
        assert.strictEqual(unknownUser._tag, "InvalidRequest")
        // Atomic: the rename in the refused request did not happen.
        assert.strictEqual((yield* groups.get(group.id)).displayName, "G")
        const notMember = yield* Effect.flip(
          groups.patch(group.id, Patch.removeMembers(["0d000000-0000-4000-8000-0000000fffff"]))
        )
        assert.strictEqual(notMember.code, "noTarget")
      }),
      {
        // "If the request body includes only attributes that are not supported by ODM, the endpoint
        // returns 200 OK", says ODM's text; its description declares only 204.
        undeclared: (exchange) => exchange.request.method === "PATCH" && exchange.status === 200
      }
    ))

  it.effect("ids of the wrong shape are the 400 ODM describes; unknown ones NotFound", () =>
    withOdm(Effect.gen(function*() {
      const groups = yield* ScimGroups
      const malformed = yield* Effect.flip(groups.get("not-an-id"))
      assert.strictEqual(malformed._tag, "InvalidRequest")
      const unknown = yield* Effect.flip(groups.delete("0d000000-0000-4000-8000-00000000abcd"))
      assert.strictEqual(unknown._tag, "NotFound")
    })))

  it.effect("no PUT on ODM: replace is refused before anything is sent", () =>
    withOdm(Effect.gen(function*() {
      const groups = yield* ScimGroups
      const group = yield* groups.create({ displayName: "G" })
      const server = yield* OdmTestServer
      const before = server.exchanges().length
      const error = yield* Effect.flip(groups.replace(group.id, { displayName: "H" }))
      assert.strictEqual(error._tag, "InvalidRequest")
      if (error._tag === "InvalidRequest") assert.strictEqual(error.origin, "client")
      assert.strictEqual(server.exchanges().length, before)
    })))

  it.effect("ODM's own error bodies: 401 and 500 read from {\"error\": {\"message\"}}; a failing page retried alone", () =>
    withOdm(Effect.gen(function*() {
      const unauthorized = yield* asToken("not-a-token")(Effect.flatMap(ScimGroups, (g) => Effect.flip(g.get("x"))))
      assert.strictEqual(unauthorized._tag, "Unauthorized")
      assert.strictEqual(unauthorized.message, "User is not authenticated")
      const groups = yield* ScimGroups
      for (let i = 0; i < 5; i++) yield* groups.create({ displayName: `g${i}` })
      const server = yield* OdmTestServer
      const first = yield* groups.listPage({ count: 2 })
      assert.strictEqual(first.Resources.length, 2)
      server.state.failures.push(500)
      const fiber = yield* Effect.fork(collect(groups.list({ pageSize: 2 })))
      yield* TestClock.adjust("10 seconds")
      assert.strictEqual((yield* Fiber.join(fiber)).length, 5)
      server.state.failures.push(500, 500, 500, 500)
      const failing = yield* Effect.fork(Effect.flip(groups.get(first.Resources[0]!.id)))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(failing)
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(error.message, "Injected failure")
      // A POST that failed with 500 is not repeated: it may have acted.
      server.state.failures.push(500)
      const before = server.exchanges().length
      assert.strictEqual((yield* Effect.flip(groups.create({ displayName: "once" })))._tag, "ServerError")
      assert.strictEqual(server.exchanges().length, before + 1)
    })))
})

describe("the ODM test server on loopback", () => {
  it.effect("serves the SDK over real HTTP", () =>
    Effect.gen(function*() {
      const server = yield* OdmTestServer
      const result = yield* Effect.gen(function*() {
        const groups = yield* ScimGroups
        const group = yield* groups.create({ displayName: "Over HTTP" })
        yield* groups.patch(group.id, [Patch.rename("Renamed")])
        return yield* collect(groups.list({ filter: Filter.eq("displayName", "Renamed") }))
      }).pipe(
        Effect.provide(
          Odm.layer({ host: server.host, token: Redacted.make("odm-admin-token") }).pipe(
            Layer.provide(FetchHttpClient.layer)
          )
        )
      )
      assert.strictEqual(result.length, 1)
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/scim$/)
      // What went over the wire matches ODM's description too (fetch's own headers included).
      yield* checkOdmExchanges()
    }).pipe(Effect.provide(OdmTestServer.layerServer())))

  it.effect("ScimUsers is wired too", () =>
    withOdm(Effect.gen(function*() {
      const users = yield* collect((yield* ScimUsers).list())
      assert.deepStrictEqual(users.map((u) => u.userName), ["admin", "curator"])
    })))
})
