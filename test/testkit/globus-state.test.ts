import * as Headers from "@effect/platform/Headers"
import { assert, describe, it } from "@effect/vitest"
import { GlobusErrors } from "../../src/globus/index.js"
import { GlobusRequestCode, GlobusScopes } from "../../src/testkit/globus/index.js"
import { call, createGroup, fresh, GlobusIdentities, GlobusTokens, ok, refused } from "../helpers/globusState.js"

const { alice, bob, carol, dave, daveLinked } = GlobusIdentities

// How the SDK reads an error answer of the test server.
const classified = (status: number, body: unknown) =>
  GlobusErrors.classify({ status, method: "GET", headers: Headers.empty, text: "", json: body })

describe("Globus test server: authentication and scopes", () => {
  it("a missing or malformed Authorization header: 401 AUTHENTICATION_ERROR with authorization_parameters", () => {
    const state = fresh()
    for (const header of [undefined, "", "Basic abc", "Bearer"]) {
      const reply = state.serve(header, { op: "myGroups" })
      assert.strictEqual(reply.status, 401)
      assert.strictEqual((reply.body as any).code, GlobusRequestCode.AuthenticationError)
      assert.isObject((reply.body as any).authorization_parameters)
    }
  })

  it("an unknown token: 401 INVALID_TOKEN, read by the SDK as Unauthorized to refresh", () => {
    const body = refused(fresh(), "nobody", { op: "myGroups" }, 401)
    assert.strictEqual(body.code, GlobusRequestCode.InvalidToken)
    const verdict = classified(401, body)
    assert.strictEqual(verdict?.tag, "Unauthorized")
    assert.isTrue(verdict?.invalidToken)
    assert.isString(verdict?.authorization?.sessionMessage)
  })

  it("the view scope allows my groups only; other calls: 403 naming the token's scopes", () => {
    const state = fresh()
    const group = createGroup(state)
    assert.strictEqual(ok(state, GlobusTokens.viewer, { op: "myGroups" }).length, 1)
    const body = refused(state, GlobusTokens.viewer, { op: "getGroup", groupId: group }, 403)
    assert.deepStrictEqual(body.provided_scopes, [GlobusScopes.viewMyGroupsAndMemberships])
    assert.strictEqual(classified(403, body)?.tag, "Forbidden")
    assert.include(classified(403, body)?.message, GlobusScopes.viewMyGroupsAndMemberships)
  })
})

