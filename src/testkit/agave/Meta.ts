/**
 * The metadata store of the Agave test server: JSON documents (`name`, `value` of any JSON,
 * `associationIds`, an optional `schemaId` whose JSON Schema the value must satisfy), found with
 * MongoDB queries (`MetaQuery`) newest change first; JSON Schemas; read and write permissions on
 * both, the owner's and tenant administrators' implicit; `privileged=false` for an administrator's
 * own view; bulk create, update and delete (all or nothing). Errors are worded as the service words
 * them, quirks included: a user without write permission is answered 401, and a permission resource
 * answers 400 for a missing document.
 *
 * @since 0.1.0
 */
import * as JsonSchemaCheck from "./JsonSchemaCheck.js"
import type { Kind, Shared } from "./MetaAccess.js"
import { MetaAccess } from "./MetaAccess.js"
import * as MetaQuery from "./MetaQuery.js"
import type { Op } from "./Outcome.js"
import { badRequest, forbidden, iso, page, refuse, run } from "./Outcome.js"

/**
 * A stored document.
 *
 * @since 0.1.0
 * @category models
 */
export interface DocumentRow extends Shared {
  name: string
  value: unknown
  schemaId: string | null
  associationIds: ReadonlyArray<string>
}

/**
 * A stored schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface SchemaRow extends Shared {
  schema: Readonly<Record<string, unknown>>
}

/**
 * How the store is wired into its tenant.
 *
 * @since 0.1.0
 * @category models
 */
export interface MetaOptions {
  readonly baseUrl?: string | undefined
  /** Tenant administrators: every document is theirs to read and change. */
  readonly admins?: ReadonlySet<string> | undefined
  /** Whether a user exists (permissions are granted to users only). */
  readonly userExists?: ((username: string) => boolean) | undefined
  /** A document or schema event (`CREATED`, `UPDATED`, `DELETED`), for notifications. */
  readonly onEvent?: ((uuid: string, event: string, now: number) => void) | undefined
  /** Checks the notifications a document request carries, and answers what subscribes them once
   *  the document exists. */
  readonly subscribe?:
    | ((caller: string, requests: ReadonlyArray<unknown>) => (uuid: string, now: number) => void)
    | undefined
}

/**
 * A document request, checked.
 *
 * @since 0.1.0
 * @category models
 */
export interface DocumentRequest {
  readonly name: string
  readonly value: unknown
  readonly schemaId: string | null
  readonly associationIds: ReadonlyArray<string>
  readonly notifications: ReadonlyArray<unknown>
}

/**
 * A document made and checked, not yet stored, and what subscribes its notifications once it is.
 *
 * @since 0.1.0
 * @category models
 */
export interface Made {
  readonly row: DocumentRow
  readonly subscribe: ((uuid: string, now: number) => void) | undefined
}

const agaveUuid = /^\d{1,20}-[0-9a-f]{1,16}-[0-9a-f]{1,8}-\d{3}$/

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const maxBulk = 1000

/**
 * The metadata of a tenant.
 *
 * @since 0.1.0
 * @category state
 */
export class Meta {
  private readonly documents = new Map<string, DocumentRow>()
  private readonly schemas = new Map<string, SchemaRow>()
  private serial = 0
  private readonly baseUrl: string
  private readonly permissions: MetaAccess

  constructor(private readonly options: MetaOptions = {}) {
    this.baseUrl = options.baseUrl ?? "https://agave.test"
    this.permissions = new MetaAccess(this.baseUrl, options.admins ?? new Set(), options.userExists)
  }

  /**
   * Whether a document or schema with this UUID exists.
   *
   * @since 0.1.0
   */
  has(uuid: string): boolean {
    return this.documents.has(uuid) || this.schemas.has(uuid)
  }

  /** @internal */
  private nextUuid(now: number, type: "012" | "013"): string {
    this.serial += 1
    return `${String(now).padStart(13, "0")}${String(this.serial).padStart(6, "0")}-242ac113-0001-${type}`
  }

  /** @internal */
  private access(row: Shared, user: string) {
    return this.permissions.of(row, user)
  }

