/**
 * Streaming 1,000,000 items over pages of 1,000: the SDK's paged stream against a hand-written page
 * loop with fetch, in items per second, and each one's peak RSS growth. Every contender runs in a
 * fresh process of its own (streamOne.ts), so one's memory does not count against another's.
 */
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"

export type StreamContender =
  | "fetch loop"
  | "UndiciHttpClient.layer"
  | "UndiciHttpClient.layer, prefetch"
  | "NodeHttpClient.layerUndici"

export interface StreamResult {
  readonly itemsPerSecond: number
  readonly rssGrowthMb: number
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

export const streaming = async (origin: string, options: { readonly total: number; readonly pageSize: number }) => ({
  fetchLoop: await runAlone("fetch loop", origin, options.total, options.pageSize),
  sdkLean: await runAlone("UndiciHttpClient.layer", origin, options.total, options.pageSize),
  sdkLeanPrefetch: await runAlone("UndiciHttpClient.layer, prefetch", origin, options.total, options.pageSize),
  sdkUndici: await runAlone("NodeHttpClient.layerUndici", origin, options.total, options.pageSize)
})
