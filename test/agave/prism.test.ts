/**
 * The contract check with Prism: Prism serves AgavePy's description converted to OpenAPI 3 as a mock
 * (one process for the file, static answers), and every operation of the listed modules is called
 * once through the public services, its answer decoded and checked. Where Prism differs from the
 * servers, a listed correction (with its reason) applies; the test fails on a refusal or a decoding
 * that no correction explains, and on a correction that is no longer needed.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it, layer } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as path from "node:path"
import * as Agave from "../../src/agave/Agave.js"
import { AgaveRecords } from "../../src/agave/records/index.js"
import type { Call, Calls } from "../helpers/agavePrismCalls.js"
import { agavePrismCalls } from "../helpers/agavePrismCalls.js"
import { prismCorrections } from "../helpers/agavePrismCorrections.js"
import type { Exchange, Fix } from "../helpers/mockAnswers.js"
import { correcting } from "../helpers/mockAnswers.js"
import { PrismMock } from "../helpers/prism.js"

const modules = ["profiles", "systems", "apps", "files", "jobs", "meta", "notifications", "actors"] as const
const table: Calls<typeof modules[number]> = agavePrismCalls

const spec = path.join(import.meta.dirname, "../fixtures/agave/agavepy-8modules.openapi3.converted.json")

const entries: ReadonlyArray<{ readonly id: string; readonly call: Call }> = modules.flatMap((module) =>
  Object.entries(table[module] as Readonly<Record<string, Call>>).map(([name, call]) => ({
    id: `${module}.${name}`,
    call
  }))
)

const fixesOf = (id: string): ReadonlyArray<Fix> =>
  prismCorrections.flatMap((c) => c.fix !== undefined && c.operations.includes(id) ? [c.fix] : [])

const refusalsOf = (id: string): ReadonlyArray<string> =>
  prismCorrections.flatMap((c) => c.refusal !== undefined && c.operations.includes(id) ? [c.refusal] : [])

/** What Prism found wrong with the requests of a call: its violations, or the title of a refusal. */
const findings = (seen: ReadonlyArray<Exchange>): ReadonlyArray<string> =>
  seen.flatMap((exchange) => {
    if (exchange.violations.length > 0) return exchange.violations.map((v) => `${exchange.status} ${v}`)
    if (exchange.status < 400) return []
    const title = /"title":"([^"]*)"/.exec(exchange.body)?.[1]
    return [`${exchange.status} ${title ?? exchange.body.slice(0, 200)}`]
  })

/** Runs one call against Prism with `fixes`, on a connection of its own (cheap: no I/O to build). */
const run = (call: Call, fixes: ReadonlyArray<Fix>) =>
  Effect.gen(function*() {
    const prism = yield* PrismMock
    const client = yield* HttpClient.HttpClient
    const seen: Array<Exchange> = []
    const services = Agave.layer({
      url: prism.url,
      token: Redacted.make("prism-token"),
      // One attempt: Prism answers at once or not at all, and a retry would only hide a finding.
      retry: { maxAttempts: 1 },
      timeout: "10 seconds"
    }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, correcting(client, { fixes, seen }))))
    const exit = yield* Effect.exit(Effect.provide(call, services))
    return { exit, seen }
  })

const failure = (exit: Exit.Exit<void, unknown>) =>
  Exit.isSuccess(exit) ? "" : Cause.pretty(exit.cause).split("\n").slice(0, 3).join(" ")

describe("the Prism table", () => {
  it("has one call for every record of the modules it lists", () => {
    for (const module of modules) {
      assert.deepStrictEqual(Object.keys(table[module]).sort(), Object.keys(AgaveRecords[module]).sort(), module)
    }
    assert.strictEqual(entries.length, 136)
  })

  it("every correction names operations of the table, says why, and either fixes or expects a refusal", () => {
    const ids = new Set(entries.map((entry) => entry.id))
    for (const correction of prismCorrections) {
      assert.isAbove(correction.operations.length, 0, correction.difference)
      for (const id of correction.operations) assert.isTrue(ids.has(id), `${correction.difference}: ${id}`)
      assert.isAbove(correction.reason.trim().length, 40, correction.difference)
      assert.isTrue((correction.fix === undefined) !== (correction.refusal === undefined), correction.difference)
    }
  })

  it("docs/agave.md lists every correction", () => {
    const docs = fs.readFileSync(path.join(import.meta.dirname, "../../docs/agave.md"), "utf8")
    for (const correction of prismCorrections) assert.include(docs, correction.difference)
  })
})

layer(Layer.merge(PrismMock.layer({ spec }), NodeHttpClient.layer), {
  // Prism and the calls run on the real clock: its startup is bounded in real time.
  excludeTestServices: true,
  timeout: "60 seconds"
})("AgavePy's description served by Prism", (it) => {
  it.effect("every operation, called once, is answered and decoded as its entry expects", () =>
    Effect.gen(function*() {
      const failed: Array<string> = []
      for (const entry of entries) {
        const { exit } = yield* run(entry.call, fixesOf(entry.id))
        if (Exit.isFailure(exit)) failed.push(`${entry.id}: ${failure(exit)}`)
      }
      assert.deepStrictEqual(failed, [])
    }))

  it.effect("Prism refuses exactly the requests listed as refused, each for the reason listed", () =>
    Effect.gen(function*() {
      const unexpected: Array<string> = []
      for (const entry of entries) {
        const { seen } = yield* run(entry.call, fixesOf(entry.id))
        assert.isAtLeast(seen.length, 1, `${entry.id}: no request reached Prism`)
        const found = [...findings(seen)].sort()
        const listed = [...refusalsOf(entry.id)].sort()
        const missing = listed.filter((refusal) => !found.some((f) => f.startsWith(refusal)))
        const extra = found.filter((f) => !listed.some((refusal) => f.startsWith(refusal)))
        for (const f of extra) unexpected.push(`${entry.id}: not listed: ${f}`)
        for (const r of missing) unexpected.push(`${entry.id}: listed, no longer refused: ${r}`)
      }
      assert.deepStrictEqual(unexpected, [])
    }))

  it.effect("every fix is still needed: without it, its call fails", () =>
    Effect.gen(function*() {
      const unneeded: Array<string> = []
      let runs = 0
      for (const correction of prismCorrections) {
        if (correction.fix === undefined) continue
        for (const id of correction.operations) {
          const entry = entries.find((e) => e.id === id)!
          const others = fixesOf(id).filter((fix) => fix !== correction.fix)
          const { exit } = yield* run(entry.call, others)
          runs++
          if (Exit.isSuccess(exit)) unneeded.push(`${correction.difference}: ${id}`)
        }
      }
      assert.isAbove(runs, 0)
      assert.deepStrictEqual(unneeded, [])
    }))
})

describe("the Prism layer", () => {
  it.live("fails clearly when Prism cannot start", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Layer.build(PrismMock.layer({ spec: "/no/such/description.json" })))
      assert.match(error.message, /^Prism exited \(code 1\) before listening/)
      assert.include(error.message, "/no/such/description.json")
    }).pipe(Effect.scoped))

  it.live("fails clearly when Prism does not come up in time", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Layer.build(PrismMock.layer({ spec, startup: "1 millis" })))
      assert.match(error.message, /^Prism did not start within 1ms/)
    }).pipe(Effect.scoped))
})
