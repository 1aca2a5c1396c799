/**
 * What `prefetch` buys: a listing whose server takes `serverMillis` per page, read by a consumer
 * that takes `consumerMillis` per page (writing the page somewhere). Without prefetch the two add
 * up page after page; with it, the next page's request runs while the consumer works. The SDK's
 * stream with and without prefetch, interleaved rounds, median wall time per page.
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { sdk } from "./clients.js"
import { compare, startServer } from "./harness.js"

export const prefetch = async (
  options: {
    readonly pages: number
    readonly pageSize: number
    readonly serverMillis: number
    readonly consumerMillis: number
    readonly rounds: number
  }
) => {
  const server = await startServer({
    BENCH_TOTAL: String(options.pages * options.pageSize),
    BENCH_PAGE_DELAY_MS: String(options.serverMillis)
  })
  const client = await sdk(server.origin, "UndiciHttpClient.layer")
  try {
    const read = (prefetch: boolean) => () =>
      client.run(
        Stream.runForEachChunk(
          client.client.list(options.pageSize, { prefetch }),
          () => Effect.sleep(options.consumerMillis)
        )
      )
    // One "operation" is one page: compare reports the median time per page, in µs.
    return await compare({
      "SDK stream": read(false),
      "SDK stream, prefetch": read(true)
    }, { n: options.pages, rounds: options.rounds })
  } finally {
    await client.dispose()
    server.stop()
  }
}
