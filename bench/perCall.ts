/** Per call, sequential, small JSON: the SDK on each HttpClient layer against plain fetch + JSON.parse. */
import { request } from "undici"
import { inChild } from "./child.js"
import type { LayerName } from "./clients.js"
import { baselineRoot, byHand, httpClientLayers, sdk, sequentialGets } from "./clients.js"
import type { Contender, Timing } from "./harness.js"
import { compare, pooled } from "./harness.js"

const layers = [
  "FetchHttpClient",
  "NodeHttpClient.layerUndici",
  "UndiciHttpClient.layer"
] as const satisfies ReadonlyArray<
  LayerName
>

/**
 * The contenders on one transport, interleaved in this process: the SDK, the same call by hand, the
 * baseline's SDK if there is one, and the raw client the transport stands on (fetch for
 * FetchHttpClient, undici.request for the SDK's undici client).
 */
export const perCallOn = async (
  origin: string,
  layer: LayerName,
  options: { readonly n: number; readonly rounds: number }
) => {
  const url = `${origin}/items/item-1`
  const mine = await sdk(origin, layer)
  const hand = await byHand(origin, httpClientLayers[layer])
  const baseline = baselineRoot === undefined ? undefined : await sdk(origin, layer, baselineRoot)
  const contenders: Record<string, Contender> = {}
  if (layer === "FetchHttpClient") {
    contenders["fetch + JSON.parse"] = async (n) => {
      for (let i = 0; i < n; i++) {
        const response = await fetch(url)
        if (!response.ok) throw new Error(`status ${response.status}`)
        JSON.parse(await response.text())
      }
    }
  }
  if (layer === "UndiciHttpClient.layer") {
    contenders["undici.request + JSON.parse"] = async (n) => {
      for (let i = 0; i < n; i++) {
        const response = await request(url)
        if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`)
        JSON.parse(await response.body.text())
      }
    }
  }
  contenders[`SDK on ${layer}`] = (n) => mine.run(sequentialGets(mine.client, n))
  contenders[`by hand on ${layer}`] = hand.run
  if (baseline !== undefined) {
    contenders[`baseline SDK on ${layer}`] = (n) => baseline.run(sequentialGets(baseline.client, n))
  }
  try {
    return await compare(contenders, options)
  } finally {
    await mine.dispose()
    await hand.dispose()
    await baseline?.dispose()
  }
}

/**
 * Per call, sequential, small JSON, each transport's contenders in processes of their own (see
 * `perCallOn`): in one process, every client's calls would run through the same Effect runtime
 * functions, which V8 then optimises for all of them at once, and slower than for one; a service runs
 * one SDK on one transport. The rounds are split over `processes` processes per transport, their
 * rounds pooled: how V8 happens to compile a process's code moves every round of that process alike
 * (the SDK/by-hand ratio on one transport was 0.95× in one process and 1.09× in the next).
 */
export const perCall = async (
  origin: string,
  options: { readonly n: number; readonly rounds: number; readonly processes: number }
) => {
  const timings: Record<string, Timing> = {}
  const rounds = Math.max(1, Math.round(options.rounds / options.processes))
  for (const layer of layers) {
    const runs: Array<Record<string, Timing>> = []
    for (let i = 0; i < options.processes; i++) {
      runs.push(await inChild<Record<string, Timing>>("perCall", { origin, layer, n: options.n, rounds }))
    }
    Object.assign(timings, pooled(runs))
  }
  return timings
}
