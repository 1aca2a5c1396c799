/**
 * The records against AgavePy's description: every operation of the eight modules is a record of the
 * same name, method, path, parameters, body and answer; the fields of every model the description
 * names are decoded. Any difference must be in `deviations` with its reason, and every deviation must
 * still be a difference (none stale).
 */
import { assert, describe, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { deviations, notes } from "../../src/agave/deviations.js"
import { AgaveRecords } from "../../src/agave/records/index.js"
import type * as Endpoint from "../../src/core/Endpoint.js"
import {
  describedSuccess,
  describedType,
  models,
  operations,
  queryType,
  recordBody,
  recordSuccess
} from "../helpers/agavepy.js"

const modules = ["profiles", "systems", "apps", "files", "jobs", "meta", "notifications", "actors"] as const

const describedBody = (op: ReturnType<typeof operations>[number]): string =>
  op.params.some((p) => p.kind === "form") ? "multipart" : op.params.some((p) => p.kind === "body") ? "json" : "none"

const compatible = (ours: string, described: string): boolean =>
  ours === described || ours.split("|").includes(described)

const differences = (): ReadonlyArray<string> => {
  const out: Array<string> = []
  const described = operations()
  for (const module of modules) {
    const records = AgaveRecords[module] as Readonly<Record<string, Endpoint.Any>>
    const ops = described.filter((op) => op.module === module)
    const names = new Set(ops.map((op) => op.nickname))
    for (const name of Object.keys(records)) if (!names.has(name)) out.push(`${module}.${name}: not described`)
    const seenModels = new Set<string>()
    for (const op of ops) {
      const id = `${module}.${op.nickname}`
      const record = records[op.nickname]
      if (record === undefined) {
        out.push(`${id}: no record`)
        continue
      }
      if (record.method !== op.method) out.push(`${id}: method ${record.method} != ${op.method}`)
      const template = record.path.template.replace(/\{(\w+)[+*]\}/g, "{$1}")
      if (template !== op.path) out.push(`${id}: path ${template} != ${op.path}`)

      const describedPath = op.params.filter((p) => p.kind === "path").map((p) => p.name)
      const ours = record.path.params as ReadonlyArray<string>
      for (const name of describedPath) if (!ours.includes(name)) out.push(`${id}: path parameter -${name}`)
      for (const name of ours) if (!describedPath.includes(name)) out.push(`${id}: path parameter +${name}`)

      const describedQuery = op.params.filter((p) => p.kind === "query")
      const query = record.query as Readonly<Record<string, { readonly write: (value: any) => unknown }>>
      for (const param of describedQuery) {
        const mine = query[param.name]
        if (mine === undefined) {
          out.push(`${id}: query -${param.name}`)
          continue
        }
        const type = queryType(mine)
        const expected = param.enum !== undefined && param.type === "string" ? "enum" : param.type
        if (type !== expected) out.push(`${id}: query ${param.name} ${type} != ${expected}`)
        if (type === "enum") {
          for (const value of param.enum ?? []) {
            if (typeof mine.write(value) !== "string") out.push(`${id}: query ${param.name} refuses ${value}`)
          }
        }
      }
      for (const name of Object.keys(query)) {
        if (!describedQuery.some((p) => p.name === name)) out.push(`${id}: query +${name}`)
      }

      const body = recordBody(record)
      const expectedBody = describedBody(op)
      if (body !== expectedBody) out.push(`${id}: body ${body} != ${expectedBody}`)

      const success = recordSuccess(record)
      const expected = describedSuccess(module, op.type)
      if (success.kind !== expected.kind) out.push(`${id}: answer ${success.kind} != ${expected.kind}`)
      if (expected.model !== undefined && success.fields !== undefined && !seenModels.has(expected.model)) {
        seenModels.add(expected.model)
        const model = models(module)[expected.model]
        for (const [field, property] of Object.entries(model?.properties ?? {})) {
          const type = success.fields[field]
          const wanted = describedType(property, models(module))
          if (type === undefined) out.push(`model ${expected.model}.${field}: not decoded`)
          else if (!compatible(type, wanted)) out.push(`model ${expected.model}.${field}: ${type} != ${wanted}`)
        }
      }
    }
  }
  return [...new Set(out)]
}

describe("Agave records against AgavePy's description", () => {
  const found = differences()

  it("the eight modules have 136 operations, each a record", () => {
    const counts = modules.map((module) => Object.keys(AgaveRecords[module]).length)
    assert.deepStrictEqual(counts, [6, 21, 17, 17, 15, 25, 5, 30])
    const described = operations().filter((op) => (modules as ReadonlyArray<string>).includes(op.module))
    assert.strictEqual(described.length, 136)
  })

  it("every difference is a listed deviation, with its reason", () => {
    const listed = new Set(deviations.map((deviation) => deviation.difference))
    assert.deepStrictEqual(found.filter((difference) => !listed.has(difference)), [])
  })

  it("every listed deviation is still a difference", () => {
    const current = new Set(found)
    assert.deepStrictEqual(
      deviations.filter((deviation) => !current.has(deviation.difference)).map((deviation) => deviation.difference),
      []
    )
  })

  it("every deviation says why", () => {
    for (const deviation of deviations) assert.isAbove(deviation.reason.trim().length, 20, deviation.difference)
  })

  it("every record links to its documentation and names its span after its table", () => {
    for (const module of modules) {
      for (const [name, record] of Object.entries(AgaveRecords[module] as Readonly<Record<string, Endpoint.Any>>)) {
        assert.match(record.docs ?? "", /^https:\/\/tacc-cloud\.readthedocs\.io\//, name)
        assert.match(record.name, new RegExp(`^agave\\.[A-Z][a-z]+\\.${name}$`))
      }
    }
  })
})

describe("docs/agave.md", () => {
  it("lists every deviation and note", () => {
    const docs = fs.readFileSync(path.join(import.meta.dirname, "../../docs/agave.md"), "utf8")
    for (const deviation of [...deviations, ...notes]) assert.include(docs, deviation.difference.replace(/\|/g, "\\|"))
  })
})
