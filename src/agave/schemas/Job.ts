/**
 * Jobs: runs of an app, their status as they move from `PENDING` to `FINISHED` (or fail), their history
 * and who may see them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Open } from "./Common.js"
import { Json, Links, NumberOrString, openLiteral, opt } from "./Common.js"

/**
 * Every status a job can be in, in the order a job usually goes through them.
 *
 * @since 0.1.0
 * @category constants
 */
export const jobStatuses = [
  "PENDING",
  "PROCESSING_INPUTS",
  "STAGING_INPUTS",
  "STAGED",
  "STAGING_JOB",
  "SUBMITTING",
  "QUEUED",
  "RUNNING",
  "PAUSED",
  "CLEANING_UP",
  "ARCHIVING",
  "ARCHIVING_FINISHED",
  "ARCHIVING_FAILED",
  "FINISHED",
  "FAILED",
  "STOPPED",
  "KILLED"
] as const

/**
 * A known job status.
 *
 * @since 0.1.0
 * @category models
 */
export type KnownJobStatus = (typeof jobStatuses)[number]

/**
 * A job's status: a known one, or another a newer server sends (kept as it is, never a decode
 * failure).
 *
 * @since 0.1.0
 * @category models
 */
export type JobStatus = Open<KnownJobStatus>

/**
 * @since 0.1.0
 * @category schemas
 */
export const JobStatus: Schema.Schema<JobStatus, string> = openLiteral(...jobStatuses)

const known: ReadonlySet<string> = new Set(jobStatuses)

/**
 * Whether `status` is one this SDK knows.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isKnownJobStatus = (status: string): status is KnownJobStatus => known.has(status)

/**
 * Statuses after which a job does nothing more.
 *
 * @since 0.1.0
 * @category constants
 */
export const terminalJobStatuses: ReadonlySet<JobStatus> = new Set<JobStatus>([
  "FINISHED",
  "FAILED",
  "STOPPED",
  "KILLED",
  "ARCHIVING_FAILED"
])

/**
 * Whether a job in `status` is done (successfully or not).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isTerminal = (status: JobStatus): boolean => terminalJobStatuses.has(status)

/**
 * A notification a job sends on an event (`FINISHED`, `*`, …) to a URL or an email address.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobNotification = Schema.Struct({
  url: Schema.String,
  event: Schema.String,
  persistent: Schema.optional(Schema.Boolean)
})

const summaryFields = {
  id: Schema.String,
  name: opt(Schema.String),
  owner: opt(Schema.String),
  appId: opt(Schema.String),
  executionSystem: opt(Schema.String),
  status: opt(JobStatus),
  created: opt(Schema.String),
  submitTime: opt(Schema.String),
  startTime: opt(Schema.String),
  endTime: opt(Schema.String),
  remoteStarted: opt(Schema.String),
  remoteEnded: opt(Schema.String),
  _links: opt(Links)
}

/**
 * A job in a listing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobSummary = Schema.Struct(summaryFields)

/**
 * @since 0.1.0
 * @category models
 */
export interface JobSummary extends Schema.Schema.Type<typeof JobSummary> {}

/**
 * A job's full description.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Job = Schema.Struct({
  ...summaryFields,
  localId: opt(Schema.String),
  message: opt(Schema.String),
  batchQueue: opt(Schema.String),
  nodeCount: opt(NumberOrString),
  processorsPerNode: opt(NumberOrString),
  memoryPerNode: opt(NumberOrString),
  maxRunTime: opt(Schema.String),
  archive: opt(Schema.Boolean),
  archivePath: opt(Schema.String),
  archiveSystem: opt(Schema.String),
  outputPath: opt(Schema.String),
  workPath: opt(Schema.String),
  retries: opt(Schema.Number),
  lastModified: opt(Schema.String),
  remoteSubmitted: opt(Schema.String),
  inputs: opt(Schema.Record({ key: Schema.String, value: Json })),
  parameters: opt(Schema.Record({ key: Schema.String, value: Json })),
  notifications: opt(Schema.Array(JobNotification))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Job extends Schema.Schema.Type<typeof Job> {}

/**
 * `jobs.getStatus`: a job's id and status.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobStatusResult = Schema.Struct({
  id: Schema.String,
  status: JobStatus,
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface JobStatusResult extends Schema.Schema.Type<typeof JobStatusResult> {}

/**
 * One event in a job's history.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobHistory = Schema.Struct({
  status: opt(JobStatus),
  created: opt(Schema.String),
  createdBy: opt(Schema.String),
  description: opt(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface JobHistory extends Schema.Schema.Type<typeof JobHistory> {}

/**
 * A job to submit: which app, its inputs (URLs or paths, one or several per input) and parameters,
 * resources, and where to archive its outputs.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobRequest = Schema.Struct({
  name: Schema.String,
  appId: Schema.String,
  inputs: Schema.optional(
    Schema.Record({ key: Schema.String, value: Schema.Union(Schema.String, Schema.Array(Schema.String)) })
  ),
  parameters: Schema.optional(Schema.Record({ key: Schema.String, value: Json })),
  batchQueue: Schema.optional(Schema.String),
  nodeCount: Schema.optional(Schema.Number),
  processorsPerNode: Schema.optional(Schema.Number),
  memoryPerNode: Schema.optional(NumberOrString),
  maxRunTime: Schema.optional(Schema.String),
  archive: Schema.optional(Schema.Boolean),
  archivePath: Schema.optional(Schema.String),
  archiveSystem: Schema.optional(Schema.String),
  notifications: Schema.optional(Schema.Array(JobNotification))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface JobRequest extends Schema.Schema.Type<typeof JobRequest> {}

/**
 * What `jobs.manage` can do.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobAction = openLiteral("resubmit", "stop")

/**
 * An action on a job.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobOperationRequest = Schema.Struct({ action: JobAction })

/**
 * @since 0.1.0
 * @category models
 */
export interface JobOperationRequest extends Schema.Schema.Type<typeof JobOperationRequest> {}
