/**
 * Globus Groups (https://docs.globus.org/api/groups/): schemas of every model of the service, the
 * batch membership actions builder and its outcome, and the classifier of the service's error bodies.
 *
 * @since 0.1.0
 */
export * as AuthorizationParameters from "./AuthorizationParameters.js"
/**
 * An immutable builder of batch membership actions (`POST /v2/groups/{group_id}`):
 *
 * @since 0.1.0
 */
export * from "./BatchActions.js"
/**
 * A batch membership action's answer as data:
 *
 * @since 0.1.0
 */
export * as BatchOutcome from "./BatchOutcome.js"
/**
 * Where the Groups API of each Globus environment lives.
 *
 * @since 0.1.0
 */
export * as Environments from "./Environments.js"
/**
 * Every Globus Groups service on one connection:
 *
 * @since 0.1.0
 */
export * as Globus from "./Globus.js"
/**
 * The connection to Globus Groups:
 *
 * @since 0.1.0
 */
export * from "./GlobusConnection.js"
/**
 * How Globus services say what went wrong, read into the SDK's errors:
 *
 * @since 0.1.0
 */
export * as GlobusErrors from "./GlobusErrors.js"
/**
 * The Globus Groups service:
 *
 * @since 0.1.0
 */
export * from "./Groups.js"
/**
 * Every operation of Globus Groups as an endpoint record (`globus.Groups.<method>`, named after globus-sdk's `GroupsClient` methods):
 *
 * @since 0.1.0
 */
export * from "./GroupsEndpoints.js"
/**
 * globus-sdk's `GroupsManager`, typed:
 *
 * @since 0.1.0
 */
export * from "./GroupsManager.js"
/**
 * Identity ids as the service compares them.
 *
 * @since 0.1.0
 */
export * as IdentityId from "./IdentityId.js"
/**
 * The error for membership actions that did not all succeed, for code that wants all or nothing.
 *
 * @since 0.1.0
 */
export * from "./MembershipActionFailed.js"
/**
 * Schemas of every model of the Globus Groups API.
 *
 * @since 0.1.0
 */
export * from "./schemas/index.js"
