/**
 * The data of the Globus test server: identities and the tokens that stand for identity sets, groups
 * with their policies and memberships.
 *
 * @since 0.1.0
 */
import type { GroupType, Role, SignupField, Status } from "../../globus/schemas/Enums.js"
import type { MembershipFields } from "../../globus/schemas/Membership.js"
import type { GroupPolicies } from "../../globus/schemas/Policies.js"
import type { SubscriptionInfo } from "../../globus/schemas/Subscription.js"

/**
 * The Groups API's scopes: `all` allows every call, `view_my_groups_and_memberships` only `my groups`.
 *
 * @since 0.1.0
 * @category constants
 */
export const GlobusScopes = {
  all: "urn:globus:auth:scope:groups.api.globus.org:all",
  viewMyGroupsAndMemberships: "urn:globus:auth:scope:groups.api.globus.org:view_my_groups_and_memberships"
} as const

/**
 * A Globus Auth identity the server knows.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusIdentityRecord {
  readonly id: string
  readonly username: string
  /** The identity's preference: when false, admins cannot add it to a group (they can invite it). */
  allowAdd: boolean
}

/**
 * Who is calling: the identity set a token stands for (its first identity is the primary one, which
 * becomes the admin of groups it creates), the token's scopes, and whether its authentication is too
 * old for high-assurance groups.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusCaller {
  readonly identities: ReadonlyArray<string>
  readonly scopes: ReadonlyArray<string>
  readonly staleSession: boolean
}

/**
 * One identity's membership in a group.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusMembershipRecord {
  readonly identityId: string
  role: Role
  status: Status
  statusReason: string | null
  inviteEmail: string | null
  inviteTime: number | null
  updated: number
  fields: MembershipFields
}

/**
 * A group's policies, every one set.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusPoliciesRecord {
  is_high_assurance: boolean
  authentication_assurance_timeout: number | null
  group_visibility: GroupPolicies["group_visibility"]
  group_members_visibility: GroupPolicies["group_members_visibility"]
  join_requests: boolean
  signup_fields: Array<SignupField>
}

/**
 * A group of the test server.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusGroupRecord {
  readonly id: string
  name: string
  description: string | null
  termsAndConditions: string | null
  readonly parentId: string | null
  groupType: GroupType
  policies: GlobusPoliciesRecord
  /** A setting the API does not expose: members may `join` without approval (when `join_requests`
   *  is on and the group is not high assurance). Seed it with `GlobusState.addGroup`. */
  joinWithoutApproval: boolean
  subscriptionId: string | null
  subscriptionInfo: SubscriptionInfo | null
  subscriptionAdminVerifiedId: string | null
  /** By canonical identity id. */
  readonly memberships: Map<string, GlobusMembershipRecord>
}

/**
 * The policies of a new group, as the service documents them: visible to members only, members
 * visible to admins and managers only, no requests to join, not high assurance.
 *
 * @since 0.1.0
 * @category constructors
 */
export const globusDefaultPolicies = (): GlobusPoliciesRecord => ({
  is_high_assurance: false,
  authentication_assurance_timeout: 28800,
  group_visibility: "private",
  group_members_visibility: "managers",
  join_requests: false,
  signup_fields: []
})
