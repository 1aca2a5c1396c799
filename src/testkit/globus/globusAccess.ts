/**
 * The Globus Groups rules of who may see and do what: group and membership visibility, roles, the
 * last admin, and the membership actions each of the caller's identities may perform.
 *
 * @since 0.1.0
 */
import type { Role } from "../../globus/schemas/Enums.js"
import type { AllowedActions } from "../../globus/schemas/Group.js"
import type { GlobusCaller, GlobusGroupRecord, GlobusMembershipRecord } from "./globusModel.js"

const rank: Record<Role, number> = { member: 0, manager: 1, admin: 2 }

/**
 * The memberships of the caller's identities in a group.
 *
 * @since 0.1.0
 */
export const callerMemberships = (group: GlobusGroupRecord, caller: GlobusCaller): Array<GlobusMembershipRecord> =>
  caller.identities.flatMap((id) => {
    const membership = group.memberships.get(id)
    return membership === undefined ? [] : [membership]
  })

/**
 * The caller's highest role among its active memberships; `undefined` when it has none.
 *
 * @since 0.1.0
 */
export const activeRole = (group: GlobusGroupRecord, caller: GlobusCaller): Role | undefined => {
  let best: Role | undefined
  for (const membership of callerMemberships(group, caller)) {
    if (membership.status !== "active") continue
    if (best === undefined || rank[membership.role] > rank[best]) best = membership.role
  }
  return best
}

/**
 * Whether the caller is an active admin, or an active admin or manager.
 *
 * @since 0.1.0
 */
export const isAdmin = (group: GlobusGroupRecord, caller: GlobusCaller): boolean =>
  activeRole(group, caller) === "admin"

/**
 * @since 0.1.0
 */
export const isManager = (group: GlobusGroupRecord, caller: GlobusCaller): boolean => {
  const role = activeRole(group, caller)
  return role === "admin" || role === "manager"
}

/**
 * Whether the caller sees a group: any caller sees an `authenticated` group; a `private` one only
 * its active, invited and pending members.
 *
 * @since 0.1.0
 */
export const canSee = (group: GlobusGroupRecord, caller: GlobusCaller): boolean =>
  group.policies.group_visibility === "authenticated" ||
  callerMemberships(group, caller).some((m) =>
    m.status === "active" || m.status === "invited" || m.status === "pending"
  )

/**
 * Whether the caller sees a group's memberships: active members do when the policy is `members`,
 * active admins and managers always.
 *
 * @since 0.1.0
 */
export const canSeeMemberships = (group: GlobusGroupRecord, caller: GlobusCaller): boolean => {
  const role = activeRole(group, caller)
  if (role === undefined) return false
  return group.policies.group_members_visibility === "members" || role !== "member"
}

/**
 * Whether this identity is the group's only active admin.
 *
 * @since 0.1.0
 */
export const isLastAdmin = (group: GlobusGroupRecord, identityId: string): boolean => {
  const membership = group.memberships.get(identityId)
  if (membership === undefined || membership.status !== "active" || membership.role !== "admin") return false
  for (const other of group.memberships.values()) {
    if (other !== membership && other.status === "active" && other.role === "admin") return false
  }
  return true
}

/**
 * Whether identities may join directly: join requests on, approval not required (a test-server
 * setting), and never for a high-assurance group.
 *
 * @since 0.1.0
 */
export const joinOpen = (group: GlobusGroupRecord): boolean =>
  group.policies.join_requests && group.joinWithoutApproval && !group.policies.is_high_assurance

/**
 * Whether an identity may join or ask to join by itself: with no membership, or one it ended itself
 * (left, declined) or that an admin turned down (rejected). Removed identities may not.
 *
 * @since 0.1.0
 */
export const mayRejoin = (membership: GlobusMembershipRecord | undefined): boolean =>
  membership === undefined || membership.status === "left" || membership.status === "declined" ||
  membership.status === "rejected"

/**
 * Which of the caller's identities may perform each membership action.
 *
 * @since 0.1.0
 */
export const allowedActions = (group: GlobusGroupRecord, caller: GlobusCaller): AllowedActions => {
  const byStatus = (test: (m: GlobusMembershipRecord | undefined, id: string) => boolean) =>
    caller.identities.filter((id) => test(group.memberships.get(id), id))
  const withRole = (roles: ReadonlyArray<Role>) =>
    byStatus((m) => m !== undefined && m.status === "active" && roles.includes(m.role))
  const managers = withRole(["admin", "manager"])
  return {
    add: managers,
    invite: managers,
    approve: managers,
    reject: managers,
    remove: managers,
    change_role: withRole(["admin"]),
    join: joinOpen(group) ? byStatus(mayRejoin) : [],
    request_join: group.policies.join_requests ? byStatus(mayRejoin) : [],
    accept: byStatus((m) => m?.status === "invited"),
    decline: byStatus((m) => m?.status === "invited"),
    leave: byStatus((m, id) => m?.status === "active" && !isLastAdmin(group, id))
  }
}
