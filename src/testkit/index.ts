/**
 * Test servers that behave like the real platforms, for the SDK's tests and for yours.
 *
 * @since 0.1.0
 */
/**
 * Fault injection for any handler or `fetch`.
 *
 * @since 0.1.0
 */
export * from "./faults/index.js"
/**
 * The flowserv test server: an in-memory flowserv that behaves like the real one.
 *
 * @since 0.1.0
 */
export * from "./flowserv/index.js"
/**
 * Test servers are plain `Request → Response` functions, so one implementation serves both
 * in-process (as an `HttpClient`) and on a loopback port.
 *
 * @since 0.1.0
 */
export * from "./http/Handler.js"
/**
 * Serving a {@link Handler} over HTTP on a loopback port.
 *
 * @since 0.1.0
 */
export * from "./http/serve.js"
/**
 * The Genestack ODM test server: an in-memory ODM SCIM endpoint with ODM's rules.
 *
 * @since 0.1.0
 */
export * from "./scim/index.js"
/**
 * A neutral paged JSON API for reliability tests and benchmarks.
 *
 * @since 0.1.0
 */
export * from "./synthetic/index.js"
