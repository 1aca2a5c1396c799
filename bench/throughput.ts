/**
 * Throughput with 64 requests in flight: the SDK on each HttpClient layer against raw undici, and
 * the same GET written by hand on that layer (the floor of any client on `@effect/platform`'s
 * HttpClient there).
 */
import * as Effect from "effect/Effect"
import { request } from "undici"
import { inChild } from "./child.js"
import type { LayerName } from "./clients.js"
import { baselineRoot, byHand, httpClientLayers, sdk } from "./clients.js"
import type { Contender } from "./harness.js"
import { compare } from "./harness.js"

const inFlight = 64

/**
 * Requests per second, and the client's CPU µs per request (the server runs in its own process):
 * medians, and each round's.
 */
export interface Rate {
  readonly rate: number
  readonly cpu: number
  readonly perRound: { readonly rate: ReadonlyArray<number>; readonly cpu: ReadonlyArray<number> }
}

/**
 * Raw undici, the SDK on `layer` and the baseline's SDK on it if there is one, interleaved round by
 * round in this process, in reverse every other round.
 */
export const throughputOn = async (
  origin: string,
  layer: LayerName,
  options: { readonly n: number; readonly rounds: number }
): Promise<Record<string, Rate>> => {
  const url = `${origin}/items/item-1`
  const mine = await sdk(origin, layer)
  const baseline = baselineRoot === undefined ? undefined : await sdk(origin, layer, baselineRoot)
  const hand = await byHand(origin, httpClientLayers[layer])
  const concurrently = (on: typeof mine, n: number) =>
    on.run(
      Effect.forEach(Array.from({ length: n }), () => on.client.get("item-1"), {
        concurrency: inFlight,
        discard: true
      })
    )
  const contenders: Record<string, Contender> = {
    "raw undici": async (n) => {
      let next = 0
      const worker = async () => {
        while (next++ < n) {
          const response = await request(url)
          if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`)
          JSON.parse(await response.body.text())
        }
      }
      await Promise.all(Array.from({ length: inFlight }, worker))
    },
    [`SDK on ${layer}`]: (n) => concurrently(mine, n),
    [`by hand on ${layer}`]: (n) => hand.concurrently(n, inFlight)
  }
  if (baseline !== undefined) contenders[`baseline SDK on ${layer}`] = (n) => concurrently(baseline, n)
  try {
    // Timed as every other case is: a round's wall time per request is the inverse of its rate.
    const timings = await compare(contenders, options)
    const result: Record<string, Rate> = {}
    for (const [name, timing] of Object.entries(timings)) {
      result[name] = {
        rate: perSecond(timing.wall),
        cpu: timing.cpu,
        perRound: { rate: timing.perRound.wall.map(perSecond), cpu: timing.perRound.cpu }
      }
    }
    return result
  } finally {
    await mine.dispose()
    await baseline?.dispose()
    await hand.dispose()
  }
}

// Requests a second, from the wall time per request in µs.
const perSecond = (micros: number): number => 1_000_000 / micros

/**
 * Each transport in a process of its own, with raw undici measured beside it there (see `perCall`
 * for why); raw undici's row is the one measured beside the SDK's own transport.
 */
export const throughput = async (origin: string, options: { readonly n: number; readonly rounds: number }) => {
  const result: Record<string, Rate> = {}
  // Each SDK row's ratios are to the raw undici measured in its own process.
  const rawBeside: Record<string, Rate> = {}
  for (const layer of ["UndiciHttpClient.layer", "NodeHttpClient.layerUndici", "FetchHttpClient"] as const) {
    const rates = await inChild<Record<string, Rate>>("throughput", { origin, layer, ...options })
    const { "raw undici": raw, ...rest } = rates
    if (result["raw undici"] === undefined) result["raw undici"] = raw!
    for (const name of Object.keys(rest)) rawBeside[name] = raw!
    Object.assign(result, rest)
  }
  return { rates: result, rawBeside }
}
