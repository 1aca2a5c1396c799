/**
 * Identity ids as the service compares them. The service parses ids as UUIDs, so
 * `AE332D86-D274-11E5-B885-B31714A110E9`, `ae332d86d27411e5b885b31714a110e9` and
 * `{ae332d86-d274-11e5-b885-b31714a110e9}` are one identity to it; the SDK compares them the same way.
 *
 * @since 0.1.0
 */

const uuidForms = /^(?:urn:uuid:)?\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i

/**
 * The canonical form of an id: a UUID in any of its spellings becomes lower-case with dashes; any
 * other string is returned unchanged (the service will refuse it, and the SDK leaves that to it).
 *
 * @since 0.1.0
 */
export const canonical = (id: string): string => {
  const parts = uuidForms.exec(id)
  return parts === null ? id : parts.slice(1).join("-").toLowerCase()
}

/**
 * Whether a string is a UUID in one of the spellings the service accepts.
 *
 * @since 0.1.0
 */
export const isUuid = (id: string): boolean => uuidForms.test(id)
