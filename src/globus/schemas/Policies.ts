/**
 * A group's policies: high assurance, who sees the group and its members, join requests and
 * sign-up fields.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { GroupVisibility, MemberVisibility, SignupField } from "./Enums.js"

/**
 * Seconds before a member of a high-assurance group must authenticate again: a number, `null`
 * (no timeout set), or left out. The three stay apart: a decoded value has the key only if the
 * JSON had it, and encoding leaves out a key that is absent (or `undefined`).
 *
 * @since 0.1.0
 */
export const AssuranceTimeout = Schema.optional(Schema.NullOr(Schema.Number))

/**
 * A group's policies as the service answers them (`GET`/`PUT .../policies`, and `policies` in a
 * group). Inside a group the service leaves out `is_high_assurance` and `signup_fields` (globus-sdk's
 * recorded answers show only the two visibilities), so those are optional here.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupPolicies = Schema.Struct({
  is_high_assurance: Schema.optional(Schema.Boolean),
  authentication_assurance_timeout: AssuranceTimeout,
  group_visibility: GroupVisibility,
  group_members_visibility: MemberVisibility,
  join_requests: Schema.optional(Schema.Boolean),
  signup_fields: Schema.optional(Schema.Array(SignupField))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface GroupPolicies extends Schema.Schema.Type<typeof GroupPolicies> {}

/**
 * The policies to set on a group (`PUT .../policies`). As in globus-sdk's `GroupPolicies`, every key
 * is required except `authentication_assurance_timeout`, which is sent only when given (a number, or
 * `null` to clear it).
 *
 * @example
 * import type { GroupPoliciesInput } from "effect-research-sdk/globus"
 *
 * const policies: GroupPoliciesInput = {
 *   is_high_assurance: false,
 *   group_visibility: "private",
 *   group_members_visibility: "managers",
 *   join_requests: true,
 *   signup_fields: ["institution"]
 * }
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupPoliciesInput = Schema.Struct({
  is_high_assurance: Schema.Boolean,
  group_visibility: GroupVisibility,
  group_members_visibility: MemberVisibility,
  join_requests: Schema.Boolean,
  signup_fields: Schema.Array(SignupField),
  authentication_assurance_timeout: AssuranceTimeout
})

/**
 * @since 0.1.0
 * @category models
 */
export interface GroupPoliciesInput extends Schema.Schema.Type<typeof GroupPoliciesInput> {}

/**
 * Any subset of the policies, as the service's write model allows (`policies` of a group to create).
 * A key left out, or `null`, leaves that policy at its default.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupPoliciesWrite = Schema.Struct({
  is_high_assurance: Schema.optional(Schema.NullOr(Schema.Boolean)),
  authentication_assurance_timeout: AssuranceTimeout,
  group_visibility: Schema.optional(Schema.NullOr(GroupVisibility)),
  group_members_visibility: Schema.optional(Schema.NullOr(MemberVisibility)),
  join_requests: Schema.optional(Schema.NullOr(Schema.Boolean)),
  signup_fields: Schema.optional(Schema.NullOr(Schema.Array(SignupField)))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface GroupPoliciesWrite extends Schema.Schema.Type<typeof GroupPoliciesWrite> {}
