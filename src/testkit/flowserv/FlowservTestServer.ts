/**
 * An in-memory flowserv server for tests — the SDK's and your own. It runs in process as an
 * `HttpClient`, or on a loopback port for anything that speaks HTTP.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Flowserv from "../../flowserv/Flowserv.js"
import type { FlowservClient, FlowservClientOptions } from "../../flowserv/FlowservClient.js"
import type { Handler } from "../http/Handler.js"
import { layerHttpClient } from "../http/Handler.js"
import { serve } from "../http/serve.js"
import { reasonPhrase } from "./flask.js"
import type { WorkflowSeed } from "./FlowservState.js"
import { FlowservState } from "./FlowservState.js"
import type { FlowservRoutesOptions } from "./routes.js"
import { makeRoutes } from "./routes.js"
import { defaultWorkflows } from "./seeds.js"

/**
 * A request the server received.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
}

/**
 * Options of the test server.
 *
 * @since 0.1.0
 * @category models
 */
export interface FlowservTestServerOptions extends FlowservRoutesOptions {
  /** The workflows to start with; `helloworld` and `helloworld2` by default. */
  readonly workflows?: ReadonlyArray<WorkflowSeed>
  /** Token lifetime in seconds; one day by default. Expiry follows Effect's `Clock` (`TestClock` too). */
  readonly tokenTtlSeconds?: number
  /** How many received requests to keep for inspection; 1000 by default. */
  readonly recordLimit?: number
}

/**
 * A running test server.
 *
 * @since 0.1.0
 * @category models
 */
export interface FlowservTestServerService {
  /** The API root to point a client at. */
  readonly url: string
  /** The data, for seeding and assertions. */
  readonly state: FlowservState
  /** The request handler itself. */
  readonly handler: Handler
  /** The most recent requests, oldest first. */
  readonly requests: () => ReadonlyArray<RecordedRequest>
  /** Sockets open right now (0 when served in process). */
  readonly openConnections: () => number
  /** Requests being answered right now (0 when served in process). */
  readonly inFlight: () => number
}

const inProcessOrigin = "http://flowserv.test"

const makeCore = (options: FlowservTestServerOptions) =>
  Effect.map(Effect.clock, (clock) => {
    const state = new FlowservState({
      now: () => clock.unsafeCurrentTimeMillis(),
      ...(options.tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: options.tokenTtlSeconds })
    })
    for (const workflow of options.workflows ?? defaultWorkflows) state.addWorkflow(workflow)
    const routes = makeRoutes(state, options)
    const recorded: Array<RecordedRequest> = []
    const limit = options.recordLimit ?? 1000
    const handler: Handler = (request) => {
      const headers: Record<string, string> = {}
      request.headers.forEach((value, key) => {
        headers[key] = value
      })
      recorded.push({ method: request.method, url: request.url, headers })
      if (recorded.length > limit) recorded.splice(0, recorded.length - limit)
      return routes(request)
    }
    return { state, handler, requests: () => recorded.slice() }
  })

const basePathOf = (options: FlowservTestServerOptions) => (options.basePath ?? "/flowserv/api/v1").replace(/\/+$/, "")

/**
 * The flowserv test server.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { it } from "@effect/vitest"
 * import { Effect } from "effect"
 * import { Users } from "effect-research-sdk/flowserv"
 * import { FlowservTestServer } from "effect-research-sdk/testkit"
 *
 * it.layer(FlowservTestServer.layerFlowserv())((it) => {
 *   it.effect("registers", () => Effect.flatMap(Users, (users) => users.register("alice", "pw")))
 * })
 * ```
 */
export class FlowservTestServer extends Context.Tag("effect-research-sdk/testkit/FlowservTestServer")<
  FlowservTestServer,
  FlowservTestServerService
>() {
  /**
   * The server in process, with an `HttpClient` whose requests it answers.
   *
   * @since 0.1.0
   */
  static readonly layer = (
    options: FlowservTestServerOptions = {}
  ): Layer.Layer<FlowservTestServer | HttpClient.HttpClient> =>
    Layer.unwrapEffect(
      Effect.map(makeCore(options), (core) =>
        Layer.merge(
          Layer.succeed(FlowservTestServer, {
            ...core,
            url: inProcessOrigin + basePathOf(options),
            openConnections: () => 0,
            inFlight: () => 0
          }),
          layerHttpClient(core.handler)
        ))
    )

  /**
   * The server on 127.0.0.1 at a free port, until the layer is released. Bring your own `HttpClient`.
   *
   * @since 0.1.0
   */
  static readonly layerServer = (options: FlowservTestServerOptions = {}): Layer.Layer<FlowservTestServer> =>
    Layer.scoped(
      FlowservTestServer,
      Effect.gen(function*() {
        const core = yield* makeCore(options)
        const served = yield* serve(core.handler, { statusText: reasonPhrase })
        return {
          ...core,
          url: served.origin + basePathOf(options),
          openConnections: served.openConnections,
          inFlight: served.inFlight
        }
      })
    )

  /**
   * The server in process with every flowserv service pointed at it.
   *
   * @since 0.1.0
   */
  static readonly layerFlowserv = (
    options: FlowservTestServerOptions & { readonly client?: Omit<FlowservClientOptions, "url"> } = {}
  ): Layer.Layer<Flowserv.Services | FlowservClient | FlowservTestServer | HttpClient.HttpClient> =>
    Layer.unwrapEffect(
      Effect.map(FlowservTestServer, (server) => Flowserv.layer({ ...options.client, url: server.url }))
    ).pipe(Layer.provideMerge(FlowservTestServer.layer(options)))
}
