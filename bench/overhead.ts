/**
 * The SDK's own cost per call, without any I/O: the synthetic client's `get` on an in-memory
 * HttpClient that answers at once with a canned response. What remains is the SDK's pipeline (the
 * operation, the span, the retry loop, reading and decoding the body), measured far more precisely
 * than over a socket. With BENCH_BASELINE, the baseline tree's client runs interleaved with this one.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import type * as Synthetic from "../src/testkit/synthetic/SyntheticClient.js"
import { baselineRoot, byHand, sequentialGets, syntheticModule } from "./clients.js"
import type { Contender } from "./harness.js"
import { compare } from "./harness.js"

const body = JSON.stringify({ id: "item-1", index: 1, name: "Item number 1" })
const headers = { "content-type": "application/json", "content-length": String(body.length) }

const inMemory = Layer.succeed(
  HttpClient.HttpClient,
  HttpClient.make((request) =>
    Effect.sync(() => HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers })))
  )
)

const client = async (synthetic: typeof Synthetic) => {
  const runtime = ManagedRuntime.make(inMemory)
  const made = await runtime.runPromise(synthetic.makeSyntheticClient({ url: "http://in-memory.test" }))
  return { run: (n: number) => runtime.runPromise(sequentialGets(made, n)), dispose: runtime.dispose }
}

export const overhead = async (options: { readonly n: number; readonly rounds: number }) => {
  const mine = await client(await syntheticModule())
  const hand = await byHand("http://in-memory.test", inMemory)
  const contenders: Record<string, Contender> = { "SDK, in memory": mine.run, "by hand, in memory": hand.run }
  const baseline = baselineRoot === undefined ? undefined : await client(await syntheticModule(baselineRoot))
  if (baseline !== undefined) contenders["baseline SDK, in memory"] = baseline.run
  try {
    return await compare(contenders, options)
  } finally {
    await mine.dispose()
    await hand.dispose()
    await baseline?.dispose()
  }
}
