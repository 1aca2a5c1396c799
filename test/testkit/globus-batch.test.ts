import * as Headers from "@effect/platform/Headers"
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { BatchActions, BatchOutcome, BatchResponse, GlobusErrors } from "../../src/globus/index.js"
import type { GlobusState } from "../../src/testkit/globus/index.js"
import { GlobusMemberCode, GlobusRequestCode } from "../../src/testkit/globus/index.js"
import { call, createGroup, fresh, GlobusIdentities, GlobusTokens, ok, refused } from "../helpers/globusState.js"

const { alice, bob, carol, dave, daveLinked, erin } = GlobusIdentities
const stranger = "5a000000-0000-4000-8000-0000000000ff"

// A group of alice's (admin) with bob as manager and carol as member; visible to anyone.
const lab = () => {
  const state = fresh()
  const id = createGroup(state, { name: "Lab", policies: { group_visibility: "authenticated" } })
  ok(state, GlobusTokens.alice, {
    op: "batch",
    groupId: id,
    body: { add: [{ identity_id: bob, role: "manager" }, { identity_id: carol }] }
  })
  return { state, id }
}

const batch = (state: GlobusState, token: string, id: string, body: unknown) =>
  ok(state, token, { op: "batch", groupId: id, body })

// The one error of a batch that failed for one identity.
const failure = (state: GlobusState, token: string, id: string, body: Record<string, unknown>) => {
  const answer = batch(state, token, id, body)
  const [action] = Object.keys(body)
  assert.deepStrictEqual(answer[action!], [], "nothing processed")
  const errors = answer.errors[action!]
  assert.strictEqual(errors.length, 1)
  return errors[0] as { identity_id: string; code: string; detail: string }
}

const statusOf = (state: GlobusState, id: string, identity: string): string | undefined =>
  state.groups.get(id)?.memberships.get(identity)?.status

const roleOf = (state: GlobusState, id: string, identity: string): string | undefined =>
  state.groups.get(id)?.memberships.get(identity)?.role

