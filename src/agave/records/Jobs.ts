/**
 * The jobs service (`/jobs/v2`), as records: the 15 operations of AgavePy's `jobs`.
 *
 * @since 0.1.0
 */
import * as Endpoint from "../../core/Endpoint.js"
import { oneOrMany, Permission, PermissionRequest } from "../schemas/Common.js"
import { RemoteFile } from "../schemas/File.js"
import { Job, JobHistory, JobOperationRequest, JobRequest, JobStatusResult, JobSummary } from "../schemas/Job.js"
import {
  byId,
  byPath,
  byUsername,
  changing,
  docs,
  listing,
  listingErrors,
  notSelf,
  page,
  reading,
  search
} from "./Common.js"

const guide = docs("jobs/introduction")
const submission = docs("jobs/job-submission")
const managing = docs("jobs/job-managing")
const monitoring = docs("jobs/job-monitoring")
const outputs = docs("jobs/job-outputs")
const sharing = docs("jobs/job-permissions")
const jobs = listing(JobSummary, { key: byId })
const history = listing(JobHistory)
const permissions = listing(Permission, { key: byUsername })
const files = listing(RemoteFile, { filter: notSelf, key: byPath })

/**
 * Every operation of the jobs service, by AgavePy's name.
 *
 * @since 0.1.0
 * @category records
 */
export const JobRecords = {
  /** The caller's jobs, and jobs shared with them. */
  list: Endpoint.make({
    name: "agave.Jobs.list",
    method: "GET",
    path: "/jobs/v2/",
    query: { ...page, search: search<Job>() },
    success: jobs.success,
    paging: jobs.paging,
    errors: listingErrors,
    docs: guide
  }),
  /** Submits a job of an app. */
  submit: Endpoint.make({
    name: "agave.Jobs.submit",
    method: "POST",
    path: "/jobs/v2/",
    body: JobRequest,
    success: Job,
    errors: reading,
    docs: submission
  }),
  /** A job's description. */
  get: Endpoint.make({
    name: "agave.Jobs.get",
    method: "GET",
    path: "/jobs/v2/{jobId}",
    success: Job,
    errors: reading,
    docs: monitoring
  }),
  /** Acts on a job: `resubmit` (answers the new job) or `stop`. */
  manage: Endpoint.make({
    name: "agave.Jobs.manage",
    method: "POST",
    path: "/jobs/v2/{jobId}",
    body: JobOperationRequest,
    success: Job,
    errors: changing,
    docs: managing
  }),
  /** Deletes a job's record. */
  delete: Endpoint.make({
    name: "agave.Jobs.delete",
    method: "DELETE",
    path: "/jobs/v2/{jobId}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: managing
  }),
  /** Every status change of a job, with a description. */
  getHistory: Endpoint.make({
    name: "agave.Jobs.getHistory",
    method: "GET",
    path: "/jobs/v2/{jobId}/history",
    query: page,
    success: history.success,
    paging: history.paging,
    errors: reading,
    docs: monitoring
  }),
  /** Who may see and manage a job. */
  listPermissions: Endpoint.make({
    name: "agave.Jobs.listPermissions",
    method: "GET",
    path: "/jobs/v2/{jobId}/pems",
    query: page,
    success: permissions.success,
    paging: permissions.paging,
    errors: reading,
    docs: sharing
  }),
  /** Grants a user (named in the body) a permission. */
  updatePermissions: Endpoint.make({
    name: "agave.Jobs.updatePermissions",
    method: "POST",
    path: "/jobs/v2/{jobId}/pems",
    body: PermissionRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    docs: sharing
  }),
  /** Takes every user's permission away. */
  deletePermissions: Endpoint.make({
    name: "agave.Jobs.deletePermissions",
    method: "DELETE",
    path: "/jobs/v2/{jobId}/pems",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: sharing
  }),
  /** One user's permission (one entry; a list of them is accepted too). */
  listPermissionsForUser: Endpoint.make({
    name: "agave.Jobs.listPermissionsForUser",
    method: "GET",
    path: "/jobs/v2/{jobId}/pems/{username}",
    query: page,
    success: oneOrMany(Permission),
    errors: reading,
    docs: sharing
  }),
  /** Grants a user a permission. */
  updatePermissionsForUser: Endpoint.make({
    name: "agave.Jobs.updatePermissionsForUser",
    method: "POST",
    path: "/jobs/v2/{jobId}/pems/{username}",
    body: PermissionRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    docs: sharing
  }),
  /** Takes a user's permission away. */
  deletePermissionsForUser: Endpoint.make({
    name: "agave.Jobs.deletePermissionsForUser",
    method: "DELETE",
    path: "/jobs/v2/{jobId}/pems/{username}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: sharing
  }),
  /** A job's status alone (cheaper than `get` for polling). */
  getStatus: Endpoint.make({
    name: "agave.Jobs.getStatus",
    method: "GET",
    path: "/jobs/v2/{jobId}/status",
    success: JobStatusResult,
    errors: reading,
    docs: monitoring
  }),
  /** The entries of a directory of a job's outputs (`.` first, for the directory itself): in its work
   *  directory while it runs, in its archive once archived. */
  listOutputs: Endpoint.make({
    name: "agave.Jobs.listOutputs",
    method: "GET",
    path: "/jobs/v2/{jobId}/outputs/listings/{filePath+}",
    query: page,
    success: files.success,
    paging: files.paging,
    errors: reading,
    docs: outputs
  }),
  /** An output file's bytes, as a stream. */
  downloadOutput: Endpoint.make({
    name: "agave.Jobs.downloadOutput",
    method: "GET",
    path: "/jobs/v2/{jobId}/outputs/media/{filePath+}",
    success: Endpoint.streamed,
    envelope: false,
    errors: reading,
    docs: outputs
  })
}

/**
 * Records beside AgavePy's: the root of a job's outputs, which `listOutputs` cannot name (its file
 * path is one segment or more).
 *
 * @since 0.1.0
 * @category records
 */
export const JobExtraRecords = {
  /** The top directory of a job's outputs. */
  listOutputsRoot: Endpoint.make({
    name: "agave.Jobs.listOutputs",
    method: "GET",
    path: "/jobs/v2/{jobId}/outputs/listings/",
    query: page,
    success: files.success,
    paging: files.paging,
    errors: reading,
    docs: outputs
  })
}
