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

const fetchLoop = async () => {
  let count = 0
  for (let offset = 0;; offset += pageSize) {
    const response = await fetch(`${origin}/items?offset=${offset}&limit=${pageSize}`)
    if (!response.ok) throw new Error(`status ${response.status}`)
    const page = JSON.parse(await response.text()) as { items: Array<unknown>; total: number }
    count += page.items.length
    if (page.items.length === 0 || count >= page.total) return count
  }
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
  : () => client.run(Stream.runCount(itemsOf(client.client)(pageSize, { prefetch })))
// A baseline checkout from before the listing convention names the items stream `stream`.
function itemsOf(synthetic: typeof client extends { client: infer C } | undefined ? C : never) {
  const legacy = synthetic as unknown as { readonly stream?: typeof synthetic.list }
  return "listPage" in synthetic ? synthetic.list : legacy.stream!
}
const start = performance.now()
const { mb, result } = await peakRssGrowth(run)
if (result !== total) throw new Error(`streamed ${result} items, expected ${total}`)
process.send!({ itemsPerSecond: result / ((performance.now() - start) / 1000), rssGrowthMb: mb })
await client?.dispose()
process.disconnect()
