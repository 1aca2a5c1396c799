/**
 * `npm run bench`: every benchmark on loopback against `server.mjs`, printed as tables and written to
 * bench/results.md with the machine and Node version. Every figure is a ratio measured in this run.
 * BENCH_QUICK=1 runs a shortened version (for checking the harness, not for figures).
 */
import { writeFileSync } from "node:fs"
import * as os from "node:os"
import { decodeCost } from "./decode.js"
import { fixed, startServer, table } from "./harness.js"
import { perCall } from "./perCall.js"
import { prefetch } from "./prefetch.js"
import { streaming } from "./streaming.js"
import { throughput } from "./throughput.js"

const quick = process.env.BENCH_QUICK === "1"
// BENCH_ONLY=perCall,throughput,streaming,prefetch,decode runs only those sections.
const only = process.env.BENCH_ONLY?.split(",")
const enabled = (name: string) => only === undefined || only.includes(name)
const total = quick ? 50_000 : 1_000_000
const goal = (met: boolean) => (met ? "met" : "not met")

const server = await startServer({ BENCH_TOTAL: String(total) })
const sections: Array<string> = []
const section = (title: string, body: string) => {
  sections.push(`## ${title}\n\n${body}\n`)
  console.log(`\n${title}\n${body}`)
}

try {
  if (enabled("perCall")) {
    const calls = await perCall(server.origin, quick ? { n: 200, rounds: 2 } : { n: 1000, rounds: 15 })
    const base = calls["fetch + JSON.parse"]!
    section(
      "Per call, sequential, small JSON (median of rounds, µs per call)",
      table(
        ["client", "wall µs", "client CPU µs", "wall vs fetch", "goal ≤ 1.0×"],
        Object.entries(calls).map(([name, t]) => [
          name,
          fixed(t.wall, 0),
          fixed(t.cpu, 0),
          `${fixed(t.wall / base.wall)}×`,
          name.startsWith("SDK") ? goal(t.wall / base.wall <= 1) : ""
        ])
      )
    )
  }
  if (enabled("throughput")) {
    const rates = await throughput(server.origin, quick ? { n: 500, rounds: 1 } : { n: 20_000, rounds: 5 })
    const raw = rates["raw undici"]!
    section(
      "Throughput, 64 requests in flight (median of rounds, requests per second)",
      table(
        ["client", "req/s", "vs raw undici", "goal ≥ 0.95×"],
        Object.entries(rates).map(([name, rate]) => [
          name,
          fixed(rate, 0),
          `${fixed(rate / raw)}×`,
          name.startsWith("SDK") ? goal(rate / raw >= 0.95) : ""
        ])
      )
    )
  }
  if (enabled("streaming")) {
    const streamed = await streaming(server.origin, { total, pageSize: 1000 })
    const loopRate = streamed.fetchLoop.itemsPerSecond
    const streamRow = (name: string, result: { itemsPerSecond: number; rssGrowthMb: number }) => [
      name,
      fixed(result.itemsPerSecond, 0),
      `${fixed(result.itemsPerSecond / loopRate)}×`,
      fixed(result.rssGrowthMb, 1),
      `≥ 0.8×: ${goal(result.itemsPerSecond / loopRate >= 0.8)}; ≤ 64 MB: ${goal(result.rssGrowthMb <= 64)}`
    ]
    section(
      `Streaming ${total.toLocaleString("en")} items over pages of 1,000`,
      table(["contender", "items/s", "vs the loop", "peak RSS growth MB", "goals"], [
        [
          "hand-written page loop with fetch",
          fixed(loopRate, 0),
          "1.00×",
          fixed(streamed.fetchLoop.rssGrowthMb, 1),
          ""
        ],
        streamRow("SDK stream on UndiciHttpClient.layer", streamed.sdkLean),
        streamRow("SDK stream on UndiciHttpClient.layer, prefetch", streamed.sdkLeanPrefetch),
        streamRow("SDK stream on NodeHttpClient.layerUndici", streamed.sdkUndici)
      ])
    )
  }
  if (enabled("prefetch")) {
    const settings = { pages: quick ? 20 : 100, pageSize: 1000, serverMillis: 10, consumerMillis: 10 }
    const timed = await prefetch({ ...settings, rounds: quick ? 1 : 3 })
    const plain = timed["SDK stream"]!.wall
    section(
      `Prefetch: ${settings.pages} pages of 1,000, the server taking ${settings.serverMillis} ms a page and the consumer ${settings.consumerMillis} ms (median of rounds, ms per page)`,
      table(
        ["stream", "wall ms per page", "client CPU ms per page", "vs without prefetch"],
        Object.entries(timed).map(([name, t]) => [
          name,
          fixed(t.wall / 1000, 1),
          fixed(t.cpu / 1000, 1),
          `${fixed(t.wall / plain)}×`
        ])
      )
    )
  }
  if (enabled("decode")) {
    const decode = decodeCost(quick ? { n: 1000, rounds: 3 } : { n: 10_000, rounds: 9 })
    section(
      "Decode cost per item (Schema, unknown fields ignored; median of rounds)",
      table(
        ["schema", "µs per item", "items per second"],
        Object.entries(decode).map(([name, micros]) => [
          name,
          fixed(micros, 2),
          fixed(1e6 / micros, 0)
        ])
      )
    )
  }
} finally {
  server.stop()
}

const cpus = os.cpus()
const header = [
  "# Benchmark results",
  "",
  `Measured ${new Date().toISOString()} by \`npm run bench\`${
    quick ? " (BENCH_QUICK: shortened, not for figures)" : ""
  }.`,
  "",
  `- Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${
    Math.round(os.totalmem() / 2 ** 30)
  } GiB, ${os.platform()} ${os.release()}`,
  `- Node ${process.version}; server: bench/server.mjs in its own process on 127.0.0.1`,
  "- Ratios compare contenders measured in the same run, interleaved round by round.",
  ""
].join("\n")
if (only === undefined) {
  writeFileSync(new URL("./results.md", import.meta.url), `${header}\n${sections.join("\n")}`)
  console.log("\nwritten to bench/results.md")
}
