/**
 * The SCIM User resource (RFC 7643 §4.1): the attributes the SDK models; others are ignored.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CommonFields, optional } from "./Common.js"

/**
 * A user's name parts.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Name = Schema.Struct({
  formatted: optional(Schema.String),
  familyName: optional(Schema.String),
  givenName: optional(Schema.String),
  middleName: optional(Schema.String),
  honorificPrefix: optional(Schema.String),
  honorificSuffix: optional(Schema.String)
})

/**
 * An e-mail address, or any other multi-valued `{value, type, primary}` attribute.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Email = Schema.Struct({
  value: optional(Schema.String),
  type: optional(Schema.String),
  primary: optional(Schema.Boolean),
  display: optional(Schema.String)
})

/**
 * A group the user belongs to (read-only on the user; change it through the group).
 *
 * @since 0.1.0
 * @category schemas
 */
export const UserGroup = Schema.Struct({
  value: Schema.String,
  display: optional(Schema.String),
  $ref: optional(Schema.String),
  type: optional(Schema.String)
})

/**
 * A user as a server returns it. `userName` is required by RFC 7643 but not by ODM's schema, and
 * can be left out with `attributes`, hence optional.
 *
 * @since 0.1.0
 * @category schemas
 */
export const User = Schema.Struct({
  ...CommonFields,
  userName: optional(Schema.String),
  name: optional(Name),
  displayName: optional(Schema.String),
  active: optional(Schema.Boolean),
  emails: optional(Schema.Array(Email)),
  groups: optional(Schema.Array(UserGroup))
})

/**
 * A user.
 *
 * @since 0.1.0
 * @category models
 */
export interface User extends Schema.Schema.Type<typeof User> {}

/**
 * What `ScimUsers.create` and `ScimUsers.replace` send (`schemas` is added by the SDK).
 * `attributes` carries anything else (extension schemas' attributes, by their full URN key).
 *
 * @since 0.1.0
 * @category models
 */
export interface UserInput {
  readonly userName: string
  readonly displayName?: string | undefined
  readonly name?: Schema.Schema.Encoded<typeof Name> | undefined
  readonly emails?: ReadonlyArray<Schema.Schema.Encoded<typeof Email>> | undefined
  readonly active?: boolean | undefined
  readonly externalId?: string | undefined
  readonly attributes?: Readonly<Record<string, unknown>> | undefined
}
