/**
 * The apps of the Agave test server: registered by their owners on an execution system, shared by
 * permissions, published (a public copy), cloned, enabled, disabled and erased, listed by name, tag,
 * ontology term and system.
 *
 * @since 0.1.0
 */
import { isRecord } from "effect/Predicate"
import * as Grants from "./Grants.js"
import type { Op } from "./Outcome.js"
import { badRequest, forbidden, iso, page, refuse, run } from "./Outcome.js"
import * as SearchTerms from "./SearchTerms.js"
import type { Systems } from "./Systems.js"

/**
 * A stored app.
 *
 * @since 0.1.0
 * @category models
 */
export interface AppRow {
  description: Record<string, unknown>
  readonly id: string
  owner: string
  isPublic: boolean
  available: boolean
  revision: number
  lastModified: number
  readonly grants: Map<string, Grants.Rights>
}

const searchable: ReadonlySet<string> = new Set([
  "id",
  "name",
  "version",
  "label",
  "executionSystem",
  "deploymentSystem",
  "isPublic",
  "available",
  "tags",
  "ontology",
  "parallelism",
  "executionType"
])

const visibility: ReadonlySet<string> = new Set(["publicOnly", "privateOnly"])

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const versionPattern = /^\d+(?:\.\d+){0,3}$/

/**
 * The apps of the tenant.
 *
 * @since 0.1.0
 * @category state
 */
export class Apps {
  private readonly rows = new Map<string, AppRow>()

  constructor(
    private readonly systems: Systems,
    private readonly admins: ReadonlySet<string> = new Set(),
    private readonly baseUrl = "https://agave.test"
  ) {}

  /**
   * Registers an app at start (no checks), public if asked.
   *
   * @since 0.1.0
   */
  seed(owner: string, description: Record<string, unknown>, isPublic = false): AppRow {
    const id = `${String(description["name"])}-${String(description["version"])}`
    const row: AppRow = {
      description: { inputs: [], parameters: [], outputs: [], tags: [], ontology: [], modules: [], ...description },
      id,
      owner,
      isPublic,
      available: true,
      revision: 1,
      lastModified: 0,
      grants: new Map()
    }
    this.rows.set(id, row)
    return row
  }

  /**
   * The app, or 404 in Agave's words.
   *
   * @since 0.1.0
   */
  find(id: string): AppRow {
    return this.rows.get(id) ?? refuse(404, `No software found matching ${id}`)
  }

  /**
   * What `user` may do with an app.
   *
   * @since 0.1.0
   */
  rights(row: AppRow, user: string): Grants.Rights {
    if (row.owner === user || this.admins.has(user)) return Grants.levels["ALL"]!
    const grant = row.grants.get(user)
    if (row.isPublic) return { read: true, write: grant?.write ?? false, execute: true }
    return grant ?? Grants.levels["NONE"]!
  }

  /** @internal */
  private readable(id: string, caller: string): AppRow {
    const row = this.find(id)
    if (!this.rights(row, caller).read) forbidden(`User does not have permission to view app ${id}`)
    return row
  }

  /** @internal */
  private writable(id: string, caller: string): AppRow {
    const row = this.readable(id, caller)
    if (!this.rights(row, caller).write) forbidden(`User does not have permission to modify app ${id}`)
    return row
  }

  /**
   * The app as the service answers it.
   *
   * @since 0.1.0
   */
  view(row: AppRow): Record<string, unknown> {
    return {
      ...row.description,
      id: row.id,
      uuid: `${row.id}-uuid`,
      owner: row.owner,
      isPublic: row.isPublic,
      available: row.available,
      revision: row.revision,
      lastModified: iso(row.lastModified),
      _links: { self: { href: `${this.baseUrl}/apps/v2/${row.id}` } }
    }
  }

  /** @internal */
  private summary(row: AppRow): Record<string, unknown> {
    const d = row.description
    return {
      id: row.id,
      name: d["name"],
      version: d["version"],
      revision: row.revision,
      label: d["label"] ?? d["name"],
      executionSystem: d["executionSystem"],
      shortDescription: d["shortDescription"] ?? "",
      isPublic: row.isPublic,
      lastModified: iso(row.lastModified),
      _links: { self: { href: `${this.baseUrl}/apps/v2/${row.id}` } }
    }
  }

