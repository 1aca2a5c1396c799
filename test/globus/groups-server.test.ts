import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Credentials from "../../src/core/Credentials.js"
import { BatchActions, Groups } from "../../src/globus/index.js"
import { GlobusIdentities, GlobusScopes, GlobusTestServer, GlobusTokens } from "../../src/testkit/index.js"
import { responseIssues } from "./globusContract.js"

const { alice, bob, carol, erin } = GlobusIdentities

// A call made with another person's token.
const as = (token: string) => Credentials.withToken("globus", Redacted.make(token))

const newGroup = (name = "Lab") =>
  Effect.flatMap(Groups, (groups) => Effect.map(groups.createGroup({ body: { name } }), (group) => group.id))

const failure = <A, E>(effect: Effect.Effect<A, E, Groups>) =>
  Effect.map(Effect.either(effect), (result) => {
    if (Either.isRight(result)) return assert.fail("expected a failure")
    return result.left
  })

describe("Groups over the Globus test server", () => {
  it.layer(GlobusTestServer.layerClient())((it) => {
    it.effect("create answers 201, which is accepted; the caller is the admin, default policies", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const server = yield* GlobusTestServer
        const group = yield* groups.createGroup({ body: { name: "Lab", description: "d" } })
        assert.strictEqual(server.exchanges().at(-1)?.status, 201)
        const read = yield* groups.getGroup({ groupId: group.id, include: ["memberships", "policies"] })
        assert.strictEqual(read.name, "Lab")
        assert.deepStrictEqual(read.memberships?.map((m) => [m.identity_id, m.role, m.status]), [
          [alice, "admin", "active"]
        ])
        assert.strictEqual(read.policies?.group_visibility, "private")
        // The list is sent comma-joined.
        const sent = new URL(server.requests().at(-1)!.url)
        assert.strictEqual(sent.searchParams.get("include"), "memberships,policies")
      }))

    it.effect("Content-Type is sent with a body only; the token as a bearer token", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const server = yield* GlobusTestServer
        const id = yield* newGroup()
        yield* groups.getGroupPolicies({ groupId: id })
        const [post, get] = server.requests().slice(-2)
        assert.strictEqual(post!.headers["content-type"], "application/json")
        assert.isUndefined(get!.headers["content-type"])
        assert.strictEqual(get!.headers["authorization"], `Bearer ${GlobusTokens.alice}`)
      }))

    it.effect("my groups, filtered by statuses (comma-joined)", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const server = yield* GlobusTestServer
        const id = yield* newGroup("Invites")
        yield* groups.batch(id, BatchActions.empty.invite(bob))
        const active = yield* as(GlobusTokens.bob)(groups.getMyGroups())
        assert.isFalse(active.some((g) => g.id === id))
        const invited = yield* as(GlobusTokens.bob)(groups.getMyGroups({ statuses: ["invited", "pending"] }))
        assert.isTrue(invited.some((g) => g.id === id))
        assert.strictEqual(new URL(server.requests().at(-1)!.url).searchParams.get("statuses"), "invited,pending")
      }))

    it.effect("update; delete answers the deleted group, then it is NotFound", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const id = yield* newGroup()
        const updated = yield* groups.updateGroup({ groupId: id, body: { name: "Renamed" } })
        assert.strictEqual(updated.name, "Renamed")
        const deleted = yield* groups.deleteGroup({ groupId: id })
        assert.strictEqual(deleted.id, id)
        const error = yield* failure(groups.getGroup({ groupId: id }))
        assert.strictEqual(error._tag, "NotFound")
      }))

    it.effect("policies: set and read back; the timeout's absent, null and number kept apart", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const server = yield* GlobusTestServer
        const id = yield* newGroup()
        const policies = {
          is_high_assurance: true,
          group_visibility: "authenticated",
          group_members_visibility: "members",
          join_requests: true,
          signup_fields: ["institution"]
        } as const
        const set = yield* groups.setGroupPolicies({
          groupId: id,
          body: { ...policies, authentication_assurance_timeout: 3600 }
        })
        assert.strictEqual(set.authentication_assurance_timeout, 3600)
        assert.deepStrictEqual((yield* groups.getGroupPolicies({ groupId: id })).signup_fields, ["institution"])
        yield* groups.setGroupPolicies({ groupId: id, body: policies })
        assert.notInclude(server.requests().at(-1)!.body, "authentication_assurance_timeout")
        yield* groups.setGroupPolicies({ groupId: id, body: { ...policies, authentication_assurance_timeout: null } })
        assert.include(server.requests().at(-1)!.body, `"authentication_assurance_timeout":null`)
      }))

    it.effect("preferences and membership fields", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const prefs = yield* groups.getIdentityPreferences()
        assert.deepStrictEqual(Object.keys(prefs), [alice])
        const set = yield* groups.setIdentityPreferences({ body: { [alice]: { allow_add: false } } })
        assert.isFalse(set[alice]?.allow_add)
        yield* groups.setIdentityPreferences({ body: { [alice]: { allow_add: true } } })
        const id = yield* newGroup()
        const fields = yield* groups.setMembershipFields({
          groupId: id,
          body: { [alice]: { institution: "UChicago" } }
        })
        assert.strictEqual(fields[alice]?.institution, "UChicago")
        assert.strictEqual((yield* groups.getMembershipFields({ groupId: id }))[alice]?.institution, "UChicago")
      }))

    it.effect("children and status counts", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const parent = yield* newGroup("Parent")
        const child = yield* groups.createGroup({ body: { name: "Child", parent_id: parent } })
        const { children } = yield* groups.getChildren({ groupId: parent })
        assert.deepStrictEqual(children.map((c) => c.id), [child.id])
        const counts = yield* groups.getStatusCounts()
        assert.strictEqual(counts[parent]?.active, 1)
      }))

    it.effect("a batch with a partial failure: each identity's success or failure as data", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const id = yield* newGroup()
        const outcome = yield* groups.batch(id, BatchActions.empty.add([bob, erin]).invite(carol, { role: "manager" }))
        assert.deepStrictEqual(outcome.succeeded.map((s) => [s.action, s.identity_id, s.membership.status]), [
          ["add", bob, "active"],
          ["invite", carol, "invited"]
        ])
        assert.deepStrictEqual(outcome.failed.map((f) => [f.action, f.identity_id, f.code]), [
          ["add", erin, "ADD_NOT_ALLOWED"]
        ])
      }))

    it.effect("an identity twice across actions: refused before sending, naming it", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const server = yield* GlobusTestServer
        const id = yield* newGroup()
        const before = server.requests().length
        const error = yield* failure(groups.batch(id, BatchActions.empty.add(bob).invite(bob)))
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.include(error.message, bob)
        assert.strictEqual(server.requests().length, before)
      }))

    it.effect("the server's 400 for a duplicated identity (sent by hand): InvalidRequest naming it", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const id = yield* newGroup()
        const error = yield* failure(groups.batchMembershipAction({
          groupId: id,
          body: { add: [{ identity_id: bob }], invite: [{ identity_id: bob }] }
        }))
        assert.strictEqual(error._tag, "InvalidRequest")
        if (error._tag !== "InvalidRequest") return
        assert.strictEqual(error.code, "AMBIGUOUS_IDENTITIES")
        assert.include(error.message, bob)
      }))

    it.effect("a group id that is not a UUID: FastAPI's 422, read as a readable InvalidRequest", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const error = yield* failure(groups.getGroup({ groupId: "not-a-uuid" }))
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.include(error.message, "path.group_id: Input should be a valid UUID")
      }))

    it.effect("a body that is not JSON: FastAPI's 422", () =>
      Effect.gen(function*() {
        const server = yield* GlobusTestServer
        const response = yield* Effect.promise(() =>
          server.handler(
            new Request(`${server.url}/v2/groups`, {
              method: "POST",
              body: "{",
              headers: { authorization: `Bearer ${GlobusTokens.alice}`, "content-type": "application/json" }
            })
          )
        )
        assert.strictEqual(response.status, 422)
        const body = yield* Effect.promise(() => response.json())
        assert.strictEqual(body.detail[0].type, "json_invalid")
      }))

    it.effect("an unknown token: Unauthorized carrying the authorization parameters and the code", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const error = yield* failure(as("nobody")(groups.getMyGroups()))
        assert.strictEqual(error._tag, "Unauthorized")
        if (error._tag !== "Unauthorized") return
        assert.strictEqual(error.code, "INVALID_TOKEN")
        assert.isString(error.authorizationParameters?.sessionMessage)
        assert.notInclude(JSON.stringify(error), "nobody")
      }))

    it.effect("a token without the Groups scope: Forbidden naming the token's scopes", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const id = yield* newGroup()
        assert.isArray(yield* as(GlobusTokens.viewer)(groups.getMyGroups()))
        const error = yield* failure(as(GlobusTokens.viewer)(groups.getGroup({ groupId: id })))
        assert.strictEqual(error._tag, "Forbidden")
        assert.include(error.message, GlobusScopes.viewMyGroupsAndMemberships)
      }))

    it.effect("a private group is NotFound to others; update and delete are for admins (Forbidden)", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const id = yield* newGroup()
        assert.strictEqual((yield* failure(as(GlobusTokens.bob)(groups.getGroup({ groupId: id }))))._tag, "NotFound")
        yield* groups.batch(id, BatchActions.empty.add(bob))
        const update = yield* failure(as(GlobusTokens.bob)(groups.updateGroup({ groupId: id, body: { name: "x" } })))
        assert.strictEqual(update._tag, "Forbidden")
        assert.strictEqual(
          (yield* failure(as(GlobusTokens.bob)(groups.deleteGroup({ groupId: id }))))._tag,
          "Forbidden"
        )
      }))

    it.effect("every response the server sent matches the contract's models", () =>
      Effect.gen(function*() {
        const server = yield* GlobusTestServer
        const exchanges = server.exchanges()
        assert.isAbove(exchanges.length, 30)
        assert.strictEqual(server.dropped(), 0)
        expect(responseIssues(exchanges)).toEqual([])
        // Every status the server answered with above was checked, errors included.
        const statuses = new Set(exchanges.map((e) => e.status))
        for (const status of [200, 201, 400, 401, 403, 404, 422]) assert.isTrue(statuses.has(status), `${status}`)
      }))
  })
})

describe("Globus test server on loopback", () => {
  it.live("serves the SDK over real HTTP on 127.0.0.1", () =>
    Effect.gen(function*() {
      const server = yield* GlobusTestServer
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      const program = Effect.gen(function*() {
        const groups = yield* Groups
        const group = yield* groups.createGroup({ body: { name: "Over HTTP" } })
        return yield* groups.getGroup({ groupId: group.id, include: ["my_memberships"] })
      })
      const read = yield* program.pipe(
        Effect.provide(Groups.layer({ url: server.url, token: Redacted.make(GlobusTokens.alice) }))
      )
      assert.strictEqual(read.name, "Over HTTP")
      assert.deepStrictEqual(read.my_memberships?.map((m) => m.role), ["admin"])
    }).pipe(Effect.provide(Layer.merge(GlobusTestServer.layerServer(), FetchHttpClient.layer))))
})
