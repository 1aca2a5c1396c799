/**
 * The Globus test server's other calls: policies, identity preferences, membership fields,
 * subscriptions and status counts.
 *
 * @since 0.1.0
 */
import { canonical, isUuid } from "../../globus/IdentityId.js"
import { MembershipFieldsByIdentity } from "../../globus/schemas/Membership.js"
import { GroupPoliciesWrite } from "../../globus/schemas/Policies.js"
import type { StatusCounts } from "../../globus/schemas/Preferences.js"
import { PreferencesByIdentity } from "../../globus/schemas/Preferences.js"
import { SubscriptionVerifiedInput } from "../../globus/schemas/Subscription.js"
import { isAdmin, isManager } from "./globusAccess.js"
import { adminGroup, applyPolicies } from "./globusGroups.js"
import type { GlobusCaller, GlobusGroupRecord } from "./globusModel.js"
import { complaint, decodeBody, forbidden, invalid, notFound, reply } from "./globusReplies.js"
import type { GlobusOpHandler, GlobusState } from "./GlobusState.js"
import { policiesView } from "./globusViews.js"

/**
 * `GET /v2/groups/{group_id}/policies`: for anyone who sees the group.
 *
 * @since 0.1.0
 */
export const getPolicies: GlobusOpHandler<"getPolicies"> = (state, caller, request) =>
  reply(200, policiesView(state.visibleGroup(caller, request.groupId)))

/**
 * `PUT /v2/groups/{group_id}/policies`: admins only.
 *
 * @since 0.1.0
 */
export const setPolicies: GlobusOpHandler<"setPolicies"> = (state, caller, request) => {
  const group = adminGroup(state, caller, request.groupId)
  group.policies = applyPolicies(group.policies, decodeBody(GroupPoliciesWrite, request.body))
  return reply(200, policiesView(group))
}

// Keys of a body map must be identity ids (UUIDs) of the caller's own set.
const ownIdentities = (caller: GlobusCaller, ids: ReadonlyArray<string>): Array<string> =>
  ids.map((id) => {
    if (!isUuid(id)) throw invalid([complaint(["body", id], "Input should be a valid UUID", "uuid_parsing")])
    const key = canonical(id)
    if (!caller.identities.includes(key)) throw forbidden(`Identity ${id} is not one of yours`)
    return key
  })

const preferencesOf = (state: GlobusState, caller: GlobusCaller) =>
  Object.fromEntries(caller.identities.map((id) => [id, { allow_add: state.identities.get(id)?.allowAdd ?? true }]))

/**
 * `GET /v2/preferences`: the preferences of each of the caller's identities.
 *
 * @since 0.1.0
 */
export const getPreferences: GlobusOpHandler<"getPreferences"> = (state, caller) =>
  reply(200, preferencesOf(state, caller))

/**
 * `PUT /v2/preferences`: only for the caller's own identities; `null` restores the default (true).
 *
 * @since 0.1.0
 */
export const setPreferences: GlobusOpHandler<"setPreferences"> = (state, caller, request) => {
  const input = decodeBody(PreferencesByIdentity, request.body)
  const entries = Object.entries(input)
  const keys = ownIdentities(caller, entries.map(([id]) => id))
  entries.forEach(([, preferences], i) => {
    const key = keys[i]!
    const identity = state.identities.get(key) ?? state.addIdentity({ id: key, username: key })
    identity.allowAdd = preferences.allow_add ?? true
  })
  return reply(200, preferencesOf(state, caller))
}

const fieldsOf = (group: GlobusGroupRecord, caller: GlobusCaller) =>
  Object.fromEntries(caller.identities.flatMap((id) => {
    const membership = group.memberships.get(id)
    return membership === undefined ? [] : [[id, { ...membership.fields }]]
  }))

/**
 * `GET /v2/groups/{group_id}/membership_fields`: the caller's identities' fields in the group.
 *
 * @since 0.1.0
 */
export const getMembershipFields: GlobusOpHandler<"getMembershipFields"> = (state, caller, request) =>
  reply(200, fieldsOf(state.visibleGroup(caller, request.groupId), caller))

