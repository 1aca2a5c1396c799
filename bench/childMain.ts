/** The process `inChild` forks: runs one benchmark group on one transport and sends its figures back. */
import type { Arguments } from "./child.js"

const { args, group } = JSON.parse(process.env.BENCH_CHILD!) as {
  readonly group: "perCall" | "throughput"
  readonly args: Arguments
}
const options = { n: args.n, rounds: args.rounds }
const result = group === "perCall"
  ? await (await import("./perCall.js")).perCallOn(args.origin, args.layer, options)
  : await (await import("./throughput.js")).throughputOn(args.origin, args.layer, options)
process.send!(result, () => process.disconnect())
