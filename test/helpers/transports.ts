/** The three HTTP clients the SDK is tested on: fetch, Node's http module, and the SDK's undici client. */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Layer from "effect/Layer"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"

export const transports: ReadonlyArray<readonly [name: string, layer: Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient", NodeHttpClient.layer],
  ["UndiciHttpClient", UndiciHttpClient.layer]
]
