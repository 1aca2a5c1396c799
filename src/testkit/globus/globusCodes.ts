/**
 * The error codes the Globus test server answers with.
 *
 * The service documents `AUTHENTICATION_ERROR` and `INVALID_TOKEN` (docs.globus.org/api/groups,
 * "General Access Control Responses"); `ALREADY_ACTIVE` and `NO_MEMBERSHIP` with their details are
 * the service's own as recorded in globus-cli's test fixtures; `AuthorizationParameters` is the code
 * Globus services give their authentication requirements errors. The service publishes no list of the
 * others: they are this test server's, named for what they mean.
 *
 * @since 0.1.0
 */

/**
 * Codes of whole-request errors.
 *
 * @since 0.1.0
 * @category constants
 */
export const GlobusRequestCode = {
  AuthenticationError: "AUTHENTICATION_ERROR",
  InvalidToken: "INVALID_TOKEN",
  AuthorizationParameters: "AuthorizationParameters",
  Forbidden: "FORBIDDEN",
  NotFound: "NOT_FOUND",
  AmbiguousIdentities: "AMBIGUOUS_IDENTITIES",
  HasChildren: "GROUP_HAS_CHILDREN"
} as const

/**
 * Codes of one identity's failure inside a batch membership action.
 *
 * @since 0.1.0
 * @category constants
 */
export const GlobusMemberCode = {
  AlreadyActive: "ALREADY_ACTIVE",
  NoMembership: "NO_MEMBERSHIP",
  AlreadyInvited: "ALREADY_INVITED",
  AlreadyPending: "ALREADY_PENDING",
  InvalidStatus: "INVALID_STATUS",
  NotInIdentitySet: "NOT_IN_IDENTITY_SET",
  IdentityNotFound: "IDENTITY_NOT_FOUND",
  AddNotAllowed: "ADD_NOT_ALLOWED",
  PreviouslyLeft: "PREVIOUSLY_LEFT",
  LastAdmin: "LAST_ADMIN",
  CannotRemoveSelf: "CANNOT_REMOVE_SELF",
  InsufficientRole: "INSUFFICIENT_ROLE",
  JoinNotAllowed: "JOIN_NOT_ALLOWED",
  JoinRequestsDisabled: "JOIN_REQUESTS_DISABLED"
} as const

/**
 * @since 0.1.0
 * @category models
 */
export type GlobusMemberCode = typeof GlobusMemberCode[keyof typeof GlobusMemberCode]
