/**
 * Describing a decode failure never recurses through the value: any depth, any width, any size of
 * body gives a short message, and the server's text in it is scrubbed before it is cut.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { describeIssue, issueLimits, preview } from "../../src/core/DecodeIssue.js"

// Built in a loop: a literal this deep could not be written, nor a recursive builder run.
const nestedArrays = (depth: number): unknown => {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = [value]
  return value
}
const nestedObjects = (depth: number): unknown => {
  let value: unknown = "leaf"
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

const issueOf = <A, I>(schema: Schema.Schema<A, I>, value: unknown) => {
  const result = Schema.decodeUnknownEither(schema)(value)
  if (Either.isRight(result)) throw new Error("expected a decode failure")
  return result.left.issue
}

describe("preview", () => {
  it("stops at a fixed depth, whatever the nesting", () => {
    for (const value of [nestedArrays(100_000), nestedObjects(100_000)]) {
      const text = preview(value)
      assert.isAtMost(text.length, 40)
      assert.include(text, "…")
    }
  })

  it("shows a few entries of a wide value, and a few characters of a long string", () => {
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, "x".repeat(10_000)]))
    const text = preview({ wide, list: Array.from({ length: 100_000 }, (_, i) => i) })
    assert.isAtMost(text.length, 400)
    assert.include(text, "\"key0\": \"xxxx")
    assert.include(text, "[0, 1, 2, …]")
  })

  it("renders scalars plainly", () => {
    assert.strictEqual(preview(null), "null")
    assert.strictEqual(preview(Infinity), "Infinity")
    assert.strictEqual(preview("a\"b"), "\"a\\\"b\"")
    assert.strictEqual(preview([]), "[]")
    assert.strictEqual(preview({}), "{}")
  })

  it("scrubs a secret before cutting a string, so no part of it shows", () => {
    const token = "tok-0123456789abcdefghijklmnopqrstuvwxyz-secret"
    const text = preview({ name: `hello ${token} and more` }, [Redacted.make(token)])
    assert.notInclude(text, token.slice(0, 12))
    assert.include(text, "<redacted>")
  })
})

describe("describeIssue", () => {
  const Item = Schema.Struct({ id: Schema.String, tags: Schema.Array(Schema.String) })

  it("names the path and what was received", () => {
    const text = describeIssue(issueOf(Schema.Struct({ items: Schema.Array(Item) }), {
      items: [{ id: "a", tags: [] }, { id: 7, tags: [] }]
    }))
    assert.strictEqual(text, "at [\"items\"][1][\"id\"]: expected a string, received 7")
  })

  it("a value 3,000 (or 100,000) levels deep where an object was expected", () => {
    for (const value of [nestedArrays(3_000), nestedObjects(3_000), nestedArrays(100_000), nestedObjects(100_000)]) {
      const text = describeIssue(issueOf(Schema.Struct({ a: Schema.Struct({ b: Schema.String }) }), value))
      assert.isAtMost(text.length, issueLimits.message + 40)
    }
  })

  it("a union summarises its members in one line", () => {
    const text = describeIssue(
      issueOf(Schema.Struct({ state: Schema.Literal("A", "B") }), { state: nestedArrays(5_000) })
    )
    assert.strictEqual(text, "at [\"state\"]: expected \"A\" | \"B\", received [[[…]]]")
  })

  it("lists at most a few problems", () => {
    const issue = Schema.decodeUnknownEither(Schema.Array(Schema.String), { errors: "all" })(
      Array.from({ length: 10_000 }, (_, i) => i)
    )
    assert.isTrue(Either.isLeft(issue))
    if (Either.isRight(issue)) return
    const text = describeIssue(issue.left.issue)
    assert.strictEqual(text.split("; ").length, issueLimits.problems + 1)
    assert.isTrue(text.endsWith("; …"))
  })

  it("a recursive schema's issue chain as deep as the value is walked without recursion", () => {
    interface Tree {
      readonly child: Tree | null
    }
    const Tree: Schema.Schema<Tree> = Schema.Struct({
      child: Schema.NullOr(Schema.suspend(() => Tree))
    })
    let value: unknown = { child: 5 }
    for (let i = 0; i < 1_000; i++) value = { child: value }
    const text = describeIssue(issueOf(Tree, value))
    assert.isAtMost(text.length, 2_000)
    assert.include(text, "received 5")
    assert.include(text, "…: expected", "the path is cut at the depth limit")
  })
})
