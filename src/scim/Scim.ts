/**
 * Every SCIM service at once, on one connection.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import type { ScimClientOptions } from "./ScimClient.js"
import { ScimClient } from "./ScimClient.js"
import { ScimGroups } from "./ScimGroups.js"
import { ScimUsers } from "./ScimUsers.js"

/**
 * The services a SCIM connection offers.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = ScimGroups | ScimUsers

/**
 * All SCIM services on the `ScimClient` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const Default: Layer.Layer<Services, never, ScimClient> = Layer.mergeAll(ScimGroups.Default, ScimUsers.Default)

/**
 * All SCIM services, with their connection.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Redacted } from "effect"
 * import { Scim, ScimAuth, ScimGroups } from "effect-research-sdk/scim"
 * const program = Effect.flatMap(ScimGroups, (groups) => groups.get("g-1"))
 * program.pipe(
 *   Effect.provide(Scim.layer({ url: "https://idp.example.org/scim/v2", auth: ScimAuth.bearer(Redacted.make("…")) })),
 *   Effect.provide(FetchHttpClient.layer)
 * )
 * ```
 */
export const layer = (options: ScimClientOptions): Layer.Layer<Services | ScimClient, never, HttpClient.HttpClient> =>
  Layer.provideMerge(Default, ScimClient.layer(options))

/**
 * All SCIM services, with their connection configured from `SCIM_URL` / `SCIM_TOKEN`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  ...args: Parameters<typeof ScimClient.layerConfig>
): Layer.Layer<Services | ScimClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provideMerge(Default, ScimClient.layerConfig(...args))
