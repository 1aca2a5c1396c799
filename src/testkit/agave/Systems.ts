/**
 * The systems of the Agave test server: storage and execution systems with their owners, users'
 * roles, stored credentials (never answered with their secrets), each user's default storage system
 * and the tenant's global default.
 *
 * @since 0.1.0
 */
import { isRecord } from "effect/Predicate"
import type { Op } from "./Outcome.js"
import { badRequest, forbidden, iso, page, refuse, run } from "./Outcome.js"
import * as SearchTerms from "./SearchTerms.js"

/**
 * A role on a system, weakest first.
 *
 * @since 0.1.0
 * @category models
 */
export const roles = ["NONE", "GUEST", "USER", "PUBLISHER", "ADMIN", "OWNER"] as const

/**
 * @since 0.1.0
 * @category models
 */
export type Role = (typeof roles)[number]

const rank = (role: Role): number => roles.indexOf(role)

/**
 * A system to register at start.
 *
 * @since 0.1.0
 * @category models
 */
export interface SystemSeed {
  readonly id: string
  readonly type: "STORAGE" | "EXECUTION"
  readonly owner: string
  readonly name?: string
  readonly public?: boolean
  /** The tenant's default storage system. */
  readonly globalDefault?: boolean
  /** Where relative paths start (`/home` by default). */
  readonly homeDir?: string
  /** Further fields of the description (storage, login, queues, …). */
  readonly description?: Readonly<Record<string, unknown>>
}

/**
 * A stored system.
 *
 * @since 0.1.0
 * @category models
 */
export interface SystemRow {
  description: Record<string, unknown>
  readonly id: string
  readonly type: "STORAGE" | "EXECUTION"
  owner: string
  public: boolean
  available: boolean
  revision: number
  lastModified: number
  readonly roles: Map<string, Role>
  /** internal user ("" for the owner's own) → credential type → credential (without its secrets). */
  readonly credentials: Map<string, Map<string, Record<string, unknown>>>
}

const searchable: ReadonlySet<string> = new Set([
  "id",
  "name",
  "type",
  "status",
  "description",
  "site",
  "public",
  "default",
  "storage.protocol",
  "storage.host",
  "login.protocol",
  "executionType",
  "scheduler",
  "queues.name",
  "queues.maxUserJobs"
])

const listParameters: ReadonlySet<string> = new Set(["type", "default", "public"])

const secretFields = ["password", "credential", "privateKey"]

const withoutSecrets = (auth: unknown): unknown => {
  if (typeof auth !== "object" || auth === null) return auth
  const out: Record<string, unknown> = { ...(auth as Record<string, unknown>) }
  for (const field of secretFields) delete out[field]
  return out
}

const systemIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/

/**
 * The systems of the tenant.
 *
 * @since 0.1.0
 * @category state
 */
export class Systems {
  private readonly rows = new Map<string, SystemRow>()
  private readonly userDefaults = new Map<string, string>()
  private globalDefault: string | undefined

  constructor(
    seeds: ReadonlyArray<SystemSeed> = [],
    private readonly admins: ReadonlySet<string> = new Set(),
    private readonly baseUrl = "https://agave.test"
  ) {
    for (const seed of seeds) {
      const row = this.store(seed.id, seed.type, seed.owner, {
        name: seed.name ?? seed.id,
        status: "UP",
        ...seed.description,
        storage: {
          protocol: "SFTP",
          host: "localhost",
          port: 22,
          rootDir: "/",
          homeDir: seed.homeDir ?? "/home",
          ...(isRecord(seed.description?.["storage"]) ? seed.description["storage"] : {})
        }
      }, 0)
      row.public = seed.public ?? false
      if (seed.globalDefault === true) this.globalDefault = seed.id
    }
  }

  /** @internal */
  private store(id: string, type: SystemRow["type"], owner: string, description: Record<string, unknown>, now: number) {
    const row: SystemRow = {
      description,
      id,
      type,
      owner,
      public: false,
      available: true,
      revision: 1,
      lastModified: now,
      roles: new Map([[owner, "OWNER"]]),
      credentials: new Map()
    }
    this.rows.set(id, row)
    return row
  }

