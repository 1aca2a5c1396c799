/**
 * The Globus Groups test server: its state and rules (the HTTP routes come with the test-server kit).
 *
 * @since 0.1.0
 */
export * from "./globusCodes.js"
export * from "./globusModel.js"
export * from "./globusReplies.js"
export * from "./globusSeeds.js"
export * from "./GlobusState.js"
