/**
 * The SDK's JSON decoder (core/JsonDecoder: plans, plain twins and the plain decoder) against Effect's
 * decoder of the declared schema, on the success schema of every record the SDK ships — all eight Agave
 * modules, Globus, flowserv, SCIM and the synthetic API — with bodies generated from the schemas,
 * the same bodies broken field by field, and with fields nobody declared: the same value or the same
 * refusal, with the same message.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AgaveRecords from "../../src/agave/records/index.js"
import { jsonDecoder } from "../../src/core/JsonDecoder.js"
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

describe("the SDK's JSON decoder on every record's answer", () => {
  const schemas = successSchemas()

  it("finds the SDK's records", () => {
    assert.isAbove(schemas.size, 170)
  })

  for (const [name, schema] of schemas) {
    it(`${name}: decides as the declared schema does`, () => {
      let arbitrary: FastCheck.Arbitrary<unknown>
      try {
        arbitrary = Arbitrary.make(schema) as FastCheck.Arbitrary<unknown>
      } catch {
        return // no arbitrary for it (a declaration without one): json-decoder.test.ts covers the shapes
      }
      const declared = general(schema)
      const decode = jsonDecoder(schema)
      FastCheck.assert(
        FastCheck.property(arbitrary, FastCheck.nat(), (value, pick) => {
          const json = JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value))) as unknown
          const extra = typeof json === "object" && json !== null && !Array.isArray(json)
            ? { ...json, undeclared: null }
            : json
          for (const input of [json, broken(json, pick), extra]) {
            const theirs = declared(structuredClone(input))
            // The SDK's decoder may change the parsed value in place: it gets a copy, and the pristine body.
            const mine = decode(structuredClone(input), () => structuredClone(input))
            assert.strictEqual(Either.isRight(mine), Either.isRight(theirs), "the same acceptance")
            if (Either.isRight(mine) && Either.isRight(theirs)) assert.deepStrictEqual(mine.right, theirs.right)
            if (Either.isLeft(mine) && Either.isLeft(theirs)) {
              assert.strictEqual(
                ParseResult.TreeFormatter.formatErrorSync(mine.left),
                ParseResult.TreeFormatter.formatErrorSync(theirs.left)
              )
            }
          }
        }),
        { numRuns: 25, seed: 42 }
      )
    })
  }
})
