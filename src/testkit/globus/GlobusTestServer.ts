/**
 * An in-memory Globus Groups server for tests — the SDK's and your own: the service's rules (see
 * `GlobusState`), its paths below `/v2`, its error bodies, seeded identities and tokens
 * (`GlobusIdentities`, `GlobusTokens`). It runs in process as an `HttpClient`, or on a loopback port.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Globus from "../../globus/Globus.js"
import type { GlobusOptions } from "../../globus/GlobusConnection.js"
import type { TestServerBase } from "../http/TestServer.js"
import * as TestServer from "../http/TestServer.js"
import { makeGlobusRoutes } from "./globusRoutes.js"
import { GlobusTokens, seedGlobusDefaults } from "./globusSeeds.js"
import { GlobusState } from "./GlobusState.js"

/**
 * Options of the Globus test server.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusTestServerOptions {
  /** Seeds the state beyond the default identities and tokens (groups, subscriptions). */
  readonly seed?: ((state: GlobusState) => void) | undefined
  /** How many exchanges to keep for inspection; 1000 by default. */
  readonly recordLimit?: number | undefined
}

/**
 * A running Globus test server: the kit's recording (bodies included) plus its URL and state.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusTestServerService extends TestServerBase {
  /** The Groups API's root, for `GlobusConnection`'s `url`. */
  readonly url: string
  readonly state: GlobusState
}

const makeCore = (options: GlobusTestServerOptions) =>
  Effect.map(Effect.clock, (clock) => {
    const state = seedGlobusDefaults(new GlobusState(() => clock.unsafeCurrentTimeMillis()))
    options.seed?.(state)
    return { state, handler: makeGlobusRoutes(state) }
  })

const kit = (options: GlobusTestServerOptions) =>
  TestServer.layers(GlobusTestServer, {
    inProcessOrigin: "http://globus-groups.test",
    make: makeCore(options),
    recording: { limit: options.recordLimit ?? 1000, bodies: true },
    service: ({ state }, base) => ({ ...base, state, url: base.origin })
  })

/**
 * The Globus Groups test server.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { it } from "@effect/vitest"
 * import { Effect } from "effect"
 * import { Groups } from "effect-research-sdk/globus"
 * import { GlobusTestServer } from "effect-research-sdk/testkit"
 *
 * it.layer(GlobusTestServer.layerClient())((it) => {
 *   it.effect("creates", () => Effect.flatMap(Groups, (groups) => groups.createGroup({ body: { name: "Lab" } })))
 * })
 * ```
 */
export class GlobusTestServer extends Context.Tag("effect-research-sdk/testkit/GlobusTestServer")<
  GlobusTestServer,
  GlobusTestServerService
>() {
  /**
   * The server in process, with an `HttpClient` whose requests it answers.
   *
   * @since 0.1.0
   */
  static readonly layer = (
    options: GlobusTestServerOptions = {}
  ): Layer.Layer<GlobusTestServer | HttpClient.HttpClient> => kit(options).layer

  /**
   * The server on 127.0.0.1 at a free port, until the layer is released. Bring your own `HttpClient`.
   *
   * @since 0.1.0
   */
  static readonly layerServer = (options: GlobusTestServerOptions = {}): Layer.Layer<GlobusTestServer> =>
    kit(options).layerServer

  /**
   * The server in process with every Globus service pointed at it, authenticated as `token` (alice's,
   * `globus-alice-token`, by default).
   *
   * @since 0.1.0
   */
  static readonly layerClient = (
    options: GlobusTestServerOptions & {
      readonly token?: string | undefined
      readonly client?: Omit<GlobusOptions, "url" | "token"> | undefined
    } = {}
  ): Layer.Layer<Globus.Services | GlobusTestServer | HttpClient.HttpClient> =>
    kit(options).layerClient((server) =>
      Globus.layer({
        ...options.client,
        url: server.url,
        token: Redacted.make(options.token ?? GlobusTokens.alice)
      })
    )
}
