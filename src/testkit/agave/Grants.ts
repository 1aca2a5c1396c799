/**
 * Permission grants on an app or a job of the Agave test server, as both services keep them: the
 * levels a grant may name, the entry the services answer for a user, the listing (the owner first),
 * and a grant's update or revocation.
 *
 * @since 0.1.0
 */
import { isRecord } from "effect/Predicate"
import { badRequest, page } from "./Outcome.js"

/**
 * What a user may do with a resource.
 *
 * @since 0.1.0
 * @category models
 */
export interface Rights {
  read: boolean
  write: boolean
  execute: boolean
}

/**
 * A resource's owner and the grants to other users.
 *
 * @since 0.1.0
 * @category models
 */
export interface Granted {
  readonly id: string
  readonly owner: string
  readonly grants: Map<string, Rights>
}

/**
 * The levels a grant may name, and what each allows.
 *
 * @since 0.1.0
 * @category constants
 */
export const levels: Readonly<Record<string, Rights>> = {
  READ: { read: true, write: false, execute: false },
  WRITE: { read: false, write: true, execute: false },
  EXECUTE: { read: false, write: false, execute: true },
  READ_WRITE: { read: true, write: true, execute: false },
  READ_EXECUTE: { read: true, write: false, execute: true },
  WRITE_EXECUTE: { read: false, write: true, execute: true },
  ALL: { read: true, write: true, execute: true },
  NONE: { read: false, write: false, execute: false }
}

/**
 * The entry the services answer for `username`, with a link under `collection` (`…/apps/v2`).
 *
 * @since 0.1.0
 * @category answers
 */
export const entry = (collection: string, row: Granted, username: string, rights: Rights) => ({
  username,
  permission: { read: rights.read, write: rights.write, execute: rights.execute },
  _links: { self: { href: `${collection}/${row.id}/pems/${username}` } }
})

/**
 * `GET …/pems`: the owner's entry, then every grant's, a page of them.
 *
 * @since 0.1.0
 * @category answers
 */
export const listing = (
  row: Granted,
  entryOf: (username: string) => unknown,
  query: URLSearchParams
): ReadonlyArray<unknown> =>
  page([row.owner, ...[...row.grants.keys()].filter((user) => user !== row.owner)].map(entryOf), {
    limit: query.get("limit"),
    offset: query.get("offset")
  })

/**
 * `POST …/pems` (user in the body) or `…/pems/{username}`: sets a user's grant; `NONE` revokes it.
 * The owner's cannot be changed.
 *
 * @since 0.1.0
 * @category changes
 */
export const update = (row: Granted, username: string | undefined, body: unknown): {} => {
  const user = username ?? (isRecord(body) && typeof body["username"] === "string" ? body["username"] : "")
  if (user === "") badRequest("Please specify a username")
  const level = isRecord(body) && typeof body["permission"] === "string"
    ? levels[body["permission"].toUpperCase()]
    : undefined
  if (level === undefined) return badRequest("Please specify a valid permission")
  if (user === row.owner) badRequest("The owner's permissions cannot be changed")
  if (level.read || level.write || level.execute) row.grants.set(user, { ...level })
  else row.grants.delete(user)
  return {}
}

/**
 * `DELETE …/pems` (every grant) or `…/pems/{username}` (one).
 *
 * @since 0.1.0
 * @category changes
 */
export const revoke = (row: Granted, username?: string): {} => {
  if (username === undefined) row.grants.clear()
  else row.grants.delete(username)
  return {}
}
