/**
 * Groups: what the service answers for a group, and what creating or updating one takes.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { GroupType } from "./Enums.js"
import { Membership, OptionalText } from "./Membership.js"
import { GroupPolicies, GroupPoliciesWrite } from "./Policies.js"
import { SubscriptionInfo } from "./Subscription.js"

const Ids = Schema.Array(Schema.String)

/**
 * Which of the caller's identities may, in principle, perform each membership action on a group
 * (`include=allowed_actions`). An action none of them may perform fails a whole batch.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AllowedActions = Schema.Struct({
  add: Ids,
  change_role: Ids,
  invite: Ids,
  remove: Ids,
  join: Ids,
  request_join: Ids,
  approve: Ids,
  reject: Ids,
  accept: Ids,
  leave: Ids,
  decline: Ids
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AllowedActions extends Schema.Schema.Type<typeof AllowedActions> {}

/**
 * When an identity's authentication falls out of a group's session limit.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TimeoutData = Schema.Struct({
  expire_time: Schema.String,
  expires_in: Schema.Number
})

/**
 * @since 0.1.0
 * @category models
 */
export interface TimeoutData extends Schema.Schema.Type<typeof TimeoutData> {}

/**
 * A group. `memberships`, `my_memberships`, `policies`, `allowed_actions` and `child_ids` are
 * present when asked for with `include` (`my groups` includes `my_memberships` by default).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Group = Schema.Struct({
  description: OptionalText,
  terms_and_conditions: OptionalText,
  name: Schema.String,
  id: Schema.String,
  group_type: GroupType,
  child_ids: Schema.optional(Schema.NullOr(Ids)),
  enforce_session: Schema.Boolean,
  session_limit: Schema.optional(Schema.NullOr(Schema.Number)),
  session_timeouts: Schema.Record({ key: Schema.String, value: TimeoutData }),
  my_memberships: Schema.optional(Schema.NullOr(Schema.Array(Membership))),
  memberships: Schema.optional(Schema.NullOr(Schema.Array(Membership))),
  allowed_actions: Schema.optional(Schema.NullOr(AllowedActions)),
  subscription_id: OptionalText,
  subscription_info: Schema.optional(Schema.NullOr(SubscriptionInfo)),
  policies: Schema.optional(GroupPolicies),
  parent_id: Schema.NullOr(Schema.String),
  subscription_admin_verified_id: OptionalText
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Group extends Schema.Schema.Type<typeof Group> {}

/**
 * A group's subgroups (`GET /v2/groups/{group_id}/children`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupChildren = Schema.Struct({
  children: Schema.Array(Group)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface GroupChildren extends Schema.Schema.Type<typeof GroupChildren> {}

/**
 * A group to create (`POST /v2/groups`). With `parent_id` the group is a subgroup; the caller must be
 * an admin of the parent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupCreateInput = Schema.Struct({
  name: Schema.String,
  description: OptionalText,
  terms_and_conditions: OptionalText,
  parent_id: OptionalText,
  policies: Schema.optional(GroupPoliciesWrite)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface GroupCreateInput extends Schema.Schema.Type<typeof GroupCreateInput> {}

/**
 * Changes to a group (`PUT /v2/groups/{group_id}`): keys left out are not changed.
 * `subscription_admin_verified_id` can only be cleared (`null`) here.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupUpdateInput = Schema.Struct({
  name: OptionalText,
  description: OptionalText,
  terms_and_conditions: OptionalText,
  subscription_admin_verified_id: OptionalText
})

/**
 * @since 0.1.0
 * @category models
 */
export interface GroupUpdateInput extends Schema.Schema.Type<typeof GroupUpdateInput> {}
