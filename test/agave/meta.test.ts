/**
 * The metadata service against the Agave test server: typed values, paging, `privileged`,
 * permissions on documents and schemas, JSON Schema validation, bulk operations all or nothing, and
 * every kind of bad input ending in its tagged error.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { AgaveMeta } from "../../src/agave/Meta.js"
import * as MetaQuery from "../../src/agave/MetaQuery.js"
import { AgaveNotifications } from "../../src/agave/Notifications.js"
import { AgaveTestServer } from "../../src/testkit/agave/AgaveTestServer.js"
import { demoClient, demoUsers } from "../../src/testkit/agave/Tenant.js"
import { agaveLayer } from "../helpers/agave.js"
import { Sample, sampleSchema } from "../helpers/agaveMetaTour.js"

const all = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

// The metadata service as rclemens (not an administrator), on the same test server.
const asRclemens = Effect.flatMap(AgaveTestServer, (server) =>
  AgaveMeta.pipe(
    Effect.provide(AgaveMeta.layer({
      url: server.url,
      apiKey: Redacted.make(demoClient.key),
      apiSecret: Redacted.make(demoClient.secret),
      username: "rclemens",
      password: Redacted.make(demoUsers[1]!.password)
    }))
  ))

// How many requests of a method reached a path (and its query).
const requests = (method: string, path: RegExp) =>
  Effect.map(
    AgaveTestServer,
    (server) =>
      server.exchanges().filter((e) => e.request.method === method && path.test(new URL(e.request.url).pathname))
        .length
  )

describe("typed values", () => {
  const Measured = Schema.Struct({ sampled: Schema.Date, depth: Schema.NumberFromString })

  it.effect("a value schema with transformations: encoded to JSON when sent, decoded when read", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const measured = meta.withValue(Measured)
      assert.strictEqual(meta.withValue(Measured), measured)
      const sampled = new Date("2024-05-06T07:08:09.000Z")
      const added = yield* measured.addMetadata({ body: { name: "measure", value: { sampled, depth: 12.5 } } })
      assert.instanceOf(added.value.sampled, Date)
      assert.strictEqual(added.value.sampled.getTime(), sampled.getTime())
      // What is stored is the encoded JSON.
      const raw = yield* meta.getMetadata({ uuid: added.uuid })
      assert.deepStrictEqual(raw.value, { sampled: "2024-05-06T07:08:09.000Z", depth: "12.5" })
      const Q = MetaQuery.of(Measured)
      const found = yield* all(measured.listMetadata({ q: Q.eq("value.depth", "12.5") }))
      assert.deepStrictEqual(found.map((d) => d.value.depth), [12.5])
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("a document whose value does not fit the schema is InvalidResponse, never a cast", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      yield* meta.addMetadata({ body: { name: "sample", value: "plain text, not a sample" } })
      const samples = meta.withValue(Sample)
      const error = yield* Effect.flip(all(samples.listMetadata({ q: MetaQuery.make().eq("name", "sample") })))
      assert.strictEqual(error._tag, "InvalidResponse")
      // Any JSON by default: text, numbers, lists, objects.
      for (const value of ["text", 42, [1, "two"], { nested: { deep: true } }, false]) {
        const added = yield* meta.addMetadata({ body: { name: "any", value } })
        assert.deepStrictEqual(added.value, value)
      }
    }).pipe(Effect.provide(agaveLayer())))
})

describe("paging", () => {
  it.effect("a listing streams every page, 250 at most each, and stops at a short page", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const body = Array.from({ length: 300 }, (_, i) => ({ name: "many", value: { i } }))
      yield* meta.bulkCreate({ body })
      const q = MetaQuery.make().eq("name", "many")
      const before = yield* requests("GET", /^\/meta\/v2\/data$/)
      const every = yield* all(meta.listMetadata({ q }))
      assert.strictEqual(every.length, 300)
      assert.strictEqual(new Set(every.map((d) => d.uuid)).size, 300)
      assert.strictEqual((yield* requests("GET", /^\/meta\/v2\/data$/)) - before, 2)
      const small = yield* all(meta.listMetadata({ q, pageSize: 100 }))
      assert.strictEqual(small.length, 300)
      assert.strictEqual((yield* meta.listMetadataPage({ q, limit: 10, offset: 295 })).length, 5)
      assert.strictEqual((yield* meta.listMetadataPage({ q, limit: 1000 })).length, 250)
      assert.deepStrictEqual(yield* all(meta.listMetadata({ q: MetaQuery.make().eq("name", "none") })), [])
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("newest change first", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const a = yield* meta.addMetadata({ body: { name: "order", value: 1 } })
      const b = yield* meta.addMetadata({ body: { name: "order", value: 2 } })
      yield* meta.updateMetadata({ uuid: a.uuid, body: { name: "order", value: 3 } })
      const listed = yield* all(meta.listMetadata({ q: "{\"name\":\"order\"}" }))
      assert.deepStrictEqual(listed.map((d) => d.uuid), [a.uuid, b.uuid])
    }).pipe(Effect.provide(agaveLayer())))
})

describe("privileged and permissions", () => {
  it.effect("an administrator sees every document unless privileged is false; a user, their own and shared ones", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const other = yield* asRclemens
      const mine = yield* meta.addMetadata({ body: { name: "seen", value: "nryan's" } })
      const theirs = yield* other.addMetadata({ body: { name: "seen", value: "rclemens's" } })
      const q = MetaQuery.make().eq("name", "seen")
      const uuids = (list: ReadonlyArray<{ readonly uuid: string }>) => list.map((d) => d.uuid).sort()
      assert.deepStrictEqual(uuids(yield* all(meta.listMetadata({ q }))), [mine.uuid, theirs.uuid].sort())
      assert.deepStrictEqual(uuids(yield* all(meta.listMetadata({ q, privileged: true }))), uuids([mine, theirs]))
      assert.deepStrictEqual(uuids(yield* all(meta.listMetadata({ q, privileged: false }))), [mine.uuid])
      // privileged is for administrators only.
      assert.deepStrictEqual(uuids(yield* all(other.listMetadata({ q, privileged: true }))), [theirs.uuid])
      yield* meta.updateMetadataPermissionsForUser({
        uuid: mine.uuid,
        username: "rclemens",
        body: { permission: "READ" }
      })
      assert.deepStrictEqual(uuids(yield* all(other.listMetadata({ q }))), [mine.uuid, theirs.uuid].sort())
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("reading takes READ, changing takes WRITE: a missing permission is Forbidden (the server's 401 too)", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const other = yield* asRclemens
      const doc = yield* meta.addMetadata({ body: { name: "private", value: { a: 1 } } })
      const hidden = yield* Effect.flip(other.getMetadata({ uuid: doc.uuid }))
      assert.strictEqual(hidden._tag, "Forbidden")
      yield* meta.updateMetadataPermissions({ uuid: doc.uuid, body: { username: "rclemens", permission: "READ" } })
      assert.deepStrictEqual((yield* other.getMetadata({ uuid: doc.uuid })).value, { a: 1 })
      const tokensBefore = yield* requests("POST", /^\/token$/)
      const readOnly = yield* Effect.flip(other.updateMetadata({ uuid: doc.uuid, body: { name: "x", value: 2 } }))
      assert.strictEqual(readOnly._tag, "Forbidden")
      assert.include(readOnly.message, "does not have permission")
      // The server said 401, but about a permission: the token is not refreshed.
      assert.strictEqual(yield* requests("POST", /^\/token$/), tokensBefore)
      assert.strictEqual((yield* Effect.flip(other.deleteMetadata({ uuid: doc.uuid })))._tag, "Forbidden")
      assert.strictEqual(
        (yield* Effect.flip(other.updateMetadataPermissionsForUser({
          uuid: doc.uuid,
          username: "rclemens",
          body: { permission: "ALL" }
        })))._tag,
        "Forbidden"
      )
      yield* meta.updateMetadataPermissionsForUser({
        uuid: doc.uuid,
        username: "rclemens",
        body: { permission: "READ_WRITE" }
      })
      assert.deepStrictEqual((yield* other.updateMetadata({ uuid: doc.uuid, body: { name: "x", value: 2 } })).value, 2)
      // NONE revokes.
      const revoked = yield* meta.updateMetadataPermissionsForUser({
        uuid: doc.uuid,
        username: "rclemens",
        body: { permission: "NONE" }
      })
      assert.deepStrictEqual(revoked.permission, { read: false, write: false })
      assert.strictEqual((yield* Effect.flip(other.getMetadata({ uuid: doc.uuid })))._tag, "Forbidden")
      const noEntry = yield* Effect.flip(meta.listMetadataPermissionsForUser({ uuid: doc.uuid, username: "rclemens" }))
      assert.strictEqual(noEntry._tag, "NotFound")
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("schemas: a user may validate against a schema they can read; its permissions are its own", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const other = yield* asRclemens
      const schema = yield* meta.addSchema({ body: sampleSchema })
      const value = { species: "x", reads: 1, tags: [] }
      const refused = yield* Effect.flip(other.addMetadata({ body: { name: "s", value, schemaId: schema.uuid } }))
      assert.strictEqual(refused._tag, "InvalidRequest")
      assert.strictEqual((yield* Effect.flip(other.getSchema({ uuid: schema.uuid })))._tag, "Forbidden")
      yield* meta.updateSchemaPermissions({ uuid: schema.uuid, body: { username: "rclemens", permission: "READ" } })
      assert.strictEqual(
        (yield* other.addMetadata({ body: { name: "s", value, schemaId: schema.uuid } })).schemaId,
        schema.uuid
      )
      assert.deepStrictEqual((yield* all(other.searchSchema())).map((s) => s.uuid), [schema.uuid])
      assert.strictEqual(
        (yield* Effect.flip(other.updateSchema({ uuid: schema.uuid, body: sampleSchema })))._tag,
        "Forbidden"
      )
      assert.strictEqual((yield* Effect.flip(other.deleteSchema({ uuid: schema.uuid })))._tag, "Forbidden")
    }).pipe(Effect.provide(agaveLayer())))
})

describe("validation and bad input", () => {
  it.effect("a value that breaks its schema, and a schema that is no JSON Schema, are refused by the server", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const schema = yield* meta.addSchema({ body: sampleSchema })
      for (const value of [{ species: "x" }, { species: "x", reads: -1 }, { species: 1, reads: 1 }, "text"]) {
        const error = yield* Effect.flip(meta.addMetadata({ body: { name: "bad", value, schemaId: schema.uuid } }))
        assert.strictEqual(error._tag, "InvalidRequest", JSON.stringify(value))
        assert.include(error.message, "does not conform to schema")
      }
      const bad = yield* Effect.flip(meta.addSchema({ body: { type: "spaceship" } }))
      assert.strictEqual(bad._tag, "InvalidRequest")
      assert.include(bad.message, "JSON Schema definition is invalid")
      const unknown = yield* Effect.flip(
        meta.addMetadata({ body: { name: "x", value: 1, schemaId: "0-a-0001-013" } })
      )
      assert.strictEqual(unknown._tag, "InvalidRequest")
      const badAssociation = yield* Effect.flip(
        meta.addMetadata({ body: { name: "x", value: 1, associationIds: ["not a uuid"] } })
      )
      assert.strictEqual(badAssociation._tag, "InvalidRequest")
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("missing documents and schemas are NotFound naming them, whichever status the server chose", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const uuid = "1234-242ac113-0001-012"
      for (
        const effect of [
          meta.getMetadata({ uuid }),
          meta.deleteMetadata({ uuid }),
          meta.updateMetadata({ uuid, body: { name: "x", value: 1 } }),
          // The permission resource answers 400 for a missing document.
          Stream.runDrain(meta.listMetadataPermissions({ uuid })),
          meta.listMetadataPermissionsForUser({ uuid, username: "nryan" }),
          meta.bulkDelete({ body: [uuid] })
        ]
      ) {
        const error = yield* Effect.flip(effect)
        assert.strictEqual(error._tag, "NotFound")
        if (error._tag === "NotFound") assert.deepStrictEqual([error.resource, error.id], ["metadata", uuid])
      }
      const schema = yield* Effect.flip(meta.getSchema({ uuid: "99-242ac113-0001-013" }))
      assert.strictEqual(schema._tag, "NotFound")
      if (schema._tag === "NotFound") assert.strictEqual(schema.resource, "metadata schema")
      const user = yield* Effect.flip(
        meta.addMetadata({ body: { name: "x", value: 1 } }).pipe(
          Effect.flatMap((doc) =>
            meta.updateMetadataPermissionsForUser({ uuid: doc.uuid, username: "nobody", body: { permission: "READ" } })
          )
        )
      )
      assert.strictEqual(user._tag, "NotFound")
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("malformed queries: refused by the SDK before sending, or by the server with 400", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const before = yield* requests("GET", /^\/meta\/v2\/data$/)
      const loose = MetaQuery.make() as unknown as MetaQuery.Builder<any>
      const local = yield* Effect.flip(all(meta.listMetadata({ q: loose.eq("value.$where", 1) })))
      assert.strictEqual(local._tag, "InvalidRequest")
      if (local._tag === "InvalidRequest") assert.strictEqual(local.origin, "client")
      assert.strictEqual(yield* requests("GET", /^\/meta\/v2\/data$/), before)
      // Refused whether or not any document reaches the faulty part of the query.
      const faulty = [
        "{not json",
        "{\"$where\": \"sleep(1)\"}",
        "{\"a\": {\"$regex\": \"(\"}}",
        "[1,2]",
        "{\"$and\": [{\"name\": \"nothing\"}, {\"b\": {\"$bogus\": 1}}]}"
      ]
      for (const q of faulty) {
        const error = yield* Effect.flip(meta.listMetadataPage({ q }))
        assert.strictEqual(error._tag, "InvalidRequest", q)
        if (error._tag === "InvalidRequest") assert.strictEqual(error.origin, "server")
      }
      const schemaSearch = yield* Effect.flip(meta.searchSchemaPage({ q: "{\"owner\": {\"$bogus\": 1}}" }))
      assert.strictEqual(schemaSearch._tag, "InvalidRequest")
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("bodies the schemas refuse never leave the client", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const before = (yield* AgaveTestServer).exchanges().length
      const refusals = [
        meta.addMetadata({ body: { name: "", value: 1 } }),
        meta.addMetadata({ body: { name: "x".repeat(257), value: 1 } }),
        meta.updateMetadataPermissions({
          uuid: "1-a-0001-012",
          body: { username: "x", permission: "EXECUTE" as never }
        }),
        meta.bulkUpdate({ body: [{ name: "x", value: 1 } as never] }),
        meta.bulkDelete({ body: [42 as never] })
      ]
      for (const effect of refusals) {
        const error = yield* Effect.flip(effect)
        assert.strictEqual(error._tag, "InvalidRequest")
        if (error._tag === "InvalidRequest") assert.strictEqual(error.origin, "client")
      }
      const samples = meta.withValue(Sample)
      const typed = yield* Effect.flip(
        samples.addMetadata({ body: { name: "s", value: { species: "x", reads: "many" as never, tags: [] } } })
      )
      assert.strictEqual(typed._tag, "InvalidRequest")
      assert.strictEqual((yield* AgaveTestServer).exchanges().length, before)
    }).pipe(Effect.provide(agaveLayer())))
})

describe("bulk operations", () => {
  it.effect("all or nothing: one bad item leaves every document as it was", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const q = MetaQuery.make().eq("name", "batch")
      const refused = yield* Effect.flip(meta.bulkCreate({
        body: [{ name: "batch", value: 1 }, { name: "batch", value: null }]
      }))
      assert.strictEqual(refused._tag, "InvalidRequest")
      assert.deepStrictEqual(yield* all(meta.listMetadata({ q })), [])
      yield* meta.bulkCreate({ body: [{ name: "batch", value: 1 }, { name: "batch", value: 2 }] })
      const made = yield* all(meta.listMetadata({ q }))
      assert.strictEqual(made.length, 2)
      const missing = yield* Effect.flip(meta.bulkUpdate({
        body: [{ uuid: made[0]!.uuid, name: "batch", value: 10 }, { uuid: "7-a-0001-012", name: "batch", value: 20 }]
      }))
      assert.strictEqual(missing._tag, "NotFound")
      assert.deepStrictEqual((yield* all(meta.listMetadata({ q }))).map((d) => d.value).sort(), [1, 2])
      yield* meta.bulkUpdate({ body: made.map((d) => ({ uuid: d.uuid, name: "batch", value: 0 })) })
      assert.deepStrictEqual((yield* all(meta.listMetadata({ q }))).map((d) => d.value), [0, 0])
      const partly = yield* Effect.flip(meta.bulkDelete({ body: [made[0]!.uuid, "8-a-0001-012"] }))
      assert.strictEqual(partly._tag, "NotFound")
      assert.strictEqual((yield* all(meta.listMetadata({ q }))).length, 2)
      yield* meta.bulkDelete({ body: made.map((d) => d.uuid) })
      assert.deepStrictEqual(yield* all(meta.listMetadata({ q })), [])
      const empty = yield* Effect.flip(meta.bulkCreate({ body: [] }))
      assert.strictEqual(empty._tag, "InvalidRequest")
    }).pipe(Effect.provide(agaveLayer())))
})

describe("notifications on a new document", () => {
  it.effect("a document request's notifications are subscribed for the new document", () =>
    Effect.gen(function*() {
      const meta = yield* AgaveMeta
      const notifications = yield* AgaveNotifications
      const doc = yield* meta.addMetadata({
        body: { name: "watched", value: 1, notifications: [{ url: "nryan@example.org", event: "UPDATED" }] }
      })
      const subscribed = yield* all(notifications.list({ associatedUuid: doc.uuid }))
      assert.deepStrictEqual(subscribed.map((n) => [n.url, n.event]), [["nryan@example.org", "UPDATED"]])
      const bad = yield* Effect.flip(meta.addMetadata({
        body: { name: "watched", value: 1, notifications: [{ url: "not an address", event: "UPDATED" }] }
      }))
      assert.strictEqual(bad._tag, "InvalidRequest")
      assert.strictEqual((yield* all(meta.listMetadata({ q: "{\"name\":\"watched\"}" }))).length, 1)
    }).pipe(Effect.provide(agaveLayer())))
})
