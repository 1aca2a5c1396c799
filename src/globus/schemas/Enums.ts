/**
 * The enumerations of the Globus Groups API: roles, membership statuses, group and member visibility,
 * sign-up fields and group types.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A member's role in a group.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Role = Schema.Literal("member", "manager", "admin")

/**
 * @since 0.1.0
 * @category models
 */
export type Role = typeof Role.Type

/**
 * The status of a membership: `active` members belong to the group; `invited` and `pending` wait for
 * the invitee or for an admin; the others are what became of a membership that ended.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Status = Schema.Literal("active", "invited", "pending", "rejected", "removed", "left", "declined")

/**
 * @since 0.1.0
 * @category models
 */
export type Status = typeof Status.Type

/**
 * Who sees a group: any signed-in user (`authenticated`), or only its active, invited and pending
 * members (`private`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupVisibility = Schema.Literal("authenticated", "private")

/**
 * @since 0.1.0
 * @category models
 */
export type GroupVisibility = typeof GroupVisibility.Type

/**
 * Who sees a group's memberships: all its active members, or only its admins and managers.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MemberVisibility = Schema.Literal("members", "managers")

/**
 * @since 0.1.0
 * @category models
 */
export type MemberVisibility = typeof MemberVisibility.Type

/**
 * A field a group asks of those who join it (its policies' `signup_fields`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SignupField = Schema.Literal(
  "institution",
  "current_project_name",
  "address",
  "city",
  "state",
  "country",
  "address1",
  "address2",
  "zip",
  "phone",
  "department",
  "field_of_science"
)

/**
 * @since 0.1.0
 * @category models
 */
export type SignupField = typeof SignupField.Type

/**
 * A regular group, or a Globus Plus group.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupType = Schema.Literal("regular", "plus")

/**
 * @since 0.1.0
 * @category models
 */
export type GroupType = typeof GroupType.Type

/**
 * The statuses `my groups` can ask for.
 *
 * @since 0.1.0
 * @category constants
 */
export const statuses: ReadonlyArray<Status> = Status.literals

/**
 * What `get group` and `children` can be asked to include.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupInclude = Schema.Literal("memberships", "my_memberships", "policies", "allowed_actions", "child_ids")

/**
 * @since 0.1.0
 * @category models
 */
export type GroupInclude = typeof GroupInclude.Type