describe("Globus test server: add and invite", () => {
  it("admins add with any role (default member); the answer is the membership as it now is", () => {
    const state = fresh()
    const id = createGroup(state)
    const answer = batch(state, GlobusTokens.alice, id, {
      add: [{ identity_id: bob }, { identity_id: carol, role: "admin", status_reason: "co-PI" }]
    })
    assert.deepStrictEqual(answer.add.map((m: any) => [m.identity_id, m.role, m.status, m.username]), [
      [bob, "member", "active", "bob@globusid.org"],
      [carol, "admin", "active", "carol@uchicago.edu"]
    ])
    assert.strictEqual(answer.add[1].status_reason, "co-PI")
    assert.notProperty(answer, "errors")
  })

  it("managers add members, not admins or managers", () => {
    const { id, state } = lab()
    const error = failure(state, GlobusTokens.bob, id, { add: [{ identity_id: dave, role: "manager" }] })
    assert.strictEqual(error.code, GlobusMemberCode.InsufficientRole)
    assert.strictEqual(batch(state, GlobusTokens.bob, id, { add: [{ identity_id: dave }] }).add[0].status, "active")
  })

  it("members may not add or invite: the whole request fails with 403, nothing changed", () => {
    const { id, state } = lab()
    const body = refused(state, GlobusTokens.carol, {
      op: "batch",
      groupId: id,
      body: { leave: [{ identity_id: carol }], add: [{ identity_id: dave }] }
    }, 403)
    assert.strictEqual(body.code, GlobusRequestCode.Forbidden)
    assert.strictEqual(statusOf(state, id, carol), "active", "the leave was not applied either")
    assert.isUndefined(statusOf(state, id, dave))
    refused(state, GlobusTokens.carol, { op: "batch", groupId: id, body: { invite: [{ identity_id: dave }] } }, 403)
  })

  it("adding an active member: ALREADY_ACTIVE, with the service's own detail", () => {
    const { id, state } = lab()
    assert.deepStrictEqual(failure(state, GlobusTokens.alice, id, { add: [{ identity_id: carol }] }), {
      identity_id: carol,
      code: "ALREADY_ACTIVE",
      detail: "The identity is already an active member of the group."
    })
  })

  it("unknown identities cannot be added or invited", () => {
    const { id, state } = lab()
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { add: [{ identity_id: stranger }] }).code,
      GlobusMemberCode.IdentityNotFound
    )
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { invite: [{ identity_id: stranger }] }).code,
      GlobusMemberCode.IdentityNotFound
    )
  })

  it("an identity whose preference allow_add is false cannot be added, but can be invited", () => {
    const { id, state } = lab()
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { add: [{ identity_id: erin }] }).code,
      GlobusMemberCode.AddNotAllowed
    )
    assert.strictEqual(
      batch(state, GlobusTokens.alice, id, { invite: [{ identity_id: erin }] }).invite[0].status,
      "invited"
    )
    // Changing the preference changes the answer.
    ok(state, GlobusTokens.dave, { op: "setPreferences", body: { [dave]: { allow_add: false } } })
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { add: [{ identity_id: dave }] }).code,
      GlobusMemberCode.AddNotAllowed
    )
  })

  it("an identity that left cannot be added back, only invited", () => {
    const { id, state } = lab()
    batch(state, GlobusTokens.carol, id, { leave: [{ identity_id: carol }] })
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { add: [{ identity_id: carol }] }).code,
      GlobusMemberCode.PreviouslyLeft
    )
    assert.strictEqual(
      batch(state, GlobusTokens.alice, id, { invite: [{ identity_id: carol }] }).invite[0].status,
      "invited"
    )
  })

  it("invite: role, e-mail address and time recorded; not twice, not the active or pending", () => {
    const { id, state } = lab()
    const invited = batch(state, GlobusTokens.alice, id, {
      invite: [{ identity_id: dave, role: "manager", invite_email_address: "dave@example.org" }]
    }).invite[0]
    assert.strictEqual(invited.status, "invited")
    assert.strictEqual(invited.role, "manager")
    assert.strictEqual(invited.invite_email_address, "dave@example.org")
    assert.isString(invited.invite_time)
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { invite: [{ identity_id: dave }] }).code,
      GlobusMemberCode.AlreadyInvited
    )
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { invite: [{ identity_id: carol }] }).code,
      "ALREADY_ACTIVE"
    )
    assert.strictEqual(
      failure(state, GlobusTokens.bob, id, { invite: [{ identity_id: erin, role: "admin" }] }).code,
      GlobusMemberCode.InsufficientRole
    )
  })
})

describe("Globus test server: accept, decline, approve, reject", () => {
  it("accept and decline: only invited memberships, only one's own identities (linked ones too)", () => {
    const { id, state } = lab()
    batch(state, GlobusTokens.alice, id, { invite: [{ identity_id: dave }, { identity_id: daveLinked }] })
    assert.strictEqual(
      failure(state, GlobusTokens.bob, id, { accept: [{ identity_id: dave }] }).code,
      GlobusMemberCode.NotInIdentitySet
    )
    const answer = batch(state, GlobusTokens.dave, id, {
      accept: [{ identity_id: dave }],
      decline: [{ identity_id: daveLinked, status_reason: "one is enough" }]
    })
    assert.strictEqual(answer.accept[0].status, "active")
    assert.strictEqual(answer.decline[0].status, "declined")
    assert.strictEqual(answer.decline[0].status_reason, "one is enough")
    assert.strictEqual(
      failure(state, GlobusTokens.dave, id, { accept: [{ identity_id: dave }] }).code,
      GlobusMemberCode.InvalidStatus
    )
    assert.strictEqual(
      failure(state, GlobusTokens.dave, id, { decline: [{ identity_id: daveLinked }] }).code,
      GlobusMemberCode.InvalidStatus
    )
    assert.strictEqual(
      failure(state, GlobusTokens.erin, id, { accept: [{ identity_id: erin }] }).code,
      GlobusMemberCode.NoMembership
    )
  })

  it("approve and reject: only pending memberships, by admins and managers", () => {
    const { id, state } = lab()
    batch(state, GlobusTokens.alice, id, { invite: [{ identity_id: erin }] })
    ok(state, GlobusTokens.alice, { op: "setPolicies", groupId: id, body: { join_requests: true } })
    batch(state, GlobusTokens.dave, id, { request_join: [{ identity_id: dave }, { identity_id: daveLinked }] })
    refused(state, GlobusTokens.carol, { op: "batch", groupId: id, body: { approve: [{ identity_id: dave }] } }, 403)
    refused(state, GlobusTokens.carol, { op: "batch", groupId: id, body: { reject: [{ identity_id: dave }] } }, 403)
    const answer = batch(state, GlobusTokens.bob, id, {
      approve: [{ identity_id: dave }],
      reject: [{ identity_id: daveLinked }]
    })
    assert.strictEqual(answer.approve[0].status, "active")
    assert.strictEqual(answer.reject[0].status, "rejected")
    assert.strictEqual(
      failure(state, GlobusTokens.bob, id, { approve: [{ identity_id: erin }] }).code,
      GlobusMemberCode.InvalidStatus
    )
    assert.strictEqual(
      failure(state, GlobusTokens.bob, id, { reject: [{ identity_id: carol }] }).code,
      GlobusMemberCode.InvalidStatus
    )
    assert.strictEqual(
      failure(state, GlobusTokens.bob, id, { approve: [{ identity_id: stranger }] }).code,
      "NO_MEMBERSHIP"
    )
  })
})

