import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { Filter, Patch, Scim, ScimGroups } from "../../src/scim/index.js"
import type { Reply } from "../helpers/fakeHttp.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"

const body = (operations: ReadonlyArray<Patch.Operation>) => Either.getOrThrow(Patch.request(operations))

describe("Patch", () => {
  it("the message names the PatchOp schema", () => {
    assert.deepStrictEqual(body([Patch.rename("New")]), {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", value: { displayName: "New" } }]
    })
  })

  it("member helpers: add as an object of attributes, remove by escaped value path", () => {
    assert.deepStrictEqual(body([Patch.addMembers(["u1", { value: "g2", type: "Group" }])]).Operations, [
      { op: "add", value: { members: [{ value: "u1" }, { value: "g2", type: "Group" }] } }
    ])
    assert.deepStrictEqual(body(Patch.removeMembers(["u1", "we\"ird"])).Operations, [
      { op: "remove", path: "members[value eq \"u1\"]" },
      { op: "remove", path: "members[value eq \"we\\\"ird\"]" }
    ])
    assert.deepStrictEqual(body([Patch.setMembers([])]).Operations, [{ op: "replace", value: { members: [] } }])
  })

  it("add, replace and remove with paths", () => {
    assert.deepStrictEqual(
      body([
        Patch.add("emails", [{ value: "a@x.org" }]),
        Patch.replace("displayName", "B"),
        Patch.replace(Filter.where("emails", Filter.eq("type", "work")), { value: "w@x.org" }),
        Patch.remove("members")
      ]).Operations,
      [
        { op: "add", path: "emails", value: [{ value: "a@x.org" }] },
        { op: "replace", path: "displayName", value: "B" },
        { op: "replace", path: "emails[type eq \"work\"]", value: { value: "w@x.org" } },
        { op: "remove", path: "members" }
      ]
    )
  })

  it("refuses an empty list, an add without value, an empty or unrenderable path", () => {
    for (
      const operations of [
        [],
        [Patch.add("displayName", undefined)],
        [Patch.remove("")],
        [Patch.remove(Filter.where("members", Filter.eq("bad path", "x")))]
      ]
    ) {
      const result = Patch.request(operations)
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) assert.strictEqual(result.left.origin, "client")
    }
  })

  it("a filter that is not a value path is refused as a path, before rendering", () => {
    // The type admits only `Filter.where`; plain JavaScript or a cast can still hand over others.
    for (const filter of [Filter.eq("displayName", "x"), Filter.and(Filter.pr("a"), Filter.pr("b")), Filter.raw("a")]) {
      for (
        const operation of [Patch.remove(filter as Filter.ValuePath), Patch.replace(filter as Filter.ValuePath, 1)]
      ) {
        const result = Patch.request([operation])
        assert.isTrue(Either.isLeft(result))
        if (Either.isLeft(result)) {
          assert.strictEqual(result.left.origin, "client")
          assert.include(result.left.message, "value path")
        }
      }
    }
  })
})

// PATCH against a server that answers every request with `reply`.
const patchAnswered = (reply: () => Reply) => {
  const fake = fakeHttp(reply)
  return Effect.flatMap(ScimGroups, (groups) => groups.patch("g1", [Patch.rename("New")])).pipe(
    Effect.provide(
      Scim.layer({ url: "http://scim.test/v2", retry: { maxAttempts: 1 } }).pipe(Layer.provide(fake.layer))
    )
  )
}

describe("ScimGroups.patch answers", () => {
  it.effect("200 with the group: Some(group)", () =>
    Effect.gen(function*() {
      const result = yield* patchAnswered(() => json(200, { id: "g1", displayName: "New" }))
      assert.deepStrictEqual(Option.map(result, (g) => g.displayName), Option.some("New"))
    }))

  it.effect("204, or 200 with a body that is not the resource ({}, null, empty): None, not a failure", () =>
    Effect.gen(function*() {
      for (
        const reply of [
          () => new Response(null, { status: 204 }),
          () => json(200, {}),
          () => json(200, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"] }),
          () => json(200, null),
          () => new Response("", { status: 200, headers: { "content-type": "application/scim+json" } })
        ]
      ) {
        assert.isTrue(Option.isNone(yield* patchAnswered(reply)))
      }
    }))

  it.effect("200 with an id but not a valid resource is InvalidResponse", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(patchAnswered(() => json(200, { id: "g1", displayName: 42 })))
      assert.strictEqual(error._tag, "InvalidResponse")
    }))
})
