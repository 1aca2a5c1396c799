/**
 * An in-memory flowserv server for tests — the SDK's and your own. It runs in process as an
 * `HttpClient`, or on a loopback port for anything that speaks HTTP.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Flowserv from "../../flowserv/Flowserv.js"
import type { FlowservClient, FlowservClientOptions } from "../../flowserv/FlowservClient.js"
import type { RecordedRequest } from "../http/Recorder.js"
import type { TestServerBase } from "../http/TestServer.js"
import * as TestServer from "../http/TestServer.js"
import { reasonPhrase } from "./flask.js"
import type { WorkflowSeed } from "./FlowservState.js"
import { FlowservState } from "./FlowservState.js"
import type { FlowservRoutesOptions } from "./routes.js"
import { makeRoutes } from "./routes.js"
import { defaultWorkflows } from "./seeds.js"

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
  /** How many exchanges to keep for inspection; 1000 by default. Bodies are not recorded (uploads and
   *  downloads stream through untouched). */
  readonly recordLimit?: number
}

/**
 * A running test server: the testkit's recording and counters, plus its API root and data.
 *
 * @since 0.1.0
 * @category models
 */
export interface FlowservTestServerService extends TestServerBase {
  /** The API root to point a client at. */
  readonly url: string
  /** The data, for seeding and assertions. */
  readonly state: FlowservState
  /** The most recent requests, oldest first. */
  readonly requests: () => ReadonlyArray<RecordedRequest>
}

const makeCore = (options: FlowservTestServerOptions) =>
  Effect.map(Effect.clock, (clock) => {
    const state = new FlowservState({
      now: () => clock.unsafeCurrentTimeMillis(),
      ...(options.tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: options.tokenTtlSeconds })
    })
    for (const workflow of options.workflows ?? defaultWorkflows) state.addWorkflow(workflow)
    return { state, handler: makeRoutes(state, options) }
  })

const basePathOf = (options: FlowservTestServerOptions) => (options.basePath ?? "/flowserv/api/v1").replace(/\/+$/, "")

const kit = (options: FlowservTestServerOptions) =>
  TestServer.layers(FlowservTestServer, {
    inProcessOrigin: "http://flowserv.test",
    make: makeCore(options),
    recording: { limit: options.recordLimit ?? 1000 },
    statusText: reasonPhrase,
    service: ({ state }, base) => ({ ...base, state, url: base.origin + basePathOf(options) })
  })

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
  ): Layer.Layer<FlowservTestServer | HttpClient.HttpClient> => kit(options).layer

  /**
   * The server on 127.0.0.1 at a free port, until the layer is released. Bring your own `HttpClient`.
   *
   * @since 0.1.0
   */
  static readonly layerServer = (options: FlowservTestServerOptions = {}): Layer.Layer<FlowservTestServer> =>
    kit(options).layerServer

  /**
   * The server in process with every flowserv service pointed at it.
   *
   * @since 0.1.0
   */
  static readonly layerFlowserv = (
    options: FlowservTestServerOptions & { readonly client?: Omit<FlowservClientOptions, "url"> } = {}
  ): Layer.Layer<Flowserv.Services | FlowservClient | FlowservTestServer | HttpClient.HttpClient> =>
    kit(options).layerClient((server) => Flowserv.layer({ ...options.client, url: server.url }))
}
