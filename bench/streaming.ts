/**
 * Streaming 1,000,000 items over pages of 1,000: the SDK's paged stream against a hand-written page
 * loop with fetch, in items per second, and the SDK's peak RSS growth while it streams.
 */
import * as Stream from "effect/Stream"
import { sdk } from "./clients.js"
import { peakRssGrowth } from "./harness.js"

export const streaming = async (origin: string, options: { readonly total: number; readonly pageSize: number }) => {
  const onLean = await sdk(origin, "UndiciHttpClient.layer")
  const onUndici = await sdk(origin, "NodeHttpClient.layerUndici")
  try {
    const loop = async () => {
      let count = 0
      for (let offset = 0;; offset += options.pageSize) {
        const response = await fetch(`${origin}/items?offset=${offset}&limit=${options.pageSize}`)
        if (!response.ok) throw new Error(`status ${response.status}`)
        const page = JSON.parse(await response.text()) as { items: Array<unknown>; total: number }
        count += page.items.length
        if (page.items.length === 0 || count >= page.total) return count
      }
    }
    const timed = async (run: () => Promise<number>) => {
      const start = performance.now()
      const { mb, result } = await peakRssGrowth(run)
      if (result !== options.total) throw new Error(`streamed ${result} items, expected ${options.total}`)
      return { itemsPerSecond: result / ((performance.now() - start) / 1000), rssGrowthMb: mb }
    }
    const fetchLoop = await timed(loop)
    const sdkLean = await timed(() => onLean.run(Stream.runCount(onLean.client.stream(options.pageSize))))
    const sdkUndici = await timed(() => onUndici.run(Stream.runCount(onUndici.client.stream(options.pageSize))))
    return { fetchLoop, sdkLean, sdkUndici }
  } finally {
    await onLean.dispose()
    await onUndici.dispose()
  }
}
