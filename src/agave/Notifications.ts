/**
 * The notifications service: subscriptions to the events of a resource, delivered to a webhook or an
 * email address, with retry policies.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { serviceLayers } from "../core/ServiceLayers.js"
import { AgaveConnection } from "./AgaveConnection.js"
import { calls } from "./AgaveService.js"
import { NotificationRecords } from "./records/Notifications.js"

const make = Effect.map(AgaveConnection, (connection) => calls(connection, NotificationRecords))

/**
 * The notifications service: every operation of AgavePy's `notifications` — `add`, `list` (a stream,
 * by `associatedUuid`; `listPage` for one page), `get`, `update` (a POST), `delete`.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { AgaveNotifications } from "effect-research-sdk/agave"
 *
 * const subscribe = (jobId: string) =>
 *   Effect.flatMap(AgaveNotifications, (notifications) =>
 *     notifications.add({
 *       body: {
 *         url: "https://example.org/hooks/agave?job=${JOB_ID}&status=${JOB_STATUS}",
 *         event: "*",
 *         associatedUuid: jobId,
 *         persistent: true,
 *         policy: { retryStrategy: "DELAYED", retryLimit: 10, retryRate: 60, retryDelay: 30 }
 *       }
 *     }))
 * ```
 */
export class AgaveNotifications extends Context.Tag("effect-research-sdk/agave/AgaveNotifications")<
  AgaveNotifications,
  Effect.Effect.Success<typeof make>
>() {
  static readonly #layers = serviceLayers(AgaveNotifications, make, AgaveConnection)
  /**
   * On the connection in context.
   *
   * @since 0.1.0
   */
  static readonly Default = AgaveNotifications.#layers.Default
  /**
   * With its own connection.
   *
   * @since 0.1.0
   */
  static readonly layer = AgaveNotifications.#layers.layer
  /**
   * Configured from AgavePy's environment variables.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = AgaveNotifications.#layers.layerConfig
}
