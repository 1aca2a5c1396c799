/**
 * Agave (Tapis v2): the records of every operation of its profiles, systems, apps, files and jobs
 * services, their models, authentication (the OAuth token client and the refreshing credential), the
 * classifier of its error bodies, search and the response-field filter.
 *
 * @since 0.1.0
 */
export * as AgaveAuth from "./AgaveAuth.js"
export * as AgaveErrors from "./AgaveErrors.js"
export * as AgaveDeviations from "./deviations.js"
export * as Filter from "./Filter.js"
export type { Paths } from "./Paths.js"
export * from "./records/Auth.js"
export * from "./records/index.js"
export * from "./schemas/index.js"
export * as Search from "./Search.js"
