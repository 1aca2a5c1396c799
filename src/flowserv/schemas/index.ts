/**
 * The schemas of flowserv's resources: users, groups, workflows, parameters, runs, uploads and the
 * service descriptor, as the server sends them.
 *
 * @since 0.1.0
 */
/**
 * Workflow groups ("submissions").
 *
 * @since 0.1.0
 */
export * from "./Group.js"
/**
 * Workflow template parameters, as groups and workflows declare them.
 *
 * @since 0.1.0
 */
export * from "./Parameter.js"
/**
 * Workflow runs.
 *
 * @since 0.1.0
 */
export * from "./Run.js"
/**
 * What a flowserv server says about itself.
 *
 * @since 0.1.0
 */
export * from "./ServiceDescriptor.js"
/**
 * Files uploaded to a workflow group.
 *
 * @since 0.1.0
 */
export * from "./UploadedFile.js"
/**
 * flowserv users as the server returns them.
 *
 * @since 0.1.0
 */
export * from "./User.js"
/**
 * Workflows (benchmarks) a flowserv server offers, and their leaderboards.
 *
 * @since 0.1.0
 */
export * from "./Workflow.js"
