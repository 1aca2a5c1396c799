/**
 * Metadata: JSON documents (`name`, `value`, `associationIds`, an optional `schemaId`), the JSON
 * Schemas that validate them, and who may read and change either. A document's `value` is any JSON on
 * the real service (AgavePy's 1.2 model says string): the document schemas here take the schema of
 * `value` as a parameter, and default to unknown JSON.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Json, Links, opt } from "./Common.js"

/**
 * A metadata document whose `value` has type `V` (the server's fields around it: `uuid`, `owner`,
 * `created`, …).
 *
 * @since 0.1.0
 * @category models
 */
export interface MetadataDocument<V = unknown> {
  readonly uuid: string
  readonly name: string
  readonly value: V
  readonly owner?: string | null | undefined
  readonly schemaId?: string | null | undefined
  readonly internalUsername?: string | null | undefined
  readonly associationIds?: ReadonlyArray<string> | null | undefined
  readonly created?: string | null | undefined
  readonly lastUpdated?: string | null | undefined
  readonly _links?: { readonly [rel: string]: unknown } | null | undefined
}

const documentFields = {
  uuid: Schema.String,
  name: Schema.String,
  owner: opt(Schema.String),
  schemaId: opt(Schema.String),
  internalUsername: opt(Schema.String),
  associationIds: opt(Schema.Array(Schema.String)),
  created: opt(Schema.String),
  lastUpdated: opt(Schema.String),
  _links: opt(Links)
}

/**
 * The schema of a metadata document whose `value` decodes with `value` (a document whose value does
 * not fit is a decode failure, never a cast).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { metadataDocument } from "effect-research-sdk/agave"
 * const Sample = Schema.Struct({ species: Schema.String, reads: Schema.Number })
 * const SampleDocument = metadataDocument(Sample)
 * // Schema<MetadataDocument<{ species: string; reads: number }>, …>
 * ```
 */
export const metadataDocument = <V, I>(
  value: Schema.Schema<V, I, never>
): Schema.Schema<MetadataDocument<V>, MetadataDocument<I>> => Schema.Struct({ ...documentFields, value })

/**
 * A metadata document with any JSON value.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Metadata: Schema.Schema<MetadataDocument, MetadataDocument> = metadataDocument(Json)

/**
 * @since 0.1.0
 * @category models
 */
export type Metadata = MetadataDocument

/**
 * A notification sent when a document changes (`event`: `UPDATED`, `DELETED`, `*`, …), to a URL or an
 * email address.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MetadataNotificationRequest = Schema.Struct({
  url: Schema.String,
  event: Schema.String,
  persistent: Schema.optional(Schema.Boolean)
})

/**
 * A new document, or the whole of a changed one (`updateMetadata` replaces the name, value,
 * associations and schema): `V` is the value's type.
 *
 * @since 0.1.0
 * @category models
 */
export interface MetadataRequest<V = unknown> {
  readonly name: string
  readonly value: V
  readonly associationIds?: ReadonlyArray<string> | undefined
  /** The UUID of the metadata schema the value must satisfy. */
  readonly schemaId?: string | undefined
  /** Notifications to subscribe to on the new document. */
  readonly notifications?: ReadonlyArray<typeof MetadataNotificationRequest.Type> | undefined
}

const requestFields = {
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(256)),
  associationIds: Schema.optional(Schema.Array(Schema.String)),
  schemaId: Schema.optional(Schema.String),
  notifications: Schema.optional(Schema.Array(MetadataNotificationRequest))
}

/**
 * The schema of a document request whose `value` encodes with `value`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const metadataRequest = <V, I>(
  value: Schema.Schema<V, I, never>
): Schema.Schema<MetadataRequest<V>, MetadataRequest<I>> => Schema.Struct({ ...requestFields, value })

/**
 * A document request with any JSON value.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MetadataRequest: Schema.Schema<MetadataRequest, MetadataRequest> = metadataRequest(Json)

/**
 * One document of a bulk update: its `uuid` and its new content.
 *
 * @since 0.1.0
 * @category models
 */
export interface MetadataUpdate<V = unknown> extends MetadataRequest<V> {
  readonly uuid: string
}

/**
 * The schema of a bulk update's document whose `value` encodes with `value`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const metadataUpdate = <V, I>(
  value: Schema.Schema<V, I, never>
): Schema.Schema<MetadataUpdate<V>, MetadataUpdate<I>> =>
  Schema.Struct({ ...requestFields, value, uuid: Schema.String })

/**
 * The permission levels on a document or a schema (metadata permissions guide): `WRITE` alone lets a
 * user change but not read; `NONE` revokes.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MetadataPermissionLevel = Schema.Literal("READ", "WRITE", "READ_WRITE", "ALL", "NONE")

/**
 * @since 0.1.0
 * @category models
 */
export type MetadataPermissionLevel = typeof MetadataPermissionLevel.Type

/**
 * A request to grant a permission: the user is in the path or in the body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MetadataPermissionRequest = Schema.Struct({
  username: Schema.optional(Schema.String),
  permission: MetadataPermissionLevel
})

/**
 * @since 0.1.0
 * @category models
 */
export interface MetadataPermissionRequest extends Schema.Schema.Type<typeof MetadataPermissionRequest> {}

/**
 * One user's permission on a document or a schema: read and write flags (metadata has no execute).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MetadataPermission = Schema.Struct({
  username: Schema.String,
  permission: opt(Schema.Struct({ read: opt(Schema.Boolean), write: opt(Schema.Boolean) })),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface MetadataPermission extends Schema.Schema.Type<typeof MetadataPermission> {}

/**
 * A JSON Schema (draft 3 or 4, as the service reads them): any JSON object.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JsonSchema = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * @since 0.1.0
 * @category models
 */
export type JsonSchema = typeof JsonSchema.Type

/**
 * A stored metadata schema: the JSON Schema itself under `schema` (an object on the real service; the
 * 1.2 model says string), with its owner and times.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MetadataSchema = Schema.Struct({
  uuid: Schema.String,
  schema: Json,
  owner: opt(Schema.String),
  internalUsername: opt(Schema.String),
  created: opt(Schema.String),
  lastUpdated: opt(Schema.String),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface MetadataSchema extends Schema.Schema.Type<typeof MetadataSchema> {}

/**
 * What a bulk operation answers: AgavePy's description says a string and no more; it is kept as sent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BulkResult: Schema.Schema<unknown> = Json
