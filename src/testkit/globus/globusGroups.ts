/**
 * The Globus test server's group calls: my groups, get, create, update, delete and children.
 *
 * @since 0.1.0
 */
import { isUuid } from "../../globus/IdentityId.js"
import { GroupInclude, Status } from "../../globus/schemas/Enums.js"
import { GroupCreateInput, GroupUpdateInput } from "../../globus/schemas/Group.js"
import type { GroupPoliciesWrite } from "../../globus/schemas/Policies.js"
import { canSee, isAdmin } from "./globusAccess.js"
import { GlobusRequestCode } from "./globusCodes.js"
import { globusDefaultPolicies } from "./globusModel.js"
import type { GlobusCaller, GlobusGroupRecord, GlobusPoliciesRecord } from "./globusModel.js"
import type { GlobusReply } from "./globusReplies.js"
import { badRequest, complaint, decodeBody, forbidden, invalid, listParam, reply } from "./globusReplies.js"
import type { GlobusOpHandler, GlobusState } from "./GlobusState.js"
import { childIds, groupView } from "./globusViews.js"

const includes = (raw: ReadonlyArray<string> | undefined) => new Set(listParam("include", raw, GroupInclude.literals))

/**
 * `GET /v2/groups/my_groups`: the groups where one of the caller's identities has a membership with
 * one of `statuses` (default `active`), each with those memberships and its policies.
 *
 * @since 0.1.0
 */
export const myGroups: GlobusOpHandler<"myGroups"> = (state, caller, request) => {
  const statuses = new Set<Status>(listParam("statuses", request.statuses, Status.literals) ?? ["active"])
  const include = new Set<GroupInclude>(["my_memberships", "policies"])
  const body = [...state.groups.values()]
    .filter((group) =>
      caller.identities.some((id) => {
        const status = group.memberships.get(id)?.status
        return status !== undefined && statuses.has(status)
      })
    )
    .map((group) => groupView(state, group, caller, { include, myStatuses: statuses }))
  return reply(200, body)
}

/**
 * `GET /v2/groups/{group_id}`.
 *
 * @since 0.1.0
 */
export const getGroup: GlobusOpHandler<"getGroup"> = (state, caller, request) => {
  const include = includes(request.include)
  return reply(200, groupView(state, state.visibleGroup(caller, request.groupId), caller, { include }))
}

/**
 * `GET /v2/groups/{group_id}/children`: the subgroups the caller sees.
 *
 * @since 0.1.0
 */
export const children: GlobusOpHandler<"children"> = (state, caller, request) => {
  const include = includes(request.include)
  const parent = state.visibleGroup(caller, request.groupId)
  const visible = childIds(state, parent).map((id) => state.groups.get(id)!).filter((g) => canSee(g, caller))
  return reply(200, { children: visible.map((group) => groupView(state, group, caller, { include })) })
}

/**
 * Policies with a write applied: keys left out (and, except the timeout, `null`) are unchanged.
 *
 * @since 0.1.0
 */
export const applyPolicies = (policies: GlobusPoliciesRecord, write: GroupPoliciesWrite): GlobusPoliciesRecord => {
  const next = { ...policies, signup_fields: [...policies.signup_fields] }
  if (write.is_high_assurance != null) next.is_high_assurance = write.is_high_assurance
  if (write.group_visibility != null) next.group_visibility = write.group_visibility
  if (write.group_members_visibility != null) next.group_members_visibility = write.group_members_visibility
  if (write.join_requests != null) next.join_requests = write.join_requests
  if (write.signup_fields != null) next.signup_fields = [...write.signup_fields]
  // Null clears the timeout; only a key left out leaves it as it was.
  if (write.authentication_assurance_timeout !== undefined) {
    next.authentication_assurance_timeout = write.authentication_assurance_timeout
  }
  return next
}

/**
 * `POST /v2/groups`: the caller's primary identity becomes the admin; a subgroup needs the caller to
 * be an admin of its parent. Answers 201 with the group, its policies and the caller's membership.
 *
 * @since 0.1.0
 */
export const createGroup: GlobusOpHandler<"createGroup"> = (state, caller, request) => {
  const input = decodeBody(GroupCreateInput, request.body)
  let parentId: string | null = null
  if (input.parent_id != null) {
    if (!isUuid(input.parent_id)) {
      throw invalid([complaint(["body", "parent_id"], "Input should be a valid UUID", "uuid_parsing")])
    }
    const parent = state.visibleGroup(caller, input.parent_id)
    if (!isAdmin(parent, caller)) throw forbidden("Only admins of the parent group may create subgroups")
    parentId = parent.id
  }
  const primary = caller.identities[0]
  if (primary === undefined) throw forbidden("The token stands for no identity")
  const group = state.newGroup({
    name: input.name,
    description: input.description ?? null,
    termsAndConditions: input.terms_and_conditions ?? null,
    parentId,
    policies: applyPolicies(globusDefaultPolicies(), input.policies ?? {})
  })
  state.setMembership(group, primary, "admin", "active")
  return reply(201, groupView(state, group, caller, { include: new Set(["my_memberships", "policies"]) }))
}

/**
 * A group the caller sees (404 otherwise) and administers (403 otherwise).
 *
 * @since 0.1.0
 */
export const adminGroup = (state: GlobusState, caller: GlobusCaller, id: string): GlobusGroupRecord => {
  const group = state.visibleGroup(caller, id)
  if (!isAdmin(group, caller)) throw forbidden("Only admins of the group may do this")
  return group
}

/**
 * `PUT /v2/groups/{group_id}`: admins only; `subscription_admin_verified_id` can only be cleared here.
 *
 * @since 0.1.0
 */
export const updateGroup: GlobusOpHandler<"updateGroup"> = (state, caller, request) => {
  const group = adminGroup(state, caller, request.groupId)
  const input = decodeBody(GroupUpdateInput, request.body)
  if (input.subscription_admin_verified_id != null) {
    throw forbidden("Set subscription_admin_verified_id with PUT /v2/groups/{group_id}/subscription_admin_verified")
  }
  if (input.name != null) group.name = input.name
  if (input.description !== undefined) group.description = input.description
  if (input.terms_and_conditions !== undefined) group.termsAndConditions = input.terms_and_conditions
  if (input.subscription_admin_verified_id === null) group.subscriptionAdminVerifiedId = null
  return reply(200, groupView(state, group, caller, { include: new Set(["my_memberships", "policies"]) }))
}

/**
 * `DELETE /v2/groups/{group_id}`: admins only, and not while it has subgroups (400); answers the
 * deleted group.
 *
 * @since 0.1.0
 */
export const deleteGroup: GlobusOpHandler<"deleteGroup"> = (state, caller, request): GlobusReply => {
  const group = adminGroup(state, caller, request.groupId)
  if (childIds(state, group).length > 0) {
    throw badRequest(GlobusRequestCode.HasChildren, "Delete the group's subgroups first")
  }
  const body = groupView(state, group, caller, { include: new Set(["my_memberships", "policies"]) })
  state.groups.delete(group.id)
  return reply(200, body)
}
