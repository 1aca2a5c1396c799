/**
 * A tour of every one of the 30 metadata and notifications operations through the services, each
 * checking what it gets: run against the Agave test server by the service and contract tests.
 */
import { assert } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { AgaveMeta } from "../../src/agave/Meta.js"
import * as MetaQuery from "../../src/agave/MetaQuery.js"
import { AgaveNotifications } from "../../src/agave/Notifications.js"

const all = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

/** A sample's metadata, as the tour stores it. */
export const Sample = Schema.Struct({
  species: Schema.String,
  reads: Schema.Number,
  tags: Schema.Array(Schema.String),
  run: Schema.optional(Schema.Struct({ lane: Schema.Number, flowcell: Schema.String }))
})

/** The JSON Schema of a sample. */
export const sampleSchema = {
  title: "Sample",
  type: "object",
  properties: {
    species: { type: "string" },
    reads: { type: "integer", minimum: 0 },
    tags: { type: "array", items: { type: "string" } }
  },
  required: ["species", "reads"]
}

/** metadata (25) */
export const meta = Effect.gen(function*() {
  const meta = yield* AgaveMeta
  const samples = meta.withValue(Sample)
  const Q = MetaQuery.of(Sample)

  const schema = yield* meta.addSchema({ body: sampleSchema })
  assert.deepStrictEqual(schema.schema, sampleSchema)
  assert.strictEqual((yield* meta.getSchema({ uuid: schema.uuid })).owner, "nryan")
  const widened = { ...sampleSchema, title: "Sample v2" }
  assert.deepStrictEqual((yield* meta.updateSchema({ uuid: schema.uuid, body: widened })).schema, widened)
  const found = yield* all(meta.searchSchema({ q: MetaQuery.schemas().eq("schema.title", "Sample v2") }))
  assert.deepStrictEqual(found.map((s) => s.uuid), [schema.uuid])

  const first = yield* samples.addMetadata({
    body: {
      name: "sample",
      value: { species: "A. thaliana", reads: 5000, tags: ["rna"], run: { lane: 2, flowcell: "FC1" } },
      schemaId: schema.uuid
    }
  })
  assert.strictEqual(first.value.run?.lane, 2)
  assert.strictEqual(first.schemaId, schema.uuid)
  const fetched = yield* samples.getMetadata({ uuid: first.uuid })
  assert.deepStrictEqual(fetched.value, first.value)
  const updated = yield* samples.updateMetadata({
    uuid: first.uuid,
    body: { name: "sample", value: { ...first.value, reads: 7000 }, schemaId: schema.uuid }
  })
  assert.strictEqual(updated.value.reads, 7000)

  const created = yield* samples.bulkCreate({
    body: [
      { name: "sample", value: { species: "M. musculus", reads: 100, tags: ["dna"] } },
      { name: "sample", value: { species: "D. rerio", reads: 2500, tags: ["rna", "dna"] } }
    ]
  })
  assert.isString(created)
  const deep = yield* all(samples.listMetadata({ q: Q.and(Q.eq("name", "sample"), Q.gte("value.reads", 1000)) }))
  assert.deepStrictEqual(deep.map((d) => d.value.species).sort(), ["A. thaliana", "D. rerio"])
  const mouse = yield* samples.listMetadataPage({ q: Q.regex("value.species", "^m\\.", "i"), limit: 10 })
  assert.deepStrictEqual(mouse.map((d) => d.value.reads), [100])
  yield* samples.bulkUpdate({
    body: [{ uuid: mouse[0]!.uuid, name: "sample", value: { ...mouse[0]!.value, reads: 150 } }]
  })
  assert.strictEqual((yield* samples.getMetadata({ uuid: mouse[0]!.uuid })).value.reads, 150)
  yield* meta.bulkDelete({ body: [mouse[0]!.uuid] })
  const left = yield* all(meta.listMetadata({ q: "{\"name\":\"sample\"}", privileged: false }))
  assert.strictEqual(left.length, 2)

  yield* meta.updateMetadataPermissions({ uuid: first.uuid, body: { username: "rclemens", permission: "READ" } })
  const pems = yield* all(meta.listMetadataPermissions({ uuid: first.uuid }))
  assert.deepStrictEqual(pems.map((p) => [p.username, p.permission?.read, p.permission?.write]), [
    ["nryan", true, true],
    ["rclemens", true, false]
  ])
  const granted = yield* meta.updateMetadataPermissionsForUser({
    uuid: first.uuid,
    username: "rclemens",
    body: { permission: "READ_WRITE" }
  })
  assert.strictEqual(granted.permission?.write, true)
  const one = yield* meta.listMetadataPermissionsForUser({ uuid: first.uuid, username: "rclemens" })
  assert.strictEqual(one.permission?.write, true)
  yield* meta.deleteMetadataPermissionsForUser({ uuid: first.uuid, username: "rclemens" })
  yield* meta.updateMetadataPermissions({ uuid: first.uuid, body: { username: "rclemens", permission: "READ" } })
  yield* meta.deleteMetadataPermission({ uuid: first.uuid })
  assert.strictEqual((yield* meta.listMetadataPermissionsPage({ uuid: first.uuid })).length, 1)

  yield* meta.updateSchemaPermissions({ uuid: schema.uuid, body: { username: "rclemens", permission: "READ" } })
  yield* meta.updateSchemaPermissionsForUser({ uuid: schema.uuid, username: "rclemens", body: { permission: "ALL" } })
  const schemaPems = yield* all(meta.listSchemaPermissions({ uuid: schema.uuid }))
  assert.deepStrictEqual(schemaPems.map((p) => p.username), ["nryan", "rclemens"])
  assert.strictEqual(
    (yield* meta.listSchemaPermissionsForUser({ uuid: schema.uuid, username: "rclemens" })).permission?.write,
    true
  )
  yield* meta.deleteSchemaPermissionsForUser({ uuid: schema.uuid, username: "rclemens" })
  yield* meta.deleteSchemaPermissions({ uuid: schema.uuid })
  assert.strictEqual((yield* meta.listSchemaPermissionsPage({ uuid: schema.uuid })).length, 1)

  yield* meta.deleteMetadata({ uuid: first.uuid })
  const gone = yield* Effect.flip(meta.getMetadata({ uuid: first.uuid }))
  assert.strictEqual(gone._tag, "NotFound")
  if (gone._tag === "NotFound") assert.deepStrictEqual([gone.resource, gone.id], ["metadata", first.uuid])
  yield* meta.deleteSchema({ uuid: schema.uuid })
  const noSchema = yield* Effect.flip(meta.getSchema({ uuid: schema.uuid }))
  assert.strictEqual(noSchema._tag, "NotFound")
})

