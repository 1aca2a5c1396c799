/**
 * SCIM 2.0 (RFC 7643/7644): groups and users on any SCIM service provider, with a preset for
 * Genestack ODM.
 *
 * @since 0.1.0
 */
/**
 * SCIM filters (RFC 7644 §3.4.2.2), built as values and rendered with correctly escaped literals
 * and the parentheses the grammar's precedence needs (`not` > `and` > `or`).
 *
 * @since 0.1.0
 */
export * as Filter from "./Filter.js"
/**
 * Genestack ODM's SCIM endpoints.
 *
 * @since 0.1.0
 */
export * as Odm from "./Odm.js"
/**
 * SCIM PATCH requests (RFC 7644 §3.5.2).
 *
 * @since 0.1.0
 */
export * as Patch from "./Patch.js"
/**
 * The operations every SCIM resource type shares (RFC 7644 §3.3–3.6).
 *
 * @since 0.1.0
 */
export * as Resources from "./Resources.js"
export type {
  /**
   * Which attributes a response carries (RFC 7644 §3.9): a list or a comma-separated text.
   *
   * @since 0.1.0
   */
  AttributeOptions,
  /**
   * The errors of creating a resource: 409 (`uniqueness`) is `Conflict`.
   *
   * @since 0.1.0
   */
  CreateError,
  /**
   * The errors of deleting a resource.
   *
   * @since 0.1.0
   */
  DeleteError,
  /**
   * The errors of reading one resource.
   *
   * @since 0.1.0
   */
  GetError,
  /**
   * The errors of a query: a filter the server refuses is `InvalidRequest` with `code:
   * "invalidFilter"`.
   *
   * @since 0.1.0
   */
  ListError,
  /**
   * What `list` asks for.
   *
   * @since 0.1.0
   */
  ListOptions,
  /**
   * What `listPage` asks for: one page from `startIndex` (1-based, 1 by default) of at most `count`
   * resources (`0` asks only for `totalResults`).
   *
   * @since 0.1.0
   */
  PageOptions,
  /**
   * What a query asks for.
   *
   * @since 0.1.0
   */
  QueryOptions,
  /**
   * The operations on one resource type.
   *
   * @since 0.1.0
   */
  ResourceOperations,
  /**
   * The errors of changing a resource (PATCH or PUT): a name taken by another is `Conflict`.
   *
   * @since 0.1.0
   */
  UpdateError
} from "./Resources.js"
/**
 * @since 0.1.0
 */
export * from "./schemas/index.js"
/**
 * Every SCIM service at once, on one connection.
 *
 * @since 0.1.0
 */
export * as Scim from "./Scim.js"
/**
 * How a SCIM client authenticates.
 *
 * @since 0.1.0
 */
export * as ScimAuth from "./ScimAuth.js"
/**
 * The connection to one SCIM 2.0 service provider.
 *
 * @since 0.1.0
 */
export * from "./ScimClient.js"
/**
 * How SCIM servers say what went wrong.
 *
 * @since 0.1.0
 */
export * as ScimErrors from "./ScimErrors.js"
/**
 * SCIM groups (`/Groups`).
 *
 * @since 0.1.0
 */
export * from "./ScimGroups.js"
/**
 * SCIM users (`/Users`).
 *
 * @since 0.1.0
 */
export * from "./ScimUsers.js"
