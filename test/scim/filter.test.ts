import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { Filter } from "../../src/scim/index.js"

const text = (filter: Filter.Filter | string) => Either.getOrThrow(Filter.render(filter))
const refused = (filter: Filter.Filter | string) => {
  const result = Filter.render(filter)
  assert.isTrue(Either.isLeft(result))
  return Either.isLeft(result) ? result.left : undefined
}

describe("Filter rendering", () => {
  it("every comparison operator and pr", () => {
    assert.strictEqual(text(Filter.eq("displayName", "Curator")), "displayName eq \"Curator\"")
    assert.strictEqual(text(Filter.ne("active", true)), "active ne true")
    assert.strictEqual(text(Filter.co("userName", "ali")), "userName co \"ali\"")
    assert.strictEqual(text(Filter.sw("userName", "a")), "userName sw \"a\"")
    assert.strictEqual(text(Filter.ew("userName", "z")), "userName ew \"z\"")
    assert.strictEqual(
      text(Filter.gt("meta.lastModified", new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))),
      "meta.lastModified gt \"2024-01-02T03:04:05.000Z\""
    )
    assert.strictEqual(text(Filter.ge("x", 1.5)), "x ge 1.5")
    assert.strictEqual(text(Filter.lt("x", -2)), "x lt -2")
    assert.strictEqual(text(Filter.le("x", "b")), "x le \"b\"")
    assert.strictEqual(text(Filter.eq("manager", null)), "manager eq null")
    assert.strictEqual(text(Filter.pr("title")), "title pr")
  })

  it("string literals are JSON: quotes, backslashes, control characters escaped; unicode kept", () => {
    assert.strictEqual(text(Filter.eq("a", "say \"hi\"")), "a eq \"say \\\"hi\\\"\"")
    assert.strictEqual(text(Filter.eq("a", "back\\slash")), "a eq \"back\\\\slash\"")
    assert.strictEqual(text(Filter.eq("a", "l1\nl2\tx\u0001")), "a eq \"l1\\nl2\\tx\\u0001\"")
    assert.strictEqual(text(Filter.eq("a", "Ünïcode 日本 😀")), "a eq \"Ünïcode 日本 😀\"")
    assert.strictEqual(text(Filter.eq("a", "lone \ud800")), "a eq \"lone \\ud800\"")
    // Whatever the value, it stays one literal: the rendered text parses back to it.
    for (const value of ["\") or (id pr", "]\"[", "\\\"", "\u2028"]) {
      const rendered = text(Filter.eq("a", value))
      assert.strictEqual(JSON.parse(rendered.slice("a eq ".length)), value)
    }
  })

  it("precedence: or inside and is grouped; and inside or is not; not always parenthesises", () => {
    const a = Filter.eq("a", 1)
    const b = Filter.eq("b", 2)
    const c = Filter.eq("c", 3)
    assert.strictEqual(text(Filter.and(Filter.or(a, b), c)), "(a eq 1 or b eq 2) and c eq 3")
    assert.strictEqual(text(Filter.or(Filter.and(a, b), c)), "a eq 1 and b eq 2 or c eq 3")
    assert.strictEqual(text(Filter.not(Filter.or(a, b))), "not (a eq 1 or b eq 2)")
    assert.strictEqual(text(Filter.and(a, Filter.not(b))), "a eq 1 and not (b eq 2)")
    assert.strictEqual(text(Filter.and(a, Filter.and(b, c))), "a eq 1 and b eq 2 and c eq 3")
    assert.strictEqual(text(Filter.and(a)), "a eq 1")
  })

  it("value paths, URN-qualified and sub-attribute paths", () => {
    assert.strictEqual(text(Filter.where("members", Filter.eq("value", "x"))), "members[value eq \"x\"]")
    assert.strictEqual(
      text(Filter.where("emails", Filter.and(Filter.eq("type", "work"), Filter.co("value", "@x.org")))),
      "emails[type eq \"work\" and value co \"@x.org\"]"
    )
    assert.strictEqual(
      text(Filter.and(Filter.where("members", Filter.eq("value", "x")), Filter.pr("displayName"))),
      "members[value eq \"x\"] and displayName pr"
    )
    assert.strictEqual(
      text(Filter.eq("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "7")),
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"7\""
    )
    assert.strictEqual(text(Filter.eq("name.givenName", "A")), "name.givenName eq \"A\"")
    assert.strictEqual(text(Filter.eq("members.$ref", "u")), "members.$ref eq \"u\"")
  })

  it("raw text is sent as is, and parenthesised when combined", () => {
    assert.strictEqual(text("displayName eq \"x\""), "displayName eq \"x\"")
    assert.strictEqual(text(Filter.and(Filter.raw("a eq 1 or b eq 2"), Filter.pr("c"))), "(a eq 1 or b eq 2) and c pr")
  })

  it("refuses what would change the filter's meaning or no server could parse", () => {
    assert.strictEqual(refused(Filter.eq("displayName eq \"x\") or (id", "y"))?._tag, "InvalidRequest")
    assert.strictEqual(refused(Filter.eq("", "y"))?.origin, "client")
    refused(Filter.pr("a b"))
    refused(Filter.eq("a", Number.NaN))
    refused(Filter.eq("a", Infinity))
    refused(Filter.eq("a", new Date("nope")))
    refused(Filter.where("members", Filter.where("x", Filter.pr("y"))))
    refused("  ")
  })

  it("refuses a hand-built and/or of no filters, wherever it sits", () => {
    const empty: ReadonlyArray<Filter.Filter> = [{ _tag: "And", filters: [] }, { _tag: "Or", filters: [] }]
    for (const filter of empty) {
      const error = refused(filter)
      assert.strictEqual(error?._tag, "InvalidRequest")
      assert.strictEqual(error?.origin, "client")
      assert.match(error?.message ?? "", /of no filters/)
      refused(Filter.and(Filter.pr("a"), filter))
      refused(Filter.not(filter))
      refused(Filter.where("members", filter))
    }
    // One filter, hand-built, is that filter.
    assert.strictEqual(text({ _tag: "And", filters: [Filter.pr("a")] }), "a pr")
  })
})
