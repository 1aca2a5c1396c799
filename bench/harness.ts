/** What every benchmark needs: the server process, timing in rounds, memory sampling, tables. */
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"

/** Starts `server.mjs` in its own process; resolves with its origin and a stop function. */
export const startServer = (env: Record<string, string> = {}) =>
  new Promise<{ readonly origin: string; readonly stop: () => void }>((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./server.mjs", import.meta.url)), [], {
      env: { ...process.env, ...env },
      execArgv: [],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    child.once("error", reject)
    child.once("message", (message) => {
      const { port } = message as { port: number }
      resolve({ origin: `http://127.0.0.1:${port}`, stop: () => child.kill() })
    })
  })

/** A contender: runs `n` operations and resolves when they are done. */
export type Contender = (n: number) => Promise<void>

/**
 * Runs every contender `rounds` times, interleaved so drift in the machine's speed hits all of
 * them alike, after one warm-up round; returns each one's median time per operation in µs.
 */
export const compare = async (
  contenders: Readonly<Record<string, Contender>>,
  options: { readonly n: number; readonly rounds: number }
): Promise<Record<string, Timing>> => {
  const wall: Record<string, Array<number>> = {}
  const cpu: Record<string, Array<number>> = {}
  for (const name of Object.keys(contenders)) {
    wall[name] = []
    cpu[name] = []
  }
  for (let round = 0; round <= options.rounds; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const startCpu = process.cpuUsage()
      const start = performance.now()
      await run(options.n)
      const micros = ((performance.now() - start) * 1000) / options.n
      const used = process.cpuUsage(startCpu)
      if (round > 0) {
        wall[name]!.push(micros)
        cpu[name]!.push((used.user + used.system) / options.n)
      }
    }
  }
  const medians: Record<string, Timing> = {}
  for (const name of Object.keys(contenders)) medians[name] = { wall: median(wall[name]!), cpu: median(cpu[name]!) }
  return medians
}

/** Median wall-clock time and client CPU time per operation, in µs. */
export interface Timing {
  readonly wall: number
  readonly cpu: number
}

export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Samples RSS every 10 ms while `run` runs; returns its result and the peak growth in MB over the start. */
export const peakRssGrowth = async <A>(run: () => Promise<A>): Promise<{ readonly result: A; readonly mb: number }> => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const start = process.memoryUsage.rss()
  let peak = start
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 10)
  try {
    const result = await run()
    peak = Math.max(peak, process.memoryUsage.rss())
    return { result, mb: (peak - start) / (1024 * 1024) }
  } finally {
    clearInterval(timer)
  }
}

export const fixed = (value: number, digits = 2) => value.toFixed(digits)

/** A markdown table. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n")
