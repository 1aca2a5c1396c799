/**
 * Endpoint records run by the core: the request each input becomes, what is refused before sending,
 * the error tags, the spans, and listings streamed from a paged record.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Endpoint from "../../src/core/Endpoint.js"
import * as Query from "../../src/core/Query.js"
import { makeClient } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"
import { recordingTracer } from "../helpers/spans.js"

const Group = Schema.Struct({ id: Schema.String, name: Schema.String })
const group = { id: "g1", name: "Group one" }

const Groups = {
  get: Endpoint.make({
    name: "globus.Groups.get",
    method: "GET",
    path: "/v2/groups/{groupId}",
    query: { include: Query.commaList(Query.literal("memberships", "policies")) },
    success: Group,
    errors: ["Unauthorized", "NotFound"],
    docs: "https://docs.globus.org/api/groups/"
  }),
  create: Endpoint.make({
    name: "globus.Groups.create",
    method: "POST",
    path: "/v2/groups",
    body: Schema.Struct({ name: Schema.String, created: Schema.DateFromString }),
    success: Group
  }),
  remove: Endpoint.make({
    name: "globus.Groups.delete",
    method: "DELETE",
    path: "/v2/groups/{groupId}",
    success: Endpoint.noContent,
    errors: ["NotFound"],
    spanAttributes: { groupId: "globus.group.id" }
  }),
  mine: Endpoint.make({
    name: "globus.Groups.mine",
    method: "GET",
    path: "/v2/groups/my_groups",
    success: Schema.Array(Group),
    errors: ["Unauthorized"]
  }),
  download: Endpoint.make({
    name: "agave.Files.download",
    method: "GET",
    path: "/files/v2/media/system/{systemId}/{filePath+}",
    success: Endpoint.streamed,
    errors: ["NotFound"],
    spanAttributes: { filePath: false }
  }),
  login: Endpoint.make({
    name: "x.Users.login",
    method: "POST",
    path: "/login",
    body: Schema.Struct({ user: Schema.String, password: Schema.String }),
    success: Schema.Struct({ token: Schema.String }),
    secrets: (input) => [Redacted.make(input.body.password)]
  })
}

const withService = <A, E>(
  reply: (seen: { url: URL }, index: number) => Response,
  body: (groups: Endpoint.Service<typeof Groups>) => Effect.Effect<A, E>
) => {
  const fake = fakeHttp(reply)
  return Effect.gen(function*() {
    const api = yield* makeClient({ baseUrl: "http://api.test/base/" })
    const result = yield* body(Endpoint.service(api, Groups))
    return { result, seen: fake.seen }
  }).pipe(Effect.provide(fake.layer))
}

describe("records", () => {
  it("carry their definition, and InvalidRequest when they take input", () => {
    assert.strictEqual(Groups.get.path.template, "/v2/groups/{groupId}")
    assert.strictEqual(
      Groups.get.docs,
      "https://docs.globus.org/api/groups/"
    )
    assert.deepStrictEqual(Groups.get.errors, ["Unauthorized", "NotFound", "InvalidRequest"])
    assert.deepStrictEqual(Groups.mine.errors, ["Unauthorized"])
    assert.isTrue(Groups.get.envelope)
  })

  it("refuse a query parameter that repeats a path parameter, and malformed templates", () => {
    assert.throws(
      () =>
        Endpoint.make({
          name: "x.y",
          method: "GET",
          path: "/a/{id}",
          // @ts-expect-error a query parameter may not repeat a path parameter
          query: { id: Query.string },
          success: Group
        }),
      /repeats/
    )
    assert.throws(() => Endpoint.make({ name: "x.y", method: "GET", path: "/a//{id}", success: Group }), /template/)
    assert.throws(
      () => Endpoint.make({ name: "x.y", method: "PUT", path: "/a/{body}", body: Group, success: Group }),
      /clash/
    )
  })
})

describe("Endpoint.service", () => {
  it.effect("builds the request from the input: encoded path, query, JSON body through its schema", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withService(
        () => json(200, group),
        (groups) =>
          Effect.all([
            groups.get({ groupId: "a/b c", include: ["memberships", "policies"] }),
            groups.get({ groupId: "g1" }),
            groups.create({ body: { name: "n", created: new Date("2024-01-02T03:04:05.000Z") } })
          ])
      )
      assert.deepStrictEqual(result, [group, group, group])
      assert.strictEqual(seen[0]!.url.pathname, "/base/v2/groups/a%2Fb%20c")
      assert.strictEqual(seen[0]!.url.search, "?include=memberships,policies")
      assert.strictEqual(seen[1]!.url.href, "http://api.test/base/v2/groups/g1")
      assert.strictEqual(seen[2]!.method, "POST")
      assert.deepStrictEqual(JSON.parse(seen[2]!.body!), { name: "n", created: "2024-01-02T03:04:05.000Z" })
    }))

  it.effect("refuses bad input before sending, with InvalidRequest naming what is wrong", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withService(
        () => json(200, group),
        (groups) =>
          Effect.all([
            Effect.flip(groups.get({ groupId: ".." })),
            Effect.flip(groups.get({ groupId: "g1", include: ["everything" as "policies"] })),
            Effect.flip(groups.create({ body: { name: 42 as unknown as string, created: new Date() } })),
            Effect.flip(Stream.runDrain(groups.download({ systemId: "s", filePath: "a/../../etc" })))
          ])
      )
      assert.deepStrictEqual(result.map((error) => [error._tag, error._tag === "InvalidRequest" && error.origin]), [
        ["InvalidRequest", "client"],
        ["InvalidRequest", "client"],
        ["InvalidRequest", "client"],
        ["InvalidRequest", "client"]
      ])
      assert.include(result[0]!.message, "groupId")
      assert.include(result[1]!.message, "include")
      assert.include(result[2]!.message, "request body")
      assert.include(result[3]!.message, "filePath")
      assert.strictEqual(seen.length, 0)
    }))

  it.effect("scrubs the secrets a record declares from a body it refuses", () =>
    Effect.gen(function*() {
      const { result } = yield* withService(
        () => json(200, { token: "t" }),
        (groups) => Effect.flip(groups.login({ body: { user: 7 as unknown as string, password: "hunter2-secret" } }))
      )
      assert.strictEqual(result._tag, "InvalidRequest")
      assert.notInclude(JSON.stringify(result), "hunter2-secret")
    }))

  it.effect("ends in the record's tags, and an answer outside them is InvalidResponse", () =>
    Effect.gen(function*() {
      const { result } = yield* withService(
        (_, index) =>
          index === 0
            ? json(404, { message: "no such group" })
            : index === 1
            ? json(409, { message: "taken" })
            : json(401, { message: "who are you" }),
        (groups) =>
          Effect.all([
            Effect.flip(groups.get({ groupId: "g9" })),
            Effect.flip(groups.get({ groupId: "g9" })),
            Effect.flip(groups.mine())
          ])
      )
      assert.deepStrictEqual(result.map((error) => error._tag), ["NotFound", "InvalidResponse", "Unauthorized"])
    }))

  it.effect("runs records with no content and streamed bodies", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withService(
        (_, index) =>
          index === 0 ? new Response(null, { status: 204 }) : new Response(new Uint8Array([1, 2, 3]), { status: 200 }),
        (groups) =>
          Effect.all([
            groups.remove({ groupId: "g1" }),
            Stream.runCollect(groups.download({ systemId: "s", filePath: "/home/u/f.bin" }))
          ])
      )
      assert.isUndefined(result[0])
      assert.deepStrictEqual([...result[1]].flatMap((chunk) => [...chunk]), [1, 2, 3])
      assert.strictEqual(seen[0]!.method, "DELETE")
      assert.strictEqual(seen[1]!.url.pathname, "/base/files/v2/media/system/s//home/u/f.bin")
    }))

  it.effect("traces each call under the record's name, with path parameters as bounded attributes", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const long = "x".repeat(1000)
      yield* withService(
        (_, index) => index < 3 ? json(200, group) : new Response(new Uint8Array([1]), { status: 200 }),
        (groups) =>
          Effect.all([
            groups.get({ groupId: long }),
            groups.remove({ groupId: "g2" }),
            Effect.flip(groups.get({ groupId: "" })),
            Stream.runDrain(groups.download({ systemId: "s1", filePath: "private/notes.txt" }))
          ])
      ).pipe(Effect.withTracer(tracer))
      const byName = (name: string) => spans.filter((span) => span.name === name)
      const gets = byName("globus.Groups.get")
      assert.strictEqual(gets.length, 2)
      assert.strictEqual(gets[0]!.attributes.get("globus.groupId"), "x".repeat(256))
      assert.strictEqual(gets[1]!.attributes.get("globus.groupId"), "")
      assert.strictEqual(byName("globus.Groups.delete")[0]!.attributes.get("globus.group.id"), "g2")
      const download = byName("agave.Files.download")[0]!
      assert.strictEqual(download.attributes.get("agave.systemId"), "s1")
      // The file path is no attribute of its own (only inside the request's url.full).
      assert.isFalse(
        [...download.attributes.entries()].some(([key, value]) => key !== "url.full" && String(value).includes("notes"))
      )
      // A failed call's span says where its record was defined.
      assert.include(String(gets[1]!.attributes.get("code.stacktrace")), "endpoint.test.ts")
    }))
})

describe("Endpoint.offsetList", () => {
  const Page = Schema.Struct({ items: Schema.Array(Group), total: Schema.Number })
  const listPage = Endpoint.make({
    name: "x.Groups.list",
    method: "GET",
    path: "/groups",
    query: { offset: Query.required(Query.integer), limit: Query.integer, q: Query.string },
    success: Page,
    paging: Endpoint.offsetPaging(Page, {
      start: 0,
      offset: "offset",
      limit: "limit",
      items: (page) => page.items,
      total: (page) => page.total
    })
  })
  const all = Array.from({ length: 7 }, (_, i) => ({ id: `g${i}`, name: `G ${i}` }))
  const server = (seen: { url: URL }) => {
    const offset = Number(seen.url.searchParams.get("offset"))
    const limit = Number(seen.url.searchParams.get("limit") ?? "2")
    return json(200, { items: all.slice(offset, offset + limit), total: all.length })
  }

  it.effect("streams every item over pages, with the other parameters on every page", () => {
    const fake = fakeHttp(server)
    return Effect.gen(function*() {
      const api = yield* makeClient()
      const list = Endpoint.offsetList(listPage, Endpoint.call(api, listPage))
      const items = yield* Stream.runCollect(list({ q: "x", pageSize: 3 }))
      assert.deepStrictEqual([...items], all)
      assert.deepStrictEqual(fake.seen.map((seen) => seen.url.search), [
        "?offset=0&limit=3&q=x",
        "?offset=3&limit=3&q=x",
        "?offset=6&limit=3&q=x"
      ])
      // Without a page size, the server's own.
      assert.deepStrictEqual([...(yield* Stream.runCollect(list()))], all)
      assert.strictEqual(fake.seen[3]!.url.search, "?offset=0")
    }).pipe(Effect.provide(fake.layer))
  })
})

describe("Endpoint.offsetList with a filter, a default page size and the server's cap", () => {
  const Page = Schema.Array(Group)
  const all = [
    { id: ".", name: "the directory itself" },
    ...Array.from({ length: 6 }, (_, i) => ({ id: `g${i}`, name: `G ${i}` }))
  ]
  const listPage = Endpoint.make({
    name: "x.Files.list",
    method: "GET",
    path: "/files",
    query: { offset: Query.integer, limit: Query.integer },
    success: Page,
    paging: Endpoint.offsetPaging(Page, {
      start: 0,
      offset: "offset",
      limit: "limit",
      items: (page) => page,
      pageSize: 4,
      maxPageSize: 4,
      filter: (item) => item.id !== "."
    })
  })
  const server = (seen: { url: URL }) => {
    const offset = Number(seen.url.searchParams.get("offset"))
    const limit = Math.min(Number(seen.url.searchParams.get("limit") ?? "100"), 4)
    return json(200, all.slice(offset, offset + limit))
  }

  it.effect("the filtered item still moves the cursor; a page shorter than asked is the last; asks no more than the cap", () => {
    const fake = fakeHttp(server)
    return Effect.gen(function*() {
      const api = yield* makeClient()
      const list = Endpoint.offsetList(listPage, Endpoint.call(api, listPage), api)
      assert.deepStrictEqual([...(yield* Stream.runCollect(list()))], all.slice(1))
      // Two requests: 4 items, then 3 (short: the last). No third, empty, page.
      assert.deepStrictEqual(fake.seen.map((seen) => seen.url.search), ["?offset=0&limit=4", "?offset=4&limit=4"])
      yield* Stream.runCollect(list({ pageSize: 100 }))
      assert.strictEqual(fake.seen[2]!.url.search, "?offset=0&limit=4")
    }).pipe(Effect.provide(fake.layer))
  })
})
