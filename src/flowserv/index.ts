/**
 * The flowserv platform: users and workflow groups of a flowserv (ROB) server.
 *
 * @since 0.1.0
 */
export * as Flowserv from "./Flowserv.js"
export * from "./FlowservClient.js"
export * as FlowservErrors from "./FlowservErrors.js"
export * from "./Groups.js"
export * from "./schemas/index.js"
export * from "./Session.js"
export * from "./Users.js"