  /**
   * `GET /apps/v2/` and the listings by name, tag, ontology term and system.
   *
   * @since 0.1.0
   */
  list(
    caller: string,
    query: URLSearchParams,
    by?: { readonly field: "name" | "tags" | "ontology" | "executionSystem"; readonly value: string }
  ): Op<ReadonlyArray<Record<string, unknown>>> {
    return run(() => {
      const search = SearchTerms.parse(query, searchable, visibility)
      const publicOnly = query.get("publicOnly") === "true"
      const privateOnly = query.get("privateOnly") === "true"
      const rows = [...this.rows.values()].filter((row) => {
        if (!this.rights(row, caller).read || !row.available && row.owner !== caller) return false
        if (publicOnly && !row.isPublic) return false
        if (privateOnly && row.isPublic) return false
        if (by === undefined) return true
        const value = row.description[by.field]
        return Array.isArray(value) ? value.includes(by.value) : value === by.value
      })
      const matched = SearchTerms.apply(rows.map((row) => this.view(row)), search)
      return page(matched, { limit: query.get("limit"), offset: query.get("offset") }).map((view) =>
        this.summary(this.find(String(view["id"])))
      )
    })
  }

  /** @internal */
  private checked(caller: string, body: unknown): Record<string, unknown> {
    if (!isRecord(body)) return badRequest("The app description must be a JSON object")
    const name = body["name"]
    const version = body["version"]
    if (typeof name !== "string" || !namePattern.test(name)) badRequest("Please specify a valid name for this app")
    if (typeof version !== "string" || !versionPattern.test(version)) {
      badRequest("Please specify a valid version for this app, e.g. 1.0.0")
    }
    const executionSystem = body["executionSystem"]
    if (typeof executionSystem !== "string") return badRequest("Please specify an execution system for this app")
    const system = this.systems.find(executionSystem)
    if (system.type !== "EXECUTION") badRequest(`${executionSystem} is not an execution system`)
    if (!this.systems.canUse(system, caller)) forbidden(`User does not have access to system ${executionSystem}`)
    for (const field of ["inputs", "parameters", "outputs"]) {
      const list = body[field]
      if (
        list !== undefined &&
        (!Array.isArray(list) || !list.every((item) => isRecord(item) && typeof item["id"] === "string"))
      ) {
        badRequest(`Every item of ${field} needs an id`)
      }
    }
    return { inputs: [], parameters: [], outputs: [], tags: [], ontology: [], modules: [], ...body }
  }

