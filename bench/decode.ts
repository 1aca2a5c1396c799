/**
 * Decode cost per item (CPU time), as the SDK decodes a parsed body (its `JsonDecoder`: unknown fields ignored),
 * against the same fields as a plain struct decoded with Schema, in the same run, interleaved round
 * by round; with BENCH_BASELINE, the baseline tree's decoding of the same body as a third contender.
 * Every round decodes freshly parsed bodies (the SDK's decoder may change the JSON it is given in
 * place), parsed outside the timing.
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import * as JsonDecoder from "../src/core/JsonDecoder.js"
import { baselineRoot } from "./clients.js"
import type { DecodeCase, Schemas } from "./decodeCases.js"
import { decodeCases, schemasOf } from "./decodeCases.js"
import { median } from "./harness.js"

type Decode = (json: unknown, pristine: () => unknown) => Either.Either<unknown, unknown>

/** One case's medians, in µs per item. */
export interface DecodeResult {
  readonly name: string
  readonly goal: number | undefined
  readonly sdk: number
  readonly plain: number
  readonly baseline: number | undefined
}

// How a tree decodes a body: its JsonDecoder if it has one, else Schema as its Decode module did.
const decoderOf = async (root: string | undefined) => {
  if (root === undefined) return JsonDecoder.jsonDecoder
  const path = join(root, "src/core/JsonDecoder.ts")
  if (existsSync(path)) return ((await import(pathToFileURL(path).href)) as typeof JsonDecoder).jsonDecoder
  return (schema: Schema.Schema<any, any, never>): Decode => {
    const decode = Schema.decodeUnknownEither(schema, { onExcessProperty: "ignore" })
    return (json) => decode(json)
  }
}

// CPU µs per item of decoding `pages` fresh copies of `text`. CPU time, not wall time: on a shared
// machine the process is descheduled for as long as others run, which no decoder can help.
const timed = (decode: Decode, text: string, pages: number, items: number): number => {
  const bodies = Array.from({ length: pages }, () => JSON.parse(text) as unknown)
  const pristine = () => JSON.parse(text) as unknown
  // No forced collection before timing: after one, V8 runs the next allocations (dates above all)
  // far slower than in a process that has been decoding for a while.
  const start = process.cpuUsage()
  for (const body of bodies) {
    if (Either.isLeft(decode(body, pristine))) throw new Error("a benchmark body did not decode")
  }
  const used = process.cpuUsage(start)
  return (used.user + used.system) / (pages * items)
}

const contendersOf = async (cases: ReadonlyArray<DecodeCase>) => {
  const mine = await schemasOf()
  const mineDecoder = await decoderOf(undefined)
  const baseline: { schemas: Schemas; decoder: typeof mineDecoder } | undefined = baselineRoot === undefined
    ? undefined
    : { schemas: await schemasOf(baselineRoot), decoder: await decoderOf(baselineRoot) }
  return cases.map((c) => {
    const plain = Schema.decodeUnknownEither(c.plain, { onExcessProperty: "ignore" })
    return {
      case: c,
      text: JSON.stringify(c.body),
      plainText: JSON.stringify(c.plainBody),
      sdk: mineDecoder(c.schema(mine)) as Decode,
      plain: ((json: unknown) => plain(json)) as Decode,
      baseline: baseline === undefined ? undefined : baseline.decoder(c.schema(baseline.schemas)) as Decode
    }
  })
}

/** Median µs per item of each case, for each contender. */
export const decodeCost = async (
  options: { readonly pages: number; readonly rounds: number }
): Promise<ReadonlyArray<DecodeResult>> => {
  const results: Array<DecodeResult> = []
  for (const contender of await contendersOf(decodeCases)) {
    const { items } = contender.case
    const sdk: Array<number> = []
    const plain: Array<number> = []
    const baseline: Array<number> = []
    // One warm-up round, then the measured ones; the order of the contenders alternates.
    for (let round = 0; round <= options.rounds; round++) {
      const runs = [
        () => sdk.push(timed(contender.sdk, contender.text, options.pages, items)),
        () => plain.push(timed(contender.plain, contender.plainText, options.pages, items)),
        ...(contender.baseline === undefined
          ? []
          : [() => baseline.push(timed(contender.baseline!, contender.text, options.pages, items))])
      ]
      for (const run of round % 2 === 0 ? runs : runs.reverse()) run()
      if (round === 0) { for (const times of [sdk, plain, baseline]) times.length = 0 }
    }
    results.push({
      name: contender.case.name,
      goal: contender.case.goal,
      sdk: median(sdk),
      plain: median(plain),
      baseline: baseline.length === 0 ? undefined : median(baseline)
    })
  }
  return results
}
