/**
 * `npm run bench`: every benchmark on loopback against `server.mjs`, printed as tables and written to
 * bench/results.md with the machine and Node version. Every figure is a ratio measured in this run.
 * The SDK runs as its users run it, compiled: `npm run bench` builds `dist/` first.
 * BENCH_QUICK=1 runs a shortened version (for checking the harness, not for figures).
 * BENCH_BASELINE=<root of another checkout> adds that SDK's contenders (from its `dist/` if built, else
 * from source) and a table comparing this tree with it, in the same run (results.md then says which
 * checkout the baseline was). BENCH_STREAM_ROUNDS=n runs each streaming contender n times (9 by
 * default), interleaved, and reports medians.
 */
import { writeFileSync } from "node:fs"
import * as os from "node:os"
import { baselineRoot } from "./clients.js"
import { decodeCost } from "./decode.js"
import { fixed, pairedRatio, showRatio, startServer, table } from "./harness.js"
import { overhead } from "./overhead.js"
import { perCall } from "./perCall.js"
import { prefetch } from "./prefetch.js"
import { streaming } from "./streaming.js"
import { throughput } from "./throughput.js"

const quick = process.env.BENCH_QUICK === "1"
// BENCH_ONLY=perCall,overhead,throughput,streaming,prefetch,decode runs only those sections.
const only = process.env.BENCH_ONLY?.split(",")
const enabled = (name: string) => only === undefined || only.includes(name)
const total = quick ? 50_000 : 1_000_000
const goal = (met: boolean) => (met ? "met" : "not met")
// Issue 12's goals, each with its figure from this run: [goal, figure, met].
const goals: Array<readonly [string, string, boolean]> = []
const ratio = (value: number) => `${fixed(value)}×`

const server = await startServer({ BENCH_TOTAL: String(total) })
const sections: Array<string> = []
// This tree against the baseline, per measure and layer: [measure, this tree, baseline, higher is better].
const againstBaseline: Array<readonly [string, number, number, boolean]> = []
const section = (title: string, body: string) => {
  sections.push(`## ${title}\n\n${body}\n`)
  console.log(`\n${title}\n${body}`)
}

