/**
 * globus-sdk's `GroupsManager`, typed: group creation with a parent, policies with every key sent,
 * and one call per membership action for one identity, answering that identity's membership — or
 * its failure as `MembershipActionFailed` (the service's `code` and `detail`), so that an
 * all-or-nothing program can `catchTag` it.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Endpoint from "../core/Endpoint.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import type { InviteOptions, ReasonOptions, RoleOptions } from "./BatchActions.js"
import { BatchActions } from "./BatchActions.js"
import { membershipOf } from "./BatchOutcome.js"
import { GlobusConnection } from "./GlobusConnection.js"
import type { BatchError, GroupsService } from "./Groups.js"
import { groupsFromConnection } from "./Groups.js"
import type { GroupsEndpoints } from "./GroupsEndpoints.js"
import type { MembershipActionFailed } from "./MembershipActionFailed.js"
import type { BatchAction } from "./schemas/Batch.js"
import type { GroupVisibility, MemberVisibility, Role, SignupField } from "./schemas/Enums.js"
import type { Group } from "./schemas/Group.js"
import type { Membership } from "./schemas/Membership.js"
import type { GroupPolicies } from "./schemas/Policies.js"

/**
 * What a one-identity call fails with: the batch's errors, or the identity's own failure.
 *
 * @since 0.1.0
 * @category models
 */
export type MemberError = BatchError | MembershipActionFailed

/**
 * A one-identity membership call.
 *
 * @since 0.1.0
 * @category models
 */
export type MemberCall<Options = ReasonOptions> = (
  groupId: string,
  identityId: string,
  options?: Options
) => Effect.Effect<Membership, MemberError>

/**
 * The policies `setGroupPolicies` sends, in globus-sdk's terms: every key is sent, a missing
 * `authenticationAssuranceTimeout` as `null`, missing `joinRequests` as `false` and missing
 * `signupFields` as `[]`.
 *
 * @since 0.1.0
 * @category models
 */
export interface PoliciesOptions {
  readonly isHighAssurance: boolean
  readonly groupVisibility: GroupVisibility
  readonly groupMembersVisibility: MemberVisibility
  readonly joinRequests?: boolean | undefined
  readonly signupFields?: ReadonlyArray<SignupField> | undefined
  readonly authenticationAssuranceTimeout?: number | undefined
}

/**
 * What the manager offers.
 *
 * @since 0.1.0
 * @category models
 */
export interface GroupsManagerService {
  /** Creates a group; `parent_id` is always sent (`null` without a parent), as globus-sdk does. */
  readonly createGroup: (
    name: string,
    description: string,
    parentId?: string
  ) => Effect.Effect<Group, Endpoint.Error<typeof GroupsEndpoints.createGroup>>
  /** Replaces a group's policies. */
  readonly setGroupPolicies: (
    groupId: string,
    policies: PoliciesOptions
  ) => Effect.Effect<GroupPolicies, Endpoint.Error<typeof GroupsEndpoints.setGroupPolicies>>
  /** Accepts an invitation for an identity of the caller's. */
  readonly acceptInvite: MemberCall
  /** Adds an identity as an active member (`member` unless `role` says otherwise). */
  readonly addMember: MemberCall<RoleOptions>
  /** Approves a pending request to join. */
  readonly approvePending: MemberCall
  /** Changes an active member's role. */
  readonly changeRole: (groupId: string, identityId: string, role: Role) => Effect.Effect<Membership, MemberError>
  /** Declines an invitation for an identity of the caller's. */
  readonly declineInvite: MemberCall
  /** Invites an identity (`member` unless `role` says otherwise), optionally at an e-mail address. */
  readonly inviteMember: MemberCall<InviteOptions>
  /** Joins a group that allows it, as an identity of the caller's. */
  readonly join: (groupId: string, identityId: string) => Effect.Effect<Membership, MemberError>
  /** Leaves a group, as an identity of the caller's. */
  readonly leave: MemberCall
  /** Rejects a pending request to join. */
  readonly rejectJoinRequest: MemberCall
  /** Removes a member. */
  readonly removeMember: MemberCall
  /** Asks to join, as an identity of the caller's (pending until approved). */
  readonly requestJoin: (groupId: string, identityId: string) => Effect.Effect<Membership, MemberError>
}

/**
 * The manager on a Groups service.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromGroups = (groups: GroupsService): GroupsManagerService => {
  const one = (groupId: string, action: BatchAction, identityId: string, actions: BatchActions) =>
    Effect.flatMap(groups.batch(groupId, actions), (outcome) => membershipOf(outcome, action, identityId, groupId))
  const empty = BatchActions.empty
  return {
    createGroup: (name, description, parentId) =>
      groups.createGroup({ body: { name, description, parent_id: parentId ?? null } }),
    setGroupPolicies: (groupId, policies) =>
      groups.setGroupPolicies({
        groupId,
        body: {
          is_high_assurance: policies.isHighAssurance,
          group_visibility: policies.groupVisibility,
          group_members_visibility: policies.groupMembersVisibility,
          join_requests: policies.joinRequests ?? false,
          signup_fields: policies.signupFields ?? [],
          authentication_assurance_timeout: policies.authenticationAssuranceTimeout ?? null
        }
      }),
    acceptInvite: (g, id, o) => one(g, "accept", id, empty.accept(id, o)),
    addMember: (g, id, o) => one(g, "add", id, empty.add(id, { role: "member", ...o })),
    approvePending: (g, id, o) => one(g, "approve", id, empty.approve(id, o)),
    changeRole: (g, id, role) => one(g, "change_role", id, empty.changeRole(role, id)),
    declineInvite: (g, id, o) => one(g, "decline", id, empty.decline(id, o)),
    inviteMember: (g, id, o) => one(g, "invite", id, empty.invite(id, { role: "member", ...o })),
    join: (g, id) => one(g, "join", id, empty.join(id)),
    leave: (g, id, o) => one(g, "leave", id, empty.leave(id, o)),
    rejectJoinRequest: (g, id, o) => one(g, "reject", id, empty.reject(id, o)),
    removeMember: (g, id, o) => one(g, "remove", id, empty.remove(id, o)),
    requestJoin: (g, id) => one(g, "request_join", id, empty.requestJoin(id))
  }
}

/**
 * The manager, as a service.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { GroupsManager } from "effect-research-sdk/globus"
 * const program = Effect.gen(function*() {
 *   const manager = yield* GroupsManager
 *   const group = yield* manager.createGroup("Lab", "Our lab")
 *   return yield* manager.inviteMember(group.id, "ae332d86-d274-11e5-b885-b31714a110e9")
 * })
 * ```
 */
export class GroupsManager extends Context.Tag("effect-research-sdk/globus/GroupsManager")<
  GroupsManager,
  GroupsManagerService
>() {
  /** @since 0.1.0 */
  static readonly make = Effect.map(GlobusConnection, (connection) => fromGroups(groupsFromConnection(connection)))
  static readonly #layers = serviceLayers(GroupsManager, GroupsManager.make, GlobusConnection)
  /** On the `GlobusConnection` in context. @since 0.1.0 */
  static readonly Default = GroupsManager.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = GroupsManager.#layers.layer
  /** With its own connection, configured from `GLOBUS_TOKEN` and `GLOBUS_GROUPS_URL`. @since 0.1.0 */
  static readonly layerConfig = GroupsManager.#layers.layerConfig
}