describe("Globus test server: change role, leave, remove", () => {
  it("change role: admins only, active memberships only", () => {
    const { id, state } = lab()
    refused(state, GlobusTokens.bob, {
      op: "batch",
      groupId: id,
      body: { change_role: [{ identity_id: carol, role: "manager" }] }
    }, 403)
    assert.strictEqual(
      batch(state, GlobusTokens.alice, id, { change_role: [{ identity_id: carol, role: "manager" }] }).change_role[0]
        .role,
      "manager"
    )
    batch(state, GlobusTokens.alice, id, { invite: [{ identity_id: dave }] })
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { change_role: [{ identity_id: dave, role: "admin" }] }).code,
      GlobusMemberCode.InvalidStatus
    )
  })

  it("the last admin cannot step down, nor leave; with a second admin both work", () => {
    const { id, state } = lab()
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { change_role: [{ identity_id: alice, role: "member" }] }).code,
      GlobusMemberCode.LastAdmin
    )
    const left = failure(state, GlobusTokens.alice, id, { leave: [{ identity_id: alice }] })
    assert.strictEqual(left.code, GlobusMemberCode.LastAdmin)
    assert.strictEqual(roleOf(state, id, alice), "admin")
    // Promote bob, then alice may leave, in one batch (actions apply in the contract's order).
    const answer = batch(state, GlobusTokens.alice, id, {
      leave: [{ identity_id: alice }],
      change_role: [{ identity_id: bob, role: "admin" }]
    })
    assert.strictEqual(answer.change_role[0].role, "admin")
    assert.strictEqual(answer.leave[0].status, "left")
  })

  it("leave: only active memberships, only one's own identities", () => {
    const { id, state } = lab()
    assert.strictEqual(
      failure(state, GlobusTokens.carol, id, { leave: [{ identity_id: bob }] }).code,
      GlobusMemberCode.NotInIdentitySet
    )
    batch(state, GlobusTokens.alice, id, { invite: [{ identity_id: dave }] })
    assert.strictEqual(
      failure(state, GlobusTokens.dave, id, { leave: [{ identity_id: dave }] }).code,
      GlobusMemberCode.InvalidStatus
    )
    assert.strictEqual(
      batch(state, GlobusTokens.carol, id, { leave: [{ identity_id: carol }] }).leave[0].status,
      "left"
    )
  })

  it("remove: admins remove anyone, managers managers and members, members no one; never oneself", () => {
    const { id, state } = lab()
    batch(state, GlobusTokens.alice, id, {
      add: [{ identity_id: dave, role: "manager" }, { identity_id: daveLinked, role: "admin" }]
    })
    // bob (manager) removes dave (manager) and carol (member), not daveLinked (admin).
    const answer = batch(state, GlobusTokens.bob, id, {
      remove: [{ identity_id: dave }, { identity_id: carol }, { identity_id: daveLinked }]
    })
    assert.deepStrictEqual(answer.remove.map((m: any) => [m.identity_id, m.status]), [[dave, "removed"], [
      carol,
      "removed"
    ]])
    assert.deepStrictEqual(answer.errors.remove.map((e: any) => [e.identity_id, e.code]), [[
      daveLinked,
      GlobusMemberCode.InsufficientRole
    ]])
    // alice (admin) removes daveLinked (admin).
    assert.strictEqual(
      batch(state, GlobusTokens.alice, id, { remove: [{ identity_id: daveLinked }] }).remove[0].status,
      "removed"
    )
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { remove: [{ identity_id: alice }] }).code,
      GlobusMemberCode.CannotRemoveSelf
    )
    assert.strictEqual(
      failure(state, GlobusTokens.bob, id, { remove: [{ identity_id: bob }] }).code,
      GlobusMemberCode.CannotRemoveSelf
    )
    refused(state, GlobusTokens.erin, { op: "batch", groupId: id, body: { remove: [{ identity_id: bob }] } }, 403)
  })

  it("remove: active and invited memberships only", () => {
    const { id, state } = lab()
    batch(state, GlobusTokens.alice, id, { invite: [{ identity_id: dave }] })
    assert.strictEqual(
      batch(state, GlobusTokens.alice, id, { remove: [{ identity_id: dave }] }).remove[0].status,
      "removed"
    )
    batch(state, GlobusTokens.carol, id, { leave: [{ identity_id: carol }] })
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { remove: [{ identity_id: carol }] }).code,
      GlobusMemberCode.InvalidStatus
    )
    assert.strictEqual(
      failure(state, GlobusTokens.alice, id, { remove: [{ identity_id: erin }] }).code,
      "NO_MEMBERSHIP"
    )
  })
})

