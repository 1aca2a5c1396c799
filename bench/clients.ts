/** The SDK's synthetic client on each HttpClient layer, as a runtime the benchmarks can call into. */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import type { SyntheticClient } from "../src/testkit/synthetic/SyntheticClient.js"
import type * as Synthetic from "../src/testkit/synthetic/SyntheticClient.js"
import type * as UndiciHttpClient from "../src/undici/UndiciHttpClient.js"

const platformLayers = {
  FetchHttpClient: FetchHttpClient.layer,
  "NodeHttpClient.layerUndici": NodeHttpClient.layerUndici
} as const

export type LayerName = keyof typeof platformLayers | "UndiciHttpClient.layer"

/**
 * BENCH_BASELINE: the root of another checkout of the SDK (say, main before a change, its
 * node_modules linked to these). Its synthetic client and transport then run as extra contenders,
 * "baseline …", interleaved with this tree's in the same run.
 */
export const baselineRoot = process.env.BENCH_BASELINE

// The synthetic client and the lean transport of this tree, or of the checkout at `root`, as users
// run them: compiled (`npm run bench` builds first). Run from TypeScript source instead, every closure
// the pipeline makes goes through tsx's naming helper, a cost no user pays. A baseline checkout
// that has not been built runs from source.
const sources = async (root: string | undefined) => {
  const base = root ?? fileURLToPath(new URL("..", import.meta.url))
  const built = existsSync(join(base, "dist/index.js"))
  if (!built && root === undefined) throw new Error("bench: no dist/ here; run `npm run build` first")
  const load = (path: string) => import(pathToFileURL(join(base, built ? `dist/${path}.js` : `src/${path}.ts`)).href)
  const synthetic = (await load("testkit/synthetic/SyntheticClient")) as typeof Synthetic
  const undici = (await load("undici/UndiciHttpClient")) as typeof UndiciHttpClient
  const layers: Record<LayerName, Layer.Layer<HttpClient.HttpClient>> = {
    ...platformLayers,
    "UndiciHttpClient.layer": undici.layer
  }
  return { synthetic, layers }
}

const own = await sources(undefined)

/** Each HttpClient layer the benchmarks run on, the SDK's own transport as compiled. */
export const httpClientLayers = own.layers

/** The SDK's synthetic client module (of the checkout at `root`, if given), as {@link sdk} runs it. */
export const syntheticModule = async (root?: string): Promise<typeof Synthetic> => (await sources(root)).synthetic

/** The SDK client on the named layer (of the checkout at `root`, if given), and a way to run effects with it. */
export const sdk = async (origin: string, layer: LayerName, root?: string) => {
  const { layers, synthetic } = await sources(root)
  const runtime = ManagedRuntime.make(layers[layer])
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
      Effect.flatMap(HttpClientResponse.schemaBodyJson(own.synthetic.Item)),
      Effect.scoped
    )
  const gets = (n: number) =>
    Effect.gen(function*() {
      for (let i = 0; i < n; i++) yield* get("item-1")
    })
  /** `n` of the same GET, `inFlight` at a time. */
  const concurrently = (n: number, inFlight: number) =>
    runtime.runPromise(
      Effect.forEach(Array.from({ length: n }), () => get("item-1"), { concurrency: inFlight, discard: true })
    )
  return { run: (n: number) => runtime.runPromise(gets(n)), concurrently, dispose: runtime.dispose }
}
