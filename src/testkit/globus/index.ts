/**
 * The Globus Groups test server: its state and rules, answering requests without HTTP (the routes
 * come with the test-server kit), with seeded identities and tokens.
 *
 * @since 0.1.0
 */
export * from "./globusCodes.js"
/**
 * The data of the Globus test server:
 *
 * @since 0.1.0
 */
export * from "./globusModel.js"
export type {
  /**
   * What the Globus test server's state answers: a status and a JSON body.
   *
   * @since 0.1.0
   */
  GlobusReply
} from "./globusReplies.js"
/**
 * The HTTP side of the Globus test server:
 *
 * @since 0.1.0
 */
export * from "./globusRoutes.js"
/**
 * The identities and tokens a Globus test server starts with.
 *
 * @since 0.1.0
 */
export * from "./globusSeeds.js"
/**
 * The Globus Groups test server's state and rules, with no HTTP:
 *
 * @since 0.1.0
 */
export * from "./GlobusState.js"
/**
 * An in-memory Globus Groups server for tests — the SDK's and your own:
 *
 * @since 0.1.0
 */
export * from "./GlobusTestServer.js"
