/** The SDK's synthetic client on each HttpClient layer, as a runtime the benchmarks can call into. */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type { SyntheticClient } from "../src/testkit/synthetic/SyntheticClient.js"
import * as Synthetic from "../src/testkit/synthetic/SyntheticClient.js"
import * as UndiciHttpClient from "../src/undici/UndiciHttpClient.js"

export const httpClientLayers = {
  FetchHttpClient: FetchHttpClient.layer,
  "NodeHttpClient.layerUndici": NodeHttpClient.layerUndici,
  "UndiciHttpClient.layer": UndiciHttpClient.layer
} as const

export type LayerName = keyof typeof httpClientLayers

/**
 * BENCH_BASELINE: the root of another checkout of the SDK (say, main before a change, its
 * node_modules linked to these). Its synthetic client and transport then run as extra contenders,
 * "baseline …", interleaved with this tree's in the same run.
 */
export const baselineRoot = process.env.BENCH_BASELINE

// The synthetic client and the lean transport of this tree, or of the checkout at `root`.
const sources = async (root: string | undefined) => {
  if (root === undefined) return { synthetic: Synthetic, layers: httpClientLayers }
  const load = (path: string) => import(pathToFileURL(join(root, path)).href)
  const synthetic = (await load("src/testkit/synthetic/SyntheticClient.ts")) as typeof Synthetic
  const undici = (await load("src/undici/UndiciHttpClient.ts")) as typeof UndiciHttpClient
  return { synthetic, layers: { ...httpClientLayers, "UndiciHttpClient.layer": undici.layer } }
}

/** The SDK client on the named layer (of the checkout at `root`, if given), and a way to run effects with it. */
export const sdk = async (origin: string, layer: LayerName, root?: string) => {
  const { layers, synthetic } = await sources(root)
  const runtime = ManagedRuntime.make(layers[layer] as typeof FetchHttpClient.layer)
  const client: SyntheticClient = await runtime.runPromise(
    synthetic.makeSyntheticClient({ url: origin }) as Effect.Effect<SyntheticClient, never, HttpClient.HttpClient>
  )
  return { client, run: <A, E>(effect: Effect.Effect<A, E>) => runtime.runPromise(effect), dispose: runtime.dispose }
}

/** `n` sequential single-item GETs through the SDK. */
export const sequentialGets = (client: SyntheticClient, n: number) =>
  Effect.gen(function*() {
    for (let i = 0; i < n; i++) yield* client.get("item-1")
  })

/**
 * The same GET written by hand with `@effect/platform` and Schema, as a user who does not take the
 * SDK would: the HttpClient in context, non-2xx refused, the body decoded with the same schema. No
 * timeout, retry or error mapping: the floor the SDK's pipeline is held to.
 */
export const byHand = async (origin: string, layer: Layer.Layer<HttpClient.HttpClient>) => {
  const runtime = ManagedRuntime.make(layer)
  const client = await runtime.runPromise(Effect.map(HttpClient.HttpClient, HttpClient.filterStatusOk))
  const get = (id: string) =>
    client.get(`${origin}/items/${id}`).pipe(
      Effect.flatMap(HttpClientResponse.schemaBodyJson(Synthetic.Item)),
      Effect.scoped
    )
  const gets = (n: number) =>
    Effect.gen(function*() {
      for (let i = 0; i < n; i++) yield* get("item-1")
    })
  return { run: (n: number) => runtime.runPromise(gets(n)), dispose: runtime.dispose }
}
