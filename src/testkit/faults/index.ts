/**
 * Fault injection for any handler or `fetch`.
 *
 * @since 0.1.0
 */
/**
 * The faults the testkit can put in front of a server.
 *
 * @since 0.1.0
 */
export * from "./Fault.js"
/**
 * Which request gets which fault.
 *
 * @since 0.1.0
 */
export * as FaultPlan from "./FaultPlan.js"
/**
 * Puts a {@link FaultPlan} in front of a {@link Handler}.
 *
 * @since 0.1.0
 */
export * from "./inject.js"
/**
 * A small seeded pseudo-random generator, so a faulty run can be replayed exactly.
 *
 * @since 0.1.0
 */
export * from "./Seeded.js"