  // ---- documents -----------------------------------------------------------------------------

  /** @internal */
  private document(uuid: string, missingStatus = 404): DocumentRow {
    return this.documents.get(uuid) ?? refuse(missingStatus, `No metadata item found for user with id ${uuid}`)
  }

  /** @internal */
  private readableDocument(caller: string, uuid: string): DocumentRow {
    const row = this.document(uuid)
    if (!this.access(row, caller).read) {
      forbidden("Cannot validate - User does not have permission to read this metadata entry.")
    }
    return row
  }

  /** @internal */
  private writableDocument(caller: string, uuid: string): DocumentRow {
    const row = this.document(uuid)
    // The service answers 401 here (a permission, not a token, is missing).
    if (!this.access(row, caller).write) refuse(401, "User does not have permission to update metadata")
    return row
  }

  /**
   * A document as the service answers it.
   *
   * @since 0.1.0
   */
  view(row: DocumentRow): Record<string, unknown> {
    const self = `${this.baseUrl}/meta/v2/data/${row.uuid}`
    return {
      uuid: row.uuid,
      owner: row.owner,
      schemaId: row.schemaId,
      internalUsername: null,
      associationIds: row.associationIds,
      lastUpdated: iso(row.lastUpdated),
      name: row.name,
      value: row.value,
      created: iso(row.created),
      _links: {
        self: { href: self },
        permissions: { href: `${self}/pems` },
        owner: { href: `${this.baseUrl}/profiles/v2/${row.owner}` },
        associationIds: row.associationIds.map((id) => ({ rel: id, href: null, title: "resource" }))
      }
    }
  }

  // What a query reads: the stored fields, times as dates.
  /** @internal */
  private stored(row: DocumentRow): Record<string, unknown> {
    return {
      uuid: row.uuid,
      owner: row.owner,
      schemaId: row.schemaId,
      internalUsername: null,
      associationIds: row.associationIds,
      name: row.name,
      value: row.value,
      created: new Date(row.created),
      lastUpdated: new Date(row.lastUpdated)
    }
  }

  /** @internal */
  private visible<R extends Shared>(rows: Iterable<R>, caller: string, query: URLSearchParams): ReadonlyArray<R> {
    const privileged = query.get("privileged")?.toLowerCase() !== "false"
    const out: Array<R> = []
    for (const row of rows) if (this.permissions.lists(row, caller, privileged)) out.push(row)
    return out.sort((a, b) => b.lastUpdated - a.lastUpdated || b.serial - a.serial)
  }

  /**
   * `GET /meta/v2/data`: the documents `q` matches that the caller may read, newest change first.
   *
   * @since 0.1.0
   */
  list(caller: string, query: URLSearchParams): Op<ReadonlyArray<Record<string, unknown>>> {
    return run(() => {
      const q = MetaQuery.parse(query.get("q"))
      const matched = this.visible(this.documents.values(), caller, query).filter((row) =>
        MetaQuery.matches(this.stored(row), q)
      )
      return page(matched, { limit: query.get("limit"), offset: query.get("offset") }).map((row) => this.view(row))
    })
  }

  /** @internal */
  private request(body: unknown): DocumentRequest {
    if (!isObject(body)) return badRequest("Unable to parse form. The metadata must be a JSON object")
    const name = body["name"]
    if (typeof name !== "string" || name.length === 0 || name.length > 256) {
      badRequest("No name attribute specified. Please associate a value with the metadata name.")
    }
    if (body["value"] === undefined || body["value"] === null) {
      badRequest("No value attribute specified. Please associate a value with the metadata value.")
    }
    const ids = body["associationIds"] ?? []
    const associationIds = typeof ids === "string" ? [ids] : ids
    if (!Array.isArray(associationIds)) return badRequest("Invalid associationIds value: it must be a list of UUIDs")
    for (const id of associationIds) {
      if (typeof id !== "string" || !agaveUuid.test(id)) {
        badRequest(`Invalid associationIds value: ${String(id).slice(0, 100)} is not a valid UUID`)
      }
    }
    const schemaId = body["schemaId"] ?? null
    if (schemaId !== null && typeof schemaId !== "string") badRequest("Invalid schemaId value")
    const notifications = body["notifications"] ?? []
    if (!Array.isArray(notifications)) {
      badRequest("Invalid notifications value. notifications should be an JSON array of notification objects.")
    }
    return {
      name: name as string,
      value: body["value"],
      schemaId: schemaId as string | null,
      associationIds: associationIds as ReadonlyArray<string>,
      notifications: notifications as ReadonlyArray<unknown>
    }
  }

