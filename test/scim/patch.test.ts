import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { Filter, Patch } from "../../src/scim/index.js"

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
