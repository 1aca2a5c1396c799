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
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Odm from "../../scim/Odm.js"
import type * as Scim from "../../scim/Scim.js"
import type { ScimClient } from "../../scim/ScimClient.js"
import type { Handler } from "../http/Handler.js"
import { layerHttpClient } from "../http/Handler.js"
import { serve } from "../http/serve.js"
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
export interface OdmRecordedRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/**
 * A request and the response the server gave.
 *
 * @since 0.1.0
 * @category models
 */
export interface OdmExchange {
  readonly request: OdmRecordedRequest
  readonly status: number
  readonly contentType: string | undefined
  readonly body: string
}

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
 * A running ODM test server.
 *
 * @since 0.1.0
 * @category models
 */
export interface OdmTestServerService {
  /** The instance's origin, for `Odm.layer({ host })`. */
  readonly host: string
  /** The SCIM root (`host` + `/api/v1/scim`). */
  readonly url: string
  readonly state: OdmState
  readonly handler: Handler
  /** The most recent requests and their responses, oldest first. */
  readonly exchanges: () => ReadonlyArray<OdmExchange>
  /** How many exchanges were dropped from `exchanges` for the `recordLimit`. */
  readonly dropped: () => number
}

const inProcessOrigin = "http://odm.test"

const makeCore = (options: OdmTestServerOptions) =>
  Effect.map(Effect.clock, (clock) => {
    const state = new OdmState(() => clock.unsafeCurrentTimeMillis())
    for (const user of options.users ?? defaultUsers) state.addUser(user)
    const routes = makeOdmRoutes(state, options)
    const recorded: Array<OdmExchange> = []
    const limit = options.recordLimit ?? 1000
    let dropped = 0
    const handler: Handler = async (request) => {
      const headers: Record<string, string> = {}
      request.headers.forEach((value, key) => {
        headers[key] = value
      })
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.clone().text()
      const response = await routes(request)
      const text = await response.clone().text()
      recorded.push({
        request: { method: request.method, url: request.url, headers, body },
        status: response.status,
        contentType: response.headers.get("content-type") ?? undefined,
        body: text
      })
      if (recorded.length > limit) dropped += recorded.splice(0, recorded.length - limit).length
      return response
    }
    return { state, handler, exchanges: () => recorded.slice(), dropped: () => dropped }
  })

const basePathOf = (options: OdmTestServerOptions) => (options.basePath ?? Odm.basePath).replace(/\/+$/, "")

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
    Layer.unwrapEffect(
      Effect.map(makeCore(options), (core) =>
        Layer.merge(
          Layer.succeed(OdmTestServer, {
            ...core,
            host: inProcessOrigin,
            url: inProcessOrigin + basePathOf(options)
          }),
          layerHttpClient(core.handler)
        ))
    )

  /**
   * The server on 127.0.0.1 at a free port, until the layer is released. Bring your own `HttpClient`.
   *
   * @since 0.1.0
   */
  static readonly layerServer = (options: OdmTestServerOptions = {}): Layer.Layer<OdmTestServer> =>
    Layer.scoped(
      OdmTestServer,
      Effect.gen(function*() {
        const core = yield* makeCore(options)
        const served = yield* serve(core.handler)
        return { ...core, host: served.origin, url: served.origin + basePathOf(options) }
      })
    )

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
    Layer.unwrapEffect(
      Effect.map(OdmTestServer, (server) =>
        Odm.layer({
          ...options.client,
          host: server.host,
          token: Redacted.make(options.token ?? "odm-admin-token")
        }))
    ).pipe(Layer.provideMerge(OdmTestServer.layer(options)))
}