  /**
   * `POST /apps/v2/`.
   *
   * @since 0.1.0
   */
  add(caller: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const description = this.checked(caller, body)
      const id = `${String(description["name"])}-${String(description["version"])}`
      if (this.rows.has(id)) refuse(409, `An app with id ${id} already exists`)
      const row: AppRow = {
        description,
        id,
        owner: caller,
        isPublic: false,
        available: description["available"] !== false,
        revision: 1,
        lastModified: now,
        grants: new Map()
      }
      this.rows.set(id, row)
      return this.view(row)
    }, 201)
  }

  /**
   * `GET /apps/v2/{appId}`.
   *
   * @since 0.1.0
   */
  get(caller: string, id: string): Op<Record<string, unknown>> {
    return run(() => this.view(this.readable(id, caller)))
  }

  /**
   * `POST /apps/v2/{appId}`: a new description of the same name and version.
   *
   * @since 0.1.0
   */
  update(caller: string, id: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.writable(id, caller)
      if (row.isPublic) forbidden("Public apps cannot be updated")
      const description = this.checked(caller, body)
      if (`${String(description["name"])}-${String(description["version"])}` !== id) {
        badRequest("The name and version of an app cannot be changed")
      }
      row.description = description
      row.revision += 1
      row.lastModified = now
      return this.view(row)
    })
  }

  /**
   * `PUT /apps/v2/{appId}`: publish, unpublish, clone, enable, disable, erase.
   *
   * @since 0.1.0
   */
  manage(caller: string, id: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.readable(id, caller)
      const action = isRecord(body) && typeof body["action"] === "string" ? body["action"].toLowerCase() : ""
      const field = (name: string) => (isRecord(body) && typeof body[name] === "string" ? body[name] : undefined)
      const admin = () => this.admins.has(caller) || forbidden("Only tenant administrators can publish apps")
      switch (action) {
        case "publish": {
          admin()
          const version = field("version") ?? String(row.description["version"])
          const name = field("name") ?? String(row.description["name"])
          const publishedId = `${name}-${version}u${row.revision}`
          const published: AppRow = {
            description: {
              ...row.description,
              name,
              version,
              executionSystem: field("executionSystem") ?? row.description["executionSystem"]
            },
            id: publishedId,
            owner: row.owner,
            isPublic: true,
            available: true,
            revision: row.revision,
            lastModified: now,
            grants: new Map()
          }
          this.rows.set(publishedId, published)
          return this.view(published)
        }
        case "unpublish":
          admin()
          row.isPublic = false
          break
        case "clone": {
          const name = field("name")
          if (name === undefined || !namePattern.test(name)) return badRequest("Please specify a name for the clone")
          const version = field("version") ?? String(row.description["version"])
          const cloneId = `${name}-${version}`
          if (this.rows.has(cloneId)) refuse(409, `An app with id ${cloneId} already exists`)
          const clone: AppRow = {
            description: {
              ...row.description,
              name,
              version,
              executionSystem: field("executionSystem") ?? row.description["executionSystem"],
              ...(field("deploymentPath") === undefined ? {} : { deploymentPath: field("deploymentPath") })
            },
            id: cloneId,
            owner: caller,
            isPublic: false,
            available: true,
            revision: 1,
            lastModified: now,
            grants: new Map()
          }
          this.rows.set(cloneId, clone)
          return this.view(clone)
        }
        case "enable":
        case "disable":
          this.writable(id, caller)
          row.available = action === "enable"
          break
        case "erase":
          if (row.owner !== caller) admin()
          this.rows.delete(id)
          return this.view(row)
        default:
          return badRequest(
            `Invalid action ${action.slice(0, 50)}. Valid actions are publish, unpublish, clone, enable, disable, erase`
          )
      }
      row.lastModified = now
      return this.view(row)
    })
  }

  /**
   * `DELETE /apps/v2/{appId}`.
   *
   * @since 0.1.0
   */
  delete(caller: string, id: string): Op<{}> {
    return run(() => {
      const row = this.writable(id, caller)
      if (row.owner !== caller && !this.admins.has(caller)) forbidden()
      this.rows.delete(id)
      return {}
    })
  }

  /** @internal */
  private permissionJson(row: AppRow, username: string) {
    return Grants.entry(`${this.baseUrl}/apps/v2`, row, username, this.rights(row, username))
  }

  /**
   * `GET /apps/v2/{appId}/pems`: the owner's, then every grant.
   *
   * @since 0.1.0
   */
  listPermissions(caller: string, id: string, query: URLSearchParams): Op<ReadonlyArray<unknown>> {
    return run(() => {
      const row = this.readable(id, caller)
      return Grants.listing(row, (user) => this.permissionJson(row, user), query)
    })
  }

  /**
   * `GET /apps/v2/{appId}/pems/{username}`: one entry, as the service answers.
   *
   * @since 0.1.0
   */
  getPermission(caller: string, id: string, username: string): Op<unknown> {
    return run(() => this.permissionJson(this.readable(id, caller), username))
  }

  /**
   * `POST …/pems` (user in the body) or `…/pems/{username}`; `NONE` revokes.
   *
   * @since 0.1.0
   */
  updatePermission(caller: string, id: string, username: string | undefined, body: unknown): Op<{}> {
    return run(() => Grants.update(this.writable(id, caller), username, body))
  }

  /**
   * `DELETE …/pems` or `…/pems/{username}`.
   *
   * @since 0.1.0
   */
  deletePermissions(caller: string, id: string, username?: string): Op<{}> {
    return run(() => Grants.revoke(this.writable(id, caller), username))
  }

  /**
   * `GET /apps/v2/{appId}/form`: a JSON description of a job submission's fields.
   *
   * @since 0.1.0
   */
  form(caller: string, id: string): Op<unknown> {
    return run(() => {
      const row = this.readable(id, caller)
      const fields = (list: unknown) =>
        (Array.isArray(list) ? list : []).filter(isRecord).map((item) => ({
          id: item["id"],
          label: isRecord(item["details"]) ? item["details"]["label"] ?? item["id"] : item["id"],
          required: isRecord(item["value"]) ? item["value"]["required"] === true : false,
          default: isRecord(item["value"]) ? item["value"]["default"] ?? null : null
        }))
      return {
        appId: row.id,
        name: row.description["name"],
        inputs: fields(row.description["inputs"]),
        parameters: fields(row.description["parameters"])
      }
    })
  }
}
