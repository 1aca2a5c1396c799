/**
 * @since 0.1.0
 */
export * from "./Group.js"
export * from "./Parameter.js"
export * from "./Run.js"
export * from "./ServiceDescriptor.js"
export * from "./UploadedFile.js"
export * from "./User.js"
export * from "./Workflow.js"
