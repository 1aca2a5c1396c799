/**
 * What every SCIM resource carries (RFC 7643 §3.1) and the URNs of the core schemas and messages.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as WireFields from "../../core/WireFields.js"

/**
 * The schema and message URNs the SDK sends and reads.
 *
 * @since 0.1.0
 * @category constants
 */
export const Urn = {
  Group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  User: "urn:ietf:params:scim:schemas:core:2.0:User",
  ListResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  PatchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  Error: "urn:ietf:params:scim:api:messages:2.0:Error"
} as const

/**
 * An optional attribute; servers that send `null` for an absent one are read the same (a
 * `WireFields.optional`: decoded without a transformation by the SDK).
 *
 * @since 0.1.0
 */
export const optional = <S extends Schema.Schema.Any>(schema: S) => WireFields.optional(schema)

/**
 * A resource's metadata (RFC 7643 §3.1).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Meta = Schema.Struct({
  resourceType: optional(Schema.String),
  created: optional(Schema.String),
  lastModified: optional(Schema.String),
  location: optional(Schema.String),
  version: optional(Schema.String)
})

/**
 * A resource's metadata.
 *
 * @since 0.1.0
 * @category models
 */
export interface Meta extends Schema.Schema.Type<typeof Meta> {}

/**
 * The attributes every resource has: `id` (always returned), `externalId`, `meta` and `schemas`.
 *
 * @since 0.1.0
 */
export const CommonFields = {
  schemas: optional(Schema.Array(Schema.String)),
  id: Schema.String,
  externalId: optional(Schema.String),
  meta: optional(Meta)
}
