/** One streaming contender in a process of its own (see streaming.ts); reports its figures over IPC. */
import * as Stream from "effect/Stream"
import type { LayerName } from "./clients.js"
import { baselineRoot, sdk } from "./clients.js"
import { peakRssGrowth } from "./harness.js"
import type { StreamContender } from "./streaming.js"

const contender = process.env.STREAM_CONTENDER as StreamContender
const origin = process.env.STREAM_ORIGIN!
const total = Number(process.env.STREAM_TOTAL)
const pageSize = Number(process.env.STREAM_PAGE_SIZE)

const fetchLoop = async (limit = Infinity) => {
  let count = 0
  for (let offset = 0; count < limit; offset += pageSize) {
    const response = await fetch(`${origin}/items?offset=${offset}&limit=${pageSize}`)
    if (!response.ok) throw new Error(`status ${response.status}`)
    const page = JSON.parse(await response.text()) as { items: Array<unknown>; total: number }
    count += page.items.length
    if (page.items.length === 0 || count >= page.total) return count
  }
  return count
}

const baseline = contender.startsWith("baseline ")
const prefetch = contender.endsWith(", prefetch")
const client = contender === "fetch loop"
  ? undefined
  : await sdk(
    origin,
    contender.replace("baseline ", "").replace(", prefetch", "") as LayerName,
    baseline ? baselineRoot : undefined
  )
const run = client === undefined
  ? fetchLoop
  : (limit = Infinity) => {
    const items = itemsOf(client.client)(pageSize, { prefetch })
    return client.run(Stream.runCount(Number.isFinite(limit) ? Stream.take(items, limit) : items))
  }
// A baseline checkout from before the listing convention names the items stream `stream`.
function itemsOf(synthetic: typeof client extends { client: infer C } | undefined ? C : never) {
  const legacy = synthetic as unknown as { readonly stream?: typeof synthetic.list }
  return "listPage" in synthetic ? synthetic.list : legacy.stream!
}
// A warm-up of a few pages first, for every contender alike: what is measured is the listing, not the
// process compiling its code and loading its modules on the first request.
const warmUp = 20 * pageSize
if ((await run(warmUp)) !== warmUp) throw new Error("the warm-up listing came short")
const start = performance.now()
const { mb, result } = await peakRssGrowth(() => run())
if (result !== total) throw new Error(`streamed ${result} items, expected ${total}`)
process.send!({ itemsPerSecond: result / ((performance.now() - start) / 1000), rssGrowthMb: mb })
await client?.dispose()
process.disconnect()
