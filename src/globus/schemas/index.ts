/**
 * Schemas of every model of the Globus Groups API.
 *
 * @since 0.1.0
 */
export * from "./Batch.js"
export * from "./Enums.js"
export * from "./ErrorBodies.js"
export * from "./Group.js"
export * from "./Membership.js"
export * from "./Policies.js"
export * from "./Preferences.js"
export * from "./Subscription.js"
