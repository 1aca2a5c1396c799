/**
 * The apps service: registering, publishing and sharing apps, listings by name, tag, ontology term and system.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { serviceLayers } from "../core/ServiceLayers.js"
import { AgaveConnection } from "./AgaveConnection.js"
import { calls } from "./AgaveService.js"
import { AppRecords } from "./records/Apps.js"

const make = Effect.map(AgaveConnection, (connection) => calls(connection, AppRecords))

/**
 * The apps service: every operation of AgavePy's `apps`, listings as streams (`list`,
 * `listByName`, `listByTag`, `listPermissions`, …) with `…Page` for one page.
 *
 * @since 0.1.0
 * @category services
 */
export class AgaveApps extends Context.Tag("effect-research-sdk/agave/AgaveApps")<
  AgaveApps,
  Effect.Effect.Success<typeof make>
>() {
  static readonly #layers = serviceLayers(AgaveApps, make, AgaveConnection)
  /**
   * On the connection in context.
   *
   * @since 0.1.0
   */
  static readonly Default = AgaveApps.#layers.Default
  /**
   * With its own connection.
   *
   * @since 0.1.0
   */
  static readonly layer = AgaveApps.#layers.layer
  /**
   * Configured from AgavePy's environment variables.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = AgaveApps.#layers.layerConfig
}
