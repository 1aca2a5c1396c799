import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Credentials from "../../src/core/Credentials.js"
import { Groups, GroupsManager } from "../../src/globus/index.js"
import type { GlobusState } from "../../src/testkit/index.js"
import { GlobusIdentities, GlobusTestServer, GlobusTokens } from "../../src/testkit/index.js"
import { responseIssues } from "./globusContract.js"

const { alice, bob, carol, dave, daveLinked, erin } = GlobusIdentities
const as = (token: string) => Credentials.withToken("globus", Redacted.make(token))

const failure = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.either(effect), (result) => Either.isLeft(result) ? result.left : assert.fail("expected a failure"))

// The failure code of a one-identity call, which must fail with MembershipActionFailed.
const code = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(failure(effect), (error) => {
    assert.strictEqual(error._tag, "MembershipActionFailed", JSON.stringify(error))
    return (error as unknown as { readonly code?: string }).code
  })

const seeded = { open: "", highAssurance: "", highAssuranceOpen: "", provider: "", target: "" }
const subscription = "5b000000-0000-4000-8000-000000000001"
const staleToken = "globus-alice-stale-token"

const seed = (state: GlobusState) => {
  seeded.open = state.addGroup({
    name: "Open",
    joinWithoutApproval: true,
    policies: { group_visibility: "authenticated", join_requests: true },
    members: [{ identityId: alice, role: "admin" }]
  }).id
  seeded.highAssurance = state.addGroup({
    name: "Secure",
    policies: { is_high_assurance: true, authentication_assurance_timeout: 60 },
    members: [{ identityId: alice, role: "admin" }]
  }).id
  seeded.highAssuranceOpen = state.addGroup({
    name: "Secure but open",
    joinWithoutApproval: true,
    policies: { is_high_assurance: true, group_visibility: "authenticated", join_requests: true },
    members: [{ identityId: alice, role: "admin" }]
  }).id
  seeded.provider = state.addGroup({ name: "Provider", members: [{ identityId: alice, role: "admin" }] }).id
  state.addSubscription(seeded.provider, subscription, {
    name: "Lab subscription",
    subscriber_name: "Lab",
    is_high_assurance: false,
    is_baa: false,
    connectors: {}
  })
  seeded.target = state.addGroup({
    name: "Target",
    policies: { group_visibility: "authenticated" },
    members: [{ identityId: bob, role: "admin" }]
  }).id
  state.addToken(staleToken, { identities: [alice], staleSession: true })
}

