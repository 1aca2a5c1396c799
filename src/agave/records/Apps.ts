/**
 * The apps service (`/apps/v2`), as records: the 17 operations of AgavePy's `apps`.
 *
 * @since 0.1.0
 */
import * as Endpoint from "../../core/Endpoint.js"
import * as Query from "../../core/Query.js"
import { App, AppOperationRequest, AppRequest, AppSummary, JobSubmissionForm } from "../schemas/App.js"
import { oneOrMany, Permission, PermissionRequest } from "../schemas/Common.js"
import { byId, byUsername, changing, creating, docs, listing, listingErrors, page, reading, search } from "./Common.js"

const guide = docs("apps/introduction")
const registration = docs("apps/app-registration")
const sharing = docs("apps/app-sharing-apps")
const publishing = docs("apps/publishing-apps-for-public-use")
const apps = listing(AppSummary, { key: byId })
const permissions = listing(Permission, { key: byUsername })
const visibility = { publicOnly: Query.boolean, privateOnly: Query.boolean, search: search<App>() }

/**
 * Every operation of the apps service, by AgavePy's name.
 *
 * @since 0.1.0
 * @category records
 */
export const AppRecords = {
  /** The apps the caller can run: all, only public ones, or only private ones. */
  list: Endpoint.make({
    name: "agave.Apps.list",
    method: "GET",
    path: "/apps/v2/",
    query: { ...page, ...visibility },
    success: apps.success,
    paging: apps.paging,
    errors: listingErrors,
    docs: guide
  }),
  /** Registers an app. */
  add: Endpoint.make({
    name: "agave.Apps.add",
    method: "POST",
    path: "/apps/v2/",
    body: AppRequest,
    success: App,
    errors: [...creating, "NotFound"],
    docs: registration
  }),
  /** An app's description. */
  get: Endpoint.make({
    name: "agave.Apps.get",
    method: "GET",
    path: "/apps/v2/{appId}",
    success: App,
    errors: reading,
    docs: guide
  }),
  /** Replaces an app's description (a POST, as the service has it). */
  update: Endpoint.make({
    name: "agave.Apps.update",
    method: "POST",
    path: "/apps/v2/{appId}",
    body: AppRequest,
    success: App,
    errors: changing,
    idempotent: true,
    docs: registration
  }),
  /** Acts on an app: publish, unpublish, clone, enable, disable, erase. */
  manage: Endpoint.make({
    name: "agave.Apps.manage",
    method: "PUT",
    path: "/apps/v2/{appId}",
    body: AppOperationRequest,
    success: App,
    errors: changing,
    // Publishing or cloning twice makes two revisions: never sent again once it may have arrived.
    idempotent: false,
    docs: publishing
  }),
  /** Deletes an app. */
  delete: Endpoint.make({
    name: "agave.Apps.delete",
    method: "DELETE",
    path: "/apps/v2/{appId}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: guide
  }),
  /** Who may read, change and run an app. */
  listPermissions: Endpoint.make({
    name: "agave.Apps.listPermissions",
    method: "GET",
    path: "/apps/v2/{appId}/pems",
    query: page,
    success: permissions.success,
    paging: permissions.paging,
    errors: reading,
    docs: sharing
  }),
  /** Grants a user (named in the body) a permission; `NONE` takes it away. */
  updateApplicationPermissions: Endpoint.make({
    name: "agave.Apps.updateApplicationPermissions",
    method: "POST",
    path: "/apps/v2/{appId}/pems",
    body: PermissionRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    docs: sharing
  }),
  /** Takes every user's permission away. */
  deletePermissions: Endpoint.make({
    name: "agave.Apps.deletePermissions",
    method: "DELETE",
    path: "/apps/v2/{appId}/pems",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: sharing
  }),
  /** One user's permission (the server answers one entry; a list of them is accepted too). */
  listPermissionsForUser: Endpoint.make({
    name: "agave.Apps.listPermissionsForUser",
    method: "GET",
    path: "/apps/v2/{appId}/pems/{username}",
    query: page,
    success: oneOrMany(Permission),
    errors: reading,
    docs: sharing
  }),
  /** Grants a user a permission. */
  updatePermissionsForUser: Endpoint.make({
    name: "agave.Apps.updatePermissionsForUser",
    method: "POST",
    path: "/apps/v2/{appId}/pems/{username}",
    body: PermissionRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    docs: sharing
  }),
  /** Takes a user's permission away. */
  deletePermissionsForUser: Endpoint.make({
    name: "agave.Apps.deletePermissionsForUser",
    method: "DELETE",
    path: "/apps/v2/{appId}/pems/{username}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: sharing
  }),
  /** Apps by name (every version). */
  listByName: Endpoint.make({
    name: "agave.Apps.listByName",
    method: "GET",
    path: "/apps/v2/name/{name}",
    query: { ...page, ...visibility },
    success: apps.success,
    paging: apps.paging,
    errors: listingErrors,
    docs: guide
  }),
  /** Apps with a tag. */
  listByTag: Endpoint.make({
    name: "agave.Apps.listByTag",
    method: "GET",
    path: "/apps/v2/tag/{tag}",
    query: { ...page, ...visibility },
    success: apps.success,
    paging: apps.paging,
    errors: listingErrors,
    docs: guide
  }),
  /** Apps with an ontology term. */
  listByOntologyTerm: Endpoint.make({
    name: "agave.Apps.listByOntologyTerm",
    method: "GET",
    path: "/apps/v2/ontology/{term}",
    query: { ...page, ...visibility },
    success: apps.success,
    paging: apps.paging,
    errors: listingErrors,
    docs: guide
  }),
  /** The form of a job submission of an app. */
  getJobSubmissionForm: Endpoint.make({
    name: "agave.Apps.getJobSubmissionForm",
    method: "GET",
    path: "/apps/v2/{appId}/form",
    success: JobSubmissionForm,
    errors: reading,
    docs: guide
  }),
  /** Apps that run on a system. */
  listBySystemId: Endpoint.make({
    name: "agave.Apps.listBySystemId",
    method: "GET",
    path: "/apps/v2/system/{systemId}",
    query: { ...page, ...visibility },
    success: apps.success,
    paging: apps.paging,
    errors: listingErrors,
    docs: guide
  })
}
