/**
 * The scaffolding every test server shares, so a platform's test server is its state, its routes
 * and a few lines: the recording handler, the three layers — in process (`layer`, with an
 * `HttpClient` whose requests it answers), on 127.0.0.1 at a free port (`layerServer`), and in
 * process with the platform's client pointed at it (`layerClient`) — and the in-flight and
 * open-socket counters.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { Handler } from "./Handler.js"
import { layerHttpClient } from "./Handler.js"
import type { RecorderOptions, Recording } from "./Recorder.js"
import { recordExchanges } from "./Recorder.js"
import { serve } from "./serve.js"

/**
 * What every running test server offers, however it is served.
 *
 * @since 0.1.0
 * @category models
 */
export interface TestServerBase extends Recording {
  /** Where it is reached: `http://127.0.0.1:<port>` on loopback, a made-up origin in process. */
  readonly origin: string
  /** The recording handler itself, for requests sent by hand. */
  readonly handler: Handler
  /** Sockets open right now (0 in process). */
  readonly openConnections: () => number
  /** Requests being answered right now: on loopback until the response is written or the client
   *  left; in process until the handler has answered. */
  readonly inFlight: () => number
}

/**
 * How a platform's test server is built.
 *
 * @since 0.1.0
 * @category models
 */
export interface TestServerDefinition<Core extends { readonly handler: Handler }, Service> {
  /** The origin of the in-process server, e.g. `http://flowserv.test`. */
  readonly inProcessOrigin: string
  /** A fresh server (state and routes), built once per layer; Effect's `Clock` is in reach. */
  readonly make: Effect.Effect<Core>
  readonly recording?: RecorderOptions | undefined
  /** The reason phrase of a status on loopback (Flask's, say), when not the runtime's. */
  readonly statusText?: ((status: number) => string | undefined) | undefined
  /** The platform's service: the base plus what the platform adds (its URL, its state). */
  readonly service: (core: NoInfer<Core>, base: TestServerBase) => Service
}

/**
 * The three layers of a test server.
 *
 * @since 0.1.0
 * @category models
 */
export interface TestServerLayers<Id, Service> {
  /** In process, with an `HttpClient` whose requests it answers. */
  readonly layer: Layer.Layer<Id | HttpClient.HttpClient>
  /** On 127.0.0.1 at a free port until the layer is released; bring your own `HttpClient`. */
  readonly layerServer: Layer.Layer<Id>
  /** In process, with the platform's client layer (built from the running service) on it. */
  readonly layerClient: <ROut, E>(
    client: (service: Service) => Layer.Layer<ROut, E, HttpClient.HttpClient>
  ) => Layer.Layer<ROut | Id | HttpClient.HttpClient, E>
}

// Counts requests the handler has not answered yet.
const counting = (handler: Handler): { readonly handler: Handler; readonly inFlight: () => number } => {
  let pending = 0
  return {
    handler: (request) => {
      pending++
      let settled = false
      const settle = () => {
        if (!settled) {
          settled = true
          pending--
        }
      }
      // A client that gives up is no longer waiting, whatever the handler does.
      request.signal.addEventListener("abort", settle, { once: true })
      return handler(request).finally(settle)
    },
    inFlight: () => pending
  }
}

/**
 * The layers of a test server from its definition.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Context, Effect } from "effect"
 * import { Router, TestServer } from "effect-research-sdk/testkit"
 * interface PingServer extends TestServer.TestServerBase { readonly url: string }
 * class Ping extends Context.Tag("Ping")<Ping, PingServer>() {}
 * const kit = TestServer.layers(Ping, {
 *   inProcessOrigin: "http://ping.test",
 *   make: Effect.succeed({ handler: Router.make([Router.route("GET", "/ping", () => Response.json("pong"))]) }),
 *   recording: { bodies: true },
 *   service: (_core, base) => ({ ...base, url: base.origin })
 * })
 * ```
 */
export const layers = <Id, Service, Core extends { readonly handler: Handler }>(
  tag: Context.Tag<Id, Service>,
  definition: TestServerDefinition<Core, Service>
): TestServerLayers<Id, Service> => {
  const start = Effect.map(
    definition.make,
    (core) => ({ core, recording: recordExchanges(core.handler, definition.recording) })
  )

  const layer: Layer.Layer<Id | HttpClient.HttpClient> = Layer.unwrapEffect(
    Effect.map(start, ({ core, recording }) => {
      const counted = counting(recording.handler)
      return Layer.merge(
        Layer.succeed(
          tag,
          definition.service(core, {
            ...recording,
            origin: definition.inProcessOrigin,
            handler: counted.handler,
            openConnections: () => 0,
            inFlight: counted.inFlight
          })
        ),
        layerHttpClient(counted.handler)
      )
    })
  )

  const layerServer: Layer.Layer<Id> = Layer.scoped(
    tag,
    Effect.gen(function*() {
      const { core, recording } = yield* start
      const served = yield* serve(
        recording.handler,
        definition.statusText === undefined ? {} : { statusText: definition.statusText }
      )
      return definition.service(core, {
        ...recording,
        origin: served.origin,
        openConnections: served.openConnections,
        inFlight: served.inFlight
      })
    })
  )

  return {
    layer,
    layerServer,
    layerClient: (client) => Layer.unwrapEffect(Effect.map(tag, client)).pipe(Layer.provideMerge(layer))
  }
}
