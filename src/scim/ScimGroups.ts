/**
 * SCIM groups (`/Groups`): create, get, query, patch members and names, replace, delete.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { serviceLayers } from "../core/ServiceLayers.js"
import type { ResourceOperations } from "./Resources.js"
import * as Resources from "./Resources.js"
import { Urn } from "./schemas/Common.js"
import type { GroupInput } from "./schemas/Group.js"
import { Group } from "./schemas/Group.js"
import { ScimClient } from "./ScimClient.js"

/**
 * The group operations. `create` refuses nothing itself: ODM answers a non-empty `members` with
 * `InvalidRequest` (add members with `patch` after creating), and does not check names for
 * uniqueness, where other servers answer `Conflict`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ScimGroupsService extends ResourceOperations<Group, GroupInput> {}

const body = (input: GroupInput): Record<string, unknown> => {
  const out: Record<string, unknown> = { schemas: [Urn.Group], displayName: input.displayName }
  if (input.externalId !== undefined) out.externalId = input.externalId
  if (input.members !== undefined) out.members = input.members
  return out
}

const make: Effect.Effect<ScimGroupsService, never, ScimClient> = Resources.service({
  endpoint: "Groups",
  resourceType: "Group",
  schema: Group,
  body
})

/**
 * SCIM groups.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { Filter, Patch, ScimGroups } from "effect-research-sdk/scim"
 * const program = Effect.gen(function*() {
 *   const groups = yield* ScimGroups
 *   const group = yield* groups.create({ displayName: "Curators" })
 *   yield* groups.patch(group.id, [Patch.addMembers(["user-1"])])
 *   return yield* Stream.runCollect(groups.list({ filter: Filter.eq("displayName", "Curators") }))
 * })
 * ```
 */
export class ScimGroups extends Context.Tag("effect-research-sdk/scim/ScimGroups")<ScimGroups, ScimGroupsService>() {
  /** @since 0.1.0 */
  static readonly make = make
  static readonly #layers = serviceLayers(ScimGroups, make, ScimClient)
  /** On the `ScimClient` in context. @since 0.1.0 */
  static readonly Default = ScimGroups.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = ScimGroups.#layers.layer
  /** With its own connection, configured from `SCIM_URL` / `SCIM_TOKEN`. @since 0.1.0 */
  static readonly layerConfig = ScimGroups.#layers.layerConfig
}