try {
  if (enabled("perCall")) {
    const calls = await perCall(
      server.origin,
      quick ? { n: 200, rounds: 2, processes: 1 } : { n: 1000, rounds: 21, processes: 3 }
    )
    const base = calls["fetch + JSON.parse"]!
    for (const [name, t] of Object.entries(calls)) {
      const baseline = calls[`baseline ${name}`]
      if (baseline !== undefined) {
        againstBaseline.push([`per call wall µs, ${name}`, t.wall, baseline.wall, false])
        againstBaseline.push([`per call CPU µs, ${name}`, t.cpu, baseline.cpu, false])
      }
    }
    section(
      `Per call, sequential, small JSON (median of rounds, µs per call; each transport's rows measured in ${
        quick ? "one process" : "three processes"
      } of their own, their rounds pooled)`,
      table(
        ["client", "wall µs", "client CPU µs", "wall vs fetch"],
        Object.entries(calls).map(([name, t]) => [
          name,
          fixed(t.wall, 0),
          fixed(t.cpu, 0),
          `${fixed(t.wall / base.wall)}×`
        ])
      )
    )
    // Each goal's ratio is taken round by round (the median of the rounds' ratios, with the middle
    // half of them), so the machine's drift between rounds does not decide it.
    for (const layer of ["FetchHttpClient", "NodeHttpClient.layerUndici", "UndiciHttpClient.layer"]) {
      const mine = calls[`SDK on ${layer}`]!
      const hand = calls[`by hand on ${layer}`]!
      for (const measure of ["cpu", "wall"] as const) {
        const sdkToHand = pairedRatio(mine.perRound[measure], hand.perRound[measure])
        goals.push([
          `SDK call ≤ 1.0× by hand on ${layer}, ${measure === "cpu" ? "CPU" : "wall"}`,
          showRatio(sdkToHand),
          sdkToHand.median <= 1
        ])
      }
    }
    const lean = calls["SDK on UndiciHttpClient.layer"]!
    const rawUndici = calls["undici.request + JSON.parse"]!
    const leanToRaw = pairedRatio(lean.perRound.cpu, rawUndici.perRound.cpu)
    goals.push([
      "SDK on UndiciHttpClient ≤ 1.8× raw undici.request CPU",
      `${showRatio(leanToRaw)}; by hand on it: ${
        showRatio(pairedRatio(calls["by hand on UndiciHttpClient.layer"]!.perRound.cpu, rawUndici.perRound.cpu))
      }`,
      leanToRaw.median <= 1.8
    ])
    const onFetch = calls["SDK on FetchHttpClient"]!
    const fetchToRaw = pairedRatio(onFetch.perRound.wall, base.perRound.wall)
    goals.push([
      "SDK on FetchHttpClient ≤ 1.3× raw fetch + JSON.parse wall",
      `${showRatio(fetchToRaw)}; by hand on it: ${
        showRatio(pairedRatio(calls["by hand on FetchHttpClient"]!.perRound.wall, base.perRound.wall))
      }`,
      fetchToRaw.median <= 1.3
    ])
  }
  if (enabled("overhead")) {
    const costs = await overhead(quick ? { n: 2000, rounds: 3 } : { n: 20_000, rounds: 15 })
    for (const [name, t] of Object.entries(costs)) {
      const baseline = costs[`baseline ${name}`]
      if (baseline !== undefined) {
        againstBaseline.push([`in-memory CPU µs per call, ${name}`, t.cpu, baseline.cpu, false])
      }
    }
    section(
      "The SDK's own cost per call: in-memory HttpClient, no I/O (median of rounds, µs per call)",
      table(
        ["client", "wall µs", "client CPU µs"],
        Object.entries(costs).map(([name, t]) => [name, fixed(t.wall, 1), fixed(t.cpu, 1)])
      )
    )
  }
  if (enabled("throughput")) {
    const { rates, rawBeside } = await throughput(
      server.origin,
      quick ? { n: 500, rounds: 1 } : { n: 20_000, rounds: 5 }
    )
    for (const [name, rate] of Object.entries(rates)) {
      const baseline = rates[`baseline ${name}`]
      if (baseline !== undefined) againstBaseline.push([`throughput req/s, ${name}`, rate.rate, baseline.rate, true])
    }
    // Each row's ratios are to the raw undici measured beside it, in the same process.
    const rawOf = (name: string) => rawBeside[name] ?? rates["raw undici"]!
    section(
      "Throughput, 64 requests in flight (median of rounds; each transport in a process of its own, beside raw undici)",
      table(
        ["client", "req/s", "vs raw undici", "client CPU µs per request", "CPU vs raw undici"],
        Object.entries(rates).map(([name, rate]) => [
          name,
          fixed(rate.rate, 0),
          ratio(rate.rate / rawOf(name).rate),
          fixed(rate.cpu, 0),
          ratio(rate.cpu / rawOf(name).cpu)
        ])
      )
    )
    const cpuToRaw = (name: string) => pairedRatio(rates[name]!.perRound.cpu, rawOf(name).perRound.cpu)
    const leanToRaw = cpuToRaw("SDK on UndiciHttpClient.layer")
    goals.push([
      "64 in flight: SDK on UndiciHttpClient ≤ 2.0× raw undici CPU per request",
      `${showRatio(leanToRaw)}; by hand on it: ${showRatio(cpuToRaw("by hand on UndiciHttpClient.layer"))}`,
      leanToRaw.median <= 2
    ])
  }
  if (enabled("streaming")) {
    const streamed = await streaming(server.origin, {
      total,
      pageSize: 1000,
      baseline: baselineRoot !== undefined,
      rounds: Number(process.env.BENCH_STREAM_ROUNDS ?? (quick ? "1" : "9"))
    })
    const loopRate = streamed.fetchLoop.itemsPerSecond
    const streamRow = (name: string, result: { itemsPerSecond: number; rssGrowthMb: number }) => [
      name,
      fixed(result.itemsPerSecond, 0),
      `${fixed(result.itemsPerSecond / loopRate)}×`,
      fixed(result.rssGrowthMb, 1),
      `≥ 0.9×: ${goal(result.itemsPerSecond / loopRate >= 0.9)}; ≤ 64 MB: ${goal(result.rssGrowthMb <= 64)}`
    ]
    section(
      `Streaming ${total.toLocaleString("en")} items over pages of 1,000 (median of ${
        process.env.BENCH_STREAM_ROUNDS ?? (quick ? "1" : "9")
      } run(s) each)`,
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
        streamRow("SDK stream on NodeHttpClient.layerUndici", streamed.sdkUndici),
        ...(streamed.baselineLean === undefined
          ? []
          : [streamRow("baseline SDK stream on UndiciHttpClient.layer", streamed.baselineLean)]),
        ...(streamed.baselineUndici === undefined
          ? []
          : [streamRow("baseline SDK stream on NodeHttpClient.layerUndici", streamed.baselineUndici)])
      ])
    )
    const best = streamed.sdkLean
    const toLoop = pairedRatio(best.perRound, streamed.fetchLoop.perRound)
    goals.push([
      `Streaming ${total.toLocaleString("en")} items on UndiciHttpClient ≥ 0.9× the hand-written fetch loop`,
      showRatio(toLoop),
      toLoop.median >= 0.9
    ])
    goals.push([
      `Streaming ${total.toLocaleString("en")} items on UndiciHttpClient: RSS growth ≤ 64 MB`,
      `${fixed(best.rssGrowthMb, 1)} MB`,
      best.rssGrowthMb <= 64
    ])
    if (streamed.baselineLean !== undefined && streamed.baselineUndici !== undefined) {
      againstBaseline.push(
        [
          "streaming items/s, UndiciHttpClient.layer",
          streamed.sdkLean.itemsPerSecond,
          streamed.baselineLean.itemsPerSecond,
          true
        ],
        [
          "streaming items/s, NodeHttpClient.layerUndici",
          streamed.sdkUndici.itemsPerSecond,
          streamed.baselineUndici.itemsPerSecond,
          true
        ]
      )
    }
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
    const decoded = await decodeCost(quick ? { pages: 5, rounds: 3 } : { pages: 30, rounds: 21 })
    const withBaseline = decoded.some((row) => row.baseline !== undefined)
    for (const row of decoded) {
      if (row.baseline !== undefined) {
        againstBaseline.push([`decode ns per item, ${row.name}`, row.sdk * 1000, row.baseline * 1000, false])
      }
    }
    // Issue 12: a resource within its µs goal, or within 1.5× the plain struct of the same fields; a
    // listing page within 1.5× the plain struct.
    const decodeGoal = (row: (typeof decoded)[number]) => {
      const ratio = row.sdk / row.plain
      const ratioGoal = `≤ 1.5× plain: ${goal(ratio <= 1.5)}`
      return row.goal === undefined ? ratioGoal : `≤ ${row.goal} µs: ${goal(row.sdk <= row.goal)}; ${ratioGoal}`
    }
    section(
      "Decode cost per item: the SDK's decoder against a plain struct of the same fields (Schema, unknown fields ignored; median of rounds, CPU µs per item)",
      table(
        [
          "body",
          "SDK µs per item",
          "plain struct µs per item",
          "SDK / plain",
          ...(withBaseline ? ["baseline µs per item", "SDK / baseline"] : []),
          "goals"
        ],
        decoded.map((row) => [
          row.name,
          fixed(row.sdk, 2),
          fixed(row.plain, 2),
          `${fixed(row.sdk / row.plain)}×`,
          ...(withBaseline
            ? [
              row.baseline === undefined ? "" : fixed(row.baseline, 2),
              row.baseline === undefined ? "" : `${fixed(row.sdk / row.baseline)}×`
            ]
            : []),
          decodeGoal(row)
        ])
      )
    )
    for (const row of decoded) {
      const ratio = row.sdk / row.plain
      goals.push(
        row.goal === undefined
          ? [`Decode ${row.name} ≤ 1.5× a plain struct of the same fields`, `${fixed(ratio)}×`, ratio <= 1.5]
          : [
            `Decode ${row.name} ≤ ${row.goal} µs per item (or ≤ 1.5× plain)`,
            `${fixed(row.sdk, 2)} µs (${fixed(ratio)}× plain)`,
            row.sdk <= row.goal || ratio <= 1.5
          ]
      )
    }
  }
  if (goals.length > 0) {
    section(
      "Performance goals (issue 12), figures from this run",
      table(["goal", "figure", "met"], goals.map(([text, figure, met]) => [text, figure, met ? "met" : "not met"]))
    )
  }
  if (againstBaseline.length > 0) {
    section(
      `This tree against the baseline (${baselineRoot}), same run`,
      table(
        ["measure", "this tree", "baseline", "ratio", "better or equal"],
        againstBaseline.map(([measure, mine, baseline, higherIsBetter]) => [
          measure,
          fixed(mine, 0),
          fixed(baseline, 0),
          `${fixed(mine / baseline)}×`,
          (higherIsBetter ? mine >= baseline : mine <= baseline) ? "yes" : "no"
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
  ...(baselineRoot === undefined
    ? []
    : [
      `- Baseline: the checkout at ${baselineRoot} (${
        process.env.BENCH_BASELINE_NAME ?? "another tree"
      }), measured interleaved with this tree.`
    ]),
  ""
].join("\n")
if (only === undefined && !quick) {
  writeFileSync(new URL("./results.md", import.meta.url), `${header}\n${sections.join("\n")}`)
  console.log("\nwritten to bench/results.md")
}
