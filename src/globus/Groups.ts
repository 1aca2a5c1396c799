/**
 * The Globus Groups service: every endpoint record of `GroupsEndpoints` as a function, plus `batch`,
 * which sends a `BatchActions` (refused before sending when an identity appears twice) and reads the
 * answer into a `BatchOutcome`.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Connection from "../core/Connection.js"
import * as Endpoint from "../core/Endpoint.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import type { BatchActions } from "./BatchActions.js"
import type { BatchOutcome } from "./BatchOutcome.js"
import { fromResponse } from "./BatchOutcome.js"
import type { GlobusOptions } from "./GlobusConnection.js"
import { GlobusConnection } from "./GlobusConnection.js"
import { GroupsEndpoints } from "./GroupsEndpoints.js"

/**
 * The errors of a batch: those of `batchMembershipAction`.
 *
 * @since 0.1.0
 * @category models
 */
export type BatchError = Endpoint.Error<typeof GroupsEndpoints.batchMembershipAction>

/**
 * What the Groups service offers.
 *
 * @since 0.1.0
 * @category models
 */
export interface GroupsService extends Endpoint.Service<typeof GroupsEndpoints> {
  /** Sends the actions to a group; every identity's success or failure, as data. */
  readonly batch: (groupId: string, actions: BatchActions) => Effect.Effect<BatchOutcome, BatchError>
}

/**
 * The service on a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const groupsFromConnection = (connection: Connection.Connection<GlobusOptions>): GroupsService => {
  const records = Endpoint.service(connection, GroupsEndpoints)
  return {
    ...records,
    batch: (groupId, actions) =>
      Effect.flatMap(
        actions.toRequest(),
        (body) =>
          Effect.map(records.batchMembershipAction({ groupId, body }), (response) => fromResponse(response, actions))
      )
  }
}

/**
 * The Groups service.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { Groups } from "effect-research-sdk/globus"
 * const program = Effect.flatMap(Groups, (groups) => groups.getMyGroups({ statuses: ["active", "invited"] }))
 * const runnable = program.pipe(
 *   Effect.provide(Groups.layer({ url: "https://groups.api.globus.org", token: Redacted.make("…") }))
 * )
 * ```
 */
export class Groups extends Context.Tag("effect-research-sdk/globus/Groups")<Groups, GroupsService>() {
  /** @since 0.1.0 */
  static readonly make = Effect.map(GlobusConnection, groupsFromConnection)
  static readonly #layers = serviceLayers(Groups, Groups.make, GlobusConnection)
  /** On the `GlobusConnection` in context. @since 0.1.0 */
  static readonly Default = Groups.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = Groups.#layers.layer
  /** With its own connection, configured from `GLOBUS_TOKEN` and `GLOBUS_GROUPS_URL`. @since 0.1.0 */
  static readonly layerConfig = Groups.#layers.layerConfig
}
