/**
 * Test servers that behave like the real platforms, for the SDK's tests and for yours, and the kit
 * they are built with (`TestServer`, `Router`, `PathMatch`, the recorder).
 *
 * @since 0.1.0
 */
/**
 * The Agave (Tapis v2) test server: an in-memory tenant over HTTP.
 *
 * @since 0.1.0
 */
export * from "./agave/index.js"
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
 * The Globus Groups test server: an in-memory Groups service with the documented rules.
 *
 * @since 0.1.0
 */
export * from "./globus/index.js"
/**
 * Test servers are plain `Request → Response` functions, so one implementation serves both
 * in-process (as an `HttpClient`) and on a loopback port.
 *
 * @since 0.1.0
 */
export * from "./http/Handler.js"
/**
 * Matching a request path against a path template, as test-server routers and contract checks need it.
 *
 * @since 0.1.0
 */
export * as PathMatch from "./http/PathMatch.js"
/**
 * Recording what a test server receives and answers, for assertions and contract checks.
 *
 * @since 0.1.0
 */
export * from "./http/Recorder.js"
/**
 * A router for test servers: routes are a method, a path template and a function of the request.
 *
 * @since 0.1.0
 */
export * as Router from "./http/Router.js"
/**
 * Serving a {@link Handler} over HTTP on a loopback port.
 *
 * @since 0.1.0
 */
export * from "./http/serve.js"
/**
 * The scaffolding every test server shares: recording handler, in-process and loopback layers, counters.
 *
 * @since 0.1.0
 */
export * as TestServer from "./http/TestServer.js"
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
