/**
 * The metadata service (`/meta/v2`), as records: the 25 operations of AgavePy's `meta`. The records
 * of documents are made for a value schema (`documentRecords(Sample)`): the default table reads any
 * JSON value.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Classifier } from "../../core/Classify.js"
import * as Endpoint from "../../core/Endpoint.js"
import * as Envelope from "../../core/Envelope.js"
import * as Query from "../../core/Query.js"
import * as MetaQuery from "../MetaQuery.js"
import { Json } from "../schemas/Common.js"
import {
  BulkResult,
  JsonSchema,
  metadataDocument,
  MetadataPermission,
  MetadataPermissionRequest,
  metadataRequest,
  MetadataSchema,
  metadataUpdate
} from "../schemas/Meta.js"
import { byUsername, docs, listing, listingErrors, page, reading } from "./Common.js"

const guide = docs("metadata/introduction")
const details = docs("metadata/metadata-listing")
const searching = docs("metadata/metadata-search")
const sharing = docs("metadata/metadata-permissions")
const schemata = docs("metadata/metadata-schema")

const creating = ["Unauthorized", "Forbidden"] as const

const missing = /^No metadata (item|schema)(?: item)? found for user with id (\S{1,512}?)\.?$/i

/**
 * How the metadata service words two errors the platform's rules cannot read: a missing document or
 * schema ("No metadata item found for user with id X", answered 404, and 400 by the permission
 * resources) is `NotFound` naming it; a user without write permission is answered 401 "User does not
 * have permission to update metadata", which is `Forbidden` (the token was fine).
 *
 * @since 0.1.0
 * @category errors
 */
export const metaErrors: Classifier = (response) => {
  const opened = Envelope.agave.open(response.json)
  if (opened._tag !== "Failure") return undefined
  const message = opened.message
  const found = missing.exec(message.trim())
  if (found !== null && (response.status === 404 || response.status === 400)) {
    return {
      tag: "NotFound",
      message,
      resource: found[1]!.toLowerCase() === "schema" ? "metadata schema" : "metadata",
      id: found[2]
    }
  }
  if (response.status === 401 && /does not have permission/i.test(message)) return { tag: "Forbidden", message }
  return undefined
}

const keyOfDocument = (item: { readonly uuid: string }): string => item.uuid

/**
 * The records of documents (list and search, add, get, update, delete, and the bulk operations) for
 * documents whose `value` decodes with `value`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const documentRecords = <V, I>(value: Schema.Schema<V, I, never>) => {
  const document = metadataDocument(value)
  const request = metadataRequest(value)
  const documents = listing(document, { key: keyOfDocument })
  return {
    /** Creates several documents in one request; answered as sent. */
    bulkCreate: Endpoint.make({
      name: "agave.Meta.bulkCreate",
      method: "POST",
      path: "/meta/v2/bulk/create",
      body: Schema.Array(request),
      success: BulkResult,
      errors: creating,
      classifier: metaErrors,
      docs: guide
    }),
    /** Replaces several documents, each named by its `uuid`; answered as sent. */
    bulkUpdate: Endpoint.make({
      name: "agave.Meta.bulkUpdate",
      method: "POST",
      path: "/meta/v2/bulk/update",
      body: Schema.Array(metadataUpdate(value)),
      success: BulkResult,
      errors: reading,
      idempotent: true,
      classifier: metaErrors,
      docs: guide
    }),
    /** Deletes several documents by UUID; answered as sent. */
    bulkDelete: Endpoint.make({
      name: "agave.Meta.bulkDelete",
      method: "POST",
      path: "/meta/v2/bulk/delete",
      body: Schema.Array(Schema.String),
      success: BulkResult,
      errors: reading,
      classifier: metaErrors,
      docs: guide
    }),
    /** The documents the caller may read, matching `q` (a MongoDB query: `MetaQuery`, or JSON text),
     *  newest change first. `privileged: false` makes an administrator see only their own and those
     *  shared with them (the server's default is true). */
    listMetadata: Endpoint.make({
      name: "agave.Meta.listMetadata",
      method: "GET",
      path: "/meta/v2/data",
      query: { q: MetaQuery.param, ...page, privileged: Query.boolean },
      success: documents.success,
      paging: documents.paging,
      errors: listingErrors,
      classifier: metaErrors,
      docs: searching
    }),
    /** A new document (there is no uniqueness: posting the same one twice makes two). */
    addMetadata: Endpoint.make({
      name: "agave.Meta.addMetadata",
      method: "POST",
      path: "/meta/v2/data",
      body: request,
      success: document,
      errors: creating,
      classifier: metaErrors,
      resultAttributes: (created) => ({ "agave.uuid": created.uuid }),
      docs: guide
    }),
    /** A document. */
    getMetadata: Endpoint.make({
      name: "agave.Meta.getMetadata",
      method: "GET",
      path: "/meta/v2/data/{uuid}",
      success: document,
      errors: reading,
      classifier: metaErrors,
      docs: details
    }),
    /** Replaces a document's name, value, associations and schema (uuid, owner and times stay). */
    updateMetadata: Endpoint.make({
      name: "agave.Meta.updateMetadata",
      method: "POST",
      path: "/meta/v2/data/{uuid}",
      body: request,
      success: document,
      errors: reading,
      idempotent: true,
      classifier: metaErrors,
      docs: guide
    }),
    /** Deletes a document and its permissions. */
    deleteMetadata: Endpoint.make({
      name: "agave.Meta.deleteMetadata",
      method: "DELETE",
      path: "/meta/v2/data/{uuid}",
      success: Endpoint.noContent,
      errors: reading,
      idempotentDelete: true,
      classifier: metaErrors,
      docs: guide
    })
  }
}

