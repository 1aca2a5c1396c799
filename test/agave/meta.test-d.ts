/**
 * The metadata and notifications types, pinned: the error unions of their records and services,
 * typed document values (`withValue`), and the query builder's field paths and operands.
 */
import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { AgaveMeta } from "../../src/agave/Meta.js"
import * as MetaQuery from "../../src/agave/MetaQuery.js"
import type { AgaveNotifications } from "../../src/agave/Notifications.js"
import { MetaRecords, NotificationRecords } from "../../src/agave/records/index.js"
import type {
  MetadataDocument,
  MetadataPermission,
  MetadataSchema,
  Notification
} from "../../src/agave/schemas/index.js"
import type * as Endpoint from "../../src/core/Endpoint.js"
import type { Conflict, Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../../src/core/Errors.js"

type Meta = AgaveMeta["Type"]
type Notifications = AgaveNotifications["Type"]
type ErrorOf<T> = T extends (...args: any) => Effect.Effect<any, infer E, any> | Stream.Stream<any, infer E, any> ? E
  : never

type Reading = Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
type Listing = Unauthorized | Forbidden | InvalidRequest | InfraError
type Creating = Unauthorized | Forbidden | InvalidRequest | InfraError

const Sample = Schema.Struct({
  species: Schema.String,
  reads: Schema.Number,
  sampled: Schema.Date,
  tags: Schema.Array(Schema.String)
})

describe("metadata error unions", () => {
  it("documents", () => {
    expectTypeOf<ErrorOf<Meta["listMetadata"]>>().toEqualTypeOf<Listing>()
    expectTypeOf<ErrorOf<Meta["listMetadataPage"]>>().toEqualTypeOf<Listing>()
    expectTypeOf<ErrorOf<Meta["addMetadata"]>>().toEqualTypeOf<Creating>()
    expectTypeOf<ErrorOf<Meta["getMetadata"]>>().toEqualTypeOf<Reading>()
    expectTypeOf<ErrorOf<Meta["updateMetadata"]>>().toEqualTypeOf<Reading>()
    expectTypeOf<ErrorOf<Meta["deleteMetadata"]>>().toEqualTypeOf<Reading>()
    expectTypeOf<ErrorOf<Meta["bulkCreate"]>>().toEqualTypeOf<Creating>()
    expectTypeOf<ErrorOf<Meta["bulkUpdate"]>>().toEqualTypeOf<Reading>()
    expectTypeOf<ErrorOf<Meta["bulkDelete"]>>().toEqualTypeOf<Reading>()
  })

  it("schemas and permissions", () => {
    expectTypeOf<ErrorOf<Meta["searchSchema"]>>().toEqualTypeOf<Listing>()
    expectTypeOf<ErrorOf<Meta["addSchema"]>>().toEqualTypeOf<Creating>()
    expectTypeOf<ErrorOf<Meta["getSchema"]>>().toEqualTypeOf<Reading>()
    expectTypeOf<ErrorOf<Meta["updateSchema"]>>().toEqualTypeOf<Reading>()
    expectTypeOf<ErrorOf<Meta["deleteSchema"]>>().toEqualTypeOf<Reading>()
    for (
      const _ of [
        "listMetadataPermissions",
        "updateMetadataPermissions",
        "deleteMetadataPermission",
        "listMetadataPermissionsForUser",
        "updateMetadataPermissionsForUser",
        "deleteMetadataPermissionsForUser",
        "listSchemaPermissions",
        "updateSchemaPermissions",
        "deleteSchemaPermissions",
        "listSchemaPermissionsForUser",
        "updateSchemaPermissionsForUser",
        "deleteSchemaPermissionsForUser"
      ] as const
    ) {
      expectTypeOf<ErrorOf<Meta[typeof _]>>().toEqualTypeOf<Reading>()
    }
  })

  it("records derive the same unions", () => {
    expectTypeOf<Endpoint.Error<typeof MetaRecords.getMetadata>>().toEqualTypeOf<Reading>()
    expectTypeOf<Endpoint.Error<typeof MetaRecords.addSchema>>().toEqualTypeOf<Creating>()
    expectTypeOf<Endpoint.Error<typeof NotificationRecords.update>>().toEqualTypeOf<Reading | Conflict>()
  })
})

describe("metadata successes", () => {
  it("documents of any JSON by default; schemas, permissions and bulk answers", () => {
    expectTypeOf<ReturnType<Meta["listMetadata"]>>().toEqualTypeOf<Stream.Stream<MetadataDocument, Listing>>()
    expectTypeOf<ReturnType<Meta["getMetadata"]>>().toEqualTypeOf<Effect.Effect<MetadataDocument, Reading>>()
    expectTypeOf<Endpoint.Success<typeof MetaRecords.getSchema>>().toEqualTypeOf<MetadataSchema>()
    expectTypeOf<ReturnType<Meta["searchSchema"]>>().toEqualTypeOf<Stream.Stream<MetadataSchema, Listing>>()
    expectTypeOf<Endpoint.Success<typeof MetaRecords.updateMetadataPermissionsForUser>>().toEqualTypeOf<
      MetadataPermission
    >()
    expectTypeOf<Endpoint.Success<typeof MetaRecords.deleteMetadata>>().toEqualTypeOf<void>()
    expectTypeOf<Endpoint.Success<typeof MetaRecords.bulkCreate>>().toEqualTypeOf<unknown>()
  })

  it("withValue: documents typed by the caller's schema, requests encoded with it", () => {
    const _samples = ({} as Meta).withValue(Sample)
    type Samples = typeof _samples
    expectTypeOf<ReturnType<Samples["listMetadata"]>>().toEqualTypeOf<
      Stream.Stream<MetadataDocument<typeof Sample.Type>, Listing>
    >()
    expectTypeOf<ReturnType<Samples["getMetadata"]>>().toEqualTypeOf<
      Effect.Effect<MetadataDocument<typeof Sample.Type>, Reading>
    >()
    expectTypeOf<Parameters<Samples["addMetadata"]>[0]["body"]["value"]>().toEqualTypeOf<typeof Sample.Type>()
    expectTypeOf<Parameters<Samples["addMetadata"]>[0]["body"]["value"]["sampled"]>().toEqualTypeOf<Date>()
    expectTypeOf<Parameters<Samples["bulkUpdate"]>[0]["body"][number]["uuid"]>().toEqualTypeOf<string>()
  })
})

describe("notifications", () => {
  it("error unions and successes", () => {
    expectTypeOf<ReturnType<Notifications["add"]>>().toEqualTypeOf<Effect.Effect<Notification, Creating>>()
    expectTypeOf<ReturnType<Notifications["list"]>>().toEqualTypeOf<Stream.Stream<Notification, Listing>>()
    expectTypeOf<ReturnType<Notifications["get"]>>().toEqualTypeOf<Effect.Effect<Notification, Reading>>()
    expectTypeOf<ReturnType<Notifications["update"]>>().toEqualTypeOf<
      Effect.Effect<Notification, Reading | Conflict>
    >()
    expectTypeOf<ReturnType<Notifications["delete"]>>().toEqualTypeOf<Effect.Effect<void, Reading>>()
    expectTypeOf<Endpoint.Input<typeof NotificationRecords.list>>().toEqualTypeOf<{
      readonly associatedUuid?: string | undefined
      readonly limit?: number | undefined
      readonly offset?: number | undefined
    }>()
  })
})

describe("MetaQuery types", () => {
  const Q = MetaQuery.of(Sample)

  it("paths into the stored document, through lists", () => {
    Q.eq("name", "x")
    Q.eq("value.species", "x")
    Q.eq("value.tags", "rna")
    Q.eq("value.tags", ["rna", "dna"])
    Q.in("associationIds", ["u-1"])
    // @ts-expect-error no such field
    Q.eq("value.specie", "x")
    // @ts-expect-error no such top-level field
    Q.eq("values", "x")
  })

  it("operands of the stored (encoded) type: a Date field of the value schema is stored as text", () => {
    Q.eq("value.sampled", "2024-01-01T00:00:00.000Z")
    // @ts-expect-error a Date field of the schema is stored as a string
    Q.eq("value.sampled", new Date())
    // @ts-expect-error reads is a number
    Q.gte("value.reads", "1000")
    // @ts-expect-error a list's items are strings
    Q.in("value.tags", [1])
    Q.gte("created", new Date())
    // @ts-expect-error created is stored as a date
    Q.gte("created", 5)
    Q.eq("value.species", null)
  })

  it("any path below a value of unknown shape, with any JSON operand", () => {
    const Any = MetaQuery.make()
    Any.eq("value.anything.deep.below", { a: [1, "b", null] })
    Any.gt("value.n", 3)
    // @ts-expect-error the document has no such field
    Any.eq("nope", 1)
  })

  it("not takes a field's condition, not a combination", () => {
    Q.not(Q.eq("name", "x"))
    // @ts-expect-error $not applies to one field's condition
    Q.not(Q.and(Q.eq("name", "x")))
  })

  it("schemas are searched by their own fields", () => {
    const S = MetaQuery.schemas()
    S.eq("schema.title", "Sample")
    S.eq("owner", "nryan")
    // @ts-expect-error a schema has no value
    S.eq("value.x", 1)
  })
})
