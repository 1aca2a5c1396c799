/**
 * Every flowserv service at once, on one connection.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import type { FlowservClientOptions } from "./FlowservClient.js"
import { FlowservClient } from "./FlowservClient.js"
import { Groups } from "./Groups.js"
import { Runs } from "./Runs.js"
import { Service } from "./Service.js"
import { Uploads } from "./Uploads.js"
import { Users } from "./Users.js"
import { Workflows } from "./Workflows.js"

/**
 * The services a flowserv connection offers.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Users | Groups | Workflows | Runs | Uploads | Service

/**
 * All flowserv services on the `FlowservClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const Default: Layer.Layer<Services, never, FlowservClient> = Layer.mergeAll(
  Users.Default,
  Groups.Default,
  Workflows.Default,
  Runs.Default,
  Uploads.Default,
  Service.Default
)

/**
 * All flowserv services, with their connection.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Redacted } from "effect"
 * import { Flowserv, Users } from "effect-research-sdk/flowserv"
 * const program = Effect.flatMap(Users, (users) => users.whoami())
 * program.pipe(
 *   Effect.provide(Flowserv.layer({ url: "http://localhost:5000/flowserv/api/v1", token: Redacted.make("…") })),
 *   Effect.provide(FetchHttpClient.layer)
 * )
 * ```
 */
export const layer = (
  options: FlowservClientOptions
): Layer.Layer<Services | FlowservClient, never, HttpClient.HttpClient> =>
  Layer.provideMerge(Default, FlowservClient.layer(options))

/**
 * All flowserv services, with their connection configured from `FLOWSERV_URL` / `FLOWSERV_TOKEN`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  ...args: Parameters<typeof FlowservClient.layerConfig>
): Layer.Layer<Services | FlowservClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provideMerge(Default, FlowservClient.layerConfig(...args))
