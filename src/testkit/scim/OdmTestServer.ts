/**
 * An in-memory Genestack ODM SCIM server for tests — the SDK's and your own: ODM's path, header,
 * media types, PATCH 204, default page size 100, `displayName eq` as the only group filter,
 * refusal of members on create, no unique names, no PUT, and ODM's error bodies. It runs in
 * process as an `HttpClient`, or on a loopback port.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Odm from "../../scim/Odm.js"
import type * as Scim from "../../scim/Scim.js"
import type { ScimClient } from "../../scim/ScimClient.js"
import type { Exchange, RecordedRequest } from "../http/Recorder.js"
import type { TestServerBase } from "../http/TestServer.js"
import * as TestServer from "../http/TestServer.js"
import type { OdmRoutesOptions } from "./odmRoutes.js"
import { makeOdmRoutes } from "./odmRoutes.js"
import type { OdmUserSeed } from "./OdmState.js"
import { defaultUsers, OdmState } from "./OdmState.js"

/**
 * A request the server received, with its body.
 *
 * @since 0.1.0
 * @category models
 */
export type OdmRecordedRequest = RecordedRequest

/**
 * A request and the response the server gave.
 *
 * @since 0.1.0
 * @category models
 */
export type OdmExchange = Exchange

/**
 * Options of the ODM test server.
 *
 * @since 0.1.0
 * @category models
 */
export interface OdmTestServerOptions extends OdmRoutesOptions {
  /** The users to start with; {@link defaultUsers} (`admin`, `curator`) by default. */
  readonly users?: ReadonlyArray<OdmUserSeed>
  /** How many exchanges to keep for inspection; 1000 by default. Older ones are dropped, and
   *  counted (`dropped`), so a check over every exchange can tell it did not see them all. */
  readonly recordLimit?: number
}

/**
 * A running ODM test server: the testkit's recording (bodies included) and counters, plus its
 * origin, SCIM root and data.
 *
 * @since 0.1.0
 * @category models
 */
export interface OdmTestServerService extends TestServerBase {
  /** The instance's origin, for `Odm.layer({ host })`. */
  readonly host: string
  /** The SCIM root (`host` + `/api/v1/scim`). */
  readonly url: string
  readonly state: OdmState
}

const makeCore = (options: OdmTestServerOptions) =>
  Effect.map(Effect.clock, (clock) => {
    const state = new OdmState(() => clock.unsafeCurrentTimeMillis())
    for (const user of options.users ?? defaultUsers) state.addUser(user)
    return { state, handler: makeOdmRoutes(state, options) }
  })

const basePathOf = (options: OdmTestServerOptions) => (options.basePath ?? Odm.basePath).replace(/\/+$/, "")

const kit = (options: OdmTestServerOptions) =>
  TestServer.layers(OdmTestServer, {
    inProcessOrigin: "http://odm.test",
    make: makeCore(options),
    recording: { limit: options.recordLimit ?? 1000, bodies: true },
    service: ({ state }, base) => ({ ...base, state, host: base.origin, url: base.origin + basePathOf(options) })
  })

/**
 * The ODM test server.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { it } from "@effect/vitest"
 * import { Effect } from "effect"
 * import { ScimGroups } from "effect-research-sdk/scim"
 * import { OdmTestServer } from "effect-research-sdk/testkit"
 *
 * it.layer(OdmTestServer.layerScim())((it) => {
 *   it.effect("creates", () => Effect.flatMap(ScimGroups, (groups) => groups.create({ displayName: "Curators" })))
 * })
 * ```
 */
export class OdmTestServer extends Context.Tag("effect-research-sdk/testkit/OdmTestServer")<
  OdmTestServer,
  OdmTestServerService
>() {
  /**
   * The server in process, with an `HttpClient` whose requests it answers.
   *
   * @since 0.1.0
   */
  static readonly layer = (options: OdmTestServerOptions = {}): Layer.Layer<OdmTestServer | HttpClient.HttpClient> =>
    kit(options).layer

  /**
   * The server on 127.0.0.1 at a free port, until the layer is released. Bring your own `HttpClient`.
   *
   * @since 0.1.0
   */
  static readonly layerServer = (options: OdmTestServerOptions = {}): Layer.Layer<OdmTestServer> =>
    kit(options).layerServer

  /**
   * The server in process with `ScimGroups` and `ScimUsers` pointed at it through the ODM preset,
   * authenticated as `token` (the seeded admin's, `odm-admin-token`, by default).
   *
   * @since 0.1.0
   */
  static readonly layerScim = (
    options: OdmTestServerOptions & {
      readonly token?: string
      readonly client?: Omit<Odm.OdmOptions, "host" | "token" | "accessToken">
    } = {}
  ): Layer.Layer<Scim.Services | ScimClient | OdmTestServer | HttpClient.HttpClient> =>
    kit(options).layerClient((server) =>
      Odm.layer({
        ...options.client,
        host: server.host,
        token: Redacted.make(options.token ?? "odm-admin-token")
      })
    )
}
