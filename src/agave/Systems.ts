/**
 * The systems service: storage and execution systems, users' roles, stored credentials.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { serviceLayers } from "../core/ServiceLayers.js"
import { AgaveConnection } from "./AgaveConnection.js"
import { calls } from "./AgaveService.js"
import { SystemRecords } from "./records/Systems.js"

const make = Effect.map(AgaveConnection, (connection) => calls(connection, SystemRecords))

/**
 * The systems service: every operation of AgavePy's `systems`, listings as streams (`list`,
 * `listRoles`, `listCredentials`, …) with `…Page` for one page.
 *
 * @since 0.1.0
 * @category services
 */
export class AgaveSystems extends Context.Tag("effect-research-sdk/agave/AgaveSystems")<
  AgaveSystems,
  Effect.Effect.Success<typeof make>
>() {
  static readonly #layers = serviceLayers(AgaveSystems, make, AgaveConnection)
  /**
   * On the connection in context.
   *
   * @since 0.1.0
   */
  static readonly Default = AgaveSystems.#layers.Default
  /**
   * With its own connection.
   *
   * @since 0.1.0
   */
  static readonly layer = AgaveSystems.#layers.layer
  /**
   * Configured from AgavePy's environment variables.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = AgaveSystems.#layers.layerConfig
}