  /** @internal */
  private checkValue(caller: string, schemaId: string | null, value: unknown): void {
    if (schemaId === null) return
    const schema = this.schemas.get(schemaId)
    if (schema === undefined || !this.access(schema, caller).read) {
      badRequest(`Invalid schemaId. No metadata schema ${schemaId.slice(0, 100)} is available to the user`)
    }
    const problem = JsonSchemaCheck.valueProblem(value, schema!.schema)
    if (problem !== undefined) badRequest(`Metadata value does not conform to schema ${schemaId}: ${problem}`)
  }

  /** @internal */
  private create(
    caller: string,
    body: unknown,
    now: number
  ): Made {
    const request = this.checked(caller, body)
    const row: DocumentRow = {
      uuid: this.nextUuid(now, "012"),
      owner: caller,
      created: now,
      lastUpdated: now,
      serial: this.serial,
      grants: new Map(),
      name: request.name,
      value: request.value,
      schemaId: request.schemaId,
      associationIds: request.associationIds
    }
    const subscribe = request.notifications.length === 0
      ? undefined
      : this.options.subscribe?.(caller, request.notifications)
    return { row, subscribe }
  }

  /** @internal */
  private store({ row, subscribe }: Made, now: number): DocumentRow {
    this.documents.set(row.uuid, row)
    subscribe?.(row.uuid, now)
    this.options.onEvent?.(row.uuid, "CREATED", now)
    return row
  }

