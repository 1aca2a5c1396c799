/**
 * The profiles service: the caller, the tenant's users, and (for user-account managers) creating,
 * changing and deleting them.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Endpoint from "../core/Endpoint.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import { AgaveConnection } from "./AgaveConnection.js"
import { calls } from "./AgaveService.js"
import type { ProfileFields } from "./records/Bodies.js"
import { profileForm } from "./records/Bodies.js"
import { ProfileRecords } from "./records/Profiles.js"
import type { Profile } from "./schemas/Profile.js"

const make = Effect.gen(function*() {
  const connection = yield* AgaveConnection
  const profiles = calls(connection, ProfileRecords)
  return {
    ...profiles,
    /** A new user: `username`, `password` and `email` at least (user-account managers only). */
    create: (
      input: { readonly body: ProfileFields }
    ): Effect.Effect<Profile, Endpoint.Error<typeof ProfileRecords.create>> =>
      Either.match(profileForm(input.body), {
        onLeft: Effect.fail,
        onRight: (body) => profiles.create({ body })
      }),
    /** Changes the given fields of a user's profile. */
    update: (
      input: { readonly username: string; readonly body: ProfileFields }
    ): Effect.Effect<Profile, Endpoint.Error<typeof ProfileRecords.update>> =>
      Either.match(profileForm(input.body), {
        onLeft: Effect.fail,
        onRight: (body) => profiles.update({ username: input.username, body })
      })
  }
})

/**
 * The profiles service: `get` (the caller), `list` (a stream, searchable by name, email, …),
 * `listPage`, `listByUsername`, `create`, `update`, `delete`.
 *
 * @since 0.1.0
 * @category services
 */
export class AgaveProfiles extends Context.Tag("effect-research-sdk/agave/AgaveProfiles")<
  AgaveProfiles,
  Effect.Effect.Success<typeof make>
>() {
  static readonly #layers = serviceLayers(AgaveProfiles, make, AgaveConnection)
  /**
   * On the connection in context.
   *
   * @since 0.1.0
   */
  static readonly Default = AgaveProfiles.#layers.Default
  /**
   * With its own connection.
   *
   * @since 0.1.0
   */
  static readonly layer = AgaveProfiles.#layers.layer
  /**
   * Configured from AgavePy's environment variables.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = AgaveProfiles.#layers.layerConfig
}