  /**
   * A user's role on a system (OWNER for its owner; USER for anyone on a public one).
   *
   * @since 0.1.0
   */
  roleOf(row: SystemRow, user: string): Role {
    if (row.owner === user) return "OWNER"
    if (this.admins.has(user)) return "ADMIN"
    const role = row.roles.get(user)
    if (role !== undefined) return role
    return row.public ? "USER" : "NONE"
  }

  /**
   * The system, or 404 in Agave's words.
   *
   * @since 0.1.0
   */
  find(id: string): SystemRow {
    return this.rows.get(id) ?? refuse(404, `No system found matching ${id}`)
  }

  /** @internal */
  private visible(id: string, caller: string): SystemRow {
    const row = this.find(id)
    if (rank(this.roleOf(row, caller)) < rank("GUEST")) forbidden(`User does not have access to view system ${id}`)
    return row
  }

  /** @internal */
  private administered(id: string, caller: string): SystemRow {
    const row = this.visible(id, caller)
    if (rank(this.roleOf(row, caller)) < rank("ADMIN")) {
      forbidden(`User does not have permission to modify system ${id}`)
    }
    return row
  }

  /**
   * The caller's default storage system: their own choice, else the tenant's.
   *
   * @since 0.1.0
   */
  defaultStorage(caller: string): string | undefined {
    return this.userDefaults.get(caller) ?? this.globalDefault
  }

  /**
   * The storage system for a files operation: the named one, or the caller's default; 404 in the files
   * service's words when there is none, 403 when the caller has no role on it.
   *
   * @since 0.1.0
   */
  storageFor(caller: string, systemId: string | undefined): SystemRow {
    const id = systemId ?? this.defaultStorage(caller)
    if (id === undefined) {
      return refuse(404, "No default storage system found. Please register a system and set it as your default. ")
    }
    const row = this.rows.get(id) ?? refuse(404, `No resource found for user with system id '${id}'`)
    if (rank(this.roleOf(row, caller)) < rank("USER")) forbidden(`User does not have access to system ${id}`)
    if (!row.available) badRequest(`System ${id} is currently unavailable`)
    return row
  }

  /**
   * Whether `caller` may run jobs on (or, for storage, write to) the system.
   *
   * @since 0.1.0
   */
  canUse(row: SystemRow, caller: string): boolean {
    return rank(this.roleOf(row, caller)) >= rank("USER")
  }

  /**
   * The system as the service answers it to `caller`.
   *
   * @since 0.1.0
   */
  view(row: SystemRow, caller: string): Record<string, unknown> {
    const description = row.description
    const storage = isRecord(description["storage"])
      ? { ...description["storage"], auth: withoutSecrets(description["storage"]["auth"]) }
      : undefined
    const login = isRecord(description["login"])
      ? { ...description["login"], auth: withoutSecrets(description["login"]["auth"]) }
      : undefined
    return {
      ...description,
      id: row.id,
      uuid: `${row.id}-uuid`,
      type: row.type,
      owner: row.owner,
      public: row.public,
      default: this.defaultStorage(caller) === row.id,
      globalDefault: this.globalDefault === row.id,
      available: row.available,
      revision: row.revision,
      lastModified: iso(row.lastModified),
      ...(storage === undefined ? {} : { storage }),
      ...(login === undefined ? {} : { login }),
      _links: { self: { href: `${this.baseUrl}/systems/v2/${row.id}` } }
    }
  }

  /** @internal */
  private summary(row: SystemRow, caller: string): Record<string, unknown> {
    const full = this.view(row, caller)
    return {
      id: row.id,
      name: full["name"],
      type: row.type,
      description: full["description"] ?? null,
      status: full["status"],
      public: row.public,
      default: full["default"],
      _links: full["_links"]
    }
  }

