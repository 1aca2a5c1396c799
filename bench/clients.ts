/** The SDK's synthetic client on each HttpClient layer, as a runtime the benchmarks can call into. */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import type { SyntheticClient } from "../src/testkit/synthetic/SyntheticClient.js"
import { makeSyntheticClient } from "../src/testkit/synthetic/SyntheticClient.js"
import * as UndiciHttpClient from "../src/undici/UndiciHttpClient.js"

export const httpClientLayers = {
  FetchHttpClient: FetchHttpClient.layer,
  "NodeHttpClient.layerUndici": NodeHttpClient.layerUndici,
  "UndiciHttpClient.layer": UndiciHttpClient.layer
} as const

export type LayerName = keyof typeof httpClientLayers

/** The SDK client on the named layer, and a way to run effects with it. */
export const sdk = async (origin: string, layer: LayerName) => {
  const runtime = ManagedRuntime.make(httpClientLayers[layer] as typeof FetchHttpClient.layer)
  const client: SyntheticClient = await runtime.runPromise(
    makeSyntheticClient({ url: origin }) as Effect.Effect<SyntheticClient, never, HttpClient.HttpClient>
  )
  return { client, run: <A, E>(effect: Effect.Effect<A, E>) => runtime.runPromise(effect), dispose: runtime.dispose }
}

/** `n` sequential single-item GETs through the SDK. */
export const sequentialGets = (client: SyntheticClient, n: number) =>
  Effect.gen(function*() {
    for (let i = 0; i < n; i++) yield* client.get("item-1")
  })
