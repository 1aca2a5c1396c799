/**
 * The SDK's decoder (JsonDecoder): a schema's plan run over the parsed JSON, then its plain twin. It
 * must give exactly what the schema as declared gives the body as sent: the twin path is checked on
 * its own here (the fallback to the declared schema would hide a twin that fails where the schema
 * succeeds, but not one that succeeds where the schema fails, or with another value).
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import * as Agave from "../../src/agave/schemas/index.js"
import { decodeBody, decodeJson } from "../../src/core/Decode.js"
import { describeIssue } from "../../src/core/DecodeIssue.js"
import * as Envelope from "../../src/core/Envelope.js"
import * as EnvelopeDecoder from "../../src/core/EnvelopeDecoder.js"
import { InvalidResponse } from "../../src/core/Errors.js"
import { jsonDecoder } from "../../src/core/JsonDecoder.js"
import { normalize } from "../../src/core/Normalize.js"
import { plainDecoder, refused } from "../../src/core/PlainDecoder.js"
import * as WireFields from "../../src/core/WireFields.js"
import { compile } from "../../src/core/WirePlan.js"
import {
  GroupHandle,
  GroupListing,
  Leaderboard,
  RunFile,
  RunHandle,
  ServiceDescriptor,
  UploadListing,
  WorkflowHandle,
  WorkflowListing
} from "../../src/flowserv/schemas/index.js"
import * as Globus from "../../src/globus/schemas/index.js"
import { Group, ListResponse, User } from "../../src/scim/schemas/index.js"

const declaredDecode = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.decodeUnknownEither(schema, { onExcessProperty: "ignore" })

// The twin alone, with no fallback: normalize, then decode the twin with Effect's parser.
const effectTwin = <A, I>(schema: Schema.Schema<A, I>) => {
  const { ast, plan } = compile(schema.ast)
  const decode = Schema.decodeUnknownEither(Schema.make<A, unknown, never>(ast), { onExcessProperty: "ignore" })
  return (json: unknown) => decode(plan === undefined ? json : normalize(plan, json))
}

// What the SDK's decoder does before any fallback: normalize, then decode the twin with PlainDecoder.
const twinDecode = <A, I>(schema: Schema.Schema<A, I>) => {
  const { ast, plan } = compile(schema.ast)
  const decode = plainDecoder(ast)
  return (json: unknown): Either.Either<A, "refused"> => {
    const decoded = decode(plan === undefined ? json : normalize(plan, json))
    return decoded === refused ? Either.left("refused") : Either.right(decoded as A)
  }
}

// A small deterministic generator, for the changes made to a generated body.
const random = (seed: number) => () => {
  seed = (seed + 0x6D2B79F5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

// What servers do to a body: a field sent as null, left out, or (rarely) of the wrong type. Visits
// every object and array of the value, iteratively.
const roughen = (json: unknown, seed: number): unknown => {
  const next = random(seed)
  const stack: Array<unknown> = [json]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value !== "object" || value === null) continue
    if (Array.isArray(value)) {
      stack.push(...value)
      continue
    }
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      const roll = next()
      if (roll < 0.2) record[key] = null
      else if (roll < 0.3) delete record[key]
      else if (roll < 0.33) record[key] = 42
      else stack.push(record[key])
    }
  }
  return json
}

const plainSchemas: ReadonlyArray<readonly [string, Schema.Schema<any, any>]> = [
  ["flowserv RunHandle", RunHandle],
  ["flowserv WorkflowHandle", WorkflowHandle],
  ["flowserv WorkflowListing", WorkflowListing],
  ["flowserv GroupHandle", GroupHandle],
  ["flowserv GroupListing", GroupListing],
  ["flowserv Leaderboard", Leaderboard],
  ["flowserv UploadListing", UploadListing],
  ["flowserv ServiceDescriptor", ServiceDescriptor],
  ["SCIM Group", Group],
  ["SCIM User", User],
  ["SCIM ListResponse of groups", ListResponse(Group)],
  ["SCIM ListResponse of users", ListResponse(User)],
  ["Globus Group", Globus.Group],
  ["Globus GroupChildren", Globus.GroupChildren],
  ["Globus Membership", Globus.Membership],
  ["Globus BatchResponse", Globus.BatchResponse],
  ["Globus GroupPolicies", Globus.GroupPolicies]
]

// Agave's keep the transformations they declare of their own (a list that may come as one item, a
// profile's wire names): twinned around them.
const agaveSchemas: ReadonlyArray<readonly [string, Schema.Schema<any, any>]> = [
  ["Agave App", Agave.App],
  ["Agave AppSummary list", Schema.Array(Agave.AppSummary)],
  ["Agave Job", Agave.Job],
  ["Agave JobSummary list", Schema.Array(Agave.JobSummary)],
  ["Agave JobStatusResult", Agave.JobStatusResult],
  ["Agave JobHistory", Schema.Array(Agave.JobHistory)],
  ["Agave RemoteFile list", Schema.Array(Agave.RemoteFile)],
  ["Agave FileImport", Agave.FileImport],
  ["Agave System", Agave.System],
  ["Agave SystemSummary list", Schema.Array(Agave.SystemSummary)],
  ["Agave Profile", Agave.Profile],
  ["Agave Permission list", Schema.Array(Agave.Permission)]
]

describe("JsonDecoder", () => {
  it("the twin decodes every body exactly as the declared schema: same success, same value, same refusal (PlainDecoder and Effect's parser alike)", () => {
    for (const [name, schema] of [...plainSchemas, ...agaveSchemas]) {
      const declared = declaredDecode(schema)
      const twins: ReadonlyArray<(json: unknown) => Either.Either<unknown, unknown>> = [
        twinDecode(schema),
        effectTwin(schema)
      ]
      const encode = Schema.encodeSync(schema)
      let successes = 0
      FastCheck.assert(
        FastCheck.property(Arbitrary.make(schema), FastCheck.integer(), FastCheck.boolean(), (value, seed, rough) => {
          const text = JSON.stringify(encode(value))
          const body = rough ? JSON.stringify(roughen(JSON.parse(text), seed)) : text
          const expected = declared(JSON.parse(body))
          if (Either.isRight(expected)) successes++
          for (const twin of twins) {
            const actual = twin(JSON.parse(body))
            assert.strictEqual(Either.isRight(actual), Either.isRight(expected), `${name}: ${body}`)
            if (Either.isRight(expected) && Either.isRight(actual)) {
              assert.deepStrictEqual(actual.right, expected.right, `${name}: ${body}`)
            }
          }
        }),
        { seed: 20261122, numRuns: 100 }
      )
      // The rough bodies must not all fail: the comparison is of successes too.
      assert.isAbove(successes, 40, name)
    }
  })

  it("the flowserv, SCIM and Globus response schemas twin to plain structs: no transformation left to run", () => {
    const transformations = (root: AST.AST) => {
      const found: Array<string> = []
      const stack = [root]
      while (stack.length > 0) {
        const ast = stack.pop()!
        switch (ast._tag) {
          case "Transformation":
            found.push(String(ast))
            break
          case "TypeLiteral":
            stack.push(...ast.propertySignatures.map((ps) => ps.type))
            break
          case "TupleType":
            stack.push(...ast.elements.map((e) => e.type), ...ast.rest.map((e) => e.type))
            break
          case "Union":
            stack.push(...ast.types)
            break
          case "Refinement":
            stack.push(ast.from)
            break
        }
      }
      return found
    }
    for (const [name, schema] of plainSchemas) {
      const { ast } = compile(schema.ast)
      assert.notStrictEqual(ast, schema.ast, name)
      // SCIM's ListResponse keeps one: its itemsPerPage, read from anything, once per page.
      assert.deepStrictEqual(
        transformations(ast).filter((t) => !t.startsWith("(unknown <->")),
        [],
        name
      )
    }
  })

  it("PlainDecoder gives what Effect's parser gives in the corners, and refuses what it refuses", () => {
    const Tagged = Schema.Struct({ kind: Schema.Literal("a"), n: Schema.Number })
    const cases: ReadonlyArray<readonly [Schema.Schema<any, any>, ReadonlyArray<unknown>]> = [
      // An absent required field whose schema takes undefined is present in the output.
      [Schema.Struct({ a: Schema.Unknown, b: Schema.optional(Schema.String) }), [{}, { a: null }, { b: 1 }, []]],
      // `{}` takes anything but null and undefined, as it is.
      [Schema.Struct({}), [{}, 1, "x", [], null]],
      // Members that could both take a value: Effect's order, by Effect.
      [Schema.Union(Schema.Literal("a"), Schema.String), ["a", "b", 1]],
      [Schema.Union(Tagged, Schema.Struct({ kind: Schema.String })), [{ kind: "a", n: 1 }, { kind: "a" }, { kind: 2 }]],
      [Schema.Union(Schema.Number, Schema.String, Schema.Null), [1, "1", null, true]],
      // A node's own parse options and fallback value are Effect's.
      [Schema.Struct({ a: Schema.Number }).annotations({ parseOptions: { onExcessProperty: "error" } }), [{
        a: 1,
        b: 2
      }]],
      [Schema.Struct({ a: Schema.Number.annotations({ decodingFallback: () => Either.right(0) }) }), [{ a: "x" }]],
      [Schema.Array(Schema.Int.pipe(Schema.positive())), [[1, 2], [0], [1.5], "x"]],
      [Schema.Tuple(Schema.String, Schema.Number), [["a", 1], ["a"], ["a", 1, 2]]],
      [Schema.Struct({ id: Schema.String, token: Schema.Redacted(Schema.String) }), [{ id: "u", token: "t" }, {
        id: "u"
      }]]
    ]
    for (const [schema, inputs] of cases) {
      const declared = declaredDecode(schema)
      const plain = plainDecoder(schema.ast)
      for (const input of inputs) {
        const expected = declared(input)
        const actual = plain(input)
        const label = `${String(schema.ast)}: ${JSON.stringify(input)}`
        assert.strictEqual(actual !== refused, Either.isRight(expected), label)
        if (Either.isRight(expected)) assert.deepStrictEqual(actual, expected.right, label)
      }
    }
  })

  it("null in a marked field reads as absent; a null inside a value the schema leaves opaque is kept", () => {
    const body = { id: "f1", name: "a.txt", title: null, widget: { kind: null, rows: [null] }, format: null }
    const expected = { id: "f1", name: "a.txt", widget: { kind: null, rows: [null] } }
    assert.deepStrictEqual(Either.getOrThrow(twinDecode(RunFile)(structuredClone(body))), expected)
    assert.deepStrictEqual(Either.getOrThrow(jsonDecoder(RunFile)(structuredClone(body), () => body)), expected)
  })

  it("a default fills an absent or null list; whenAbsent fills an absent value and refuses null", () => {
    const schema = Schema.Struct({
      list: WireFields.withDefault(Schema.Array(Schema.String), () => []),
      size: WireFields.whenAbsent(Schema.Number, () => 0)
    })
    const decode = twinDecode(schema)
    assert.deepStrictEqual(Either.getOrThrow(decode({})), { list: [], size: 0 })
    assert.deepStrictEqual(Either.getOrThrow(decode({ list: null, size: 3 })), { list: [], size: 3 })
    assert.isTrue(Either.isLeft(decode({ list: ["a"], size: null })))
    assert.isTrue(Either.isLeft(declaredDecode(schema)({ list: ["a"], size: null })))
  })

  it("a renamed field is read from its wire name only; a value under the type-side name is ignored", () => {
    const schema = Schema.Struct({
      workflowId: WireFields.renamed(Schema.String, "workflow"),
      config: WireFields.optional(Schema.Unknown).pipe(Schema.fromKey("engine"))
    })
    const decode = twinDecode(schema)
    const declared = declaredDecode(schema)
    for (
      const body of [
        { workflow: "w1", workflowId: "stray", engine: null, config: "stray" },
        { workflowId: "stray" },
        { workflow: "w1", engine: { a: null } }
      ]
    ) {
      const expected = declared(structuredClone(body))
      const actual = decode(structuredClone(body))
      assert.strictEqual(Either.isRight(actual), Either.isRight(expected), JSON.stringify(body))
      if (Either.isRight(actual) && Either.isRight(expected)) assert.deepStrictEqual(actual.right, expected.right)
    }
  })

  it("what it cannot twin exactly is kept as declared: unions the plan could confuse, swapped renames, unmarked transformations", () => {
    const Other = Schema.Struct({ id: Schema.optional(Schema.Never), note: Schema.NullOr(Schema.String) })
    const confusable = Schema.Union(Group, Other)
    assert.strictEqual(compile(confusable.ast).ast, confusable.ast)
    const swapped = Schema.Struct({
      a: WireFields.renamed(Schema.String, "b"),
      b: WireFields.renamed(Schema.String, "a")
    })
    assert.strictEqual(compile(swapped.ast).ast, swapped.ast)
    // Whatever the declared schema makes of it (Effect refuses a swap).
    assert.strictEqual(
      jsonDecoder(swapped)({ a: "1", b: "2" }, () => ({ a: "1", b: "2" }))._tag,
      declaredDecode(swapped)({ a: "1", b: "2" })._tag
    )
    // An unmarked field transformation stays; the marked struct inside it is still twinned.
    const mixed = Schema.Struct({ n: Schema.optionalWith(Schema.Number, { default: () => 1 }), group: Group })
    const compiled = compile(mixed.ast)
    assert.strictEqual(compiled.ast._tag, "Transformation")
    assert.notStrictEqual(compiled.ast, mixed.ast)
    const body = { group: { id: "g", displayName: null, members: [{ value: "u", display: null }] } }
    assert.deepStrictEqual(
      Either.getOrThrow(jsonDecoder(mixed)(structuredClone(body), () => structuredClone(body))),
      Either.getOrThrow(declaredDecode(mixed)(body))
    )
    // A union with one member that takes objects is twinned, and planned for objects only.
    const oneOrNone = Schema.Union(Group, Schema.Null)
    assert.notStrictEqual(compile(oneOrNone.ast).ast, oneOrNone.ast)
    assert.isNull(Either.getOrThrow(jsonDecoder(oneOrNone)(null, () => null)))
  })

  it("a refused body is reported as the declared schema reports the body as sent", () => {
    const body = JSON.stringify({
      id: "r1",
      workflowId: "w",
      state: "SUCCESS",
      createdAt: "not a date",
      startedAt: null,
      files: [{ id: "f", name: "n", title: null }]
    })
    const decoded = jsonDecoder(RunHandle)(JSON.parse(body), () => JSON.parse(body))
    const declared = declaredDecode(RunHandle)(JSON.parse(body))
    assert.isTrue(Either.isLeft(decoded) && Either.isLeft(declared))
    if (Either.isLeft(decoded) && Either.isLeft(declared)) {
      assert.strictEqual(describeIssue(decoded.left.issue), describeIssue(declared.left.issue))
      assert.include(describeIssue(decoded.left.issue), "createdAt")
    }
  })

  it.effect("through the pipeline's decoders, a refused body's error names what the body as sent holds", () =>
    Effect.gen(function*() {
      // A null the plan drops, beside a date that is not one: the error is the declared schema's.
      const result = { id: "r1", workflowId: "w", state: "SUCCESS", createdAt: "not a date", groupId: null }
      const expected = declaredDecode(RunHandle)(structuredClone(result))
      assert.isTrue(Either.isLeft(expected))
      const why = Either.isLeft(expected) ? describeIssue(expected.left.issue) : ""
      const http = { method: "GET", url: "http://127.0.0.1/runs/r1", status: 200 }
      const plain = yield* Effect.flip(decodeBody(RunHandle, JSON.stringify(result), http, []))
      assert.strictEqual(plain.message, `the response does not match the expected shape: ${why}`)
      const text = JSON.stringify({ status: "success", message: "", version: "2", result })
      const context = {
        method: "GET",
        idempotent: true,
        url: http.url,
        errors: [],
        classifiers: [],
        secrets: [],
        timeoutMillis: 1000
      }
      const response = HttpClientResponse.fromWeb(
        HttpClientRequest.get(http.url),
        new Response(text, { headers: { "content-type": "application/json" } })
      )
      const enveloped = yield* Effect.flip(
        EnvelopeDecoder.decoder(Envelope.agave, RunHandle, false)(
          response,
          text,
          http,
          context
        )
      )
      assert.isTrue(enveloped instanceof InvalidResponse)
      assert.strictEqual(
        enveloped instanceof InvalidResponse && enveloped.message,
        `the response does not match the expected shape: ${why}`
      )
    }))

  it("dates decode as Schema.DateTimeUtc does: no zone is UTC, an offset is honoured, nonsense is refused", () => {
    const schema = Schema.Struct({ at: Schema.DateTimeUtc })
    const decode = twinDecode(schema)
    for (const at of ["2026-11-22T09:00:00.000000", "2026-11-22T08:11:54.967269+00:00", "2026-11-22T10:00:00+01:00"]) {
      const decoded = Either.getOrThrow(decode({ at }))
      assert.isTrue(DateTime.isUtc(decoded.at))
      assert.deepStrictEqual(decoded, Either.getOrThrow(declaredDecode(schema)({ at })))
    }
    for (const at of ["yesterday", "", 1732262400000, null]) assert.isTrue(Either.isLeft(decode({ at })), String(at))
  })

  it.effect("hostile depth: the plan stops where the schema does; a deep body is a typed failure, not a defect", () =>
    Effect.gen(function*() {
      let deep: unknown = 1
      for (let i = 0; i < 200_000; i++) deep = { a: deep, b: [null] }
      const file = { id: "f1", name: "a.txt", widget: deep }
      const decoded = jsonDecoder(Schema.Array(RunFile))([file], () => [file])
      assert.strictEqual(Either.getOrThrow(decoded)[0]!.widget, deep)
      let arrays: unknown = []
      for (let i = 0; i < 200_000; i++) arrays = [arrays]
      const http = { method: "GET", url: "http://127.0.0.1/runs", status: 200 }
      const error = yield* Effect.flip(decodeJson(Schema.Array(RunHandle), arrays, "[[[…]]]", http, [], () => arrays))
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.strictEqual(error.reason, "SchemaMismatch")
    }))
})
