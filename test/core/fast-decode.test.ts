/**
 * The decoding fast path (core/FastDecode) against the general decoder: wherever the fast path
 * decides, it decides exactly as `Schema.decodeUnknownEither(…, { onExcessProperty: "ignore" })` does.
 * Checked on every success schema of every record the SDK ships, with values generated from the
 * schemas (valid ones, and the same broken field by field), and on hand-picked cases.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as AgaveRecords from "../../src/agave/records/index.js"
import * as FastDecode from "../../src/core/FastDecode.js"
import { SafeInteger } from "../../src/core/Numbers.js"
import * as FlowservGroups from "../../src/flowserv/Groups.js"
import * as FlowservRuns from "../../src/flowserv/Runs.js"
import * as FlowservService from "../../src/flowserv/Service.js"
import * as FlowservUploads from "../../src/flowserv/Uploads.js"
import * as FlowservUsers from "../../src/flowserv/Users.js"
import * as FlowservWorkflows from "../../src/flowserv/Workflows.js"
import * as GlobusGroups from "../../src/globus/GroupsEndpoints.js"
import * as ScimRecords from "../../src/scim/ResourceRecords.js"
import * as Synthetic from "../../src/testkit/synthetic/SyntheticClient.js"

const modules: ReadonlyArray<object> = [
  AgaveRecords,
  GlobusGroups,
  FlowservGroups,
  FlowservRuns,
  FlowservService,
  FlowservUploads,
  FlowservUsers,
  FlowservWorkflows,
  ScimRecords,
  Synthetic
]

// Every success schema of every record: exported records, and records in exported tables.
const successSchemas = (): Map<string, Schema.Schema.AnyNoContext> => {
  const found = new Map<string, Schema.Schema.AnyNoContext>()
  const visit = (value: unknown, depth: number) => {
    if (typeof value !== "object" || value === null || depth > 2) return
    const record = value as { readonly name?: unknown; readonly success?: unknown; readonly compiled?: unknown }
    if (record.compiled !== undefined && typeof record.name === "string" && Schema.isSchema(record.success)) {
      found.set(record.name, record.success as Schema.Schema.AnyNoContext)
      return
    }
    for (const inner of Object.values(value as object)) visit(inner, depth + 1)
  }
  for (const exports of modules) for (const value of Object.values(exports)) visit(value, 0)
  return found
}

const general = (schema: Schema.Schema.AnyNoContext) =>
  Schema.decodeUnknownEither(schema, { onExcessProperty: "ignore" })

// Breaks one field somewhere in a JSON value: a string where something else was, or the other way.
const broken = (value: unknown, pick: number): unknown => {
  if (Array.isArray(value)) {
    if (value.length === 0) return [1]
    const i = pick % value.length
    return value.map((item, j) => (j === i ? broken(item, pick >> 1) : item))
  }
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value)
    if (keys.length === 0) return { unexpected: 1 }
    const key = keys[pick % keys.length]!
    const copy: Record<string, unknown> = { ...value }
    if (pick % 3 === 0) delete copy[key]
    else copy[key] = broken(copy[key], pick >> 1)
    return copy
  }
  return typeof value === "string" ? 42 : "not this"
}

describe("the decoding fast path", () => {
  const schemas = successSchemas()

  it("finds the SDK's records", () => {
    assert.isAbove(schemas.size, 100)
  })

  for (const [name, schema] of schemas) {
    const fast = FastDecode.compile(schema.ast)
    if (fast === undefined) continue
    it(`${name}: decides as the general decoder does`, () => {
      let arbitrary: FastCheck.Arbitrary<unknown>
      try {
        arbitrary = Arbitrary.make(schema) as FastCheck.Arbitrary<unknown>
      } catch {
        return // no arbitrary for it: the hand-picked cases below cover the shapes
      }
      const decode = general(schema)
      const encode = Schema.encodeSync(schema)
      let decided = 0
      FastCheck.assert(
        FastCheck.property(arbitrary, FastCheck.nat(), (value, pick) => {
          const json = JSON.parse(JSON.stringify(encode(value)))
          for (const input of [json, broken(json, pick), { ...json, extra: "ignored" }]) {
            const mine = fast(input)
            if (mine === FastDecode.giveUp) continue
            decided++
            const theirs = decode(input)
            assert.isTrue(Either.isRight(theirs), "the fast path accepts only what the decoder accepts")
            assert.deepStrictEqual(mine, Either.getOrThrow(theirs))
          }
        }),
        { numRuns: 30, seed: 42 }
      )
      assert.isAbove(decided, 0, "valid values take the fast path")
    })
  }

  it("copies declared fields only, leaves optional ones out, and gives up on what does not fit", () => {
    const Item = Schema.Struct({
      id: Schema.String,
      size: SafeInteger,
      state: Schema.Literal("a", "b"),
      tags: Schema.optional(Schema.Array(Schema.String)),
      parent: Schema.NullOr(Schema.Struct({ id: Schema.String }))
    })
    const fast = FastDecode.compile(Item.ast)!
    assert.deepStrictEqual(fast({ id: "x", size: 1, state: "a", parent: null, extra: 1 }), {
      id: "x",
      size: 1,
      state: "a",
      parent: null
    })
    assert.deepStrictEqual(fast({ id: "x", size: 1, state: "b", tags: ["t"], parent: { id: "p", more: 2 } }), {
      id: "x",
      size: 1,
      state: "b",
      tags: ["t"],
      parent: { id: "p" }
    })
    for (
      const bad of [
        { id: "x", size: 1.5, state: "a", parent: null }, // the refinement
        { id: "x", size: 2 ** 53, state: "a", parent: null },
        { id: "x", size: 1, state: "c", parent: null },
        { id: "x", size: 1, state: "a" }, // missing
        { id: "x", size: 1, state: "a", parent: null, tags: [1] },
        [],
        null,
        "x"
      ]
    ) assert.strictEqual(fast(bad), FastDecode.giveUp)
  })

  it("does not compile what it cannot decide alone", () => {
    assert.isUndefined(FastDecode.compile(Schema.DateTimeUtc.ast))
    assert.isUndefined(FastDecode.compile(Schema.NumberFromString.ast))
    assert.isUndefined(FastDecode.compile(Schema.Record({ key: Schema.String, value: Schema.Number }).ast))
    assert.isUndefined(
      FastDecode.compile(Schema.Union(Schema.Struct({ a: Schema.String }), Schema.Struct({ b: Schema.String })).ast)
    )
    assert.isUndefined(
      FastDecode.compile(Schema.Struct({ a: Schema.optionalWith(Schema.String, { default: () => "" }) }).ast)
    )
    interface Tree {
      readonly children: ReadonlyArray<Tree>
    }
    const Tree: Schema.Schema<Tree> = Schema.Struct({ children: Schema.Array(Schema.suspend(() => Tree)) })
    assert.isUndefined(FastDecode.compile(Tree.ast))
  })

  it("gives up on values nested deeper than it checks, leaving them to the decoder", () => {
    let schema: Schema.Schema.AnyNoContext = Schema.String
    for (let i = 0; i < 100; i++) schema = Schema.Array(schema)
    assert.isUndefined(FastDecode.compile(schema.ast))
  })
})
