/**
 * The flowserv platform: users, workflows, groups, runs and uploads of a flowserv (ROB) server.
 *
 * @since 0.1.0
 */
export * as Flowserv from "./Flowserv.js"
export * from "./FlowservClient.js"
export * as FlowservErrors from "./FlowservErrors.js"
export * from "./Groups.js"
export * as RunArguments from "./RunArguments.js"
export * from "./RunErrors.js"
export * from "./Runs.js"
export * from "./schemas/index.js"
export * from "./Service.js"
export * from "./Session.js"
export * as UploadFile from "./UploadFile.js"
export * from "./Uploads.js"
export * from "./Users.js"
export * from "./Workflows.js"
