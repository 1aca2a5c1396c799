/**
 * Schemas of every model of the Globus Groups API.
 *
 * @since 0.1.0
 */
export * from "./Batch.js"
/**
 * The enumerations of the Globus Groups API:
 *
 * @since 0.1.0
 */
export * from "./Enums.js"
/**
 * The service's error bodies.
 *
 * @since 0.1.0
 */
export * from "./ErrorBodies.js"
/**
 * Groups:
 *
 * @since 0.1.0
 */
export * from "./Group.js"
/**
 * Memberships:
 *
 * @since 0.1.0
 */
export * from "./Membership.js"
/**
 * A group's policies:
 *
 * @since 0.1.0
 */
export * from "./Policies.js"
/**
 * Per-identity preferences and per-group membership status counts.
 *
 * @since 0.1.0
 */
export * from "./Preferences.js"
/**
 * Subscriptions:
 *
 * @since 0.1.0
 */
export * from "./Subscription.js"
