/**
 * The Globus test server's batch membership action (`POST /v2/groups/{group_id}`): the whole request
 * fails for bad input (422), an identity named twice (400) or an action none of the caller's
 * identities may perform (403); otherwise each identity succeeds or fails on its own, and the answer
 * is a 200 listing both.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { canonical, isUuid } from "../../globus/IdentityId.js"
import { BatchAction } from "../../globus/schemas/Batch.js"
import { Role } from "../../globus/schemas/Enums.js"
import type { ValidationErrorItem } from "../../globus/schemas/ErrorBodies.js"
import type { Membership, MembershipError } from "../../globus/schemas/Membership.js"
import { activeRole, allowedActions, isLastAdmin, joinOpen, mayRejoin } from "./globusAccess.js"
import { GlobusMemberCode, GlobusRequestCode } from "./globusCodes.js"
import type { GlobusCaller, GlobusGroupRecord, GlobusMembershipRecord } from "./globusModel.js"
import { badRequest, complaint, decodeBody, forbidden, invalid, reply } from "./globusReplies.js"
import type { GlobusOpHandler, GlobusState } from "./GlobusState.js"
import { membershipView } from "./globusViews.js"

// What the service accepts for any action: pydantic ignores the keys an action does not use, and a
// role left out or null is `member`.
const Entry = Schema.Struct({
  identity_id: Schema.String,
  role: Schema.optional(Schema.NullOr(Role)),
  status_reason: Schema.optional(Schema.NullOr(Schema.String)),
  invite_email_address: Schema.optional(Schema.NullOr(Schema.String))
})
type Entry = typeof Entry.Type

const Request = Schema.Struct(
  Object.fromEntries(
    BatchAction.literals.map((action) => [action, Schema.optional(Schema.NullOr(Schema.Array(Entry)))])
  ) as { [K in BatchAction]: Schema.optional<Schema.NullOr<Schema.Array$<typeof Entry>>> }
)

// The order actions are applied in: the contract's.
const order: ReadonlyArray<BatchAction> = [
  "accept",
  "add",
  "change_role",
  "decline",
  "invite",
  "leave",
  "join",
  "remove",
  "request_join",
  "approve",
  "reject"
]

// Actions on other identities: they need a role in the group, checked for the whole request.
const managing: ReadonlyArray<BatchAction> = ["add", "invite", "approve", "reject", "remove", "change_role"]

interface Failure {
  readonly code: string
  readonly detail: string
}

interface Context {
  readonly state: GlobusState
  readonly caller: GlobusCaller
  readonly group: GlobusGroupRecord
}

const fail = (code: string, detail: string): Failure => ({ code, detail })

const mine = (context: Context, id: string): Failure | undefined =>
  context.caller.identities.includes(id)
    ? undefined
    : fail(GlobusMemberCode.NotInIdentitySet, "The identity is not one of the caller's identities.")

const noMembership = (): Failure => fail(GlobusMemberCode.NoMembership, "Identity has no membership in group.")
const alreadyActive = (): Failure =>
  fail(GlobusMemberCode.AlreadyActive, "The identity is already an active member of the group.")
const wrongStatus = (m: GlobusMembershipRecord, wanted: string, action: string): Failure =>
  fail(GlobusMemberCode.InvalidStatus, `The membership is ${m.status}; only ${wanted} memberships can ${action}.`)
const lastAdmin = (): Failure =>
  fail(GlobusMemberCode.LastAdmin, "The identity is the group's last admin; the group would have none.")

const change = (
  context: Context,
  m: GlobusMembershipRecord,
  entry: Entry,
  status: GlobusMembershipRecord["status"]
) => {
  m.status = status
  if (entry.status_reason != null) m.statusReason = entry.status_reason
  m.updated = context.state.now()
  return m
}

// Adding or inviting someone else: admins may give any role, managers only `member`.
const roleFor = (context: Context, entry: Entry): Role | Failure => {
  const role = entry.role ?? "member"
  return role !== "member" && activeRole(context.group, context.caller) !== "admin"
    ? fail(GlobusMemberCode.InsufficientRole, `Only admins may make an identity a ${role}.`)
    : role
}

const knownIdentity = (context: Context, id: string): Failure | undefined =>
  context.state.identities.has(id) ? undefined : fail(GlobusMemberCode.IdentityNotFound, "No such identity.")

type Rule = (context: Context, id: string, entry: Entry) => GlobusMembershipRecord | Failure

const rules: { readonly [K in BatchAction]: Rule } = {
  accept: (context, id, entry) => {
    const m = context.group.memberships.get(id)
    return mine(context, id) ?? (m === undefined
      ? noMembership()
      : m.status !== "invited"
      ? wrongStatus(m, "invited", "accept")
      : change(context, m, entry, "active"))
  },
  decline: (context, id, entry) => {
    const m = context.group.memberships.get(id)
    return mine(context, id) ?? (m === undefined
      ? noMembership()
      : m.status !== "invited"
      ? wrongStatus(m, "invited", "decline")
      : change(context, m, entry, "declined"))
  },
  add: (context, id, entry) => {
    const unknown = knownIdentity(context, id)
    if (unknown !== undefined) return unknown
    const role = roleFor(context, entry)
    if (typeof role !== "string") return role
    const m = context.group.memberships.get(id)
    if (m?.status === "active") return alreadyActive()
    if (m?.status === "left") {
      return fail(GlobusMemberCode.PreviouslyLeft, "The identity left the group; it can be invited, not added.")
    }
    if (context.state.identities.get(id)?.allowAdd === false) {
      return fail(GlobusMemberCode.AddNotAllowed, "The identity's preferences do not allow adding it to groups.")
    }
    return change(context, context.state.setMembership(context.group, id, role, "active"), entry, "active")
  },
  invite: (context, id, entry) => {
    const unknown = knownIdentity(context, id)
    if (unknown !== undefined) return unknown
    const role = roleFor(context, entry)
    if (typeof role !== "string") return role
    const m = context.group.memberships.get(id)
    if (m?.status === "active") return alreadyActive()
    if (m?.status === "invited") return fail(GlobusMemberCode.AlreadyInvited, "The identity is already invited.")
    if (m?.status === "pending") {
      return fail(GlobusMemberCode.AlreadyPending, "The identity has asked to join; approve its request instead.")
    }
    const invited = context.state.setMembership(context.group, id, role, "invited")
    invited.inviteTime = context.state.now()
    invited.inviteEmail = entry.invite_email_address ?? null
    return change(context, invited, entry, "invited")
  },
  approve: (context, id, entry) => {
    const m = context.group.memberships.get(id)
    return m === undefined
      ? noMembership()
      : m.status !== "pending"
      ? wrongStatus(m, "pending", "be approved")
      : change(context, m, entry, "active")
  },
  reject: (context, id, entry) => {
    const m = context.group.memberships.get(id)
    return m === undefined
      ? noMembership()
      : m.status !== "pending"
      ? wrongStatus(m, "pending", "be rejected")
      : change(context, m, entry, "rejected")
  },
  change_role: (context, id, entry) => {
    const m = context.group.memberships.get(id)
    const role = entry.role ?? "member"
    if (m === undefined) return noMembership()
    if (m.status !== "active") return wrongStatus(m, "active", "change role")
    if (role !== "admin" && isLastAdmin(context.group, id)) return lastAdmin()
    m.role = role
    m.updated = context.state.now()
    return m
  },
  join: (context, id, entry) => {
    const m = context.group.memberships.get(id)
    const notMine = mine(context, id)
    if (notMine !== undefined) return notMine
    if (context.group.policies.is_high_assurance) {
      return fail(GlobusMemberCode.JoinNotAllowed, "High-assurance groups cannot be joined directly.")
    }
    if (!joinOpen(context.group)) {
      return fail(GlobusMemberCode.JoinNotAllowed, "The group's policy does not allow joining.")
    }
    if (m?.status === "active") return alreadyActive()
    if (!mayRejoin(m)) return wrongStatus(m!, "left, declined or rejected", "join")
    return change(context, context.state.setMembership(context.group, id, "member", "active"), entry, "active")
  },
  request_join: (context, id, entry) => {
    const m = context.group.memberships.get(id)
    const notMine = mine(context, id)
    if (notMine !== undefined) return notMine
    if (!context.group.policies.join_requests) {
      return fail(GlobusMemberCode.JoinRequestsDisabled, "The group does not accept requests to join.")
    }
    if (m?.status === "active") return alreadyActive()
    if (m?.status === "pending") return fail(GlobusMemberCode.AlreadyPending, "The identity has already asked to join.")
    if (!mayRejoin(m)) return wrongStatus(m!, "left, declined or rejected", "ask to join")
    return change(context, context.state.setMembership(context.group, id, "member", "pending"), entry, "pending")
  },
  leave: (context, id, entry) => {
    const m = context.group.memberships.get(id)
    return mine(context, id) ?? (m === undefined
      ? noMembership()
      : m.status !== "active"
      ? wrongStatus(m, "active", "leave")
      : isLastAdmin(context.group, id)
      ? lastAdmin()
      : change(context, m, entry, "left"))
  },
  remove: (context, id, entry) => {
    const m = context.group.memberships.get(id)
    if (context.caller.identities.includes(id)) {
      return fail(GlobusMemberCode.CannotRemoveSelf, "You cannot remove your own membership; leave the group instead.")
    }
    if (m === undefined) return noMembership()
    if (m.status !== "active" && m.status !== "invited") return wrongStatus(m, "active and invited", "be removed")
    if (m.role === "admin" && activeRole(context.group, context.caller) !== "admin") {
      return fail(GlobusMemberCode.InsufficientRole, "Only admins may remove an admin.")
    }
    if (isLastAdmin(context.group, id)) return lastAdmin()
    return change(context, m, entry, "removed")
  }
}

// 422 for ids that are not UUIDs, 400 for an identity named twice anywhere in the request.
const checkIdentities = (input: typeof Request.Type): void => {
  const complaints: Array<ValidationErrorItem> = []
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const action of order) {
    ;(input[action] ?? []).forEach((entry, i) => {
      if (!isUuid(entry.identity_id)) {
        complaints.push(complaint(["body", action, i, "identity_id"], "Input should be a valid UUID", "uuid_parsing"))
        return
      }
      const id = canonical(entry.identity_id)
      if (seen.has(id)) twice.add(id)
      seen.add(id)
    })
  }
  if (complaints.length > 0) throw invalid(complaints.slice(0, 50))
  if (twice.size > 0) {
    throw badRequest(
      GlobusRequestCode.AmbiguousIdentities,
      "Identity IDs must be unique across all actions of a request",
      [...twice]
    )
  }
}

/**
 * `POST /v2/groups/{group_id}`.
 *
 * @since 0.1.0
 */
export const batch: GlobusOpHandler<"batch"> = (state, caller, request) => {
  const group = state.visibleGroup(caller, request.groupId)
  const input = decodeBody(Request, request.body)
  checkIdentities(input)
  const allowed = allowedActions(group, caller)
  for (const action of managing) {
    if ((input[action]?.length ?? 0) > 0 && allowed[action].length === 0) {
      throw forbidden(`None of your identities may ${action.replace("_", " ")} in this group`)
    }
  }
  const context: Context = { state, caller, group }
  const body: Record<string, Array<Membership>> = {}
  const errors: Record<string, Array<MembershipError>> = {}
  for (const action of order) {
    const entries = input[action]
    if (entries == null) continue
    const done: Array<Membership> = (body[action] = [])
    for (const entry of entries) {
      const id = canonical(entry.identity_id)
      const outcome = rules[action](context, id, entry)
      if ("code" in outcome) (errors[action] ??= []).push({ identity_id: id, ...outcome })
      else done.push(membershipView(state, group, outcome))
    }
  }
  return reply(200, Object.keys(errors).length > 0 ? { ...body, errors } : body)
}