describe("Globus test server: groups", () => {
  it("create: 201, the caller's primary identity is the admin, the documented default policies", () => {
    const state = fresh()
    const reply = call(state, GlobusTokens.dave, { op: "createGroup", body: { name: "Lab", description: "d" } })
    assert.strictEqual(reply.status, 201)
    const group = reply.body as any
    assert.strictEqual(group.name, "Lab")
    assert.strictEqual(group.description, "d")
    assert.strictEqual(group.parent_id, null)
    assert.deepStrictEqual(group.my_memberships.map((m: any) => [m.identity_id, m.role, m.status]), [
      [dave, "admin", "active"]
    ])
    assert.deepStrictEqual(group.policies, {
      is_high_assurance: false,
      authentication_assurance_timeout: 28800,
      group_visibility: "private",
      group_members_visibility: "managers",
      join_requests: false,
      signup_fields: []
    })
  })

  it("create with policies applies them over the defaults", () => {
    const state = fresh()
    const id = createGroup(state, {
      name: "Open",
      policies: { group_visibility: "authenticated", join_requests: true, signup_fields: ["institution"] }
    })
    const policies = ok(state, GlobusTokens.alice, { op: "getPolicies", groupId: id })
    assert.strictEqual(policies.group_visibility, "authenticated")
    assert.strictEqual(policies.group_members_visibility, "managers")
    assert.isTrue(policies.join_requests)
    assert.deepStrictEqual(policies.signup_fields, ["institution"])
  })

  it("create: bad bodies are FastAPI 422s the SDK reads as InvalidRequest", () => {
    const state = fresh()
    const body = refused(state, GlobusTokens.alice, { op: "createGroup", body: { description: 5 } }, 422)
    assert.deepStrictEqual(body.detail.map((d: any) => d.loc), [["body", "name"], ["body", "description"]])
    assert.strictEqual(body.detail[0].type, "missing")
    assert.strictEqual(body.detail[0].msg, "Field required")
    assert.strictEqual(body.detail[1].msg, "Input should be string or null")
    const verdict = classified(422, body)
    assert.strictEqual(verdict?.tag, "InvalidRequest")
    assert.include(verdict?.message, "body.name")
    refused(state, GlobusTokens.alice, { op: "createGroup", body: undefined }, 422)
    refused(
      state,
      GlobusTokens.alice,
      { op: "createGroup", body: { name: "x", policies: { group_visibility: "public" } } },
      422
    )
  })

  it("subgroups: only admins of the parent create them; children lists those the caller sees", () => {
    const state = fresh()
    const parent = createGroup(state, { name: "Parent", policies: { group_visibility: "authenticated" } })
    const child = createGroup(state, { name: "Child", parent_id: parent })
    const hidden = createGroup(state, { name: "Hidden", parent_id: parent })
    ok(state, GlobusTokens.alice, { op: "updateGroup", groupId: child, body: {} })
    ok(state, GlobusTokens.alice, { op: "setPolicies", groupId: child, body: { group_visibility: "authenticated" } })
    assert.strictEqual(ok(state, GlobusTokens.alice, { op: "getGroup", groupId: child }).parent_id, parent)
    refused(state, GlobusTokens.bob, { op: "createGroup", body: { name: "No", parent_id: parent } }, 403)
    refused(state, GlobusTokens.bob, { op: "createGroup", body: { name: "No", parent_id: hidden } }, 404)
    refused(state, GlobusTokens.alice, { op: "createGroup", body: { name: "No", parent_id: "nope" } }, 422)

    assert.deepStrictEqual(
      ok(state, GlobusTokens.alice, { op: "children", groupId: parent }).children.map((g: any) => g.name),
      ["Child", "Hidden"]
    )
    assert.deepStrictEqual(
      ok(state, GlobusTokens.bob, { op: "children", groupId: parent }).children.map((g: any) => g.name),
      ["Child"]
    )
    assert.deepStrictEqual(
      ok(state, GlobusTokens.alice, { op: "getGroup", groupId: parent, include: ["child_ids"] }).child_ids,
      [child, hidden]
    )
  })

  it("private groups: visible to active, invited and pending members only; others get 404", () => {
    const state = fresh()
    const id = createGroup(state)
    refused(state, GlobusTokens.bob, { op: "getGroup", groupId: id }, 404)
    ok(state, GlobusTokens.alice, { op: "batch", groupId: id, body: { invite: [{ identity_id: bob }] } })
    assert.strictEqual(ok(state, GlobusTokens.bob, { op: "getGroup", groupId: id }).name, "Lab")
    ok(state, GlobusTokens.bob, { op: "batch", groupId: id, body: { decline: [{ identity_id: bob }] } })
    refused(state, GlobusTokens.bob, { op: "getGroup", groupId: id }, 404)
  })

  it("authenticated groups: visible to anyone", () => {
    const state = fresh()
    const id = createGroup(state, { name: "Public", policies: { group_visibility: "authenticated" } })
    assert.strictEqual(ok(state, GlobusTokens.carol, { op: "getGroup", groupId: id }).name, "Public")
    assert.strictEqual(
      ok(state, GlobusTokens.carol, { op: "getPolicies", groupId: id }).group_visibility,
      "authenticated"
    )
  })

  it("memberships are shown per group_members_visibility: managers only, or every active member", () => {
    const state = fresh()
    const id = createGroup(state)
    ok(state, GlobusTokens.alice, {
      op: "batch",
      groupId: id,
      body: { add: [{ identity_id: bob }, { identity_id: carol, role: "manager" }] }
    })
    const get = (token: string) => ok(state, token, { op: "getGroup", groupId: id, include: ["memberships"] })
    assert.strictEqual(get(GlobusTokens.alice).memberships.length, 3)
    assert.strictEqual(get(GlobusTokens.carol).memberships.length, 3)
    assert.notProperty(get(GlobusTokens.bob), "memberships")
    ok(state, GlobusTokens.alice, { op: "setPolicies", groupId: id, body: { group_members_visibility: "members" } })
    assert.strictEqual(get(GlobusTokens.bob).memberships.length, 3)
  })

  it("include: fields appear only when asked for; comma-separated or repeated; unknown values 422", () => {
    const state = fresh()
    const id = createGroup(state)
    const plain = ok(state, GlobusTokens.alice, { op: "getGroup", groupId: id })
    for (const key of ["memberships", "my_memberships", "policies", "allowed_actions", "child_ids"]) {
      assert.notProperty(plain, key)
    }
    const full = ok(state, GlobusTokens.alice, {
      op: "getGroup",
      groupId: id,
      include: ["memberships,my_memberships", "policies", "allowed_actions,child_ids"]
    })
    for (const key of ["memberships", "my_memberships", "policies", "allowed_actions", "child_ids"]) {
      assert.property(full, key)
    }
    const body = refused(state, GlobusTokens.alice, { op: "getGroup", groupId: id, include: ["everything"] }, 422)
    assert.deepStrictEqual(body.detail[0].loc, ["query", "include"])
  })

  it("group ids: not a UUID is 422, unknown is 404; UUIDs match in any spelling", () => {
    const state = fresh()
    const id = createGroup(state)
    refused(state, GlobusTokens.alice, { op: "getGroup", groupId: "../etc" }, 422)
    refused(state, GlobusTokens.alice, { op: "getGroup", groupId: "00000000-0000-4000-8000-000000000000" }, 404)
    assert.strictEqual(ok(state, GlobusTokens.alice, { op: "getGroup", groupId: id.toUpperCase() }).id, id)
  })

  it("update and delete: admins only (managers and members 403); delete answers the deleted group", () => {
    const state = fresh()
    const id = createGroup(state, { name: "Lab", policies: { group_visibility: "authenticated" } })
    ok(state, GlobusTokens.alice, { op: "batch", groupId: id, body: { add: [{ identity_id: bob, role: "manager" }] } })
    refused(state, GlobusTokens.bob, { op: "updateGroup", groupId: id, body: { name: "Mine" } }, 403)
    refused(state, GlobusTokens.carol, { op: "updateGroup", groupId: id, body: { name: "Mine" } }, 403)
    refused(state, GlobusTokens.bob, { op: "deleteGroup", groupId: id }, 403)
    refused(state, GlobusTokens.bob, { op: "setPolicies", groupId: id, body: { join_requests: true } }, 403)

    const updated = ok(state, GlobusTokens.alice, {
      op: "updateGroup",
      groupId: id,
      body: { name: "Renamed", description: "new", terms_and_conditions: null }
    })
    assert.strictEqual(updated.name, "Renamed")
    assert.strictEqual(updated.description, "new")
    // A null name leaves the name as it was.
    assert.strictEqual(
      ok(state, GlobusTokens.alice, { op: "updateGroup", groupId: id, body: { name: null } }).name,
      "Renamed"
    )

    const deleted = ok(state, GlobusTokens.alice, { op: "deleteGroup", groupId: id })
    assert.strictEqual(deleted.name, "Renamed")
    refused(state, GlobusTokens.alice, { op: "getGroup", groupId: id }, 404)
  })

  it("delete refuses a group with subgroups (400)", () => {
    const state = fresh()
    const parent = createGroup(state)
    const child = createGroup(state, { name: "c", parent_id: parent })
    const body = refused(state, GlobusTokens.alice, { op: "deleteGroup", groupId: parent }, 400)
    assert.strictEqual(body.code, GlobusRequestCode.HasChildren)
    ok(state, GlobusTokens.alice, { op: "deleteGroup", groupId: child })
    ok(state, GlobusTokens.alice, { op: "deleteGroup", groupId: parent })
  })

  it("my groups: active memberships by default, other statuses when asked, with my_memberships and policies", () => {
    const state = fresh()
    const a = createGroup(state, { name: "A" })
    const b = createGroup(state, { name: "B" })
    ok(state, GlobusTokens.alice, { op: "batch", groupId: a, body: { add: [{ identity_id: bob }] } })
    ok(state, GlobusTokens.alice, { op: "batch", groupId: b, body: { invite: [{ identity_id: bob }] } })
    const names = (statuses?: Array<string>) =>
      ok(state, GlobusTokens.bob, { op: "myGroups", statuses }).map((g: any) => [g.name, g.my_memberships[0].status])
    assert.deepStrictEqual(names(), [["A", "active"]])
    assert.deepStrictEqual(names(["invited"]), [["B", "invited"]])
    assert.deepStrictEqual(names(["active,invited"]), [["A", "active"], ["B", "invited"]])
    assert.deepStrictEqual(names(["left"]), [])
    refused(state, GlobusTokens.bob, { op: "myGroups", statuses: ["banned"] }, 422)
    const group = ok(state, GlobusTokens.bob, { op: "myGroups" })[0]
    assert.strictEqual(group.policies.group_visibility, "private")
  })

  it("a linked identity set: memberships of every identity count, the primary one becomes admin", () => {
    const state = fresh()
    const id = createGroup(state)
    ok(state, GlobusTokens.alice, { op: "batch", groupId: id, body: { add: [{ identity_id: daveLinked }] } })
    const group = ok(state, GlobusTokens.dave, { op: "getGroup", groupId: id, include: ["my_memberships"] })
    assert.deepStrictEqual(group.my_memberships.map((m: any) => m.identity_id), [daveLinked])
    assert.strictEqual(ok(state, GlobusTokens.dave, { op: "myGroups" }).length, 1)
  })
})

