/**
 * The domain errors of the operations on a group's runs and uploads, which only a member may call:
 * no token or one that is not valid (`Unauthorized`), not a member (`Forbidden`), no such group / run /
 * file, refused input.
 *
 * @since 0.1.0
 */
export const memberErrors = ["Unauthorized", "Forbidden", "NotFound", "InvalidRequest"] as const
