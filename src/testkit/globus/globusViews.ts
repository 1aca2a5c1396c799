/**
 * How the Globus test server writes its data out: groups, memberships and policies in the shapes of
 * the service's contract.
 *
 * @since 0.1.0
 */
import type { GroupInclude, Status } from "../../globus/schemas/Enums.js"
import type { Group } from "../../globus/schemas/Group.js"
import type { Membership } from "../../globus/schemas/Membership.js"
import type { GroupPolicies } from "../../globus/schemas/Policies.js"
import { allowedActions, callerMemberships, canSeeMemberships } from "./globusAccess.js"
import type { GlobusCaller, GlobusGroupRecord, GlobusIdentityRecord, GlobusMembershipRecord } from "./globusModel.js"

/**
 * What the views read besides the group itself.
 *
 * @since 0.1.0
 * @category models
 */
export interface ViewContext {
  readonly identities: ReadonlyMap<string, GlobusIdentityRecord>
  readonly groups: ReadonlyMap<string, GlobusGroupRecord>
}

const iso = (millis: number): string => new Date(millis).toISOString()

/**
 * A membership as the service answers it.
 *
 * @since 0.1.0
 */
export const membershipView = (
  context: ViewContext,
  group: GlobusGroupRecord,
  m: GlobusMembershipRecord
): Membership => ({
  group_id: group.id,
  identity_id: m.identityId,
  username: context.identities.get(m.identityId)?.username ?? m.identityId,
  role: m.role,
  status: m.status,
  status_reason: m.statusReason,
  invite_email_address: m.inviteEmail,
  updated: iso(m.updated),
  invite_time: m.inviteTime === null ? null : iso(m.inviteTime),
  membership_fields: { ...m.fields }
})

/**
 * A group's policies as the service answers them.
 *
 * @since 0.1.0
 */
export const policiesView = (group: GlobusGroupRecord): GroupPolicies => ({
  ...group.policies,
  signup_fields: [...group.policies.signup_fields]
})

/**
 * The ids of a group's subgroups.
 *
 * @since 0.1.0
 */
export const childIds = (context: ViewContext, group: GlobusGroupRecord): Array<string> =>
  [...context.groups.values()].filter((g) => g.parentId === group.id).map((g) => g.id)

/**
 * What a view of a group includes besides its own fields; `myStatuses` limits `my_memberships`.
 *
 * @since 0.1.0
 * @category models
 */
export interface GroupViewOptions {
  readonly include: ReadonlySet<GroupInclude>
  readonly myStatuses?: ReadonlySet<Status> | undefined
}

/**
 * A group as the caller may see it: `memberships` only when its policy lets the caller see them.
 *
 * @since 0.1.0
 */
export const groupView = (
  context: ViewContext,
  group: GlobusGroupRecord,
  caller: GlobusCaller,
  options: GroupViewOptions
): Group => {
  const { include, myStatuses } = options
  const mine = callerMemberships(group, caller).filter((m) => myStatuses === undefined || myStatuses.has(m.status))
  return {
    name: group.name,
    description: group.description,
    terms_and_conditions: group.termsAndConditions,
    id: group.id,
    group_type: group.groupType,
    enforce_session: group.policies.is_high_assurance,
    session_limit: group.policies.authentication_assurance_timeout,
    session_timeouts: {},
    parent_id: group.parentId,
    subscription_id: group.subscriptionId,
    subscription_info: group.subscriptionInfo,
    subscription_admin_verified_id: group.subscriptionAdminVerifiedId,
    ...(include.has("my_memberships") ? { my_memberships: mine.map((m) => membershipView(context, group, m)) } : {}),
    ...(include.has("memberships") && canSeeMemberships(group, caller)
      ? { memberships: [...group.memberships.values()].map((m) => membershipView(context, group, m)) }
      : {}),
    ...(include.has("policies") ? { policies: policiesView(group) } : {}),
    ...(include.has("allowed_actions") ? { allowed_actions: allowedActions(group, caller) } : {}),
    ...(include.has("child_ids") ? { child_ids: childIds(context, group) } : {})
  }
}