const schemas = listing(MetadataSchema, { key: keyOfDocument })
const permissions = listing(MetadataPermission, { key: byUsername })

// The permission records of documents (`data`) or schemas (`schemas`), by AgavePy's names.
const permissionRecords = <const Kind extends "data" | "schemas">(kind: Kind) => {
  const base = `/meta/v2/${kind}/{uuid}/pems` as const
  const common = { errors: reading, classifier: metaErrors, docs: sharing }
  return {
    list: Endpoint.make({
      name: kind === "data" ? "agave.Meta.listMetadataPermissions" : "agave.Meta.listSchemaPermissions",
      method: "GET",
      path: base,
      query: page,
      success: permissions.success,
      paging: permissions.paging,
      ...common
    }),
    update: Endpoint.make({
      name: kind === "data" ? "agave.Meta.updateMetadataPermissions" : "agave.Meta.updateSchemaPermissions",
      method: "POST",
      path: base,
      body: MetadataPermissionRequest,
      success: MetadataPermission,
      idempotent: true,
      ...common
    }),
    delete: Endpoint.make({
      name: kind === "data" ? "agave.Meta.deleteMetadataPermission" : "agave.Meta.deleteSchemaPermissions",
      method: "DELETE",
      path: base,
      success: Endpoint.noContent,
      idempotentDelete: true,
      ...common
    }),
    listForUser: Endpoint.make({
      name: kind === "data" ? "agave.Meta.listMetadataPermissionsForUser" : "agave.Meta.listSchemaPermissionsForUser",
      method: "GET",
      path: `${base}/{username}`,
      success: MetadataPermission,
      ...common
    }),
    updateForUser: Endpoint.make({
      name: kind === "data"
        ? "agave.Meta.updateMetadataPermissionsForUser"
        : "agave.Meta.updateSchemaPermissionsForUser",
      method: "POST",
      path: `${base}/{username}`,
      body: MetadataPermissionRequest,
      success: MetadataPermission,
      idempotent: true,
      ...common
    }),
    deleteForUser: Endpoint.make({
      name: kind === "data"
        ? "agave.Meta.deleteMetadataPermissionsForUser"
        : "agave.Meta.deleteSchemaPermissionsForUser",
      method: "DELETE",
      path: `${base}/{username}`,
      success: Endpoint.noContent,
      idempotentDelete: true,
      ...common
    })
  }
}

