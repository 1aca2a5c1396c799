/**
 * The flowserv test server: an in-memory flowserv that behaves like the real one, its state, and
 * the seeds of its workflows and runs.
 *
 * @since 0.1.0
 */
/**
 * How a Flask 2.2 / Werkzeug 2.2 application answers.
 *
 * @since 0.1.0
 */
export * as Flask from "./flask.js"
/**
 * The in-memory database of the flowserv test server, with flowserv-core's rules for users, access
 * tokens, workflows and groups — including the ones that surprise.
 *
 * @since 0.1.0
 */
export * from "./FlowservState.js"
/**
 * An in-memory flowserv server for tests — the SDK's and your own.
 *
 * @since 0.1.0
 */
export * from "./FlowservTestServer.js"
/**
 * The leaderboard of a workflow, computed as flowserv ranks results.
 *
 * @since 0.1.0
 */
export * as Leaderboard from "./leaderboard.js"
/**
 * The routes of the flowserv web API (rob-webapi-flask 0.6.0 on flowserv-core 0.8.1) for users,
 * workflows, groups, runs, uploads and downloads, answering as the real server does.
 *
 * @since 0.1.0
 */
export * from "./routes.js"
/**
 * How runs of a seeded workflow behave in the flowserv test server.
 *
 * @since 0.1.0
 */
export * from "./RunScript.js"
/**
 * The runs, uploads and leaderboards of the flowserv test server, with flowserv-core's rules.
 *
 * @since 0.1.0
 */
export * from "./RunsState.js"
/**
 * The workflows the flowserv test server starts with.
 *
 * @since 0.1.0
 */
export * from "./seeds.js"
/**
 * What Werkzeug 2.2 (under rob-webapi-flask) does to an upload before flowserv sees it.
 *
 * @since 0.1.0
 */
export * from "./werkzeug.js"
