/**
 * Fault injection for any handler or `fetch`.
 *
 * @since 0.1.0
 */
export * from "./Fault.js"
export * as FaultPlan from "./FaultPlan.js"
export * from "./inject.js"
export * from "./Seeded.js"
