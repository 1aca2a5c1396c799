/**
 * Streaming 1,000,000 items over pages of 1,000: the SDK's paged stream against a hand-written page
 * loop with fetch, in items per second, and each one's peak RSS growth. Every contender runs in a
 * fresh process of its own (streamOne.ts), so one's memory does not count against another's, and
 * streams 20 pages first, so that what is measured is the listing rather than the process compiling
 * its code and loading its modules on the first request.
 */
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { alternating, median } from "./harness.js"

export type StreamContender =
  | "fetch loop"
  | "UndiciHttpClient.layer"
  | "UndiciHttpClient.layer, prefetch"
  | "NodeHttpClient.layerUndici"
  | "baseline UndiciHttpClient.layer"
  | "baseline NodeHttpClient.layerUndici"

export interface StreamResult {
  readonly itemsPerSecond: number
  readonly rssGrowthMb: number
}

/** A contender's medians over the rounds, and each round's rate (for ratios taken round by round). */
export interface StreamSummary extends StreamResult {
  readonly perRound: ReadonlyArray<number>
}

const runAlone = (contender: StreamContender, origin: string, total: number, pageSize: number) =>
  new Promise<StreamResult>((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./streamOne.ts", import.meta.url)), [], {
      env: {
        ...process.env,
        STREAM_CONTENDER: contender,
        STREAM_ORIGIN: origin,
        STREAM_TOTAL: String(total),
        STREAM_PAGE_SIZE: String(pageSize)
      },
      execArgv: ["--expose-gc", "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    child.once("error", reject)
    child.once("message", (message) => resolve(message as StreamResult))
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`${contender} exited with ${code}`))
    })
  })

const contenders = (baseline: boolean) =>
  ({
    fetchLoop: "fetch loop",
    sdkLean: "UndiciHttpClient.layer",
    sdkLeanPrefetch: "UndiciHttpClient.layer, prefetch",
    ...(baseline ? { baselineLean: "baseline UndiciHttpClient.layer" } : {}),
    sdkUndici: "NodeHttpClient.layerUndici",
    ...(baseline ? { baselineUndici: "baseline NodeHttpClient.layerUndici" } : {})
  }) as const satisfies Record<string, StreamContender>

/**
 * Each contender `rounds` times (1 by default), interleaved round by round (in reverse every other
 * round); the median of each one's
 * rates, and of its RSS growth.
 */
export const streaming = async (
  origin: string,
  options: { readonly total: number; readonly pageSize: number; readonly baseline: boolean; readonly rounds?: number }
): Promise<
  { fetchLoop: StreamSummary; sdkLean: StreamSummary; sdkLeanPrefetch: StreamSummary; sdkUndici: StreamSummary } & {
    baselineLean?: StreamSummary
    baselineUndici?: StreamSummary
  }
> => {
  const entries = Object.entries(contenders(options.baseline)) as Array<[string, StreamContender]>
  const runs: Record<string, Array<StreamResult>> = {}
  for (let round = 0; round < (options.rounds ?? 1); round++) {
    for (const [key, contender] of alternating(entries, round)) {
      ;(runs[key] ??= []).push(await runAlone(contender, origin, options.total, options.pageSize))
    }
  }
  const result: Record<string, StreamSummary> = {}
  for (const [key, results] of Object.entries(runs)) {
    result[key] = {
      itemsPerSecond: median(results.map((r) => r.itemsPerSecond)),
      rssGrowthMb: median(results.map((r) => r.rssGrowthMb)),
      perRound: results.map((r) => r.itemsPerSecond)
    }
  }
  return result as any
}
