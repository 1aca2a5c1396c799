/**
 * The Prism table's entries of the metadata (25) and notifications (5) modules: one call of each
 * operation through `AgaveMeta` and `AgaveNotifications`, with a sample input and what Prism's answer
 * must decode to (see `agavePrismCalls`). Values and schemas are sent as the JSON they are; where the
 * description wants them as strings, `agavePrismCorrections` says so.
 */
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgaveMeta } from "../../src/agave/Meta.js"
import * as MetaQuery from "../../src/agave/MetaQuery.js"
import { AgaveNotifications } from "../../src/agave/Notifications.js"
import type { Metadata, MetadataPermission, MetadataSchema, Notification } from "../../src/agave/schemas/index.js"
import type { Calls } from "./agavePrismChecks.js"
import { all, done, expect, fails, one } from "./agavePrismChecks.js"

// Prism's documents: every string "string", the times its example's; the value is whatever JSON came.
const document = (d: Metadata) => {
  assert.deepInclude(d, { uuid: "string", name: "string", owner: "string", value: "string" })
  assert.deepStrictEqual(d.associationIds, ["string"])
  assert.strictEqual(d.created, "2019-08-24T14:15:22Z")
}
const schema = (s: MetadataSchema) => assert.deepInclude(s, { uuid: "string", owner: "string", schema: "string" })
const permission = (p: MetadataPermission) => assert.deepStrictEqual(p.permission, { read: true, write: true })
// The description's notification has a uuid and no event: read as the SDK's id, event left out.
const notification = (n: Notification) => {
  assert.deepInclude(n, { id: "string", url: "string", associatedUuid: "string", persistent: true, success: true })
  assert.isUndefined(n.event)
}

const uuid = "4916599711286324760-242ac113-0001-012"
const schemaId = "4736020169528054246-242ac11f-0001-013"
const username = "rclemens"
const sample = { species: "A. thaliana", reads: 5000, tags: ["rna"] }
const sampleSchema = {
  title: "Sample",
  type: "object",
  properties: { species: { type: "string" }, reads: { type: "integer", minimum: 0 } },
  required: ["species", "reads"]
}
const meta = AgaveMeta
const notifications = AgaveNotifications

