/**
 * The data of the ODM test server — users with their tokens and permissions, groups with their
 * members and roles — and the rules ODM's SCIM description states for them: who sees which group,
 * who may change it, which attributes are editable.
 *
 * @since 0.1.0
 */

/**
 * A failure the routes answer as a SCIM error (`scimType` only for 400/409) or, for 401 and 500,
 * as ODM's `{"error": {"message": …}}`.
 *
 * @since 0.1.0
 * @category models
 */
export class OdmFailure extends Error {
  constructor(readonly status: number, message: string, readonly scimType?: string) {
    super(message)
  }
}

/**
 * A user of the test server.
 *
 * @since 0.1.0
 * @category models
 */
export interface OdmUser {
  readonly id: string
  userName: string
  displayName: string
  email: string | undefined
  externalId: string | undefined
  active: boolean
  /** Genestack API tokens and OAuth access tokens that authenticate as this user. */
  readonly tokens: Set<string>
  /** "Manage groups": sees and changes every group. */
  manageGroups: boolean
  /** "Manage organization": lists, creates and changes users. */
  manageOrganization: boolean
  readonly created: number
  lastModified: number
}

/**
 * A group of the test server; each member is a group admin or a plain member.
 *
 * @since 0.1.0
 * @category models
 */
export interface OdmGroup {
  readonly id: string
  displayName: string
  externalId: string | undefined
  readonly members: Map<string, "admin" | "member">
  readonly created: number
  lastModified: number
}

/**
 * A user to seed.
 *
 * @since 0.1.0
 * @category models
 */
export interface OdmUserSeed {
  readonly userName: string
  readonly displayName?: string
  readonly email?: string
  readonly token?: string
  readonly manageGroups?: boolean
  readonly manageOrganization?: boolean
}

/**
 * The users every test server starts with: `admin` (token `odm-admin-token`, both permissions) and
 * `curator` (token `odm-curator-token`, no permission).
 *
 * @since 0.1.0
 */
export const defaultUsers: ReadonlyArray<OdmUserSeed> = [
  {
    userName: "admin",
    displayName: "ODM Admin",
    email: "admin@odm.test",
    token: "odm-admin-token",
    manageGroups: true,
    manageOrganization: true
  },
  { userName: "curator", displayName: "Curator", email: "curator@odm.test", token: "odm-curator-token" }
]

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * The server's data.
 *
 * @since 0.1.0
 * @category models
 */
export class OdmState {
  /**
   * Every user, by id.
   *
   * @since 0.1.0
   */
  readonly users = new Map<string, OdmUser>()
  /**
   * Every group, by id.
   *
   * @since 0.1.0
   */
  readonly groups = new Map<string, OdmGroup>()
  /**
   * Statuses the next requests are answered with, in order, before anything else is checked (ODM's
   * `{"error": …}` body): for tests of retries and server failures.
   *
   * @since 0.1.0
   */
  readonly failures: Array<number> = []
  /** @internal */
  #sequence = 0

  constructor(readonly now: () => number) {}

  /**
   * A new id: UUID-shaped and deterministic (a counter), so that runs are reproducible.
   *
   * @since 0.1.0
   */
  newId(): string {
    this.#sequence++
    const hex = this.#sequence.toString(16).padStart(12, "0")
    return `0d000000-0000-4000-8000-${hex}`
  }

  /**
   * Adds a user (for seeding).
   *
   * @since 0.1.0
   */
  addUser(seed: OdmUserSeed): OdmUser {
    const now = this.now()
    const user: OdmUser = {
      id: this.newId(),
      userName: seed.userName,
      displayName: seed.displayName ?? seed.userName,
      email: seed.email,
      externalId: undefined,
      active: true,
      tokens: new Set(seed.token === undefined ? [] : [seed.token]),
      manageGroups: seed.manageGroups ?? false,
      manageOrganization: seed.manageOrganization ?? false,
      created: now,
      lastModified: now
    }
    this.users.set(user.id, user)
    return user
  }

  /**
   * The active user a token belongs to.
   *
   * @since 0.1.0
   */
  userByToken(token: string): OdmUser | undefined {
    for (const user of this.users.values()) {
      if (user.active && user.tokens.has(token)) return user
    }
    return undefined
  }

  /**
   * The active user with this login.
   *
   * @since 0.1.0
   */
  userByName(userName: string): OdmUser | undefined {
    for (const user of this.users.values()) {
      if (user.userName === userName) return user
    }
    return undefined
  }

  /**
   * Groups the caller sees: where they are a member, or all with "Manage groups".
   *
   * @since 0.1.0
   */
  visibleGroups(caller: OdmUser): Array<OdmGroup> {
    return [...this.groups.values()].filter((g) => caller.manageGroups || g.members.has(caller.id))
  }

  /**
   * A group the caller sees; 400 for an id of the wrong shape, 404 for one they do not see.
   *
   * @since 0.1.0
   */
  visibleGroup(caller: OdmUser, id: string): OdmGroup {
    if (!uuidShape.test(id)) throw new OdmFailure(400, `Invalid group id '${id}'`, "invalidValue")
    const group = this.groups.get(id)
    if (group === undefined || !(caller.manageGroups || group.members.has(caller.id))) {
      throw new OdmFailure(404, `Group with id '${id}' not found`)
    }
    return group
  }

  /**
   * A group the caller may change: a group admin, or "Manage groups".
   *
   * @since 0.1.0
   */
  administeredGroup(caller: OdmUser, id: string): OdmGroup {
    if (!uuidShape.test(id)) throw new OdmFailure(400, `Invalid group id '${id}'`, "invalidValue")
    const group = this.groups.get(id)
    if (group === undefined) throw new OdmFailure(404, `Group with id '${id}' not found`)
    if (!caller.manageGroups && group.members.get(caller.id) !== "admin") {
      throw new OdmFailure(403, "The \"Group admin\" role in the group or the \"Manage groups\" permission is required")
    }
    return group
  }

  /**
   * Creates a group with the caller as its admin.
   *
   * @since 0.1.0
   */
  createGroup(caller: OdmUser, displayName: string, externalId: string | undefined): OdmGroup {
    const now = this.now()
    const group: OdmGroup = {
      id: this.newId(),
      displayName,
      externalId,
      members: new Map([[caller.id, "admin"]]),
      created: now,
      lastModified: now
    }
    this.groups.set(group.id, group)
    return group
  }

  /**
   * Users need "Manage organization".
   *
   * @since 0.1.0
   */
  requireManageOrganization(caller: OdmUser): void {
    if (!caller.manageOrganization) {
      throw new OdmFailure(403, "The \"Manage organization\" permission is required")
    }
  }

  /**
   * An active user by id, for a caller with "Manage organization".
   *
   * @since 0.1.0
   */
  activeUser(id: string): OdmUser {
    if (!uuidShape.test(id)) throw new OdmFailure(400, `Invalid user id '${id}'`, "invalidValue")
    const user = this.users.get(id)
    if (user === undefined || !user.active) throw new OdmFailure(404, `User with id '${id}' not found`)
    return user
  }

  /**
   * Any user by id, deactivated ones included (PATCH may change those).
   *
   * @since 0.1.0
   */
  anyUser(id: string): OdmUser {
    if (!uuidShape.test(id)) throw new OdmFailure(400, `Invalid user id '${id}'`, "invalidValue")
    const user = this.users.get(id)
    if (user === undefined) throw new OdmFailure(404, `User with id '${id}' not found`)
    return user
  }
}
