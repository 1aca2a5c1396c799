/** Throughput with 64 requests in flight: the SDK on each HttpClient layer against raw undici. */
import * as Effect from "effect/Effect"
import { request } from "undici"
import { baselineRoot, sdk } from "./clients.js"
import { median } from "./harness.js"

const inFlight = 64

export const throughput = async (origin: string, options: { readonly n: number; readonly rounds: number }) => {
  const url = `${origin}/items/item-1`
  const onLean = await sdk(origin, "UndiciHttpClient.layer")
  const onUndici = await sdk(origin, "NodeHttpClient.layerUndici")
  const onFetch = await sdk(origin, "FetchHttpClient")
  const concurrently = (on: typeof onLean) =>
    on.run(
      Effect.forEach(Array.from({ length: options.n }), () => on.client.get("item-1"), {
        concurrency: inFlight,
        discard: true
      })
    )
  const contenders: Record<string, () => Promise<void>> = {
    "raw undici": async () => {
      let next = 0
      const worker = async () => {
        while (next++ < options.n) {
          const response = await request(url)
          if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`)
          JSON.parse(await response.body.text())
        }
      }
      await Promise.all(Array.from({ length: inFlight }, worker))
    },
    "SDK on UndiciHttpClient.layer": () => concurrently(onLean),
    "SDK on NodeHttpClient.layerUndici": () => concurrently(onUndici),
    "SDK on FetchHttpClient": () => concurrently(onFetch)
  }
  const baselines: Array<typeof onLean> = []
  if (baselineRoot !== undefined) {
    for (const layer of ["UndiciHttpClient.layer", "NodeHttpClient.layerUndici", "FetchHttpClient"] as const) {
      const on = await sdk(origin, layer, baselineRoot)
      baselines.push(on)
      contenders[`baseline SDK on ${layer}`] = () => concurrently(on)
    }
  }
  const rates: Record<string, Array<number>> = {}
  const cpu: Record<string, Array<number>> = {}
  for (const name of Object.keys(contenders)) {
    rates[name] = []
    cpu[name] = []
  }
  try {
    for (let round = 0; round <= options.rounds; round++) {
      for (const [name, run] of Object.entries(contenders)) {
        const startCpu = process.cpuUsage()
        const start = performance.now()
        await run()
        const used = process.cpuUsage(startCpu)
        if (round > 0) {
          rates[name]!.push(options.n / ((performance.now() - start) / 1000))
          cpu[name]!.push((used.user + used.system) / options.n)
        }
      }
    }
  } finally {
    await onLean.dispose()
    await onUndici.dispose()
    await onFetch.dispose()
    for (const on of baselines) await on.dispose()
  }
  // Requests per second, and the client's CPU µs per request (the server runs in its own process).
  const result: Record<string, { readonly rate: number; readonly cpu: number }> = {}
  for (const name of Object.keys(rates)) result[name] = { rate: median(rates[name]!), cpu: median(cpu[name]!) }
  return result
}