/** Metadata and notifications. */
export const agavePrismMetaCalls: Calls<"meta" | "notifications"> = {
  meta: {
    // The bulk answers are kept as sent (see the deviations): Prism's string.
    bulkCreate: expect(
      Effect.flatMap(meta, (m) => m.bulkCreate({ body: [{ name: "sample", value: sample }] })),
      (answer) => assert.strictEqual(answer, "string")
    ),
    bulkUpdate: expect(
      Effect.flatMap(
        meta,
        (m) => m.bulkUpdate({ body: [{ uuid, name: "sample", value: { ...sample, reads: 7000 } }] })
      ),
      (answer) => assert.strictEqual(answer, "string")
    ),
    bulkDelete: expect(
      Effect.flatMap(meta, (m) => m.bulkDelete({ body: [uuid, schemaId] })),
      (answer) => assert.strictEqual(answer, "string")
    ),
    listMetadata: expect(
      Effect.flatMap(meta, (m) => {
        const Q = MetaQuery.make<typeof sample>()
        return all(m.listMetadata({ q: Q.and(Q.eq("name", "sample"), Q.gte("value.reads", 1000)), privileged: false }))
      }),
      one(document)
    ),
    addMetadata: expect(
      Effect.flatMap(meta, (m) => m.addMetadata({ body: { name: "sample", value: sample, schemaId } })),
      document
    ),
    getMetadata: expect(Effect.flatMap(meta, (m) => m.getMetadata({ uuid })), document),
    updateMetadata: expect(
      Effect.flatMap(meta, (m) => m.updateMetadata({ uuid, body: { name: "sample", value: { ...sample, reads: 1 } } })),
      document
    ),
    deleteMetadata: done(Effect.flatMap(meta, (m) => m.deleteMetadata({ uuid }))),
    searchSchema: fails(
      "InvalidRequest",
      400,
      Effect.flatMap(meta, (m) => all(m.searchSchema({ q: MetaQuery.schemas().eq("schema.title", "Sample") })))
    ),
    addSchema: expect(Effect.flatMap(meta, (m) => m.addSchema({ body: sampleSchema })), schema),
    getSchema: expect(Effect.flatMap(meta, (m) => m.getSchema({ uuid: schemaId })), schema),
    updateSchema: expect(
      Effect.flatMap(meta, (m) => m.updateSchema({ uuid: schemaId, body: { ...sampleSchema, title: "Sample v2" } })),
      schema
    ),
    deleteSchema: done(Effect.flatMap(meta, (m) => m.deleteSchema({ uuid: schemaId }))),
    listMetadataPermissions: expect(
      Effect.flatMap(meta, (m) => all(m.listMetadataPermissions({ uuid }))),
      one(permission)
    ),
    updateMetadataPermissions: expect(
      Effect.flatMap(meta, (m) => m.updateMetadataPermissions({ uuid, body: { username, permission: "READ" } })),
      permission
    ),
    deleteMetadataPermission: done(Effect.flatMap(meta, (m) => m.deleteMetadataPermission({ uuid }))),
    listMetadataPermissionsForUser: expect(
      Effect.flatMap(meta, (m) => m.listMetadataPermissionsForUser({ uuid, username })),
      permission
    ),
    updateMetadataPermissionsForUser: expect(
      Effect.flatMap(
        meta,
        (m) => m.updateMetadataPermissionsForUser({ uuid, username, body: { permission: "READ_WRITE" } })
      ),
      permission
    ),
    deleteMetadataPermissionsForUser: done(
      Effect.flatMap(meta, (m) => m.deleteMetadataPermissionsForUser({ uuid, username }))
    ),
    listSchemaPermissions: expect(
      Effect.flatMap(meta, (m) => all(m.listSchemaPermissions({ uuid: schemaId }))),
      one(permission)
    ),
    updateSchemaPermissions: expect(
      Effect.flatMap(
        meta,
        (m) => m.updateSchemaPermissions({ uuid: schemaId, body: { username, permission: "READ" } })
      ),
      permission
    ),
    deleteSchemaPermissions: done(Effect.flatMap(meta, (m) => m.deleteSchemaPermissions({ uuid: schemaId }))),
    listSchemaPermissionsForUser: expect(
      Effect.flatMap(meta, (m) => m.listSchemaPermissionsForUser({ uuid: schemaId, username })),
      permission
    ),
    updateSchemaPermissionsForUser: expect(
      Effect.flatMap(
        meta,
        (m) => m.updateSchemaPermissionsForUser({ uuid: schemaId, username, body: { permission: "ALL" } })
      ),
      permission
    ),
    deleteSchemaPermissionsForUser: done(
      Effect.flatMap(meta, (m) => m.deleteSchemaPermissionsForUser({ uuid: schemaId, username }))
    )
  },
  notifications: {
    add: expect(
      Effect.flatMap(notifications, (n) =>
        n.add({
          body: {
            url: "https://example.org/hooks/agave?uuid=${UUID}&event=${EVENT}",
            event: "UPDATED",
            associatedUuid: uuid,
            persistent: true,
            policy: { retryStrategy: "EXPONENTIAL", retryLimit: 20, retryRate: 5, retryDelay: 0, saveOnFailure: true }
          }
        })),
      notification
    ),
    list: expect(Effect.flatMap(notifications, (n) => all(n.list({ associatedUuid: uuid }))), one(notification)),
    get: expect(Effect.flatMap(notifications, (n) => n.get({ uuid })), notification),
    // Left transient (no persistent): what the servers take, and the description does not.
    update: expect(
      Effect.flatMap(
        notifications,
        (n) => n.update({ uuid, body: { url: "nryan@example.org", event: "*", associatedUuid: schemaId } })
      ),
      notification
    ),
    delete: done(Effect.flatMap(notifications, (n) => n.delete({ uuid })))
  }
}