describe("Globus test server: join and request to join", () => {
  const open = (options: { joinWithoutApproval: boolean; highAssurance?: boolean; joinRequests?: boolean }) => {
    const state = fresh()
    const group = state.addGroup({
      name: "Open",
      joinWithoutApproval: options.joinWithoutApproval,
      policies: {
        group_visibility: "authenticated",
        join_requests: options.joinRequests ?? true,
        is_high_assurance: options.highAssurance ?? false
      },
      members: [{ identityId: alice, role: "admin" }]
    })
    return { state, id: group.id }
  }

  it("join: only when the policy allows it, and never for high-assurance groups", () => {
    const allowed = open({ joinWithoutApproval: true })
    assert.strictEqual(
      batch(allowed.state, GlobusTokens.bob, allowed.id, { join: [{ identity_id: bob }] }).join[0].status,
      "active"
    )
    assert.strictEqual(
      failure(allowed.state, GlobusTokens.bob, allowed.id, { join: [{ identity_id: bob }] }).code,
      "ALREADY_ACTIVE"
    )
    assert.strictEqual(
      failure(allowed.state, GlobusTokens.bob, allowed.id, { join: [{ identity_id: carol }] }).code,
      GlobusMemberCode.NotInIdentitySet
    )

    const approval = open({ joinWithoutApproval: false })
    assert.strictEqual(
      failure(approval.state, GlobusTokens.bob, approval.id, { join: [{ identity_id: bob }] }).code,
      GlobusMemberCode.JoinNotAllowed
    )

    const ha = open({ joinWithoutApproval: true, highAssurance: true })
    const error = failure(ha.state, GlobusTokens.bob, ha.id, { join: [{ identity_id: bob }] })
    assert.strictEqual(error.code, GlobusMemberCode.JoinNotAllowed)
    assert.include(error.detail, "High-assurance")
  })

  it("request to join: pending when join requests are on; then approved", () => {
    const { id, state } = open({ joinWithoutApproval: false })
    assert.strictEqual(
      batch(state, GlobusTokens.bob, id, { request_join: [{ identity_id: bob }] }).request_join[0].status,
      "pending"
    )
    assert.strictEqual(
      failure(state, GlobusTokens.bob, id, { request_join: [{ identity_id: bob }] }).code,
      GlobusMemberCode.AlreadyPending
    )
    assert.strictEqual(
      batch(state, GlobusTokens.alice, id, { approve: [{ identity_id: bob }] }).approve[0].status,
      "active"
    )

    const closed = open({ joinWithoutApproval: false, joinRequests: false })
    assert.strictEqual(
      failure(closed.state, GlobusTokens.bob, closed.id, { request_join: [{ identity_id: bob }] }).code,
      GlobusMemberCode.JoinRequestsDisabled
    )
  })

  it("removed identities cannot come back by themselves; those who left can", () => {
    const { id, state } = open({ joinWithoutApproval: true })
    batch(state, GlobusTokens.alice, id, { add: [{ identity_id: bob }, { identity_id: carol }] })
    batch(state, GlobusTokens.alice, id, { remove: [{ identity_id: bob }] })
    batch(state, GlobusTokens.carol, id, { leave: [{ identity_id: carol }] })
    assert.strictEqual(
      failure(state, GlobusTokens.bob, id, { join: [{ identity_id: bob }] }).code,
      GlobusMemberCode.InvalidStatus
    )
    assert.strictEqual(
      failure(state, GlobusTokens.bob, id, { request_join: [{ identity_id: bob }] }).code,
      GlobusMemberCode.InvalidStatus
    )
    assert.strictEqual(
      batch(state, GlobusTokens.carol, id, { join: [{ identity_id: carol }] }).join[0].status,
      "active"
    )
  })
})

