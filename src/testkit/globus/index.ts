/**
 * The Globus Groups test server: its state and rules, answering requests without HTTP (the routes
 * come with the test-server kit), with seeded identities and tokens.
 *
 * @since 0.1.0
 */
export * from "./globusCodes.js"
export * from "./globusModel.js"
export type { GlobusReply } from "./globusReplies.js"
export * from "./globusRoutes.js"
export * from "./globusSeeds.js"
export * from "./GlobusState.js"
export * from "./GlobusTestServer.js"
