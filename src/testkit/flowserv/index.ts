/**
 * @since 0.1.0
 */
export * as Flask from "./flask.js"
export * from "./FlowservState.js"
export * from "./FlowservTestServer.js"
export * as Leaderboard from "./leaderboard.js"
export * from "./routes.js"
export * from "./RunScript.js"
export * from "./RunsState.js"
export * from "./seeds.js"
export * from "./werkzeug.js"
