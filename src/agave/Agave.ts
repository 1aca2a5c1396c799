/**
 * All the Agave services on one connection.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import { AgaveActors } from "./Actors.js"
import type { AgaveOptions } from "./AgaveConnection.js"
import { AgaveConnection } from "./AgaveConnection.js"
import { AgaveApps } from "./Apps.js"
import { AgaveFiles } from "./Files.js"
import { AgaveJobs } from "./Jobs.js"
import { AgaveMeta } from "./Meta.js"
import { AgaveNotifications } from "./Notifications.js"
import { AgaveProfiles } from "./Profiles.js"
import { AgaveSystems } from "./Systems.js"

/**
 * Every service.
 *
 * @since 0.1.0
 * @category models
 */
export type Services =
  | AgaveProfiles
  | AgaveSystems
  | AgaveApps
  | AgaveFiles
  | AgaveJobs
  | AgaveMeta
  | AgaveNotifications
  | AgaveActors

/**
 * The services on the connection in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const Default: Layer.Layer<Services, never, AgaveConnection> = Layer.mergeAll(
  AgaveProfiles.Default,
  AgaveSystems.Default,
  AgaveApps.Default,
  AgaveFiles.Default,
  AgaveJobs.Default,
  AgaveMeta.Default,
  AgaveNotifications.Default,
  AgaveActors.Default
)

/**
 * The services and their connection.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { Agave } from "effect-research-sdk/agave"
 * Agave.layer({ url: "https://api.tacc.utexas.edu", token: Redacted.make("…") })
 * ```
 */
export const layer = (options: AgaveOptions): Layer.Layer<Services | AgaveConnection, never, HttpClient.HttpClient> =>
  Layer.provideMerge(Default, AgaveConnection.layer(options))

/**
 * The services and their connection, configured from AgavePy's variables (`TAPIS_BASE_URL`, …).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  config?: Config.Config<AgaveOptions>
): Layer.Layer<Services | AgaveConnection, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provideMerge(Default, AgaveConnection.layerConfig(config))