/** notifications (5) */
export const notifications = Effect.gen(function*() {
  const meta = yield* AgaveMeta
  const notifications = yield* AgaveNotifications
  const document = yield* meta.addMetadata({ body: { name: "watched", value: "a plain text value" } })
  const added = yield* notifications.add({
    body: {
      url: "https://example.org/hooks/agave?uuid=${UUID}&event=${EVENT}",
      event: "UPDATED",
      associatedUuid: document.uuid,
      persistent: true,
      policy: { retryStrategy: "EXPONENTIAL", retryLimit: 20, retryRate: 5, retryDelay: 0, saveOnFailure: true }
    }
  })
  assert.strictEqual(added.status, "ACTIVE")
  assert.strictEqual(added.policy?.retryStrategy, "EXPONENTIAL")
  const email = yield* notifications.add({
    body: { url: "nryan@example.org", event: "*", associatedUuid: document.uuid }
  })
  assert.strictEqual(email.persistent, false)
  const listed = yield* all(notifications.list({ associatedUuid: document.uuid }))
  assert.deepStrictEqual(listed.map((n) => n.id), [added.id, email.id])
  const changed = yield* notifications.update({
    uuid: added.id,
    body: { url: "https://example.org/hooks/2", event: "DELETED", associatedUuid: document.uuid, persistent: true }
  })
  assert.strictEqual(changed.event, "DELETED")
  // An update of the document fires the email (every event) once: a transient notification is then complete.
  yield* meta.updateMetadata({ uuid: document.uuid, body: { name: "watched", value: { now: "JSON" } } })
  const fired = yield* notifications.get({ uuid: email.id })
  assert.deepStrictEqual([fired.status, fired.attempts, fired.success], ["COMPLETE", 1, true])
  yield* notifications.delete({ uuid: email.id })
  const deleted = yield* Effect.flip(notifications.get({ uuid: email.id }))
  assert.strictEqual(deleted._tag, "NotFound")
  assert.deepStrictEqual((yield* notifications.listPage()).map((n) => n.id), [added.id])
})
