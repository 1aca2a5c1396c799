/**
 * Globus Groups (https://docs.globus.org/api/groups/): schemas of every model of the service, the
 * batch membership actions builder and its outcome, and the classifier of the service's error bodies.
 *
 * @since 0.1.0
 */
export * as AuthorizationParameters from "./AuthorizationParameters.js"
export * from "./BatchActions.js"
export * as BatchOutcome from "./BatchOutcome.js"
export * as Environments from "./Environments.js"
export * as Globus from "./Globus.js"
export * from "./GlobusConnection.js"
export * as GlobusErrors from "./GlobusErrors.js"
export * from "./Groups.js"
export * from "./GroupsEndpoints.js"
export * from "./GroupsManager.js"
export * as IdentityId from "./IdentityId.js"
export * from "./MembershipActionFailed.js"
export * from "./schemas/index.js"
