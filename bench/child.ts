/**
 * A benchmark group in a process of its own: `inChild` forks `childMain.ts` with the group's name and
 * arguments, and the child sends back what the group measured. Clients measured in one process share
 * Effect's runtime functions, which V8 then optimises for all of them at once; a service runs one.
 */
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import type { LayerName } from "./clients.js"

/** What a child is told to measure. */
export interface Arguments {
  readonly origin: string
  readonly layer: LayerName
  readonly n: number
  readonly rounds: number
}

/** Runs the group `group` (perCall or throughput) on one transport in a fresh process. */
export const inChild = <A>(group: "perCall" | "throughput", args: Arguments): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./childMain.ts", import.meta.url)), [], {
      env: { ...process.env, BENCH_CHILD: JSON.stringify({ group, args }) },
      execArgv: ["--expose-gc", "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    child.once("error", reject)
    child.once("message", (message) => resolve(message as A))
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`bench ${group} on ${args.layer} exited with ${code}`))
    })
  })
