/**
 * SCIM 2.0 (RFC 7643/7644): groups and users on any SCIM service provider, with a preset for
 * Genestack ODM.
 *
 * @since 0.1.0
 */
export * as Filter from "./Filter.js"
export * as Odm from "./Odm.js"
export * as Patch from "./Patch.js"
export * as Resources from "./Resources.js"
export type {
  AttributeOptions,
  CreateError,
  DeleteError,
  GetError,
  ListError,
  ListOptions,
  PageOptions,
  QueryOptions,
  ResourceOperations,
  UpdateError
} from "./Resources.js"
export * from "./schemas/index.js"
export * as Scim from "./Scim.js"
export * as ScimAuth from "./ScimAuth.js"
export * from "./ScimClient.js"
export * as ScimErrors from "./ScimErrors.js"
export * from "./ScimGroups.js"
export * from "./ScimUsers.js"
