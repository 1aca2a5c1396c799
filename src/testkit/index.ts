/**
 * Test servers that behave like the real platforms, for the SDK's tests and for yours.
 *
 * @since 0.1.0
 */
export * from "./faults/index.js"
export * from "./flowserv/index.js"
export * from "./globus/index.js"
export * from "./http/Handler.js"
export * from "./http/serve.js"
export * from "./scim/index.js"
export * from "./synthetic/index.js"
