/**
 * Agave (Tapis v2): the records of every operation of its profiles, systems, apps, files, jobs,
 * metadata, notifications and actors (Abaco) services, their models, authentication (the OAuth token client and the refreshing credential), the
 * classifier of its error bodies, search and the response-field filter.
 *
 * @since 0.1.0
 */
/**
 * How Abaco's (the actors service's) answers become the SDK's errors.
 *
 * @since 0.1.0
 */
export * as AbacoErrors from "./AbacoErrors.js"
/**
 * Abaco's search terms.
 *
 * @since 0.1.0
 */
export * as ActorSearch from "./ActorSearch.js"
/**
 * All the services on one connection.
 *
 * @since 0.1.0
 */
export * as Agave from "./Agave.js"
/**
 * The OAuth token client and the credential built from AgavePy's `TAPIS_*` variables.
 *
 * @since 0.1.0
 */
export * as AgaveAuth from "./AgaveAuth.js"
/**
 * How Agave's answers become the SDK's errors.
 *
 * @since 0.1.0
 */
export * as AgaveErrors from "./AgaveErrors.js"
/**
 * Where the records differ from AgavePy's description, and why.
 *
 * @since 0.1.0
 */
export * as AgaveDeviations from "./deviations.js"
/**
 * The response-field filter and the deeply partial answers it makes.
 *
 * @since 0.1.0
 */
export * as Filter from "./Filter.js"
/**
 * Waiting for an actor's execution: watch, await.
 *
 * @since 0.1.0
 */
export * as ExecutionWaiting from "./ExecutionWaiting.js"
/**
 * Waiting for a job: watch, await, awaitSuccess.
 *
 * @since 0.1.0
 */
export * as JobWaiting from "./JobWaiting.js"
export type {
  /**
   * The dotted attribute paths of a model.
   *
   * @since 0.1.0
   */
  Paths
} from "./Paths.js"
/**
 * The metadata service's MongoDB queries, built with typed field paths.
 *
 * @since 0.1.0
 */
export * as MetaQuery from "./MetaQuery.js"
/**
 * The token endpoint and tenant discovery.
 *
 * @since 0.1.0
 */
export * from "./records/Auth.js"
/**
 * The records of the seven services.
 *
 * @since 0.1.0
 */
export * from "./records/index.js"
/**
 * The models.
 *
 * @since 0.1.0
 */
export * from "./schemas/index.js"
/**
 * Agave's search: `attribute.operator=value` terms.
 *
 * @since 0.1.0
 */
export * as Search from "./Search.js"
/**
 * The connection to an Agave tenant, and to its token endpoint.
 *
 * @since 0.1.0
 */
export * from "./AgaveConnection.js"
/**
 * How a service is made from records: listings as streams, `…Page` for one page.
 *
 * @since 0.1.0
 */
export * as AgaveService from "./AgaveService.js"
/**
 * The actors service, and calling actors with a nonce.
 *
 * @since 0.1.0
 */
export * from "./Actors.js"
/**
 * The apps service.
 *
 * @since 0.1.0
 */
export * from "./Apps.js"
/**
 * The files service.
 *
 * @since 0.1.0
 */
export * from "./Files.js"
/**
 * The jobs service.
 *
 * @since 0.1.0
 */
export * from "./Jobs.js"
/**
 * The metadata service.
 *
 * @since 0.1.0
 */
export * from "./Meta.js"
/**
 * The notifications service.
 *
 * @since 0.1.0
 */
export * from "./Notifications.js"
/**
 * The profiles service.
 *
 * @since 0.1.0
 */
export * from "./Profiles.js"
/**
 * The systems service.
 *
 * @since 0.1.0
 */
export * from "./Systems.js"