/**
 * `PUT /v2/groups/{group_id}/membership_fields`: replaces the fields of the caller's identities that
 * have a membership in the group.
 *
 * @since 0.1.0
 */
export const setMembershipFields: GlobusOpHandler<"setMembershipFields"> = (state, caller, request) => {
  const group = state.visibleGroup(caller, request.groupId)
  const input = decodeBody(MembershipFieldsByIdentity, request.body)
  const entries = Object.entries(input)
  const keys = ownIdentities(caller, entries.map(([id]) => id))
  const memberships = keys.map((key, i) => {
    const membership = group.memberships.get(key)
    if (membership === undefined) throw forbidden(`Identity ${entries[i]![0]} has no membership in this group`)
    return membership
  })
  memberships.forEach((membership, i) => {
    membership.fields = { ...entries[i]![1] }
    membership.updated = state.now()
  })
  return reply(200, fieldsOf(group, caller))
}

const subscriptionGroup = (state: GlobusState, subscriptionId: string): GlobusGroupRecord | undefined => {
  const key = canonical(subscriptionId)
  for (const group of state.groups.values()) if (group.subscriptionId === key) return group
  return undefined
}

/**
 * `GET /v2/subscription_info/{subscription_id}`: the group providing a subscription, with limited
 * information, for any caller.
 *
 * @since 0.1.0
 */
export const subscriptionInfo: GlobusOpHandler<"subscriptionInfo"> = (state, _caller, request) => {
  if (!isUuid(request.subscriptionId)) {
    throw invalid([complaint(["path", "subscription_id"], "Input should be a valid UUID", "uuid_parsing")])
  }
  const group = subscriptionGroup(state, request.subscriptionId)
  if (group === undefined || group.subscriptionInfo === null) {
    throw notFound(`No group provides subscription ${request.subscriptionId}`)
  }
  const { connectors, is_baa, is_high_assurance } = group.subscriptionInfo
  return reply(200, {
    group_id: group.id,
    subscription_id: group.subscriptionId,
    subscription_info: { is_high_assurance, is_baa, connectors }
  })
}

/**
 * `PUT /v2/groups/{group_id}/subscription_admin_verified`: replacing a value needs the caller to be an
 * admin of the old value's subscription group; setting one, an admin of the new value's.
 *
 * @since 0.1.0
 */
export const setSubscriptionAdminVerified: GlobusOpHandler<"setSubscriptionAdminVerified"> = (
  state,
  caller,
  request
) => {
  const group = state.visibleGroup(caller, request.groupId)
  const input = decodeBody(SubscriptionVerifiedInput, request.body)
  const next = input.subscription_admin_verified_id
  const mustAdminister = (subscriptionId: string, which: string) => {
    const provider = subscriptionGroup(state, subscriptionId)
    if (provider === undefined) throw notFound(`No group provides subscription ${subscriptionId}`)
    if (!isAdmin(provider, caller)) {
      throw forbidden(`Only admins of the group of the ${which} subscription (${subscriptionId}) may do this`)
    }
  }
  if (group.subscriptionAdminVerifiedId !== null) mustAdminister(group.subscriptionAdminVerifiedId, "current")
  if (next !== null) {
    if (!isUuid(next)) {
      throw invalid([
        complaint(["body", "subscription_admin_verified_id"], "Input should be a valid UUID", "uuid_parsing")
      ])
    }
    mustAdminister(next, "new")
  }
  group.subscriptionAdminVerifiedId = next === null ? null : canonical(next)
  return reply(200, { group_id: group.id, subscription_admin_verified_id: group.subscriptionAdminVerifiedId })
}

/**
 * `GET /v2/groups/statuses`: membership counts by status for each group the caller administers or
 * manages.
 *
 * @since 0.1.0
 */
export const statusCounts: GlobusOpHandler<"statusCounts"> = (state, caller) => {
  const body: Record<string, StatusCounts> = {}
  for (const group of state.groups.values()) {
    if (!isManager(group, caller)) continue
    const counts = { active: 0, invited: 0, pending: 0, rejected: 0, removed: 0, left: 0, declined: 0 }
    for (const membership of group.memberships.values()) counts[membership.status]++
    body[group.id] = counts
  }
  return reply(200, body)
}
