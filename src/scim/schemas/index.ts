/**
 * The schemas of SCIM 2.0 resources and messages (RFC 7643/7644): Group, User, ListResponse.
 *
 * @since 0.1.0
 */
export {
  /**
   * A resource's metadata (RFC 7643 §3.1).
   *
   * @since 0.1.0
   */
  Meta,
  /**
   * The schema and message URNs the SDK sends and reads.
   *
   * @since 0.1.0
   */
  Urn
} from "./Common.js"
/**
 * The SCIM Group resource (RFC 7643 §4.2).
 *
 * @since 0.1.0
 */
export * from "./Group.js"
/**
 * The SCIM ListResponse message (RFC 7644 §3.4.2).
 *
 * @since 0.1.0
 */
export * from "./ListResponse.js"
/**
 * The SCIM User resource (RFC 7643 §4.1).
 *
 * @since 0.1.0
 */
export * from "./User.js"
