/**
 * The batch membership action (`POST /v2/groups/{group_id}`): what it takes and what it answers.
 * Build requests with {@link BatchActions}; read answers with `BatchOutcome`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Role } from "./Enums.js"
import { Membership, MembershipError, OptionalText } from "./Membership.js"

/**
 * The eleven membership actions, by their wire names.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BatchAction = Schema.Literal(
  "accept",
  "add",
  "change_role",
  "decline",
  "invite",
  "join",
  "leave",
  "remove",
  "request_join",
  "approve",
  "reject"
)

/**
 * @since 0.1.0
 * @category models
 */
export type BatchAction = typeof BatchAction.Type

/**
 * An action on one identity, with the reason recorded on its membership.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StatusAction = Schema.Struct({
  identity_id: Schema.String,
  status_reason: OptionalText
})

/**
 * Adding one identity, with its role (the service's default is `member`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const AddAction = Schema.Struct({
  identity_id: Schema.String,
  role: Schema.optional(Schema.NullOr(Role)),
  status_reason: OptionalText
})

/**
 * Inviting one identity, with its role and an e-mail address to send the invitation to.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InviteAction = Schema.Struct({
  identity_id: Schema.String,
  role: Schema.optional(Schema.NullOr(Role)),
  status_reason: OptionalText,
  invite_email_address: OptionalText
})

/**
 * Giving one identity a new role.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ChangeRoleAction = Schema.Struct({
  identity_id: Schema.String,
  role: Role
})

/**
 * An action by one of the caller's own identities (join, request to join).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SelfAction = Schema.Struct({
  identity_id: Schema.String
})

/**
 * A batch membership action request: per action, the identities it applies to. An identity may
 * appear only once in the whole request.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BatchRequest = Schema.Struct({
  accept: Schema.optional(Schema.Array(StatusAction)),
  add: Schema.optional(Schema.Array(AddAction)),
  change_role: Schema.optional(Schema.Array(ChangeRoleAction)),
  decline: Schema.optional(Schema.Array(StatusAction)),
  invite: Schema.optional(Schema.Array(InviteAction)),
  leave: Schema.optional(Schema.Array(StatusAction)),
  join: Schema.optional(Schema.Array(SelfAction)),
  remove: Schema.optional(Schema.Array(StatusAction)),
  request_join: Schema.optional(Schema.Array(SelfAction)),
  approve: Schema.optional(Schema.Array(StatusAction)),
  reject: Schema.optional(Schema.Array(StatusAction))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface BatchRequest extends Schema.Schema.Type<typeof BatchRequest> {}

const Failures = Schema.optional(Schema.NullOr(Schema.Array(MembershipError)))

/**
 * The identities whose part of a batch failed, by action.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BatchErrors = Schema.Struct({
  accept: Failures,
  add: Failures,
  change_role: Failures,
  decline: Failures,
  invite: Failures,
  join: Failures,
  leave: Failures,
  remove: Failures,
  request_join: Failures,
  approve: Failures,
  reject: Failures
})

/**
 * @since 0.1.0
 * @category models
 */
export interface BatchErrors extends Schema.Schema.Type<typeof BatchErrors> {}

const Processed = Schema.optional(Schema.NullOr(Schema.Array(Membership)))

/**
 * A batch's answer, inside a 200 even when parts failed: per action the memberships as they now are,
 * and under `errors` the identities that failed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BatchResponse = Schema.Struct({
  accept: Processed,
  add: Processed,
  change_role: Processed,
  decline: Processed,
  invite: Processed,
  join: Processed,
  leave: Processed,
  remove: Processed,
  request_join: Processed,
  approve: Processed,
  reject: Processed,
  errors: Schema.optional(Schema.NullOr(BatchErrors))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface BatchResponse extends Schema.Schema.Type<typeof BatchResponse> {}
