/**
 * The Agave (Tapis v2) test server's state: an in-memory tenant.
 *
 * @since 0.1.0
 */
export * from "./AgaveTestServer.js"
export * as AgaveTestApps from "./Apps.js"
export * as AgaveTestFiles from "./Files.js"
export * as AgaveTestFileTree from "./FileTree.js"
export * as AgaveTestJobs from "./Jobs.js"
export * as AgaveTestOutcome from "./Outcome.js"
export * as AgaveTestProfiles from "./Profiles.js"
export * as AgaveTestRoutes from "./routes.js"
export * as AgaveTestSearch from "./SearchTerms.js"
export * as AgaveTestSystems from "./Systems.js"
export * as AgaveTenant from "./Tenant.js"
export * as AgaveTestTokens from "./Tokens.js"
