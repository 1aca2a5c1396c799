/** Per call, sequential, small JSON: the SDK on each HttpClient layer against plain fetch + JSON.parse. */
import { request } from "undici"
import type { LayerName } from "./clients.js"
import { baselineRoot, byHand, httpClientLayers, sdk, sequentialGets } from "./clients.js"
import type { Contender } from "./harness.js"
import { compare } from "./harness.js"

export const perCall = async (origin: string, options: { readonly n: number; readonly rounds: number }) => {
  const url = `${origin}/items/item-1`
  const onFetch = await sdk(origin, "FetchHttpClient")
  const onUndici = await sdk(origin, "NodeHttpClient.layerUndici")
  const onLean = await sdk(origin, "UndiciHttpClient.layer")
  const hand = {
    FetchHttpClient: await byHand(origin, httpClientLayers.FetchHttpClient),
    "NodeHttpClient.layerUndici": await byHand(origin, httpClientLayers["NodeHttpClient.layerUndici"]),
    "UndiciHttpClient.layer": await byHand(origin, httpClientLayers["UndiciHttpClient.layer"])
  }
  const contenders: Record<string, Contender> = {
    "fetch + JSON.parse": async (n) => {
      for (let i = 0; i < n; i++) {
        const response = await fetch(url)
        if (!response.ok) throw new Error(`status ${response.status}`)
        JSON.parse(await response.text())
      }
    },
    "undici.request + JSON.parse": async (n) => {
      for (let i = 0; i < n; i++) {
        const response = await request(url)
        if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`)
        JSON.parse(await response.body.text())
      }
    },
    "SDK on FetchHttpClient": (n) => onFetch.run(sequentialGets(onFetch.client, n)),
    "SDK on NodeHttpClient.layerUndici": (n) => onUndici.run(sequentialGets(onUndici.client, n)),
    "SDK on UndiciHttpClient.layer": (n) => onLean.run(sequentialGets(onLean.client, n)),
    "by hand on FetchHttpClient": hand.FetchHttpClient.run,
    "by hand on NodeHttpClient.layerUndici": hand["NodeHttpClient.layerUndici"].run,
    "by hand on UndiciHttpClient.layer": hand["UndiciHttpClient.layer"].run
  }
  const baselines: Array<{ dispose: () => Promise<void> }> = []
  if (baselineRoot !== undefined) {
    for (const layer of ["FetchHttpClient", "NodeHttpClient.layerUndici", "UndiciHttpClient.layer"] as const) {
      const on = await sdk(origin, layer satisfies LayerName, baselineRoot)
      baselines.push(on)
      contenders[`baseline SDK on ${layer}`] = (n) => on.run(sequentialGets(on.client, n))
    }
  }
  try {
    return await compare(contenders, options)
  } finally {
    await onFetch.dispose()
    await onUndici.dispose()
    await onLean.dispose()
    for (const on of Object.values(hand)) await on.dispose()
    for (const on of baselines) await on.dispose()
  }
}
