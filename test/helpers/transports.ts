/**
 * The HttpClients the SDK is tested over, each a layer of its own: the platform's fetch client,
 * the platform's Node client (node:http), and the SDK's own undici client on a fresh Agent.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Agent } from "undici"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"
import { scopedAgent } from "./undici.js"

export interface Transport {
  readonly name: string
  readonly layer: Layer.Layer<HttpClient.HttpClient>
}

/** The SDK's undici client on an Agent of its own, destroyed with the layer. */
export const undiciLayer = (options: ConstructorParameters<typeof Agent>[0] = {}) =>
  Layer.scoped(
    HttpClient.HttpClient,
    Effect.map(scopedAgent(() => new Agent(options)), UndiciHttpClient.make)
  )

export const transports: ReadonlyArray<Transport> = [
  { name: "FetchHttpClient", layer: FetchHttpClient.layer },
  { name: "NodeHttpClient", layer: NodeHttpClient.layer },
  { name: "UndiciHttpClient", layer: undiciLayer() }
]
