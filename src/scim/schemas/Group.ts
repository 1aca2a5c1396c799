/**
 * The SCIM Group resource (RFC 7643 §4.2).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CommonFields, optional } from "./Common.js"

/**
 * A member of a group: `value` is the member's id; `type` is `"User"` or `"Group"`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Member = Schema.Struct({
  value: Schema.String,
  display: optional(Schema.String),
  $ref: optional(Schema.String),
  type: optional(Schema.String)
})

/**
 * A member of a group.
 *
 * @since 0.1.0
 * @category models
 */
export interface Member extends Schema.Schema.Type<typeof Member> {}

/**
 * A group as a server returns it. `displayName` is required by RFC 7643 but may be left out of a
 * response when `attributes`/`excludedAttributes` say so, hence optional here; `members` is absent
 * for an empty group on many servers, and whenever `excludedAttributes=members` was asked.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Group = Schema.Struct({
  ...CommonFields,
  displayName: optional(Schema.String),
  members: optional(Schema.Array(Member))
})

/**
 * A group.
 *
 * @since 0.1.0
 * @category models
 */
export interface Group extends Schema.Schema.Type<typeof Group> {}

/**
 * What `ScimGroups.create` and `ScimGroups.replace` send (`schemas` is added by the SDK).
 *
 * @since 0.1.0
 * @category models
 */
export interface GroupInput {
  readonly displayName: string
  readonly externalId?: string | undefined
  /** Members on creation; ODM refuses a non-empty list (add them with a PATCH afterwards). */
  readonly members?: ReadonlyArray<MemberInput> | undefined
}

/**
 * A member to add: its id, and optionally its type, URI and display name.
 *
 * @since 0.1.0
 * @category models
 */
export interface MemberInput {
  readonly value: string
  readonly type?: "User" | "Group" | undefined
  readonly $ref?: string | undefined
  readonly display?: string | undefined
}
