/**
 * @since 0.1.0
 */
export * as Flask from "./flask.js"
export * from "./FlowservState.js"
export * from "./FlowservTestServer.js"
export * from "./routes.js"
export * from "./seeds.js"
