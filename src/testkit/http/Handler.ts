/**
 * Test servers are plain `Request → Response` functions, so one implementation serves both
 * in-process (as an `HttpClient`) and on a loopback port.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Layer from "effect/Layer"

/**
 * A server: answers one request.
 *
 * @since 0.1.0
 * @category models
 */
export type Handler = (request: Request) => Promise<Response>

/**
 * A `fetch` that calls the handler in process. Honours the abort signal, so timeouts and
 * interruptions behave as they would over a socket.
 *
 * @since 0.1.0
 * @category constructors
 */
export const toFetch = (handler: Handler): typeof globalThis.fetch => (input, init) => {
  const request = new Request(input, init)
  const signal = request.signal
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener("abort", onAbort, { once: true })
    handler(request).then(
      (response) => {
        signal.removeEventListener("abort", onAbort)
        resolve(response)
      },
      (error) => {
        signal.removeEventListener("abort", onAbort)
        reject(error)
      }
    )
  })
}

/**
 * An `HttpClient` whose every request is answered by the handler, in process.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerHttpClient = (handler: Handler): Layer.Layer<HttpClient.HttpClient> =>
  // Fresh: FetchHttpClient.layer is one shared value, so two of these in one layer graph would be
  // built once (layers are memoized by reference) and both answer with the first handler.
  Layer.fresh(FetchHttpClient.layer).pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, toFetch(handler))))