describe("GroupsManager over the Globus test server", () => {
  it.layer(GlobusTestServer.layerClient({ seed }))((it) => {
    it.effect("create_group sends parent_id, null without a parent", () =>
      Effect.gen(function*() {
        const manager = yield* GroupsManager
        const server = yield* GlobusTestServer
        const parent = yield* manager.createGroup("Parent", "the parent")
        assert.include(server.requests().at(-1)!.body, `"parent_id":null`)
        const child = yield* manager.createGroup("Child", "a child", parent.id)
        assert.include(server.requests().at(-1)!.body, `"parent_id":"${parent.id}"`)
        assert.strictEqual(child.parent_id, parent.id)
      }))

    it.effect("set_group_policies sends every key, null for a missing timeout", () =>
      Effect.gen(function*() {
        const manager = yield* GroupsManager
        const server = yield* GlobusTestServer
        const group = yield* manager.createGroup("P", "p")
        const policies = yield* manager.setGroupPolicies(group.id, {
          isHighAssurance: false,
          groupVisibility: "authenticated",
          groupMembersVisibility: "managers"
        })
        assert.deepStrictEqual(JSON.parse(server.requests().at(-1)!.body!), {
          is_high_assurance: false,
          group_visibility: "authenticated",
          group_members_visibility: "managers",
          join_requests: false,
          signup_fields: [],
          authentication_assurance_timeout: null
        })
        assert.strictEqual(policies.group_visibility, "authenticated")
      }))

    it.effect("invite, accept, decline: only invited memberships, only one's own identities", () =>
      Effect.gen(function*() {
        const manager = yield* GroupsManager
        const { id } = yield* manager.createGroup("Invites", "")
        const invited = yield* manager.inviteMember(id, bob, { role: "manager", email: "bob@example.org" })
        assert.deepStrictEqual([invited.status, invited.role, invited.invite_email_address], [
          "invited",
          "manager",
          "bob@example.org"
        ])
        assert.strictEqual(yield* code(manager.inviteMember(id, bob)), "ALREADY_INVITED")
        // Only bob may accept bob's invitation.
        assert.strictEqual(yield* code(manager.acceptInvite(id, bob)), "NOT_IN_IDENTITY_SET")
        const accepted = yield* as(GlobusTokens.bob)(manager.acceptInvite(id, bob))
        assert.strictEqual(accepted.status, "active")
        assert.strictEqual(yield* code(as(GlobusTokens.bob)(manager.acceptInvite(id, bob))), "INVALID_STATUS")
        yield* manager.inviteMember(id, carol)
        const declined = yield* as(GlobusTokens.carol)(manager.declineInvite(id, carol))
        assert.strictEqual(declined.status, "declined")
        // Declined, carol no longer sees the private group: the whole request is NotFound.
        const again = yield* failure(as(GlobusTokens.carol)(manager.declineInvite(id, carol)))
        assert.strictEqual(again._tag, "NotFound")
      }))

    it.effect("add: active at once; refused for an identity whose preference forbids it", () =>
      Effect.gen(function*() {
        const manager = yield* GroupsManager
        const { id } = yield* manager.createGroup("Adds", "")
        const added = yield* manager.addMember(id, carol)
        assert.deepStrictEqual([added.status, added.role], ["active", "member"])
        assert.strictEqual(yield* code(manager.addMember(id, carol)), "ALREADY_ACTIVE")
        assert.strictEqual(yield* code(manager.addMember(id, erin)), "ADD_NOT_ALLOWED")
        assert.strictEqual(
          yield* code(manager.addMember(id, "00000000-0000-4000-8000-00000000dead")),
          "IDENTITY_NOT_FOUND"
        )
      }))

    it.effect("request join, approve and reject: pending only, by admins and managers", () =>
      Effect.gen(function*() {
        const manager = yield* GroupsManager
        const id = seeded.open
        assert.strictEqual((yield* as(GlobusTokens.bob)(manager.requestJoin(id, bob))).status, "pending")
        assert.strictEqual(yield* code(as(GlobusTokens.bob)(manager.requestJoin(id, bob))), "ALREADY_PENDING")
        assert.strictEqual((yield* as(GlobusTokens.carol)(manager.requestJoin(id, carol))).status, "pending")
        // A pending member cannot approve anyone.
        const byPending = yield* failure(as(GlobusTokens.bob)(manager.approvePending(id, carol)))
        assert.include(["Forbidden", "MembershipActionFailed", "NotFound"], byPending._tag)
        assert.strictEqual((yield* manager.approvePending(id, bob)).status, "active")
        assert.strictEqual(yield* code(manager.approvePending(id, bob)), "INVALID_STATUS")
        assert.strictEqual((yield* manager.rejectJoinRequest(id, carol)).status, "rejected")
        assert.strictEqual(yield* code(manager.rejectJoinRequest(id, carol)), "INVALID_STATUS")
      }))

    it.effect("join: when the policy allows it, never for a high-assurance group; not without join requests", () =>
      Effect.gen(function*() {
        const manager = yield* GroupsManager
        const joined = yield* as(GlobusTokens.dave)(manager.join(seeded.open, daveLinked))
        assert.deepStrictEqual([joined.identity_id, joined.status], [daveLinked, "active"])
        const { id } = yield* manager.createGroup("Closed", "")
        yield* manager.setGroupPolicies(id, {
          isHighAssurance: false,
          groupVisibility: "authenticated",
          groupMembersVisibility: "members"
        })
        assert.strictEqual(yield* code(as(GlobusTokens.dave)(manager.join(id, dave))), "JOIN_NOT_ALLOWED")
        // Never a high-assurance group, whatever its policy says.
        assert.strictEqual(
          yield* code(as(GlobusTokens.dave)(manager.join(seeded.highAssuranceOpen, dave))),
          "JOIN_NOT_ALLOWED"
        )
        // Leave only an active membership: once left, leaving again fails.
        assert.strictEqual((yield* as(GlobusTokens.dave)(manager.leave(seeded.open, daveLinked))).status, "left")
        assert.strictEqual(yield* code(as(GlobusTokens.dave)(manager.leave(seeded.open, daveLinked))), "INVALID_STATUS")
        assert.strictEqual(yield* code(as(GlobusTokens.dave)(manager.requestJoin(id, dave))), "JOIN_REQUESTS_DISABLED")
      }))

    it.effect("change role: admins only, active memberships only", () =>
      Effect.gen(function*() {
        const manager = yield* GroupsManager
        const { id } = yield* manager.createGroup("Roles", "")
        yield* manager.addMember(id, bob)
        yield* manager.addMember(id, carol)
        assert.strictEqual((yield* manager.changeRole(id, bob, "manager")).role, "manager")
        // A manager may not change roles at all: the whole request is refused.
        const byManager = yield* failure(as(GlobusTokens.bob)(manager.changeRole(id, carol, "admin")))
        assert.strictEqual(byManager._tag, "Forbidden")
        yield* manager.inviteMember(id, dave)
        assert.strictEqual(yield* code(manager.changeRole(id, dave, "manager")), "INVALID_STATUS")
      }))

    it.effect("leave: only active, never the last admin (caught by tag); remove: never oneself", () =>
      Effect.gen(function*() {
        const manager = yield* GroupsManager
        const { id } = yield* manager.createGroup("Leaving", "")
        yield* manager.addMember(id, bob)
        assert.strictEqual((yield* as(GlobusTokens.bob)(manager.leave(id, bob))).status, "left")
        const caught = yield* manager.leave(id, alice).pipe(
          Effect.as("left"),
          Effect.catchTag("MembershipActionFailed", (error) => Effect.succeed(error.code))
        )
        assert.strictEqual(caught, "LAST_ADMIN")
        assert.strictEqual(yield* code(manager.removeMember(id, alice)), "CANNOT_REMOVE_SELF")
        yield* manager.addMember(id, carol, { role: "manager" })
        yield* manager.addMember(id, dave)
        assert.strictEqual((yield* as(GlobusTokens.carol)(manager.removeMember(id, dave))).status, "removed")
        yield* manager.changeRole(id, carol, "admin")
        yield* manager.addMember(id, erin).pipe(Effect.ignore)
        // A manager cannot remove an admin.
        yield* manager.addMember(id, GlobusIdentities.daveLinked, { role: "manager" })
        const byManager = yield* code(as(GlobusTokens.dave)(manager.removeMember(id, carol)))
        assert.strictEqual(byManager, "INSUFFICIENT_ROLE")
      }))

    it.effect("a high-assurance group with a stale login: Unauthorized naming the identities to log in with", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const error = yield* failure(as(staleToken)(groups.getGroup({ groupId: seeded.highAssurance })))
        assert.strictEqual(error._tag, "Unauthorized")
        if (error._tag !== "Unauthorized") return
        assert.deepStrictEqual(error.authorizationParameters?.sessionRequiredIdentities, [alice])
        assert.isString(error.authorizationParameters?.sessionMessage)
      }))

    it.effect("subscription info, and the subscription admin's verification set and cleared", () =>
      Effect.gen(function*() {
        const groups = yield* Groups
        const info = yield* as(GlobusTokens.carol)(groups.getGroupBySubscriptionId({ subscriptionId: subscription }))
        assert.strictEqual(info.group_id, seeded.provider)
        const set = yield* groups.setSubscriptionAdminVerified({
          groupId: seeded.target,
          body: { subscription_admin_verified_id: subscription }
        })
        assert.strictEqual(set.subscription_admin_verified_id, subscription)
        const byBob = yield* failure(
          as(GlobusTokens.bob)(groups.setSubscriptionAdminVerified({
            groupId: seeded.target,
            body: { subscription_admin_verified_id: null }
          }))
        )
        assert.strictEqual(byBob._tag, "Forbidden")
        const cleared = yield* groups.setSubscriptionAdminVerified({
          groupId: seeded.target,
          body: { subscription_admin_verified_id: null }
        })
        assert.isNull(cleared.subscription_admin_verified_id)
        const unknown = yield* failure(
          groups.getGroupBySubscriptionId({ subscriptionId: "5b000000-0000-4000-8000-0000000000ff" })
        )
        assert.strictEqual(unknown._tag, "NotFound")
      }))

    it.effect("every response the server sent matches the contract's models", () =>
      Effect.gen(function*() {
        const server = yield* GlobusTestServer
        assert.isAbove(server.exchanges().length, 40)
        assert.deepStrictEqual(responseIssues(server.exchanges()), [])
      }))
  })
})
