/**
 * The systems service (`/systems/v2`), as records: the 21 operations of AgavePy's `systems`.
 *
 * @since 0.1.0
 */
import * as Endpoint from "../../core/Endpoint.js"
import * as Query from "../../core/Query.js"
import { oneOrMany } from "../schemas/Common.js"
import {
  AuthRequest,
  authSecrets,
  StoredCredential,
  System,
  SystemOperationRequest,
  SystemRequest,
  systemRequestSecrets,
  SystemRole,
  SystemRoleRequest,
  SystemSummary
} from "../schemas/System.js"
import {
  byId,
  byUsername,
  changing,
  creating,
  docs,
  listing,
  listingErrors,
  page,
  pagingOf,
  reading,
  search
} from "./Common.js"

const guide = docs("systems/introduction")
const management = docs("systems/systems-management")
const roles = docs("systems/systems-roles")
const systems = listing(SystemSummary, { key: byId })
const roleListing = listing(SystemRole, { key: byUsername })
const Credentials = oneOrMany(StoredCredential)

/**
 * Every operation of the systems service, by AgavePy's name.
 *
 * @since 0.1.0
 * @category records
 */
export const SystemRecords = {
  /** The systems the caller can see: storage or execution, default, public. */
  list: Endpoint.make({
    name: "agave.Systems.list",
    method: "GET",
    path: "/systems/v2/",
    query: {
      ...page,
      type: Query.literal("STORAGE", "EXECUTION"),
      default: Query.boolean,
      public: Query.boolean,
      search: search<System>()
    },
    success: systems.success,
    paging: systems.paging,
    errors: listingErrors,
    docs: guide
  }),
  /** Registers a system. */
  add: Endpoint.make({
    name: "agave.Systems.add",
    method: "POST",
    path: "/systems/v2/",
    body: SystemRequest,
    success: System,
    errors: creating,
    docs: guide,
    secrets: (input) => systemRequestSecrets(input.body)
  }),
  /** A system's description. */
  get: Endpoint.make({
    name: "agave.Systems.get",
    method: "GET",
    path: "/systems/v2/{systemId}",
    success: System,
    errors: reading,
    docs: guide
  }),
  /** Replaces a system's description. */
  update: Endpoint.make({
    name: "agave.Systems.update",
    method: "POST",
    path: "/systems/v2/{systemId}",
    body: SystemRequest,
    success: System,
    errors: changing,
    idempotent: true,
    docs: guide,
    secrets: (input) => systemRequestSecrets(input.body)
  }),
  /** Acts on a system: enable, disable, publish, set or unset as (global) default, clone. */
  manage: Endpoint.make({
    name: "agave.Systems.manage",
    method: "PUT",
    path: "/systems/v2/{systemId}",
    body: SystemOperationRequest,
    success: Endpoint.noContent,
    errors: changing,
    // A clone made twice is two systems, or a conflict: never sent again once it may have arrived.
    idempotent: false,
    docs: management
  }),
  /** Deletes a system. */
  delete: Endpoint.make({
    name: "agave.Systems.delete",
    method: "DELETE",
    path: "/systems/v2/{systemId}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: management
  }),
  /** Users' roles on a system. */
  listRoles: Endpoint.make({
    name: "agave.Systems.listRoles",
    method: "GET",
    path: "/systems/v2/{systemId}/roles",
    query: page,
    success: roleListing.success,
    paging: roleListing.paging,
    errors: reading,
    docs: roles
  }),
  /** Grants a user (named in the body) a role. */
  updateRole: Endpoint.make({
    name: "agave.Systems.updateRole",
    method: "POST",
    path: "/systems/v2/{systemId}/roles",
    body: SystemRoleRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    docs: roles
  }),
  /** Removes every user's role. */
  deleteRoles: Endpoint.make({
    name: "agave.Systems.deleteRoles",
    method: "DELETE",
    path: "/systems/v2/{systemId}/roles",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: roles
  }),
  /** One user's role. */
  getRoleForUser: Endpoint.make({
    name: "agave.Systems.getRoleForUser",
    method: "GET",
    path: "/systems/v2/{systemId}/roles/{username}",
    query: page,
    success: SystemRole,
    errors: reading,
    docs: roles
  }),
  /** Grants a user a role. */
  updateRoleForUser: Endpoint.make({
    name: "agave.Systems.updateRoleForUser",
    method: "POST",
    path: "/systems/v2/{systemId}/roles/{username}",
    body: SystemRoleRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    docs: roles
  }),
  /** Removes a user's role. */
  deleteRoleForUser: Endpoint.make({
    name: "agave.Systems.deleteRoleForUser",
    method: "DELETE",
    path: "/systems/v2/{systemId}/roles/{username}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: roles
  }),
  /** The credentials stored for a system (their secrets are never sent back). */
  listCredentials: Endpoint.make({
    name: "agave.Systems.listCredentials",
    method: "GET",
    path: "/systems/v2/{systemId}/credentials",
    query: page,
    success: Credentials,
    paging: pagingOf(Credentials),
    errors: reading,
    docs: management
  }),
  /** Stores a credential. */
  updateCredentials: Endpoint.make({
    name: "agave.Systems.updateCredentials",
    method: "POST",
    path: "/systems/v2/{systemId}/credentials",
    body: AuthRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    docs: management,
    secrets: (input) => authSecrets(input.body)
  }),
  /** Removes every stored credential. */
  deleteCredentials: Endpoint.make({
    name: "agave.Systems.deleteCredentials",
    method: "DELETE",
    path: "/systems/v2/{systemId}/credentials",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: management
  }),
  /** The credentials of an internal user. */
  listCredentialsForInternalUser: Endpoint.make({
    name: "agave.Systems.listCredentialsForInternalUser",
    method: "GET",
    path: "/systems/v2/{systemId}/credentials/{internalUsername}",
    query: page,
    success: Credentials,
    paging: pagingOf(Credentials),
    errors: reading,
    docs: management
  }),
  /** Stores a credential of an internal user. */
  updateCredentialsForInternalUser: Endpoint.make({
    name: "agave.Systems.updateCredentialsForInternalUser",
    method: "POST",
    path: "/systems/v2/{systemId}/credentials/{internalUsername}",
    body: AuthRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    docs: management,
    secrets: (input) => authSecrets(input.body)
  }),
  /** Removes an internal user's credentials. */
  deleteCredentialsForInternalUser: Endpoint.make({
    name: "agave.Systems.deleteCredentialsForInternalUser",
    method: "DELETE",
    path: "/systems/v2/{systemId}/credentials/{internalUsername}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: management
  }),
  /** An internal user's `LOGIN` or `STORAGE` credential. */
  listCredentialsForInternalUserByType: Endpoint.make({
    name: "agave.Systems.listCredentialsForInternalUserByType",
    method: "GET",
    path: "/systems/v2/{systemId}/credentials/{internalUsername}/{credentialType}",
    query: page,
    success: Credentials,
    errors: reading,
    docs: management
  }),
  /** Stores an internal user's `LOGIN` or `STORAGE` credential. */
  updateCredentialsForInternalUserByType: Endpoint.make({
    name: "agave.Systems.updateCredentialsForInternalUserByType",
    method: "POST",
    path: "/systems/v2/{systemId}/credentials/{internalUsername}/{credentialType}",
    body: AuthRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    docs: management,
    secrets: (input) => authSecrets(input.body)
  }),
  /** Removes an internal user's `LOGIN` or `STORAGE` credential. */
  deleteCredentialsForInternalUserByType: Endpoint.make({
    name: "agave.Systems.deleteCredentialsForInternalUserByType",
    method: "DELETE",
    path: "/systems/v2/{systemId}/credentials/{internalUsername}/{credentialType}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: management
  })
}
