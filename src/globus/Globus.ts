/**
 * Every Globus Groups service on one connection: `Groups` and `GroupsManager`.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import type { GlobusOptions } from "./GlobusConnection.js"
import { GlobusConnection } from "./GlobusConnection.js"
import { Groups } from "./Groups.js"
import { GroupsManager } from "./GroupsManager.js"

/**
 * The Globus services.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Groups | GroupsManager

/**
 * Every service, on the `GlobusConnection` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const Default: Layer.Layer<Services, never, GlobusConnection> = Layer.merge(
  Groups.Default,
  GroupsManager.Default
)

/**
 * Every service, on one connection built from `options`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { Globus } from "effect-research-sdk/globus"
 * const live = Globus.layer({ url: "https://groups.api.globus.org", token: Redacted.make("…") })
 * ```
 */
export const layer = (options: GlobusOptions): Layer.Layer<Services, never, HttpClient.HttpClient> =>
  Layer.provide(Default, GlobusConnection.layer(options))

/**
 * Every service, on one connection configured from `GLOBUS_TOKEN`, `GLOBUS_GROUPS_URL` and the rest.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  config?: Config.Config<GlobusOptions>
): Layer.Layer<Services, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provide(Default, GlobusConnection.layerConfig(config))