describe("Globus test server: policies", () => {
  it("set: keys left out are unchanged; the timeout keeps absent, null and a number apart", () => {
    const state = fresh()
    const id = createGroup(state)
    const set = (body: unknown) => ok(state, GlobusTokens.alice, { op: "setPolicies", groupId: id, body })
    assert.strictEqual(set({ authentication_assurance_timeout: 3600 }).authentication_assurance_timeout, 3600)
    assert.strictEqual(set({ join_requests: true }).authentication_assurance_timeout, 3600)
    assert.strictEqual(set({ authentication_assurance_timeout: null }).authentication_assurance_timeout, null)
    const all = set({
      is_high_assurance: true,
      group_visibility: "authenticated",
      group_members_visibility: "members",
      join_requests: false,
      signup_fields: ["address1", "zip"],
      authentication_assurance_timeout: 600
    })
    assert.deepStrictEqual(all, {
      is_high_assurance: true,
      authentication_assurance_timeout: 600,
      group_visibility: "authenticated",
      group_members_visibility: "members",
      join_requests: false,
      signup_fields: ["address1", "zip"]
    })
    refused(state, GlobusTokens.alice, { op: "setPolicies", groupId: id, body: { signup_fields: ["shoe_size"] } }, 422)
  })

  it("a high-assurance group with a stale session: 401 naming the identities to log in with", () => {
    const state = fresh()
    const id = createGroup(state)
    ok(state, GlobusTokens.alice, { op: "setPolicies", groupId: id, body: { is_high_assurance: true } })
    state.addToken("alice-stale", { identities: [alice], staleSession: true })
    const body = refused(state, "alice-stale", { op: "getGroup", groupId: id }, 401)
    assert.strictEqual(body.code, GlobusRequestCode.AuthorizationParameters)
    assert.deepStrictEqual(body.authorization_parameters.session_required_identities, [alice])
    const verdict = classified(401, body)
    assert.strictEqual(verdict?.tag, "Unauthorized")
    assert.deepStrictEqual(verdict?.authorization?.requiredIdentities, [alice])
    assert.isUndefined(verdict?.invalidToken)
    // Groups where the caller has no membership, and regular groups, are not affected.
    const other = createGroup(state, { name: "Regular" })
    ok(state, "alice-stale", { op: "getGroup", groupId: other })
  })
})

