/**
 * Memberships: who belongs to a group, with which role and status, and the sign-up fields they gave.
 *
 * Field names are the service's own (snake_case), so that a decoded value is the JSON the service
 * sent and the schemas can be checked against the service's contract at compile time.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Role, Status } from "./Enums.js"

/**
 * An optional string the service may send as `null`.
 *
 * @since 0.1.0
 */
export const OptionalText = Schema.optional(Schema.NullOr(Schema.String))

/**
 * The sign-up fields of one identity in one group (`GET`/`PUT .../membership_fields`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MembershipFields = Schema.Struct({
  first_name: OptionalText,
  last_name: OptionalText,
  organization: OptionalText,
  institution: OptionalText,
  current_project_name: OptionalText,
  address: OptionalText,
  city: OptionalText,
  state: OptionalText,
  country: OptionalText,
  address1: OptionalText,
  address2: OptionalText,
  zip: OptionalText,
  phone: OptionalText,
  department: OptionalText,
  field_of_science: OptionalText
})

/**
 * @since 0.1.0
 * @category models
 */
export interface MembershipFields extends Schema.Schema.Type<typeof MembershipFields> {}

/**
 * Membership fields by identity id, as `GET`/`PUT .../membership_fields` answer and take them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MembershipFieldsByIdentity = Schema.Record({ key: Schema.String, value: MembershipFields })

/**
 * @since 0.1.0
 * @category models
 */
export type MembershipFieldsByIdentity = typeof MembershipFieldsByIdentity.Type

/**
 * One identity's membership in a group. `membership_fields` is left out by the service when empty
 * (its contract's default is `{}`); `source_group_id` names the subgroup a membership is implied by.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Membership = Schema.Struct({
  group_id: Schema.String,
  source_group_id: Schema.optional(Schema.String),
  identity_id: Schema.String,
  username: Schema.String,
  role: Role,
  status: Status,
  status_reason: OptionalText,
  invite_email_address: OptionalText,
  updated: OptionalText,
  invite_time: OptionalText,
  membership_fields: Schema.optional(Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.Unknown })))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Membership extends Schema.Schema.Type<typeof Membership> {}

/**
 * Why one identity's part of a batch membership action failed: the service's machine-readable
 * `code` (e.g. `ALREADY_ACTIVE`, `NO_MEMBERSHIP`) and a `detail` for people.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MembershipError = Schema.Struct({
  identity_id: Schema.String,
  code: Schema.String,
  detail: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface MembershipError extends Schema.Schema.Type<typeof MembershipError> {}
