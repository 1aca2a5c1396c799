import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { Filter, Patch, ScimGroups, ScimUsers } from "../../src/scim/index.js"
import { collect, listingQueries, withScimmy } from "../helpers/scim.js"

const createGroups = (names: ReadonlyArray<string>) =>
  Effect.flatMap(ScimGroups, (groups) => Effect.forEach(names, (displayName) => groups.create({ displayName })))

const names = (n: number, prefix = "group") =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, "0")}`)

describe("SCIM groups against SCIMMY", () => {
  it.effect("create returns the stored group; get reads it back", () =>
    withScimmy((server) =>
      Effect.gen(function*() {
        const groups = yield* ScimGroups
        const created = yield* groups.create({ displayName: "Curators", externalId: "ext-1" })
        assert.strictEqual(created.displayName, "Curators")
        assert.strictEqual(created.externalId, "ext-1")
        assert.strictEqual(created.meta?.resourceType, "Group")
        assert.isTrue(server.store.Groups.has(created.id))
        const read = yield* groups.get(created.id)
        assert.deepStrictEqual(read, created)
        const post = server.requests.find((r) => r.method === "POST")
        assert.strictEqual(post?.contentType, "application/scim+json")
      })
    ))

  it.effect("a taken name is Conflict with code uniqueness", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const groups = yield* ScimGroups
        yield* groups.create({ displayName: "Curators" })
        const error = yield* Effect.flip(groups.create({ displayName: "Curators" }))
        assert.strictEqual(error._tag, "Conflict")
        assert.strictEqual(error.code, "uniqueness")
        assert.strictEqual(error.status, 409)
        assert.strictEqual(error.message, "displayName already in use")
      })
    ))

  for (
    const [total, pageSize] of [[7, 3], [7, 7], [7, 10], [45, undefined], [45, 7], [40, 20], [41, 20], [0, 5], [
      1,
      1
    ]] as const
  ) {
    it.effect(`${total} groups over page size ${pageSize ?? "(server default 20)"}: each exactly once`, () =>
      withScimmy((server) =>
        Effect.gen(function*() {
          const created = yield* createGroups(names(total))
          const listed = yield* collect((yield* ScimGroups).list({ pageSize }))
          assert.deepStrictEqual(listed.map((g) => g.id).sort(), created.map((g) => g.id).sort())
          const queries = listingQueries(server.requests, "/Groups")
          const perPage = pageSize ?? 20
          assert.deepStrictEqual(
            queries.map((q) => q.get("startIndex")),
            Array.from({ length: Math.max(1, Math.ceil(total / perPage)) }, (_, i) => String(1 + i * perPage))
          )
          assert.isTrue(queries.every((q) => q.get("count") === (pageSize === undefined ? null : String(pageSize))))
        })
      ))
  }

  it.effect("page() returns one ListResponse as sent; SCIMMY's itemsPerPage echoes count", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        yield* createGroups(names(7))
        const groups = yield* ScimGroups
        const page = yield* groups.listPage({ startIndex: 7, count: 3, sortBy: "displayName" })
        assert.strictEqual(page.totalResults, 7)
        assert.strictEqual(page.startIndex, 7)
        assert.strictEqual(page.itemsPerPage, 3)
        assert.deepStrictEqual(page.Resources.map((g) => g.displayName), ["group-006"])
        const countOnly = yield* groups.listPage({ count: 0 })
        assert.strictEqual(countOnly.totalResults, 7)
        assert.deepStrictEqual(countOnly.Resources, [])
      })
    ))

  it.effect("filters: eq, sw, and/or/not, unicode literals; sorting", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        yield* createGroups(["alpha", "alphabet", "beta", "gamma", "Ünïcode 日本 😀", "it's"])
        const groups = yield* ScimGroups
        const namesOf = (options: Parameters<typeof groups.list>[0]) =>
          Effect.map(collect(groups.list(options)), (found) => found.map((g) => g.displayName))
        assert.deepStrictEqual(yield* namesOf({ filter: Filter.eq("displayName", "beta") }), ["beta"])
        assert.deepStrictEqual(
          yield* namesOf({ filter: Filter.sw("displayName", "alpha"), sortBy: "displayName", sortOrder: "descending" }),
          ["alphabet", "alpha"]
        )
        assert.deepStrictEqual(
          yield* namesOf({
            // SCIMMY 1.3 drops a `not (…)` that follows a parenthesised group; this order it reads right.
            filter: Filter.and(
              Filter.not(Filter.eq("displayName", "alphabet")),
              Filter.or(Filter.sw("displayName", "a"), Filter.sw("displayName", "g"))
            ),
            sortBy: "displayName"
          }),
          ["alpha", "gamma"]
        )
        assert.deepStrictEqual(yield* namesOf({ filter: Filter.eq("displayName", "Ünïcode 日本 😀") }), [
          "Ünïcode 日本 😀"
        ])
        assert.deepStrictEqual(yield* namesOf({ filter: Filter.eq("displayName", "it's") }), ["it's"])
        assert.deepStrictEqual(yield* namesOf({ filter: "displayName co \"amm\"" }), ["gamma"])
      })
    ))

  it.effect("SCIMMY reads filter literals raw: an escaped quote is a filter it cannot parse (invalidFilter)", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const groups = yield* ScimGroups
        yield* groups.create({ displayName: "say \"hi\"" })
        const error = yield* Effect.flip(collect(groups.list({ filter: Filter.eq("displayName", "say \"hi\"") })))
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.strictEqual(error.code, "invalidFilter")
      })
    ))

  it.effect("an invalid filter is InvalidRequest carrying scimType invalidFilter and the server's detail", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(collect((yield* ScimGroups).list({ filter: "displayName eqq \"x\"" })))
        assert.strictEqual(error._tag, "InvalidRequest")
        if (error._tag !== "InvalidRequest") return
        assert.strictEqual(error.origin, "server")
        assert.strictEqual(error.code, "invalidFilter")
        assert.strictEqual(error.status, 400)
        assert.match(error.message, /Unexpected token/)
      })
    ))

  it.effect("patch: add and remove members, rename; the server's 200 body is returned", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const users = yield* ScimUsers
        const alice = yield* users.create({ userName: "alice" })
        const bob = yield* users.create({ userName: "bob" })
        const groups = yield* ScimGroups
        const group = yield* groups.create({ displayName: "Curators" })
        const added = yield* groups.patch(group.id, [
          Patch.addMembers([alice.id, { value: bob.id, type: "User", display: "Bob" }])
        ])
        assert.isTrue(Option.isSome(added))
        assert.deepStrictEqual(
          Option.getOrThrow(added).members?.map((m) => m.value).sort(),
          [alice.id, bob.id].sort()
        )
        const withAlice = yield* collect(
          groups.list({ filter: Filter.where("members", Filter.eq("value", alice.id)) })
        )
        assert.deepStrictEqual(withAlice.map((g) => g.id), [group.id])
        const renamed = yield* groups.patch(group.id, [Patch.rename("Editors"), ...Patch.removeMembers([alice.id])])
        assert.strictEqual(Option.getOrThrow(renamed).displayName, "Editors")
        assert.deepStrictEqual(Option.getOrThrow(renamed).members?.map((m) => m.value), [bob.id])
        const cleared = yield* groups.patch(group.id, [Patch.remove("members")])
        assert.isUndefined(Option.getOrThrow(cleared).members)
        const byPath = yield* groups.patch(group.id, [Patch.replace("displayName", "Readers")])
        assert.strictEqual((yield* groups.get(group.id)).displayName, "Readers")
        assert.strictEqual(Option.getOrThrow(byPath).displayName, "Readers")
      })
    ))

  it.effect("patch errors: unknown op is invalidSyntax, unknown group NotFound naming it, taken name Conflict", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const groups = yield* ScimGroups
        const group = yield* groups.create({ displayName: "One" })
        yield* groups.create({ displayName: "Two" })
        const badOp = yield* Effect.flip(
          groups.patch(group.id, [{ op: "frob", value: 1 } as unknown as Patch.Operation])
        )
        assert.strictEqual(badOp._tag, "InvalidRequest")
        assert.strictEqual(badOp.code, "invalidSyntax")
        const missing = yield* Effect.flip(groups.patch("no-such-group", [Patch.rename("x")]))
        assert.strictEqual(missing._tag, "NotFound")
        if (missing._tag === "NotFound") {
          assert.strictEqual(missing.resource, "Group")
          assert.strictEqual(missing.id, "no-such-group")
          assert.strictEqual(missing.message, "Resource no-such-group not found")
        }
        const taken = yield* Effect.flip(groups.patch(group.id, [Patch.rename("Two")]))
        assert.strictEqual(taken._tag, "Conflict")
        assert.strictEqual(taken.code, "uniqueness")
        const none = yield* Effect.flip(groups.patch(group.id, []))
        assert.strictEqual(none._tag, "InvalidRequest")
      })
    ))

  it.effect("replace (PUT) swaps the whole group; an unknown id is NotFound", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const groups = yield* ScimGroups
        const group = yield* groups.create({ displayName: "Old", externalId: "e1" })
        const replaced = yield* groups.replace(group.id, { displayName: "New", members: [{ value: "u-1" }] })
        assert.strictEqual(replaced.id, group.id)
        assert.strictEqual(replaced.displayName, "New")
        assert.isUndefined(replaced.externalId)
        assert.deepStrictEqual(replaced.members?.map((m) => m.value), ["u-1"])
        const missing = yield* Effect.flip(groups.replace("nope", { displayName: "X" }))
        assert.strictEqual(missing._tag, "NotFound")
      })
    ))

  it.effect("delete: 204, then the group is NotFound for get and delete", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const groups = yield* ScimGroups
        const group = yield* groups.create({ displayName: "Doomed" })
        yield* groups.delete(group.id)
        const gone = yield* Effect.flip(groups.get(group.id))
        assert.strictEqual(gone._tag, "NotFound")
        const again = yield* Effect.flip(groups.delete(group.id))
        assert.strictEqual(again._tag, "NotFound")
      })
    ))

  it.effect("excludedAttributes and attributes shape the response", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const groups = yield* ScimGroups
        const group = yield* groups.create({ displayName: "G", members: [{ value: "u-1" }] })
        assert.isUndefined((yield* groups.get(group.id, { excludedAttributes: ["members"] })).members)
        const slim = yield* groups.get(group.id, { attributes: "displayName" })
        assert.strictEqual(slim.displayName, "G")
        assert.isUndefined(slim.members)
        const listed = yield* collect(groups.list({ excludedAttributes: "members" }))
        assert.isUndefined(listed[0]?.members)
      })
    ))

  it.effect("groups deleted while streaming: SCIMMY's answer past the end is not read as more groups", () =>
    withScimmy((server) =>
      Effect.gen(function*() {
        const created = yield* createGroups(names(7))
        const seen: Array<string> = []
        const listed = yield* collect(
          (yield* ScimGroups).list({ pageSize: 3 }).pipe(
            Stream.tap((group) =>
              Effect.sync(() => {
                seen.push(group.id)
                // After the second page, the last three groups go: the total drops to 4.
                if (seen.length === 6) { for (const g of created.slice(4)) server.store.Groups.delete(g.id) }
              })
            )
          )
        )
        assert.deepStrictEqual(listed.map((g) => g.id), created.slice(0, 6).map((g) => g.id))
        assert.strictEqual(new Set(listed.map((g) => g.id)).size, listed.length)
        // The third page (startIndex 7 of 4) came back with the first groups again.
        assert.deepStrictEqual(listingQueries(server.requests, "/Groups").map((q) => q.get("startIndex")), [
          "1",
          "4",
          "7"
        ])
      })
    ))

  it.effect("a group created while streaming, sorting before the cursor: every other group exactly once", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const created = yield* createGroups(names(7, "m"))
        const groups = yield* ScimGroups
        let inserted = false
        const listed = yield* collect(
          groups.list({ pageSize: 3, sortBy: "displayName" }).pipe(
            Stream.tap(() =>
              inserted ? Effect.void : Effect.asVoid(
                Effect.tap(groups.create({ displayName: "a-first" }), () => {
                  inserted = true
                })
              )
            )
          )
        )
        assert.isTrue(inserted)
        // The page after the first now starts one place earlier: without de-duplication its first
        // group would be m-002 again.
        assert.deepStrictEqual(listed.map((g) => g.displayName), names(7, "m"))
        assert.deepStrictEqual(listed.map((g) => g.id), created.map((g) => g.id))
      })
    ))

  it.effect("Stream.take stops asking for pages", () =>
    withScimmy((server) =>
      Effect.gen(function*() {
        yield* createGroups(names(30))
        const firstFour = yield* collect(Stream.take((yield* ScimGroups).list({ pageSize: 3 }), 4))
        assert.strictEqual(firstFour.length, 4)
        assert.strictEqual(listingQueries(server.requests, "/Groups").length, 2)
      })
    ))
})