describe("Globus test server: preferences, membership fields, subscriptions, counts", () => {
  it("preferences: one entry per identity of the caller's set; set only one's own", () => {
    const state = fresh()
    assert.deepStrictEqual(ok(state, GlobusTokens.dave, { op: "getPreferences" }), {
      [dave]: { allow_add: true },
      [daveLinked]: { allow_add: true }
    })
    const set = ok(state, GlobusTokens.dave, { op: "setPreferences", body: { [daveLinked]: { allow_add: false } } })
    assert.deepStrictEqual(set[daveLinked], { allow_add: false })
    assert.deepStrictEqual(ok(state, GlobusTokens.erin, { op: "getPreferences" }), {
      [GlobusIdentities.erin]: { allow_add: false }
    })
    refused(state, GlobusTokens.dave, { op: "setPreferences", body: { [alice]: { allow_add: false } } }, 403)
    refused(state, GlobusTokens.dave, { op: "setPreferences", body: { "not-a-uuid": { allow_add: false } } }, 422)
    refused(state, GlobusTokens.dave, { op: "setPreferences", body: { allow_add: false } }, 422)
    // null restores the default.
    ok(state, GlobusTokens.dave, { op: "setPreferences", body: { [daveLinked]: { allow_add: null } } })
    assert.deepStrictEqual(ok(state, GlobusTokens.dave, { op: "getPreferences" })[daveLinked], { allow_add: true })
  })

  it("membership fields: the caller's identities with a membership; set replaces them", () => {
    const state = fresh()
    const id = createGroup(state)
    assert.deepStrictEqual(ok(state, GlobusTokens.alice, { op: "getMembershipFields", groupId: id }), { [alice]: {} })
    const set = ok(state, GlobusTokens.alice, {
      op: "setMembershipFields",
      groupId: id,
      body: { [alice]: { institution: "UChicago", field_of_science: "Physics" } }
    })
    assert.deepStrictEqual(set, { [alice]: { institution: "UChicago", field_of_science: "Physics" } })
    const member = ok(state, GlobusTokens.alice, { op: "getGroup", groupId: id, include: ["my_memberships"] })
    assert.strictEqual(member.my_memberships[0].membership_fields.institution, "UChicago")
    refused(state, GlobusTokens.alice, { op: "setMembershipFields", groupId: id, body: { [bob]: { city: "x" } } }, 403)
    refused(state, GlobusTokens.alice, { op: "setMembershipFields", groupId: id, body: { [alice]: { city: 5 } } }, 422)
  })

  it("subscription info: the providing group, limited; 404 for an unknown subscription", () => {
    const state = fresh()
    const id = createGroup(state, { name: "Subscribers" })
    const subscription = "5b000000-0000-4000-8000-000000000001"
    state.addSubscription(id, subscription, {
      name: "Golems R Us",
      subscriber_name: "Golem Lab",
      is_high_assurance: true,
      is_baa: false,
      connectors: { "052be037-7dda-4d20-b163-3077314dc3e6": { is_ha: true, is_baa: false } }
    })
    assert.deepStrictEqual(ok(state, GlobusTokens.carol, { op: "subscriptionInfo", subscriptionId: subscription }), {
      group_id: id,
      subscription_id: subscription,
      subscription_info: {
        is_high_assurance: true,
        is_baa: false,
        connectors: { "052be037-7dda-4d20-b163-3077314dc3e6": { is_ha: true, is_baa: false } }
      }
    })
    const group = ok(state, GlobusTokens.alice, { op: "getGroup", groupId: id })
    assert.strictEqual(group.group_type, "plus")
    assert.strictEqual(group.subscription_info.subscriber_name, "Golem Lab")
    refused(
      state,
      GlobusTokens.carol,
      { op: "subscriptionInfo", subscriptionId: "5b000000-0000-4000-8000-000000000002" },
      404
    )
    refused(state, GlobusTokens.carol, { op: "subscriptionInfo", subscriptionId: "x" }, 422)
  })

  it("subscription admin verified: set and cleared by admins of the subscription group", () => {
    const state = fresh()
    const provider = createGroup(state, { name: "Provider" })
    const subscription = "5b000000-0000-4000-8000-000000000001"
    state.addSubscription(provider, subscription, {
      name: "s",
      subscriber_name: "s",
      is_high_assurance: false,
      is_baa: false,
      connectors: {}
    })
    const target = createGroup(
      state,
      { name: "Verified", policies: { group_visibility: "authenticated" } },
      GlobusTokens.bob
    )
    const verify = (token: string, value: string | null, status = 200) =>
      call(state, token, {
        op: "setSubscriptionAdminVerified",
        groupId: target,
        body: { subscription_admin_verified_id: value }
      }).status === status
    assert.isTrue(verify(GlobusTokens.bob, subscription, 403))
    assert.isTrue(verify(GlobusTokens.alice, subscription))
    assert.strictEqual(
      ok(state, GlobusTokens.bob, { op: "getGroup", groupId: target }).subscription_admin_verified_id,
      subscription
    )
    assert.isTrue(verify(GlobusTokens.bob, null, 403))
    assert.isTrue(verify(GlobusTokens.alice, "5b000000-0000-4000-8000-00000000000f", 404))
    assert.isTrue(verify(GlobusTokens.alice, null))
    // The group's admin may clear it with an update too, but not set it there.
    assert.isTrue(verify(GlobusTokens.alice, subscription))
    refused(state, GlobusTokens.bob, {
      op: "updateGroup",
      groupId: target,
      body: { subscription_admin_verified_id: subscription }
    }, 403)
    const cleared = ok(state, GlobusTokens.bob, {
      op: "updateGroup",
      groupId: target,
      body: { subscription_admin_verified_id: null }
    })
    assert.strictEqual(cleared.subscription_admin_verified_id, null)
  })

  it("status counts: per group the caller administers or manages", () => {
    const state = fresh()
    const id = createGroup(state)
    ok(state, GlobusTokens.alice, {
      op: "batch",
      groupId: id,
      body: { add: [{ identity_id: bob }], invite: [{ identity_id: carol }, { identity_id: dave }] }
    })
    ok(state, GlobusTokens.dave, { op: "batch", groupId: id, body: { decline: [{ identity_id: dave }] } })
    createGroup(state, { name: "Bob's" }, GlobusTokens.bob)
    assert.deepStrictEqual(ok(state, GlobusTokens.alice, { op: "statusCounts" }), {
      [id]: { active: 2, invited: 1, pending: 0, rejected: 0, removed: 0, left: 0, declined: 1 }
    })
    assert.deepStrictEqual(Object.keys(ok(state, GlobusTokens.bob, { op: "statusCounts" })).length, 1)
    assert.deepStrictEqual(ok(state, GlobusTokens.carol, { op: "statusCounts" }), {})
  })
})
