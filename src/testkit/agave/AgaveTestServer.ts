/**
 * The Agave test server: an in-memory tenant (see `Tenant`) answering over HTTP, in process or on
 * 127.0.0.1 at a free port, with every exchange recorded. Time is Effect's `Clock`: under `TestClock`,
 * tokens expire and jobs advance when the test says so.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import type { TestServerBase } from "../http/TestServer.js"
import * as TestServer from "../http/TestServer.js"
import { makeRoutes } from "./routes.js"
import type { TenantOptions } from "./Tenant.js"
import { Tenant } from "./Tenant.js"

/**
 * How the server is set up: the tenant's options, and how many exchanges to keep.
 *
 * @since 0.1.0
 * @category models
 */
export interface AgaveTestServerOptions extends TenantOptions {
  /** How many exchanges to keep for inspection; 1000 by default. */
  readonly recordLimit?: number | undefined
  /** Whether to record textual bodies (for contract checks); off by default. */
  readonly recordBodies?: boolean | undefined
}

/**
 * The running server.
 *
 * @since 0.1.0
 * @category models
 */
export interface AgaveTestServerService extends TestServerBase {
  /** The tenant's base URL, to point a client at. */
  readonly url: string
  /** The tenant's state, for seeding and assertions. */
  readonly tenant: Tenant
}

const makeCore = (options: AgaveTestServerOptions) =>
  Effect.map(Effect.clock, (clock) => {
    const tenant = new Tenant(options)
    return { tenant, handler: makeRoutes(tenant, { clock }) }
  })

const kit = (options: AgaveTestServerOptions) =>
  TestServer.layers(AgaveTestServer, {
    inProcessOrigin: "http://agave.test",
    make: makeCore(options),
    recording: { limit: options.recordLimit ?? 1000, bodies: options.recordBodies ?? false },
    service: ({ tenant }, base) => ({ ...base, tenant, url: base.origin })
  })

/**
 * The Agave test server's tag and layers.
 *
 * @since 0.1.0
 * @category services
 */
export class AgaveTestServer extends Context.Tag("effect-research-sdk/testkit/AgaveTestServer")<
  AgaveTestServer,
  AgaveTestServerService
>() {
  /**
   * In process, with an `HttpClient` whose requests it answers.
   *
   * @since 0.1.0
   */
  static readonly layer = (
    options: AgaveTestServerOptions = {}
  ): Layer.Layer<AgaveTestServer | HttpClient.HttpClient> => kit(options).layer

  /**
   * On 127.0.0.1 at a free port until the layer is released; bring your own `HttpClient`.
   *
   * @since 0.1.0
   */
  static readonly layerServer = (options: AgaveTestServerOptions = {}): Layer.Layer<AgaveTestServer> =>
    kit(options).layerServer
}