describe("Globus test server: batches as a whole", () => {
  it("partial failure: a 200 with each identity's success or failure, which the SDK reads as data", () => {
    const { id, state } = lab()
    const sent = BatchActions.empty.add([dave, carol]).invite(erin).remove(stranger)
    const answer = batch(state, GlobusTokens.alice, id, Either.getOrThrow(sent.toRequest()))
    const outcome = BatchOutcome.fromResponse(Schema.decodeUnknownSync(BatchResponse)(answer), sent)
    assert.deepStrictEqual(outcome.succeeded.map((s) => [s.action, s.identity_id, s.membership.status]), [
      ["add", dave, "active"],
      ["invite", erin, "invited"]
    ])
    assert.deepStrictEqual(outcome.failed.map((f) => [f.action, f.identity_id, f.code]), [
      ["add", carol, "ALREADY_ACTIVE"],
      ["remove", stranger, "NO_MEMBERSHIP"]
    ])
    assert.deepStrictEqual(outcome.unanswered, [])
    const error = Either.getLeft(BatchOutcome.orFail(outcome, id))
    assert.isTrue(error._tag === "Some" && error.value.code === "ALREADY_ACTIVE")
  })

  it("an identity named twice across actions: 400 for the whole request naming it, nothing applied", () => {
    const { id, state } = lab()
    const body = refused(state, GlobusTokens.alice, {
      op: "batch",
      groupId: id,
      body: { add: [{ identity_id: dave }], remove: [{ identity_id: dave.toUpperCase() }, { identity_id: carol }] }
    }, 400)
    assert.strictEqual(body.code, GlobusRequestCode.AmbiguousIdentities)
    assert.deepStrictEqual(body.ambiguous_identities, [dave])
    assert.isUndefined(statusOf(state, id, dave))
    assert.strictEqual(statusOf(state, id, carol), "active")
    const verdict = GlobusErrors.classify({ status: 400, method: "POST", headers: Headers.empty, text: "", json: body })
    assert.strictEqual(verdict?.tag, "InvalidRequest")
    assert.include(verdict?.message, dave)
  })

  it("bad bodies: 422 with the location of each bad identity id or role", () => {
    const { id, state } = lab()
    const body = refused(state, GlobusTokens.alice, {
      op: "batch",
      groupId: id,
      body: { add: [{ identity_id: dave }, { identity_id: "carol" }], remove: [{ identity_id: "" }] }
    }, 422)
    assert.deepStrictEqual(body.detail.map((d: any) => d.loc), [
      ["body", "add", 1, "identity_id"],
      ["body", "remove", 0, "identity_id"]
    ])
    const role = refused(state, GlobusTokens.alice, {
      op: "batch",
      groupId: id,
      body: { add: [{ identity_id: dave, role: "owner" }] }
    }, 422)
    assert.deepStrictEqual(role.detail[0].loc, ["body", "add", 0, "role"])
    refused(state, GlobusTokens.alice, { op: "batch", groupId: id, body: { add: "dave" } }, 422)
    refused(state, GlobusTokens.alice, { op: "batch", groupId: id, body: [] }, 422)
  })

  it("what the contract allows is accepted: null action lists, a null role (member), unknown keys ignored", () => {
    const { id, state } = lab()
    const answer = batch(state, GlobusTokens.alice, id, {
      add: [{ identity_id: dave, role: null, extra: 1 }],
      remove: null,
      comment: "ignored"
    })
    assert.strictEqual(answer.add[0].role, "member")
    assert.notProperty(answer, "remove")
  })

  it("an empty batch changes nothing and answers an empty object", () => {
    const { id, state } = lab()
    assert.deepStrictEqual(batch(state, GlobusTokens.alice, id, {}), {})
    assert.deepStrictEqual(batch(state, GlobusTokens.alice, id, Either.getOrThrow(BatchActions.empty.toRequest())), {})
  })

  it("a private group the caller does not see: 404 for the whole batch", () => {
    const state = fresh()
    const id = createGroup(state)
    refused(state, GlobusTokens.bob, { op: "batch", groupId: id, body: { request_join: [{ identity_id: bob }] } }, 404)
  })

  it("every action the builder makes is understood by the test server", () => {
    const { id, state } = lab()
    batch(state, GlobusTokens.alice, id, { invite: [{ identity_id: dave }] })
    ok(state, GlobusTokens.alice, { op: "setPolicies", groupId: id, body: { join_requests: true } })
    batch(state, GlobusTokens.erin, id, { request_join: [{ identity_id: erin }] })
    const sent = BatchActions.empty
      .changeRole("manager", carol)
      .approve(erin, { reason: "welcome" })
      .invite(daveLinked, { role: "member", email: "dave@uchicago.edu" })
    const answer = batch(state, GlobusTokens.alice, id, Either.getOrThrow(sent.toRequest()))
    const outcome = BatchOutcome.fromResponse(Schema.decodeUnknownSync(BatchResponse)(answer), sent)
    assert.isTrue(BatchOutcome.isComplete(outcome))
    assert.strictEqual(outcome.succeeded.length, 3)
    const accepted = call(state, GlobusTokens.dave, {
      op: "batch",
      groupId: id,
      body: Either.getOrThrow(BatchActions.empty.accept(dave).decline(daveLinked).toRequest())
    })
    assert.strictEqual(accepted.status, 200)
  })
})