  /**
   * `POST /meta/v2/data`.
   *
   * @since 0.1.0
   */
  add(caller: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => this.view(this.store(this.create(caller, body, now), now)), 201)
  }

  /**
   * `GET /meta/v2/data/{uuid}`.
   *
   * @since 0.1.0
   */
  get(caller: string, uuid: string): Op<Record<string, unknown>> {
    return run(() => this.view(this.readableDocument(caller, uuid)))
  }

  /** @internal */
  private checked(caller: string, body: unknown): DocumentRequest {
    const request = this.request(body)
    this.checkValue(caller, request.schemaId, request.value)
    return request
  }

  /** @internal */
  private replace(row: DocumentRow, request: DocumentRequest, now: number): void {
    row.name = request.name
    row.value = request.value
    row.schemaId = request.schemaId
    row.associationIds = request.associationIds
    row.lastUpdated = now
    this.serial += 1
    row.serial = this.serial
  }

  /**
   * `POST /meta/v2/data/{uuid}`: replaces the document's name, value, associations and schema.
   *
   * @since 0.1.0
   */
  update(caller: string, uuid: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.writableDocument(caller, uuid)
      this.replace(row, this.checked(caller, body), now)
      this.options.onEvent?.(uuid, "UPDATED", now)
      return this.view(row)
    })
  }

  /**
   * `DELETE /meta/v2/data/{uuid}`.
   *
   * @since 0.1.0
   */
  delete(caller: string, uuid: string): Op<{}> {
    return run((now) => {
      this.writableDocument(caller, uuid)
      this.documents.delete(uuid)
      this.options.onEvent?.(uuid, "DELETED", now)
      return {}
    })
  }

  // ---- bulk ------------------------------------------------------------------------------------

  /** @internal */
  private items(body: unknown): ReadonlyArray<unknown> {
    if (!Array.isArray(body) || body.length === 0) return badRequest("Please provide a non-empty JSON array")
    if (body.length > maxBulk) return badRequest(`A bulk request takes at most ${maxBulk} items`)
    return body
  }

  /**
   * `POST /meta/v2/bulk/create`: every document or none.
   *
   * @since 0.1.0
   */
  bulkCreate(caller: string, body: unknown): Op<string> {
    return run((now) => {
      const items = this.items(body)
      const rows = items.map((item) => this.create(caller, item, now)).map((made) => this.store(made, now))
      return `Created ${rows.length} metadata items: ${rows.map((row) => row.uuid).join(", ")}`
    }, 201)
  }

  /**
   * `POST /meta/v2/bulk/update`: each item names its document by `uuid`; every one or none.
   *
   * @since 0.1.0
   */
  bulkUpdate(caller: string, body: unknown): Op<string> {
    return run((now) => {
      const items = this.items(body)
      // Every item is checked before any is changed.
      const changes = items.map((item) => {
        const uuid = isObject(item) && typeof item["uuid"] === "string" ? item["uuid"] : ""
        if (uuid === "") badRequest("Every document of a bulk update needs its uuid")
        const row = this.document(uuid)
        if (!this.access(row, caller).write) forbidden(`User does not have permission to update metadata ${uuid}`)
        return { row, request: this.checked(caller, item) }
      })
      for (const { request, row } of changes) {
        this.replace(row, request, now)
        this.options.onEvent?.(row.uuid, "UPDATED", now)
      }
      return `Updated ${changes.length} metadata items`
    })
  }

  /**
   * `POST /meta/v2/bulk/delete`: a list of UUIDs; every one or none.
   *
   * @since 0.1.0
   */
  bulkDelete(caller: string, body: unknown): Op<string> {
    return run((now) => {
      const items = this.items(body)
      const uuids = items.map((item) =>
        typeof item === "string" ? item : badRequest("Bulk delete takes a list of UUIDs")
      )
      for (const uuid of uuids) {
        if (!this.access(this.document(uuid), caller).write) {
          forbidden(`User does not have permission to delete metadata ${uuid}`)
        }
      }
      for (const uuid of new Set(uuids)) {
        this.documents.delete(uuid)
        this.options.onEvent?.(uuid, "DELETED", now)
      }
      return `Deleted ${new Set(uuids).size} metadata items`
    })
  }

  // ---- schemas ---------------------------------------------------------------------------------

  /** @internal */
  private schemaRow(uuid: string): SchemaRow {
    return this.schemas.get(uuid) ?? refuse(404, `No metadata schema found for user with id ${uuid}`)
  }

  /**
   * A schema as the service answers it.
   *
   * @since 0.1.0
   */
  schemaView(row: SchemaRow): Record<string, unknown> {
    const self = `${this.baseUrl}/meta/v2/schemas/${row.uuid}`
    return {
      uuid: row.uuid,
      internalUsername: null,
      lastUpdated: iso(row.lastUpdated),
      schema: row.schema,
      created: iso(row.created),
      owner: row.owner,
      _links: {
        self: { href: self },
        permissions: { href: `${self}/pems` },
        owner: { href: `${this.baseUrl}/profiles/v2/${row.owner}` }
      }
    }
  }

  /** @internal */
  private checkedSchema(body: unknown): Readonly<Record<string, unknown>> {
    const problem = JsonSchemaCheck.schemaProblem(body)
    if (problem !== undefined) {
      badRequest(
        `The supplied JSON Schema definition is invalid. For more information on JSON Schema, please visit http://json-schema.org/. ${problem}`
      )
    }
    return body as Readonly<Record<string, unknown>>
  }

  /**
   * `GET /meta/v2/schemas`: the schemas `q` matches that the caller may read.
   *
   * @since 0.1.0
   */
  searchSchemas(caller: string, query: URLSearchParams): Op<ReadonlyArray<Record<string, unknown>>> {
    return run(() => {
      const q = MetaQuery.parse(query.get("q"))
      const matched = this.visible(this.schemas.values(), caller, query).filter((row) =>
        MetaQuery.matches({
          ...this.schemaView(row),
          created: new Date(row.created),
          lastUpdated: new Date(row.lastUpdated)
        }, q)
      )
      return page(matched, { limit: query.get("limit"), offset: query.get("offset") }).map((row) =>
        this.schemaView(row)
      )
    })
  }

  /**
   * `POST /meta/v2/schemas`.
   *
   * @since 0.1.0
   */
  addSchema(caller: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const schema = this.checkedSchema(body)
      const row: SchemaRow = {
        uuid: this.nextUuid(now, "013"),
        owner: caller,
        created: now,
        lastUpdated: now,
        serial: this.serial,
        grants: new Map(),
        schema
      }
      this.schemas.set(row.uuid, row)
      this.options.onEvent?.(row.uuid, "CREATED", now)
      return this.schemaView(row)
    }, 201)
  }

  /** @internal */
  private usableSchema(caller: string, uuid: string, write: boolean): SchemaRow {
    const row = this.schemaRow(uuid)
    const access = this.access(row, caller)
    if (!access.read && !(write && access.write)) forbidden("User does not have permission to view this schema")
    if (write && !access.write) forbidden("User does not have permission to update this schema")
    return row
  }

  /**
   * `GET /meta/v2/schemas/{uuid}`.
   *
   * @since 0.1.0
   */
  getSchema(caller: string, uuid: string): Op<Record<string, unknown>> {
    return run(() => this.schemaView(this.usableSchema(caller, uuid, false)))
  }

  /**
   * `POST /meta/v2/schemas/{uuid}`.
   *
   * @since 0.1.0
   */
  updateSchema(caller: string, uuid: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.usableSchema(caller, uuid, true)
      row.schema = this.checkedSchema(body)
      row.lastUpdated = now
      this.options.onEvent?.(uuid, "UPDATED", now)
      return this.schemaView(row)
    })
  }

  /**
   * `DELETE /meta/v2/schemas/{uuid}`: documents that name it stay, and can no longer be updated.
   *
   * @since 0.1.0
   */
  deleteSchema(caller: string, uuid: string): Op<{}> {
    return run((now) => {
      this.usableSchema(caller, uuid, true)
      this.schemas.delete(uuid)
      this.options.onEvent?.(uuid, "DELETED", now)
      return {}
    })
  }

  // ---- permissions -----------------------------------------------------------------------------

  /** @internal */
  private shared(kind: Kind, uuid: string): Shared {
    // The documents' permission resource answers 400 for a missing document.
    return kind === "data" ? this.document(uuid, 400) : this.schemaRow(uuid)
  }

  /**
   * `GET …/{uuid}/pems`: the owner's (all), then every grant.
   *
   * @since 0.1.0
   */
  listPermissions(kind: Kind, caller: string, uuid: string, query: URLSearchParams): Op<ReadonlyArray<unknown>> {
    return run(() => this.permissions.list(kind, this.shared(kind, uuid), caller, query))
  }

  /**
   * `GET …/{uuid}/pems/{username}`.
   *
   * @since 0.1.0
   */
  getPermission(kind: Kind, caller: string, uuid: string, username: string): Op<unknown> {
    return run(() => this.permissions.get(kind, this.shared(kind, uuid), caller, username))
  }

  /**
   * `POST …/{uuid}/pems` (user in the body) or `…/pems/{username}`; `NONE` (or an empty permission)
   * revokes.
   *
   * @since 0.1.0
   */
  updatePermission(
    kind: Kind,
    caller: string,
    uuid: string,
    username: string | undefined,
    body: unknown
  ): Op<unknown> {
    // A grant is answered 201, a revocation 200 (both with the user's entry), as the service answers.
    const level = isObject(body) && typeof body["permission"] === "string" ? body["permission"].toUpperCase() : ""
    return run(
      () => this.permissions.update(kind, this.shared(kind, uuid), caller, username, body),
      level === "" || level === "NONE" ? 200 : 201
    )
  }

  /**
   * `DELETE …/{uuid}/pems` or `…/pems/{username}`.
   *
   * @since 0.1.0
   */
  deletePermissions(kind: Kind, caller: string, uuid: string, username?: string): Op<{}> {
    return run(() => this.permissions.delete(this.shared(kind, uuid), caller, username))
  }
}
