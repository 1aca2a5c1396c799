/**
 * SCIM users (`/Users`): create, get, query, patch, replace, delete. The members of groups.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { serviceLayers } from "../core/ServiceLayers.js"
import type { ResourceOperations } from "./Resources.js"
import * as Resources from "./Resources.js"
import { Urn } from "./schemas/Common.js"
import type { UserInput } from "./schemas/User.js"
import { User } from "./schemas/User.js"
import { ScimClient } from "./ScimClient.js"

/**
 * The user operations. A taken `userName` is `Conflict` (`uniqueness`).
 *
 * @since 0.1.0
 * @category models
 */
export interface ScimUsersService extends ResourceOperations<User, UserInput> {}

const body = (input: UserInput): Record<string, unknown> => {
  const { attributes, ...known } = input
  const out: Record<string, unknown> = { ...attributes, schemas: [Urn.User] }
  for (const [key, value] of Object.entries(known)) {
    if (value !== undefined) out[key] = value
  }
  return out
}

const make: Effect.Effect<ScimUsersService, never, ScimClient> = Resources.service({
  endpoint: "Users",
  resourceType: "User",
  schema: User,
  body
})

/**
 * SCIM users.
 *
 * @since 0.1.0
 * @category services
 */
export class ScimUsers extends Context.Tag("effect-research-sdk/scim/ScimUsers")<ScimUsers, ScimUsersService>() {
  /** @since 0.1.0 */
  static readonly make = make
  static readonly #layers = serviceLayers(ScimUsers, make, ScimClient)
  /** On the `ScimClient` in context. @since 0.1.0 */
  static readonly Default = ScimUsers.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = ScimUsers.#layers.layer
  /** With its own connection, configured from `SCIM_URL` / `SCIM_TOKEN`. @since 0.1.0 */
  static readonly layerConfig = ScimUsers.#layers.layerConfig
}