describe("Globus test server: allowed_actions", () => {
  const allowed = (state: GlobusState, token: string, id: string) =>
    ok(state, token, { op: "getGroup", groupId: id, include: ["allowed_actions"] }).allowed_actions

  it("computed from roles, statuses and policies for each of the caller's identities", () => {
    const { id, state } = lab()
    const admin = allowed(state, GlobusTokens.alice, id)
    assert.deepStrictEqual(admin.add, [alice])
    assert.deepStrictEqual(admin.change_role, [alice])
    assert.deepStrictEqual(admin.leave, [], "the last admin may not leave")
    assert.deepStrictEqual(admin.join, [])

    const manager = allowed(state, GlobusTokens.bob, id)
    assert.deepStrictEqual(manager.remove, [bob])
    assert.deepStrictEqual(manager.change_role, [])
    assert.deepStrictEqual(manager.leave, [bob])

    const member = allowed(state, GlobusTokens.carol, id)
    assert.deepStrictEqual([member.add, member.invite, member.remove, member.approve], [[], [], [], []])
    assert.deepStrictEqual(member.leave, [carol])

    batch(state, GlobusTokens.alice, id, { invite: [{ identity_id: daveLinked }] })
    ok(state, GlobusTokens.alice, { op: "setPolicies", groupId: id, body: { join_requests: true } })
    const invited = allowed(state, GlobusTokens.dave, id)
    assert.deepStrictEqual(invited.accept, [daveLinked])
    assert.deepStrictEqual(invited.decline, [daveLinked])
    assert.deepStrictEqual(invited.request_join, [dave], "the linked identity without a membership may ask")
    assert.deepStrictEqual(invited.join, [], "joining needs approval here")
  })
})
