/**
 * Where the Groups API of each Globus environment lives.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The named Globus environments.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GlobusEnvironment = Schema.Literal("production", "preview", "sandbox", "integration", "test", "staging")

/**
 * @since 0.1.0
 * @category models
 */
export type GlobusEnvironment = typeof GlobusEnvironment.Type

/**
 * The Groups API's base URL in an environment: `https://groups.api.globus.org` in production,
 * `https://groups.api.preview.globus.org` in preview, `https://groups.api.<name>.globuscs.info` in
 * sandbox, integration, test and staging (the domains globus-sdk uses). Paths start with `/v2/`.
 *
 * @example
 * import { Environments } from "effect-research-sdk/globus"
 *
 * Environments.groupsUrl("sandbox") // "https://groups.api.sandbox.globuscs.info"
 *
 * @since 0.1.0
 */
export const groupsUrl = (environment: GlobusEnvironment): string => {
  switch (environment) {
    case "production":
      return "https://groups.api.globus.org"
    case "preview":
      return "https://groups.api.preview.globus.org"
    default:
      return `https://groups.api.${environment}.globuscs.info`
  }
}
