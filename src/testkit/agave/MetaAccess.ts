/**
 * Who may read and change a metadata document or schema in the Agave test server: the owner and
 * tenant administrators always; others by a grant (`READ`, `WRITE`, `READ_WRITE`, `ALL`; `NONE` or an
 * empty permission revokes), as the permission resources answer them.
 *
 * @since 0.1.0
 */
import { badRequest, forbidden, page, refuse } from "./Outcome.js"

/**
 * What a user may do with a document or schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface Access {
  readonly read: boolean
  readonly write: boolean
}

/**
 * Documents (`data`) or schemas (`schemas`), as their paths name them.
 *
 * @since 0.1.0
 * @category models
 */
export type Kind = "data" | "schemas"

/**
 * A stored document or schema: who owns it, who else may use it, when it changed.
 *
 * @since 0.1.0
 * @category models
 */
export interface Shared {
  readonly uuid: string
  readonly owner: string
  readonly created: number
  lastUpdated: number
  serial: number
  readonly grants: Map<string, Access>
}

const none: Access = { read: false, write: false }

const levels: Readonly<Record<string, Access>> = {
  READ: { read: true, write: false },
  WRITE: { read: false, write: true },
  READ_WRITE: { read: true, write: true },
  ALL: { read: true, write: true },
  NONE: none,
  "": none
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * The permissions of a tenant's documents and schemas.
 *
 * @since 0.1.0
 * @category state
 */
export class MetaAccess {
  constructor(
    private readonly baseUrl: string,
    private readonly admins: ReadonlySet<string>,
    private readonly userExists: ((username: string) => boolean) | undefined
  ) {}

  /**
   * What `user` may do with `row`.
   *
   * @since 0.1.0
   */
  of(row: Shared, user: string): Access {
    return row.owner === user || this.admins.has(user) ? { read: true, write: true } : row.grants.get(user) ?? none
  }

  /**
   * Whether `user` sees `row` in a listing: administrators see everything unless they ask for
   * `privileged=false`; others, their own and what is shared with them.
   *
   * @since 0.1.0
   */
  lists(row: Shared, user: string, privileged: boolean): boolean {
    return (privileged && this.admins.has(user)) || row.owner === user || row.grants.get(user)?.read === true
  }

  /** @internal */
  private entry(kind: Kind, row: Shared, username: string, access: Access): Record<string, unknown> {
    const parent = `${this.baseUrl}/meta/v2/${kind}/${row.uuid}`
    return {
      username,
      permission: { read: access.read, write: access.write },
      _links: {
        self: { href: `${parent}/pems/${username}` },
        parent: { href: parent },
        profile: { href: `${this.baseUrl}/profiles/v2/${username}` }
      }
    }
  }

  /** @internal */
  private readable(row: Shared, caller: string): void {
    if (!this.of(row, caller).read) forbidden("User does not have permission to view this resource")
  }

  /** @internal */
  private writable(row: Shared, caller: string): void {
    if (!this.of(row, caller).write) forbidden("User does not have permission to modify this resource")
  }

  /**
   * `GET …/{uuid}/pems`: the owner's (all), then every grant.
   *
   * @since 0.1.0
   */
  list(kind: Kind, row: Shared, caller: string, query: URLSearchParams): ReadonlyArray<unknown> {
    this.readable(row, caller)
    const entries = [
      this.entry(kind, row, row.owner, { read: true, write: true }),
      ...[...row.grants].map(([user, access]) => this.entry(kind, row, user, access))
    ]
    return page(entries, { limit: query.get("limit"), offset: query.get("offset") })
  }

  /**
   * `GET …/{uuid}/pems/{username}`.
   *
   * @since 0.1.0
   */
  get(kind: Kind, row: Shared, caller: string, username: string): unknown {
    this.readable(row, caller)
    if (username === row.owner || this.admins.has(username)) {
      return this.entry(kind, row, username, { read: true, write: true })
    }
    const access = row.grants.get(username) ?? refuse(404, `No permissions found for user ${username}`)
    return this.entry(kind, row, username, access)
  }

  /**
   * `POST …/{uuid}/pems` (user in the body) or `…/pems/{username}`; answers the user's permission.
   *
   * @since 0.1.0
   */
  update(kind: Kind, row: Shared, caller: string, username: string | undefined, body: unknown): unknown {
    this.writable(row, caller)
    if (!isObject(body)) return badRequest("Unable to parse the permission: a JSON object is expected")
    const named = body["username"]
    if (username !== undefined && named !== undefined && named !== username) {
      badRequest(
        `The username value in the POST body, ${
          String(named).slice(0, 64)
        }, does not match the username in the URL, ${username}`
      )
    }
    const user = username ?? (typeof named === "string" ? named : "")
    if (user === "") badRequest("No username specified. Please specify a valid user to whom the permission will apply.")
    if (this.userExists !== undefined && !this.userExists(user)) refuse(404, `No user found matching ${user}`)
    const level = body["permission"]
    if (typeof level !== "string") {
      return badRequest("Missing permission field. Please specify a valid permission of READ, WRITE, or READ_WRITE.")
    }
    const access = levels[level.toUpperCase()] ?? badRequest(`Invalid permission ${level.slice(0, 20)}`)
    if (user === row.owner) badRequest("The owner's permissions cannot be changed")
    if (access.read || access.write) row.grants.set(user, access)
    else row.grants.delete(user)
    return this.entry(kind, row, user, access)
  }

  /**
   * `DELETE …/{uuid}/pems` (every grant) or `…/pems/{username}`.
   *
   * @since 0.1.0
   */
  delete(row: Shared, caller: string, username?: string): {} {
    this.writable(row, caller)
    if (username === undefined) row.grants.clear()
    else row.grants.delete(username)
    return {}
  }
}
