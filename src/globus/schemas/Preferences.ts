/**
 * Per-identity preferences and per-group membership status counts.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An identity's preferences: with `allow_add` false, admins cannot add the identity to a group
 * directly (they can still invite it).
 *
 * @since 0.1.0
 * @category schemas
 */
export const IdentityPreferences = Schema.Struct({
  allow_add: Schema.NullOr(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface IdentityPreferences extends Schema.Schema.Type<typeof IdentityPreferences> {}

/**
 * Preferences by identity id, for the caller's identity set (`GET`/`PUT /v2/preferences`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PreferencesByIdentity = Schema.Record({ key: Schema.String, value: IdentityPreferences })

/**
 * @since 0.1.0
 * @category models
 */
export type PreferencesByIdentity = typeof PreferencesByIdentity.Type

/**
 * How many memberships of a group have each status.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StatusCounts = Schema.Struct({
  active: Schema.Number,
  invited: Schema.Number,
  pending: Schema.Number,
  rejected: Schema.Number,
  removed: Schema.Number,
  left: Schema.Number,
  declined: Schema.Number
})

/**
 * @since 0.1.0
 * @category models
 */
export interface StatusCounts extends Schema.Schema.Type<typeof StatusCounts> {}

/**
 * Status counts by group id, for the groups the caller administers or manages
 * (`GET /v2/groups/statuses`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const StatusCountsByGroup = Schema.Record({ key: Schema.String, value: StatusCounts })

/**
 * @since 0.1.0
 * @category models
 */
export type StatusCountsByGroup = typeof StatusCountsByGroup.Type
