/** Query parameters: their encodings, what is left out, and what is refused before sending. */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Query from "../../src/core/Query.js"

const encode = Query.compile({
  q: Query.string,
  limit: Query.integer,
  score: Query.number,
  naked: Query.boolean,
  order: Query.literal("asc", "desc"),
  include: Query.commaList(Query.literal("memberships", "policies")),
  ids: Query.commaList(Query.string)
})

const query = (input: Record<string, unknown>): string => {
  const result = encode(input)
  if (Either.isLeft(result)) assert.fail(result.left.message)
  return result.right
}

const refusal = (input: Record<string, unknown>, fields: Query.Fields = {}): string => {
  const result = (Object.keys(fields).length === 0 ? encode : Query.compile(fields))(input)
  if (Either.isRight(result)) assert.fail(`encoded ${result.right}`)
  assert.strictEqual(result.left._tag, "InvalidRequest")
  assert.strictEqual(result.left.origin, "client")
  return result.left.message
}

describe("Query", () => {
  it("writes each kind of value", () => {
    assert.strictEqual(
      query({ q: "a b&c=d", limit: 10, score: 0.5, naked: true, order: "desc", include: ["memberships", "policies"] }),
      "q=a%20b%26c%3Dd&limit=10&score=0.5&naked=true&order=desc&include=memberships,policies"
    )
    assert.strictEqual(query({ naked: false }), "naked=false")
    assert.strictEqual(query({ q: "ünï,✓" }), "q=%C3%BCn%C3%AF,%E2%9C%93")
  })

  it("leaves out undefined values and empty lists, in declaration order", () => {
    assert.strictEqual(query({}), "")
    assert.strictEqual(query({ include: [], q: undefined, limit: 0 }), "limit=0")
    assert.strictEqual(query({ ids: ["b", "a"], q: "" }), "q=&ids=b,a")
  })

  it("encodes the keys", () => {
    assert.strictEqual(Either.getOrThrow(Query.compile({ "a b": Query.string })({ "a b": "x" })), "a%20b=x")
  })

  it("refuses values that do not fit their parameter, naming it", () => {
    assert.include(refusal({ limit: 1.5 }), "limit")
    assert.include(refusal({ limit: Number.NaN }), "limit")
    assert.include(refusal({ limit: 2 ** 60 }), "limit")
    assert.include(refusal({ score: Number.POSITIVE_INFINITY }), "score")
    assert.include(refusal({ naked: "yes" }), "naked")
    assert.include(refusal({ order: "sideways" }), "asc, desc")
    assert.include(refusal({ q: 5 }), "q")
    assert.include(refusal({ include: "memberships" }), "include")
    assert.include(refusal({ include: ["members"] }), "include")
  })

  it("refuses a list item holding a comma, and values that cannot be encoded", () => {
    assert.include(refusal({ ids: ["a,b"] }), "comma")
    assert.include(refusal({ q: "x\uD800" }), "well-formed")
    assert.include(refusal({ ids: ["\uDC00"] }), "well-formed")
  })

  it("requires what is required", () => {
    const fields = { offset: Query.required(Query.integer), limit: Query.integer }
    assert.include(refusal({ limit: 3 }, fields), "offset")
    assert.strictEqual(Either.getOrThrow(Query.compile(fields)({ offset: 0 })), "offset=0")
  })
})

describe("Query.pairs", () => {
  const terms = Query.pairs((value: ReadonlyArray<readonly [string, string]>) =>
    value.some(([key]) => key === "") ? new Query.Refused("an empty key") : value
  )
  const withTerms = Query.compile({ limit: Query.integer, search: terms })
  const encoded = (input: Record<string, unknown>) => {
    const result = withTerms(input)
    if (Either.isLeft(result)) assert.fail(result.left.message)
    return result.right
  }

  it("stands for its pairs, each key and value percent-encoded; its own name is not sent", () => {
    assert.strictEqual(
      encoded({ limit: 5, search: [["status.in", "PENDING,QUEUED"], ["name.like", "a&b=c*"]] }),
      "limit=5&status.in=PENDING,QUEUED&name.like=a%26b%3Dc*"
    )
    assert.strictEqual(encoded({ search: [] }), "")
    assert.strictEqual(encoded({}), "")
  })

  it("refuses what its writer refuses, unencodable text, and a key that is a declared parameter", () => {
    assert.include(refusal({ search: [["", "x"]] }, { limit: Query.integer, search: terms }), "an empty key")
    assert.include(refusal({ search: [["name.eq", "\ud800"]] }, { limit: Query.integer, search: terms }), "Unicode")
    assert.include(refusal({ search: [["limit", "1000"]] }, { limit: Query.integer, search: terms }), "limit")
  })
})