const data = permissionRecords("data")
const schema = permissionRecords("schemas")

/**
 * The records of metadata schemas and of the permissions on documents and schemas (they do not
 * depend on a document's value).
 *
 * @since 0.1.0
 * @category records
 */
export const SchemaAndPermissionRecords = {
  /** The schemas the caller may read, matching `q` (a MongoDB query over `uuid`, `owner`, `schema.…`). */
  searchSchema: Endpoint.make({
    name: "agave.Meta.searchSchema",
    method: "GET",
    path: "/meta/v2/schemas",
    query: { q: MetaQuery.param, ...page, privileged: Query.boolean },
    success: schemas.success,
    paging: schemas.paging,
    errors: listingErrors,
    classifier: metaErrors,
    docs: schemata
  }),
  /** Stores a JSON Schema (draft 3 or 4), checked by the server. */
  addSchema: Endpoint.make({
    name: "agave.Meta.addSchema",
    method: "POST",
    path: "/meta/v2/schemas",
    body: JsonSchema,
    success: MetadataSchema,
    errors: creating,
    classifier: metaErrors,
    resultAttributes: (created) => ({ "agave.uuid": created.uuid }),
    docs: schemata
  }),
  /** A stored schema. */
  getSchema: Endpoint.make({
    name: "agave.Meta.getSchema",
    method: "GET",
    path: "/meta/v2/schemas/{uuid}",
    success: MetadataSchema,
    errors: reading,
    classifier: metaErrors,
    docs: schemata
  }),
  /** Replaces a stored schema's JSON Schema. */
  updateSchema: Endpoint.make({
    name: "agave.Meta.updateSchema",
    method: "POST",
    path: "/meta/v2/schemas/{uuid}",
    body: JsonSchema,
    success: MetadataSchema,
    errors: reading,
    idempotent: true,
    classifier: metaErrors,
    docs: schemata
  }),
  /** Deletes a stored schema (documents that name it can no longer be updated). */
  deleteSchema: Endpoint.make({
    name: "agave.Meta.deleteSchema",
    method: "DELETE",
    path: "/meta/v2/schemas/{uuid}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    classifier: metaErrors,
    docs: schemata
  }),
  /** Who may read and change a document (its owner first). */
  listMetadataPermissions: data.list,
  /** Grants a user (named in the body) a permission on a document; `NONE` revokes. */
  updateMetadataPermissions: data.update,
  /** Takes every user's permission on a document away (its owner keeps theirs). */
  deleteMetadataPermission: data.delete,
  /** One user's permission on a document. */
  listMetadataPermissionsForUser: data.listForUser,
  /** Grants a user a permission on a document; `NONE` revokes. */
  updateMetadataPermissionsForUser: data.updateForUser,
  /** Takes a user's permission on a document away. */
  deleteMetadataPermissionsForUser: data.deleteForUser,
  /** Who may read and change a schema (its owner first). */
  listSchemaPermissions: schema.list,
  /** Grants a user (named in the body) a permission on a schema; `NONE` revokes. */
  updateSchemaPermissions: schema.update,
  /** Takes every user's permission on a schema away. */
  deleteSchemaPermissions: schema.delete,
  /** One user's permission on a schema. */
  listSchemaPermissionsForUser: schema.listForUser,
  /** Grants a user a permission on a schema; `NONE` revokes. */
  updateSchemaPermissionsForUser: schema.updateForUser,
  /** Takes a user's permission on a schema away. */
  deleteSchemaPermissionsForUser: schema.deleteForUser
}

/**
 * Every operation of the metadata service, by AgavePy's name, with documents of any JSON value.
 *
 * @since 0.1.0
 * @category records
 */
export const MetaRecords = { ...documentRecords(Json), ...SchemaAndPermissionRecords }

/**
 * The records of documents whose value has type `V` (encoded as `I`).
 *
 * @since 0.1.0
 * @category models
 */
export type DocumentRecords<V, I> = ReturnType<typeof documentRecords<V, I>>
