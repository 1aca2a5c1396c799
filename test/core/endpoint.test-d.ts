/**
 * What records derive at the type level: the input of a call (a missing path parameter does not
 * compile), its error channel (from the record's tags, once), its success, and a listing's input.
 */
import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { ApiClient } from "../../src/core/ApiClient.js"
import * as Endpoint from "../../src/core/Endpoint.js"
import type { Conflict, Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../../src/core/Errors.js"
import type * as PathTemplate from "../../src/core/PathTemplate.js"
import * as Query from "../../src/core/Query.js"
import type { SyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"

const Group = Schema.Struct({ id: Schema.String })
type Group = typeof Group.Type

const get = Endpoint.make({
  name: "globus.Groups.get",
  method: "GET",
  path: "/v2/groups/{groupId}",
  query: { include: Query.commaList(Query.literal("memberships", "policies")) },
  success: Group,
  errors: ["Unauthorized", "Forbidden", "NotFound"]
})
const mine = Endpoint.make({
  name: "globus.Groups.mine",
  method: "GET",
  path: "/v2/groups/my_groups",
  success: Schema.Array(Group),
  errors: ["Unauthorized"]
})
const create = Endpoint.make({
  name: "globus.Groups.create",
  method: "POST",
  path: "/v2/groups",
  body: Schema.Struct({ name: Schema.String }),
  success: Group,
  errors: ["Conflict", "InvalidRequest"]
})
const download = Endpoint.make({
  name: "agave.Files.download",
  method: "GET",
  path: "/files/v2/media/system/{systemId}/{filePath+}",
  success: Endpoint.streamed,
  errors: ["NotFound"]
})
const remove = Endpoint.make({
  name: "agave.Apps.delete",
  method: "DELETE",
  path: "/apps/v2/{appId}",
  success: Endpoint.noContent
})
const Page = Schema.Struct({ items: Schema.Array(Group), total: Schema.Number })
const listPage = Endpoint.make({
  name: "x.Groups.list",
  method: "GET",
  path: "/groups/{kind}/",
  query: { offset: Query.required(Query.integer), limit: Query.integer, q: Query.string },
  success: Page,
  paging: Endpoint.offsetPaging(Page, { start: 0, offset: "offset", limit: "limit", items: (page) => page.items })
})

declare const api: ApiClient
const service = Endpoint.service(api, { get, mine, create, download, remove, listPage })

describe("derived input", () => {
  it("has each path parameter as a required key, query parameters as declared, and the body", () => {
    expectTypeOf<PathTemplate.PathParams<"/files/v2/media/system/{systemId}/{filePath+}">>().toEqualTypeOf<
      { readonly systemId: string; readonly filePath: string }
    >()
    expectTypeOf<PathTemplate.PathParams<"/files/v2/listings/system/{systemId}/{filePath*}">>().toEqualTypeOf<
      { readonly systemId: string; readonly filePath?: string | undefined }
    >()
    expectTypeOf<Endpoint.Input<typeof get>>().toEqualTypeOf<
      { readonly groupId: string; readonly include?: ReadonlyArray<"memberships" | "policies"> | undefined }
    >()
    expectTypeOf<Endpoint.Input<typeof create>>().toEqualTypeOf<{ readonly body: { readonly name: string } }>()
    expectTypeOf<Endpoint.Input<typeof listPage>>().toEqualTypeOf<
      {
        readonly kind: string
        readonly offset: number
        readonly limit?: number | undefined
        readonly q?: string | undefined
      }
    >()
    expectTypeOf<Endpoint.Input<typeof mine>>().toEqualTypeOf<{}>()
  })

  it("refuses a call without a path parameter, or with a value of the wrong type", () => {
    // @ts-expect-error groupId is required
    service.get({})
    // @ts-expect-error groupId is required
    service.get({ include: ["policies"] })
    // @ts-expect-error filePath is required
    service.download({ systemId: "s" })
    // @ts-expect-error not one of the literals
    service.get({ groupId: "g", include: ["owners"] })
    // @ts-expect-error the body is required
    service.create({})
    // @ts-expect-error offset is required
    service.listPage({ kind: "k" })
  })

  it("may be left out when nothing in it is required", () => {
    expectTypeOf(service.mine()).toEqualTypeOf<Effect.Effect<ReadonlyArray<Group>, Unauthorized | InfraError>>()
  })
})

describe("derived error channel", () => {
  it("is the record's tags, with InvalidRequest when the input can be refused", () => {
    expectTypeOf<Endpoint.Error<typeof get>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    >()
    expectTypeOf<Endpoint.Error<typeof mine>>().toEqualTypeOf<Unauthorized | InfraError>()
    expectTypeOf<Endpoint.Error<typeof create>>().toEqualTypeOf<Conflict | InvalidRequest | InfraError>()
    expectTypeOf<Endpoint.Error<typeof remove>>().toEqualTypeOf<InvalidRequest | InfraError>()
  })

  it("is the service method's", () => {
    expectTypeOf(service.get({ groupId: "g" })).toEqualTypeOf<
      Effect.Effect<Group, Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError>
    >()
    expectTypeOf(service.remove({ appId: "a" })).toEqualTypeOf<Effect.Effect<void, InvalidRequest | InfraError>>()
    expectTypeOf(service.download({ systemId: "s", filePath: "a/b" })).toEqualTypeOf<
      Stream.Stream<Uint8Array, NotFound | InvalidRequest | InfraError>
    >()
  })

  it("is the synthetic client's, as hand-written before", () => {
    expectTypeOf<ReturnType<SyntheticClient["get"]>>().toEqualTypeOf<
      Effect.Effect<
        { readonly id: string; readonly index: number; readonly name: string },
        NotFound | InvalidRequest | InfraError
      >
    >()
    expectTypeOf<Effect.Effect.Error<ReturnType<SyntheticClient["create"]>>>().toEqualTypeOf<
      InvalidRequest | InfraError
    >()
    expectTypeOf<Stream.Stream.Error<ReturnType<SyntheticClient["list"]>>>().toEqualTypeOf<
      InvalidRequest | InfraError
    >()
    expectTypeOf<Effect.Effect.Error<ReturnType<SyntheticClient["listPage"]>>>().toEqualTypeOf<
      InvalidRequest | InfraError
    >()
  })
})

describe("listings", () => {
  it("take the record's input without the cursor, with a page size, and stream the items", () => {
    const list = Endpoint.offsetList(listPage, service.listPage)
    expectTypeOf<Parameters<typeof list>[0]>().toEqualTypeOf<
      {
        readonly kind: string
        readonly q?: string | undefined
        readonly pageSize?: number | undefined
        readonly prefetch?: boolean | undefined
      }
    >()
    expectTypeOf(list({ kind: "k" })).toEqualTypeOf<Stream.Stream<Group, InvalidRequest | InfraError>>()
    // @ts-expect-error the path parameter is still required
    list({ pageSize: 3 })
  })
})