  /**
   * `GET /systems/v2/`: the systems the caller can see, filtered by type, default and public.
   *
   * @since 0.1.0
   */
  list(caller: string, query: URLSearchParams): Op<ReadonlyArray<Record<string, unknown>>> {
    return run(() => {
      const search = SearchTerms.parse(query, searchable, listParameters)
      const type = query.get("type")
      const flag = (name: string) => (query.get(name) === null ? undefined : query.get(name) === "true")
      const isDefault = flag("default")
      const isPublic = flag("public")
      const rows = [...this.rows.values()].filter((row) =>
        rank(this.roleOf(row, caller)) >= rank("GUEST") &&
        (type === null || row.type === type.toUpperCase()) &&
        (isDefault === undefined || (this.defaultStorage(caller) === row.id) === isDefault) &&
        (isPublic === undefined || row.public === isPublic)
      )
      const views = rows.map((row) => this.view(row, caller))
      const matched = SearchTerms.apply(views, search)
      return page(matched, { limit: query.get("limit"), offset: query.get("offset") }).map((view) =>
        this.summary(this.find(String(view["id"])), caller)
      )
    })
  }

  /**
   * `POST /systems/v2/`.
   *
   * @since 0.1.0
   */
  add(caller: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const description = this.checked(body)
      const id = description["id"] as string
      if (this.rows.has(id)) refuse(409, `A system with id ${id} already exists`)
      const row = this.store(id, description["type"] as SystemRow["type"], caller, description, now)
      return this.view(row, caller)
    }, 201)
  }

  /** @internal */
  private checked(body: unknown, id?: string): Record<string, unknown> {
    if (!isRecord(body)) return badRequest("The system description must be a JSON object")
    const systemId = body["id"] ?? id
    if (typeof systemId !== "string" || !systemIdPattern.test(systemId)) {
      badRequest("Please specify a valid string value for the 'id' field.")
    }
    if (id !== undefined && systemId !== id) badRequest("The system id cannot be changed")
    if (typeof body["name"] !== "string" || body["name"] === "") {
      badRequest("Please specify a valid string value for the 'name' field.")
    }
    const type = body["type"]
    if (type !== "STORAGE" && type !== "EXECUTION") {
      badRequest("Please specify a valid system type: STORAGE or EXECUTION")
    }
    if (!isRecord(body["storage"])) badRequest("Please specify a valid JSON object for the 'storage' field.")
    if (type === "EXECUTION" && !isRecord(body["login"])) {
      badRequest("Please specify a valid JSON object for the 'login' field.")
    }
    const storage = body["storage"] as Record<string, unknown>
    return {
      ...body,
      id: systemId,
      storage: { rootDir: "/", homeDir: "/home", ...storage },
      status: body["status"] ?? "UP"
    }
  }

  /**
   * `GET /systems/v2/{systemId}`.
   *
   * @since 0.1.0
   */
  get(caller: string, id: string): Op<Record<string, unknown>> {
    return run(() => this.view(this.visible(id, caller), caller))
  }

  /**
   * `POST /systems/v2/{systemId}`: a new description.
   *
   * @since 0.1.0
   */
  update(caller: string, id: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.administered(id, caller)
      const description = this.checked(body, id)
      if (description["type"] !== row.type) badRequest("The system type cannot be changed")
      row.description = description
      row.revision += 1
      row.lastModified = now
      return this.view(row, caller)
    })
  }

  /**
   * `PUT /systems/v2/{systemId}`: an action.
   *
   * @since 0.1.0
   */
  manage(caller: string, id: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const action = isRecord(body) && typeof body["action"] === "string" ? body["action"].toUpperCase() : ""
      const row = this.visible(id, caller)
      const admin = () => rank(this.roleOf(row, caller)) >= rank("ADMIN") || forbidden()
      const tenantAdmin = () => this.admins.has(caller) || forbidden("Only tenant administrators can do this")
      switch (action) {
        case "SETDEFAULT":
          if (row.type !== "STORAGE") badRequest("Only storage systems can be set as a default")
          this.userDefaults.set(caller, id)
          break
        case "UNSETDEFAULT":
          if (this.userDefaults.get(caller) === id) this.userDefaults.delete(caller)
          break
        case "SETGLOBALDEFAULT":
          tenantAdmin()
          if (!row.public) badRequest("Only public systems can be set as the global default")
          this.globalDefault = id
          break
        case "UNSETGLOBALDEFAULT":
          tenantAdmin()
          if (this.globalDefault === id) this.globalDefault = undefined
          break
        case "ENABLE":
        case "DISABLE":
          admin()
          row.available = action === "ENABLE"
          break
        case "PUBLISH":
        case "UNPUBLISH":
          tenantAdmin()
          row.public = action === "PUBLISH"
          break
        case "CLONE": {
          const cloneId = isRecord(body) ? body["id"] : undefined
          if (typeof cloneId !== "string" || !systemIdPattern.test(cloneId)) {
            badRequest("Please specify a valid id for the clone")
          }
          if (this.rows.has(cloneId as string)) refuse(409, `A system with id ${String(cloneId)} already exists`)
          const clone = this.store(cloneId as string, row.type, caller, { ...row.description, id: cloneId }, now)
          return this.view(clone, caller)
        }
        default:
          badRequest(
            `Invalid action ${
              action.slice(0, 50)
            }. Valid actions are ENABLE, DISABLE, PUBLISH, UNPUBLISH, SETDEFAULT, UNSETDEFAULT, SETGLOBALDEFAULT, UNSETGLOBALDEFAULT, CLONE`
          )
      }
      row.lastModified = now
      return this.view(row, caller)
    })
  }

  /**
   * `DELETE /systems/v2/{systemId}`.
   *
   * @since 0.1.0
   */
  delete(caller: string, id: string): Op<{}> {
    return run(() => {
      const row = this.administered(id, caller)
      if (row.owner !== caller && !this.admins.has(caller)) forbidden()
      this.rows.delete(id)
      for (const [user, systemId] of this.userDefaults) if (systemId === id) this.userDefaults.delete(user)
      if (this.globalDefault === id) this.globalDefault = undefined
      return {}
    })
  }

  /** @internal */
  private roleJson(row: SystemRow, username: string, role: Role) {
    return {
      username,
      role,
      _links: { self: { href: `${this.baseUrl}/systems/v2/${row.id}/roles/${username}` } }
    }
  }

  /**
   * `GET /systems/v2/{systemId}/roles`.
   *
   * @since 0.1.0
   */
  listRoles(caller: string, id: string, query: URLSearchParams): Op<ReadonlyArray<Record<string, unknown>>> {
    return run(() => {
      const row = this.visible(id, caller)
      const all = [...row.roles].map(([username, role]) => this.roleJson(row, username, role))
      return page(all, { limit: query.get("limit"), offset: query.get("offset") })
    })
  }

  /**
   * `GET /systems/v2/{systemId}/roles/{username}`.
   *
   * @since 0.1.0
   */
  getRole(caller: string, id: string, username: string): Op<Record<string, unknown>> {
    return run(() => {
      const row = this.visible(id, caller)
      return this.roleJson(row, username, this.roleOf(row, username))
    })
  }

  /**
   * `POST …/roles` (user in the body) or `…/roles/{username}`; `NONE` takes the role away.
   *
   * @since 0.1.0
   */
  updateRole(caller: string, id: string, username: string | undefined, body: unknown): Op<{}> {
    return run(() => {
      const row = this.administered(id, caller)
      const user = username ?? (isRecord(body) && typeof body["username"] === "string" ? body["username"] : undefined)
      const role = isRecord(body) && typeof body["role"] === "string" ? body["role"].toUpperCase() : ""
      if (user === undefined || user === "") return badRequest("Please specify a username")
      if (!(roles as ReadonlyArray<string>).includes(role) || role === "OWNER") {
        badRequest(`Invalid role ${role.slice(0, 20)}`)
      }
      if (user === row.owner) badRequest("The owner's role cannot be changed")
      if (role === "NONE") row.roles.delete(user)
      else row.roles.set(user, role as Role)
      return {}
    })
  }

  /**
   * `DELETE …/roles` (every user's but the owner's) or `…/roles/{username}`.
   *
   * @since 0.1.0
   */
  deleteRoles(caller: string, id: string, username?: string): Op<{}> {
    return run(() => {
      const row = this.administered(id, caller)
      for (const user of [...row.roles.keys()]) {
        if (user !== row.owner && (username === undefined || user === username)) row.roles.delete(user)
      }
      return {}
    })
  }

  /** @internal */
  private credentialJson(row: SystemRow, internalUsername: string, type: string, stored: Record<string, unknown>) {
    return {
      ...stored,
      internalUsername: internalUsername === "" ? null : internalUsername,
      parentType: type,
      default: internalUsername === "",
      valid: true,
      _links: {
        self: { href: `${this.baseUrl}/systems/v2/${row.id}/credentials/${internalUsername || row.owner}/${type}` }
      }
    }
  }

  /**
   * `GET …/credentials[/{internalUsername}[/{credentialType}]]`: never with their secrets.
   *
   * @since 0.1.0
   */
  listCredentials(
    caller: string,
    id: string,
    internalUsername: string | undefined,
    type: string | undefined,
    query: URLSearchParams
  ): Op<ReadonlyArray<Record<string, unknown>>> {
    return run(() => {
      const row = this.administered(id, caller)
      const out: Array<Record<string, unknown>> = []
      for (const [user, byType] of row.credentials) {
        if (internalUsername !== undefined && user !== internalUsername) continue
        for (const [credentialType, stored] of byType) {
          if (type === undefined || credentialType === type.toUpperCase()) {
            out.push(this.credentialJson(row, user, credentialType, stored))
          }
        }
      }
      if (type !== undefined && out.length === 0) {
        refuse(404, `No ${type} credential found for ${internalUsername ?? ""}`)
      }
      return page(out, { limit: query.get("limit"), offset: query.get("offset") })
    })
  }

  /**
   * `POST …/credentials[/{internalUsername}[/{credentialType}]]`: stores a credential.
   *
   * @since 0.1.0
   */
  updateCredentials(
    caller: string,
    id: string,
    internalUsername: string | undefined,
    type: string | undefined,
    body: unknown
  ): Op<{}> {
    return run(() => {
      const row = this.administered(id, caller)
      if (!isRecord(body) || typeof body["type"] !== "string") {
        return badRequest("Please specify a valid credential type")
      }
      const credentialType = (type ?? (row.type === "EXECUTION" ? "LOGIN" : "STORAGE")).toUpperCase()
      if (credentialType !== "LOGIN" && credentialType !== "STORAGE") {
        badRequest("Credential type must be LOGIN or STORAGE")
      }
      const user = internalUsername ?? (typeof body["internalUsername"] === "string" ? body["internalUsername"] : "")
      const byType = row.credentials.get(user) ?? new Map<string, Record<string, unknown>>()
      byType.set(credentialType, withoutSecrets(body) as Record<string, unknown>)
      row.credentials.set(user, byType)
      return {}
    })
  }

  /**
   * `DELETE …/credentials[/{internalUsername}[/{credentialType}]]`.
   *
   * @since 0.1.0
   */
  deleteCredentials(caller: string, id: string, internalUsername?: string, type?: string): Op<{}> {
    return run(() => {
      const row = this.administered(id, caller)
      for (const [user, byType] of row.credentials) {
        if (internalUsername !== undefined && user !== internalUsername) continue
        for (const credentialType of [...byType.keys()]) {
          if (type === undefined || credentialType === type.toUpperCase()) byType.delete(credentialType)
        }
        if (byType.size === 0) row.credentials.delete(user)
      }
      return {}
    })
  }
}
