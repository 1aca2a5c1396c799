/**
 * The Agave (Tapis v2) test server's state: an in-memory tenant.
 *
 * @since 0.1.0
 */
/**
 * The Agave test server's tag and layers.
 *
 * @since 0.1.0
 */
export * from "./AgaveTestServer.js"
/**
 * The actors (Abaco) of the test tenant, on the Clock.
 *
 * @since 0.1.0
 */
export * as AgaveTestActors from "./Actors.js"
/**
 * What the Abaco test server stores, and how an execution runs.
 *
 * @since 0.1.0
 */
export * as AgaveTestActorRows from "./ActorRows.js"
/**
 * The HTTP face of the Abaco test server.
 *
 * @since 0.1.0
 */
export * as AgaveTestActorRoutes from "./ActorRoutes.js"
/**
 * The apps of the test tenant.
 *
 * @since 0.1.0
 */
export * as AgaveTestApps from "./Apps.js"
/**
 * Permission grants on the test tenant's apps and jobs.
 *
 * @since 0.1.0
 */
export * as AgaveTestGrants from "./Grants.js"
/**
 * The files service over the systems' trees.
 *
 * @since 0.1.0
 */
export * as AgaveTestFiles from "./Files.js"
/**
 * One system's file tree.
 *
 * @since 0.1.0
 */
export * as AgaveTestFileTree from "./FileTree.js"
/**
 * The jobs of the test tenant, on the Clock.
 *
 * @since 0.1.0
 */
export * as AgaveTestJobs from "./Jobs.js"
/**
 * The JSON Schema checks of the test tenant's metadata schemas.
 *
 * @since 0.1.0
 */
export * as AgaveTestJsonSchema from "./JsonSchemaCheck.js"
/**
 * The metadata of the test tenant.
 *
 * @since 0.1.0
 */
export * as AgaveTestMeta from "./Meta.js"
/**
 * The permissions on the test tenant's metadata.
 *
 * @since 0.1.0
 */
export * as AgaveTestMetaAccess from "./MetaAccess.js"
/**
 * MongoDB queries, as the test server reads them.
 *
 * @since 0.1.0
 */
export * as AgaveTestMetaQuery from "./MetaQuery.js"
/**
 * The metadata service's routes.
 *
 * @since 0.1.0
 */
export * as AgaveTestMetaRoutes from "./MetaRoutes.js"
/**
 * The notifications service's routes.
 *
 * @since 0.1.0
 */
export * as AgaveTestNotificationRoutes from "./NotificationRoutes.js"
/**
 * The notifications of the test tenant.
 *
 * @since 0.1.0
 */
export * as AgaveTestNotifications from "./Notifications.js"
/**
 * What the state's operations end in.
 *
 * @since 0.1.0
 */
export * as AgaveTestOutcome from "./Outcome.js"
/**
 * The users of the test tenant.
 *
 * @since 0.1.0
 */
export * as AgaveTestProfiles from "./Profiles.js"
/**
 * The HTTP face of the test server.
 *
 * @since 0.1.0
 */
export * as AgaveTestRoutes from "./routes.js"
/**
 * Agave's search, as the test server reads it.
 *
 * @since 0.1.0
 */
export * as AgaveTestSearch from "./SearchTerms.js"
/**
 * The systems of the test tenant.
 *
 * @since 0.1.0
 */
export * as AgaveTestSystems from "./Systems.js"
/**
 * An Agave tenant in memory.
 *
 * @since 0.1.0
 */
export * as AgaveTenant from "./Tenant.js"
/**
 * The token endpoint and the gateway's check of tokens.
 *
 * @since 0.1.0
 */
export * as AgaveTestTokens from "./Tokens.js"
