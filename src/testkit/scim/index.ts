/**
 * @since 0.1.0
 */
export * from "./odmRoutes.js"
export * from "./OdmState.js"
export * from "./OdmTestServer.js"
