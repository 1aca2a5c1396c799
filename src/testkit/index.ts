/**
 * Test servers that behave like the real platforms, for the SDK's tests and for yours, and the kit
 * they are built with (`TestServer`, `Router`, `PathMatch`, the recorder).
 *
 * @since 0.1.0
 */
export * from "./agave/index.js"
export * from "./faults/index.js"
export * from "./flowserv/index.js"
export * from "./http/Handler.js"
export * as PathMatch from "./http/PathMatch.js"
export * from "./http/Recorder.js"
export * as Router from "./http/Router.js"
export * from "./http/serve.js"
export * as TestServer from "./http/TestServer.js"
export * from "./scim/index.js"
export * from "./synthetic/index.js"
