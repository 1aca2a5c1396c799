/**
 * The metadata query builder: every operator's JSON, escaping (quotes, backslashes, control
 * characters, unicode, `$` in values, keys that try to become operators), refusals as
 * `InvalidRequest`, and what the encoded queries select — read back by the test server's MongoDB
 * reader, so that the two sides agree on every operator.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as MetaQuery from "../../src/agave/MetaQuery.js"
import * as Query from "../../src/core/Query.js"
import * as Reader from "../../src/testkit/agave/MetaQuery.js"
import { Refusal } from "../../src/testkit/agave/Outcome.js"

interface Sample {
  readonly species: string
  readonly reads: number
  readonly tags: ReadonlyArray<string>
  readonly run?: { readonly lane: number; readonly flowcell: string } | undefined
  readonly note?: string | null | undefined
}

const Q = MetaQuery.make<Sample>()
const Any = MetaQuery.make()
// Paths and operands the compiler would refuse, for the checks made when a query is encoded.
const Loose = MetaQuery.make() as unknown as MetaQuery.Builder<any>

const json = (filter: MetaQuery.Filter): string => Either.getOrThrow(MetaQuery.encode(filter))
const parsed = (filter: MetaQuery.Filter): unknown => JSON.parse(json(filter))
const refusal = (filter: MetaQuery.Filter): string => {
  const result = MetaQuery.encode(filter)
  if (Either.isRight(result)) return assert.fail(`encoded: ${result.right}`)
  assert.strictEqual(result.left._tag, "InvalidRequest")
  assert.strictEqual(result.left.origin, "client")
  return result.left.message
}

const documents = [
  {
    uuid: "1-a-0001-012",
    name: "sample",
    owner: "nryan",
    associationIds: ["9-a-0001-007"],
    created: new Date("2024-01-01T00:00:00Z"),
    value: { species: "A. thaliana", reads: 5000, tags: ["rna"], run: { lane: 2, flowcell: "FC1" } }
  },
  {
    uuid: "2-a-0001-012",
    name: "sample",
    owner: "rclemens",
    associationIds: [],
    created: new Date("2024-03-01T00:00:00Z"),
    value: { species: "M. musculus", reads: 100, tags: ["dna", "rna"], note: null }
  },
  {
    uuid: "3-a-0001-012",
    name: "control",
    owner: "nryan",
    associationIds: [],
    created: new Date("2024-06-01T00:00:00Z"),
    value: { species: "D. rerio", reads: 2500, tags: [] }
  }
]

// The uuids of the documents the encoded query selects, as the test server reads it.
const selects = (filter: MetaQuery.Filter): ReadonlyArray<string> => {
  const query = Reader.parse(json(filter))
  return documents.filter((document) => Reader.matches(document, query)).map((document) => document.uuid[0]!)
}

describe("MetaQuery: every operator", () => {
  it("comparisons, sets, regular expressions, existence, negation, and, or", () => {
    assert.deepStrictEqual(parsed(Q.eq("name", "sample")), { name: { $eq: "sample" } })
    assert.deepStrictEqual(parsed(Q.ne("value.species", "D. rerio")), { "value.species": { $ne: "D. rerio" } })
    assert.deepStrictEqual(parsed(Q.gt("value.reads", 1)), { "value.reads": { $gt: 1 } })
    assert.deepStrictEqual(parsed(Q.gte("value.run.lane", 2)), { "value.run.lane": { $gte: 2 } })
    assert.deepStrictEqual(parsed(Q.lt("value.reads", 3.5)), { "value.reads": { $lt: 3.5 } })
    assert.deepStrictEqual(parsed(Q.lte("owner", "m")), { owner: { $lte: "m" } })
    assert.deepStrictEqual(parsed(Q.in("value.tags", ["rna", "dna"])), { "value.tags": { $in: ["rna", "dna"] } })
    assert.deepStrictEqual(parsed(Q.nin("uuid", ["x", null])), { uuid: { $nin: ["x", null] } })
    assert.deepStrictEqual(parsed(Q.regex("value.species", "^a\\.", "i")), {
      "value.species": { $regex: "^a\\.", $options: "i" }
    })
    assert.deepStrictEqual(parsed(Q.regex("name", /^s.+e$/ms)), { name: { $regex: "^s.+e$", $options: "ms" } })
    assert.deepStrictEqual(parsed(Q.regex("name", "x")), { name: { $regex: "x" } })
    assert.deepStrictEqual(parsed(Q.exists("value.run")), { "value.run": { $exists: true } })
    assert.deepStrictEqual(parsed(Q.exists("value.run", false)), { "value.run": { $exists: false } })
    assert.deepStrictEqual(parsed(Q.not(Q.gt("value.reads", 10))), { "value.reads": { $not: { $gt: 10 } } })
    assert.deepStrictEqual(parsed(Q.not(Q.regex("name", "^s", "i"))), {
      name: { $not: { $regex: "^s", $options: "i" } }
    })
    assert.deepStrictEqual(parsed(Q.and(Q.eq("name", "a"), Q.or(Q.eq("owner", "b"), Q.exists("value.note")))), {
      $and: [{ name: { $eq: "a" } }, { $or: [{ owner: { $eq: "b" } }, { "value.note": { $exists: true } }] }]
    })
    assert.deepStrictEqual(parsed(Q.eq("created", new Date("2024-01-02T03:04:05Z"))), {
      created: { $eq: { $date: "2024-01-02T03:04:05.000Z" } }
    })
  })

  it("and of nothing is every document, and of one is that one; or of one is that one", () => {
    assert.strictEqual(json(Q.and()), "{}")
    assert.strictEqual(json(Q.and(Q.eq("name", "x"))), "{\"name\":{\"$eq\":\"x\"}}")
    assert.strictEqual(json(Q.or(Q.eq("name", "x"))), "{\"name\":{\"$eq\":\"x\"}}")
  })

  it("each selects what MongoDB would (read back by the test server)", () => {
    assert.deepStrictEqual(selects(Q.eq("name", "sample")), ["1", "2"])
    assert.deepStrictEqual(selects(Q.ne("name", "sample")), ["3"])
    assert.deepStrictEqual(selects(Q.gt("value.reads", 2500)), ["1"])
    assert.deepStrictEqual(selects(Q.gte("value.reads", 2500)), ["1", "3"])
    assert.deepStrictEqual(selects(Q.lt("value.reads", 2500)), ["2"])
    assert.deepStrictEqual(selects(Q.lte("value.reads", 2500)), ["2", "3"])
    // A list matches when any item does.
    assert.deepStrictEqual(selects(Q.eq("value.tags", "rna")), ["1", "2"])
    assert.deepStrictEqual(selects(Q.eq("value.tags", ["dna", "rna"])), ["2"])
    assert.deepStrictEqual(selects(Q.in("value.tags", ["dna"])), ["2"])
    assert.deepStrictEqual(selects(Q.nin("value.tags", ["rna"])), ["3"])
    assert.deepStrictEqual(selects(Q.in("associationIds", ["9-a-0001-007"])), ["1"])
    assert.deepStrictEqual(selects(Q.regex("value.species", "^m\\.", "i")), ["2"])
    assert.deepStrictEqual(selects(Q.regex("value.species", "^m\\.")), [])
    assert.deepStrictEqual(selects(Q.exists("value.run")), ["1"])
    assert.deepStrictEqual(selects(Q.exists("value.note", false)), ["1", "3"])
    // `null` matches a null field and a missing one.
    assert.deepStrictEqual(selects(Q.eq("value.note", null)), ["1", "2", "3"])
    assert.deepStrictEqual(selects(Q.eq("value.run.lane", 2)), ["1"])
    // $not also matches documents without the field.
    assert.deepStrictEqual(selects(Q.not(Q.eq("value.run.lane", 2))), ["2", "3"])
    assert.deepStrictEqual(selects(Q.and(Q.eq("name", "sample"), Q.gte("value.reads", 1000))), ["1"])
    assert.deepStrictEqual(selects(Q.or(Q.eq("owner", "rclemens"), Q.eq("name", "control"))), ["2", "3"])
    assert.deepStrictEqual(selects(Q.gte("created", new Date("2024-02-01T00:00:00Z"))), ["2", "3"])
    assert.deepStrictEqual(selects(Q.and()), ["1", "2", "3"])
  })
})

describe("MetaQuery: escaping", () => {
  const tricky = [
    "\"},{\"$where\":\"sleep(1000)\"}",
    "back\\slash \\\" and \\u0022",
    "$gt",
    "{ \"$ne\": null }",
    "line\nbreak\ttab\u0000nul\u001f",
    "unicode: µ ß 漢字 🧬 \u2028\u2029",
    "</script><!--",
    "%7B%22a%22%3A1%7D & = ? #"
  ]

  it("a value is always a value: quotes, backslashes, control characters, unicode, $ and JSON in text", () => {
    for (const text of tricky) {
      assert.deepStrictEqual(parsed(Any.eq("value.x", text)), { "value.x": { $eq: text } }, text)
      assert.deepStrictEqual(parsed(Any.in("value.x", [text, 1])), { "value.x": { $in: [text, 1] } }, text)
      assert.deepStrictEqual(parsed(Any.regex("name", text)), { name: { $regex: text } }, text)
      const docs = [{ name: "hit", value: { x: text } }, { name: "miss", value: { x: `${text}!` } }]
      const query = Reader.parse(json(Any.eq("value.x", text)))
      assert.deepStrictEqual(docs.filter((doc) => Reader.matches(doc, query)).map((doc) => doc.name), ["hit"], text)
    }
  })

  it("field paths are escaped too, and can hold spaces, unicode and quotes", () => {
    assert.deepStrictEqual(parsed(Any.eq("value.a \"b\".c\\d.ß", 1)), { "value.a \"b\".c\\d.ß": { $eq: 1 } })
  })

  it("object and list operands are JSON, their keys escaped", () => {
    const value = { "a\"b": [1, "two", { c: null }], "x y": true }
    assert.deepStrictEqual(parsed(Any.eq("value.obj", value)), { "value.obj": { $eq: value } })
  })

  it("the encoded query is plain ASCII-safe JSON text once percent-encoded by the query string", () => {
    const encoded = Query.compile({ q: MetaQuery.param })({ q: Any.eq("value.x", tricky[0]!) })
    const text = Either.getOrThrow(encoded)
    // Commas stay as they are (allowed in a query); everything else reserved is percent-encoded.
    assert.match(text, /^q=[A-Za-z0-9%._~!*'(),-]+$/)
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(text.slice(2))), { "value.x": { $eq: tricky[0] } })
  })
})

describe("MetaQuery: refusals (InvalidRequest, before anything is sent)", () => {
  it("a path segment that is an operator, empty, or holds NUL", () => {
    assert.include(refusal(Loose.eq("$where", 1)), "cannot start with $")
    assert.include(refusal(Loose.eq("value.$gt", 1)), "cannot start with $")
    assert.include(refusal(Any.eq("value..x", 1)), "empty segment")
    assert.include(refusal(Loose.eq("", 1)), "non-empty")
    assert.include(refusal(Any.eq("value.a\u0000b", 1)), "NUL")
    assert.include(refusal(Any.eq(`value.${"x".repeat(1100)}`, 1)), "longer than 1024")
    assert.include(refusal(Loose.eq(42 as never, 1)), "non-empty string")
  })

  it("an operand object whose keys try to become operators or MongoDB types", () => {
    assert.include(refusal(Any.eq("value.x", { $gt: "" })), "starts with $")
    assert.include(refusal(Any.in("value.x", [{ nested: { $regex: ".*" } }])), "starts with $")
    assert.include(refusal(Any.eq("value.x", { $date: "2024-01-01" })), "starts with $")
    assert.include(refusal(Any.eq("value.x", { "a\u0000": 1 })), "NUL")
  })

  it("what is not JSON: non-finite numbers, undefined, bigints, functions, class instances, invalid dates", () => {
    assert.include(refusal(Any.eq("value.x", Number.NaN)), "finite")
    assert.include(refusal(Any.gt("value.x", Number.POSITIVE_INFINITY)), "finite")
    assert.include(refusal(Any.eq("value.x", undefined as never)), "undefined")
    assert.include(refusal(Any.eq("value.x", 1n as never)), "bigint")
    assert.include(refusal(Any.eq("value.x", (() => 1) as never)), "function")
    assert.include(refusal(Any.eq("value.x", new Map() as never)), "class instance")
    assert.include(refusal(Any.eq("created", new Date(Number.NaN))), "invalid date")
    assert.include(refusal(Any.in("value.x", "abc" as never)), "takes a list")
  })

  it("text that is not well-formed Unicode (a lone surrogate), in values, paths, keys and patterns", () => {
    assert.include(refusal(Any.eq("value.x", "a\uD800b")), "well-formed")
    assert.include(refusal(Any.eq("value.\uDC00", 1)), "well-formed")
    assert.include(refusal(Any.eq("value.x", { "\uD83D": 1 })), "well-formed")
    assert.include(refusal(Any.regex("name", "\uD800")), "well-formed")
    assert.include(refusal(Any.raw({ name: "\uDFFF" })), "well-formed")
    // A well-formed pair is fine.
    assert.deepStrictEqual(parsed(Any.eq("value.x", "\uD83E\uDDEC")), { "value.x": { $eq: "🧬" } })
  })

  it("regular expression options MongoDB does not have, and RegExp flags it cannot honour", () => {
    assert.include(refusal(Any.regex("name", "x", "ig")), "only i, m, s, x")
    assert.include(refusal(Any.regex("name", "x", "\"},{\"$where\":1")), "only i, m, s, x")
    assert.include(refusal(Any.regex("name", /x/u)), "only i, m, s, x")
    // g and y change nothing in a match: dropped.
    assert.deepStrictEqual(parsed(Any.regex("name", /x/gi)), { name: { $regex: "x", $options: "i" } })
  })

  it("not(not(…)), or() of nothing, nesting deeper than 32 levels", () => {
    assert.include(refusal(Any.not(Any.not(Any.eq("name", "x")))), "$not inside a $not")
    assert.include(refusal(Any.or()), "empty $or")
    let deep: MetaQuery.Filter = Any.eq("name", "x")
    for (let i = 0; i < 40; i++) deep = Any.and(deep, Any.eq("owner", "y"))
    assert.include(refusal(deep), "deeper than 32")
    let nested: unknown = 1
    for (let i = 0; i < 40; i++) nested = [nested]
    assert.include(refusal(Any.eq("value.x", nested as never)), "deeper than 32")
    const cycle: Record<string, unknown> = {}
    cycle["self"] = cycle
    assert.include(refusal(Any.eq("value.x", cycle as never)), "deeper than 32")
  })

  it("a filter that is not one", () => {
    assert.include(refusal(Any.and({ node: { _tag: "Field" } } as never)), "built with MetaQuery")
  })
})

describe("MetaQuery: raw JSON", () => {
  it("a raw object inside a built query is sent as it is; a raw string is the whole query", () => {
    assert.deepStrictEqual(parsed(Any.and(Any.eq("name", "a"), Any.raw({ "value.n": { $mod: [2, 0] } }))), {
      $and: [{ name: { $eq: "a" } }, { "value.n": { $mod: [2, 0] } }]
    })
    assert.strictEqual(MetaQuery.param.write("{\"name\": \"x\"}"), "{\"name\": \"x\"}")
    assert.strictEqual(MetaQuery.param.write(Any.eq("name", "x")), "{\"name\":{\"$eq\":\"x\"}}")
    assert.instanceOf(MetaQuery.param.write(42 as never), Query.Refused)
    assert.instanceOf(MetaQuery.param.write(Loose.eq("name", Number.NaN)), Query.Refused)
    assert.include(refusal(Any.raw([1] as never)), "JSON object")
    assert.include(refusal(Any.raw({ n: 1n } as never)), "must be JSON")
  })
})

describe("the test server's query reader", () => {
  const refused = (q: string) => {
    try {
      Reader.matches({}, Reader.parse(q))
    } catch (error) {
      assert.instanceOf(error, Refusal)
      return (error as Refusal).status
    }
    return assert.fail(`accepted ${q}`)
  }

  it("refuses what MongoDB refuses, with 400", () => {
    for (
      const q of [
        "not json",
        "[1]",
        "{\"$where\": \"1\"}",
        "{\"a\": {\"$foo\": 1}}",
        "{\"a\": {\"$gt\": 1, \"b\": 2}}",
        "{\"$or\": []}",
        "{\"a\": {\"$regex\": 1}}",
        "{\"a\": {\"$regex\": \"(\"}}",
        "{\"a\": {\"$regex\": \"x\", \"$options\": \"q\"}}",
        "{\"a\": {\"$in\": 1}}",
        "{\"a\": {\"$exists\": \"yes\"}}",
        "{\"a\": {\"$not\": 1}}",
        "{\"a\": {\"$not\": {\"$not\": {\"$eq\": 1}}}}",
        "{\"a\": {\"$eq\": {\"$date\": \"never\"}}}"
      ]
    ) assert.strictEqual(refused(q), 400, q)
  })
})
