/**
 * The flowserv platform: users, workflows, groups, runs and uploads of a flowserv (ROB) server.
 *
 * @since 0.1.0
 */
export type {
  /**
   * The errors of every download.
   *
   * @since 0.1.0
   */
  DownloadError
} from "./download.js"
/**
 * Every flowserv service at once, on one connection.
 *
 * @since 0.1.0
 */
export * as Flowserv from "./Flowserv.js"
/**
 * The connection to one flowserv server.
 *
 * @since 0.1.0
 */
export * from "./FlowservClient.js"
/**
 * How flowserv says what went wrong.
 *
 * @since 0.1.0
 */
export * as FlowservErrors from "./FlowservErrors.js"
/**
 * flowserv workflow groups ("submissions").
 *
 * @since 0.1.0
 */
export * from "./Groups.js"
/**
 * Run arguments.
 *
 * @since 0.1.0
 */
export * as RunArguments from "./RunArguments.js"
/**
 * How waiting for a run can end other than with the run finished as hoped.
 *
 * @since 0.1.0
 */
export * from "./RunErrors.js"
/**
 * flowserv workflow runs.
 *
 * @since 0.1.0
 */
export * from "./Runs.js"
/**
 * @since 0.1.0
 */
export * from "./schemas/index.js"
/**
 * The flowserv service descriptor.
 *
 * @since 0.1.0
 */
export * from "./Service.js"
/**
 * Acting as a logged-in user for a whole program.
 *
 * @since 0.1.0
 */
export * from "./Session.js"
/**
 * Files to upload.
 *
 * @since 0.1.0
 */
export * as UploadFile from "./UploadFile.js"
/**
 * Files uploaded to a workflow group, as inputs for its runs.
 *
 * @since 0.1.0
 */
export * from "./Uploads.js"
/**
 * flowserv user accounts.
 *
 * @since 0.1.0
 */
export * from "./Users.js"
/**
 * flowserv workflows (benchmarks).
 *
 * @since 0.1.0
 */
export * from "./Workflows.js"
