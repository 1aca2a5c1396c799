/**
 * The Genestack ODM test server: an in-memory ODM SCIM endpoint with ODM's rules.
 *
 * @since 0.1.0
 */
/**
 * The HTTP side of the ODM test server.
 *
 * @since 0.1.0
 */
export * from "./odmRoutes.js"
/**
 * The data of the ODM test server — users with their tokens and permissions, groups with their
 * members and roles — and the rules ODM's SCIM description states for them.
 *
 * @since 0.1.0
 */
export * from "./OdmState.js"
/**
 * An in-memory Genestack ODM SCIM server for tests — the SDK's and your own.
 *
 * @since 0.1.0
 */
export * from "./OdmTestServer.js"
