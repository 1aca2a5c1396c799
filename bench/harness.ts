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
 * them alike, after one warm-up round; every other round runs them in reverse, so none always
 * follows the same one. Returns each one's median time per operation in µs, and its time in each
 * round, for ratios taken round by round ({@link pairedRatio}).
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
    for (const [name, run] of alternating(Object.entries(contenders), round)) {
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
  const timings: Record<string, Timing> = {}
  for (const name of Object.keys(contenders)) {
    timings[name] = {
      wall: median(wall[name]!),
      cpu: median(cpu[name]!),
      perRound: { wall: wall[name]!, cpu: cpu[name]! }
    }
  }
  return timings
}

/** The rounds of several runs of the same contenders (each in a process of its own) as one run's. */
export const pooled = (runs: ReadonlyArray<Readonly<Record<string, Timing>>>): Record<string, Timing> => {
  const timings: Record<string, Timing> = {}
  for (const name of Object.keys(runs[0] ?? {})) {
    const wall = runs.flatMap((run) => run[name]!.perRound.wall)
    const cpu = runs.flatMap((run) => run[name]!.perRound.cpu)
    timings[name] = { wall: median(wall), cpu: median(cpu), perRound: { wall, cpu } }
  }
  return timings
}

/** The contenders in their order on even rounds, reversed on odd ones. */
export const alternating = <A>(entries: ReadonlyArray<A>, round: number): ReadonlyArray<A> =>
  round % 2 === 0 ? entries : [...entries].reverse()

/** Median wall-clock time and client CPU time per operation, in µs, and each round's. */
export interface Timing {
  readonly wall: number
  readonly cpu: number
  readonly perRound: { readonly wall: ReadonlyArray<number>; readonly cpu: ReadonlyArray<number> }
}

/** A ratio of two contenders taken round by round: the median of the rounds' ratios, and their quartiles. */
export interface Ratio {
  readonly median: number
  readonly low: number
  readonly high: number
}

/**
 * `a / b` for two contenders measured in the same rounds: each round's ratio, then their median and
 * quartiles. On a machine whose speed drifts, the two measured moments apart agree far better than
 * two medians taken over the whole run.
 */
export const pairedRatio = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): Ratio => {
  const ratios = a.map((value, round) => value / b[round]!).sort((x, y) => x - y)
  return { median: median(ratios), low: quantile(ratios, 0.25), high: quantile(ratios, 0.75) }
}

/** `ratio` as `1.02× (rounds 0.97–1.05×)`: the median, then the middle half of the rounds. */
export const showRatio = (ratio: Ratio) => `${fixed(ratio.median)}× (rounds ${fixed(ratio.low)}–${fixed(ratio.high)}×)`

/** The `q` quantile of sorted values, interpolated between neighbours. */
const quantile = (sorted: ReadonlyArray<number>, q: number): number => {
  const at = (sorted.length - 1) * q
  const below = Math.floor(at)
  const above = Math.min(below + 1, sorted.length - 1)
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below)
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
