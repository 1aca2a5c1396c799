/**
 * The notifications of the Agave test server: subscriptions to a resource's events, checked as the
 * service checks them (a web address — `${…}` templates allowed — or an email address; an event; the
 * UUID of a resource, `*` for administrators only; a retry policy within its bounds) and refused with
 * 400 otherwise. Nothing is delivered over the network: {@link Notifications.fire} records a delivery,
 * and a transient notification that has fired can no longer be changed (412, as the service answers).
 * A deleted notification is kept, invisible, and answered 404 "Notification X has been deleted.".
 *
 * @since 0.1.0
 */
import type { Op } from "./Outcome.js"
import { badRequest, forbidden, iso, page, refuse, run } from "./Outcome.js"

/**
 * A notification's retry policy.
 *
 * @since 0.1.0
 * @category models
 */
export interface Policy {
  readonly retryStrategy: string
  readonly retryLimit: number
  readonly retryRate: number
  readonly retryDelay: number
  readonly saveOnFailure: boolean
}

/**
 * A stored notification.
 *
 * @since 0.1.0
 * @category models
 */
export interface NotificationRow {
  readonly id: string
  readonly owner: string
  readonly created: number
  url: string
  event: string
  associatedUuid: string
  persistent: boolean
  policy: Policy
  status: "ACTIVE" | "INACTIVE" | "COMPLETE" | "FAILED"
  visible: boolean
  attempts: number
  lastSent: number | undefined
  responseCode: number | undefined
  success: boolean
  lastUpdated: number
}

/**
 * How the notifications are wired into their tenant.
 *
 * @since 0.1.0
 * @category models
 */
export interface NotificationsOptions {
  readonly baseUrl?: string | undefined
  /** Tenant administrators (they may subscribe to `*`, and see every notification). */
  readonly admins?: ReadonlySet<string> | undefined
  /** Whether a resource UUID names something that exists (by default: any well-formed UUID). */
  readonly exists?: ((uuid: string) => boolean) | undefined
}

/**
 * A checked request: what a notification subscribes to.
 *
 * @since 0.1.0
 * @category models
 */
export interface Subscription {
  readonly url: string
  readonly event: string
  readonly associatedUuid: string
  readonly persistent: boolean
  readonly policy: Policy
}

const defaultPolicy: Policy = {
  retryStrategy: "NONE",
  retryLimit: 5,
  retryRate: 5,
  retryDelay: 0,
  saveOnFailure: true
}

const strategies: ReadonlySet<string> = new Set(["NONE", "IMMEDIATE", "DELAYED", "EXPONENTIAL"])
const agaveUuid = /^\d{1,20}-[0-9a-f]{1,16}-[0-9a-f]{1,8}-\d{3}$/
const email = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@.]{2,63}$/
const event = /^(?:\*|[A-Za-z][A-Za-z0-9_]{0,63})$/

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// A web address, its `${…}` templates filled with a placeholder.
const isWebAddress = (url: string): boolean => {
  try {
    const parsed = new URL(url.replace(/\$\{[A-Z_]{1,40}\}/g, "x"))
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== ""
  } catch {
    return false
  }
}

const bounded = (policy: Record<string, unknown>, name: string, max: number, fallback: number): number => {
  const value = policy[name]
  if (value === undefined) return fallback
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    return badRequest(`Invalid retry policy: ${name} must be a whole number between 0 and ${max}`)
  }
  return value
}

const policyOf = (value: unknown): Policy => {
  if (value === undefined || value === null) return defaultPolicy
  if (!isObject(value)) return badRequest("Invalid retry policy: it must be a JSON object")
  const strategy = value["retryStrategy"] ?? defaultPolicy.retryStrategy
  if (typeof strategy !== "string" || !strategies.has(strategy)) {
    badRequest("Invalid retry policy: retryStrategy must be one of NONE, IMMEDIATE, DELAYED, EXPONENTIAL")
  }
  const saveOnFailure = value["saveOnFailure"] ?? defaultPolicy.saveOnFailure
  if (typeof saveOnFailure !== "boolean") badRequest("Invalid retry policy: saveOnFailure must be true or false")
  return {
    retryStrategy: strategy as string,
    retryLimit: bounded(value, "retryLimit", 1440, defaultPolicy.retryLimit),
    retryRate: bounded(value, "retryRate", 86400, defaultPolicy.retryRate),
    retryDelay: bounded(value, "retryDelay", 86400, defaultPolicy.retryDelay),
    saveOnFailure: saveOnFailure as boolean
  }
}

/**
 * The notifications of a tenant.
 *
 * @since 0.1.0
 * @category state
 */
export class Notifications {
  private readonly rows = new Map<string, NotificationRow>()
  private serial = 0
  private readonly baseUrl: string
  private readonly admins: ReadonlySet<string>

  constructor(private readonly options: NotificationsOptions = {}) {
    this.baseUrl = options.baseUrl ?? "https://agave.test"
    this.admins = options.admins ?? new Set()
  }

  /** @internal */
  private checked(caller: string, body: unknown, aboutNewDocument = false): Subscription {
    if (!isObject(body)) return badRequest("Notification should be a valid JSON object.")
    const url = body["url"]
    if (typeof url !== "string" || url.trim() === "") {
      return badRequest("No notification url provided. Please specify a valid email address or web address")
    }
    if (url.length > 2048 || !(email.test(url) || isWebAddress(url))) {
      badRequest(`Invalid notification url, ${url.slice(0, 100)}. Please specify a valid email address or web address`)
    }
    const name = body["event"]
    if (typeof name !== "string" || name === "") return badRequest("No notification event provided.")
    if (!event.test(name)) badRequest(`Invalid notification event, ${name.slice(0, 64)}`)
    const associatedUuid = aboutNewDocument ? "*" : body["associatedUuid"]
    if (typeof associatedUuid !== "string" || associatedUuid === "") {
      return badRequest("No associatedUuid provided. Please specify the UUID of the resource to watch")
    }
    if (associatedUuid === "*") {
      if (!aboutNewDocument && !this.admins.has(caller)) {
        forbidden("Administrator permissions are required to set wildcard notifications.")
      }
    } else if (!agaveUuid.test(associatedUuid) || this.options.exists?.(associatedUuid) === false) {
      badRequest(`Invalid associatedUuid. No resource found with uuid ${associatedUuid.slice(0, 100)}`)
    }
    const persistent = body["persistent"] ?? false
    if (typeof persistent !== "boolean") badRequest("Invalid persistent value: it must be true or false")
    return { url, event: name, associatedUuid, persistent: persistent as boolean, policy: policyOf(body["policy"]) }
  }

  /**
   * A notification as the service answers it.
   *
   * @since 0.1.0
   */
  view(row: NotificationRow): Record<string, unknown> {
    return {
      ...this.summary(row),
      owner: row.owner,
      responseCode: row.responseCode ?? null,
      attempts: row.attempts,
      lastSent: row.lastSent === undefined ? null : iso(row.lastSent),
      success: row.success,
      persistent: row.persistent,
      status: row.status,
      lastUpdated: iso(row.lastUpdated),
      created: iso(row.created),
      policy: row.policy
    }
  }

  /** @internal */
  private summary(row: NotificationRow): Record<string, unknown> {
    const self = `${this.baseUrl}/notifications/v2/${row.id}`
    return {
      id: row.id,
      url: row.url,
      associatedUuid: row.associatedUuid,
      event: row.event,
      _links: {
        self: { href: self },
        history: { href: `${self}/history` },
        attempts: { href: `${self}/attempts` },
        owner: { href: `${this.baseUrl}/profiles/v2/${row.owner}` }
      }
    }
  }

  /** @internal */
  private find(caller: string, id: string): NotificationRow {
    const row = this.rows.get(id) ?? refuse(404, `No notification found matching ${id}`)
    if (!row.visible) refuse(404, `Notification ${id} has been deleted.`)
    if (row.owner !== caller && !this.admins.has(caller)) {
      forbidden("User does not have permission to view this notification")
    }
    return row
  }

  /** @internal */
  private insert(caller: string, fields: Subscription, now: number): NotificationRow {
    this.serial += 1
    const row: NotificationRow = {
      id: `${String(now).padStart(13, "0")}${String(this.serial).padStart(6, "0")}-242ac113-0001-011`,
      owner: caller,
      created: now,
      lastUpdated: now,
      status: "ACTIVE",
      visible: true,
      attempts: 0,
      lastSent: undefined,
      responseCode: undefined,
      success: false,
      ...fields
    }
    this.rows.set(row.id, row)
    return row
  }

  /**
   * `POST /notifications/v2/`.
   *
   * @since 0.1.0
   */
  add(caller: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => this.view(this.insert(caller, this.checked(caller, body), now)), 201)
  }

  /**
   * Subscriptions a metadata request carries, checked like {@link add} (their resource is the
   * document about to be made): the function that subscribes them once it exists.
   *
   * @since 0.1.0
   */
  subscriber(caller: string, requests: ReadonlyArray<unknown>): (uuid: string, now: number) => void {
    const checked = requests.map((request) => this.checked(caller, request, true))
    return (uuid, now) => {
      for (const fields of checked) this.insert(caller, { ...fields, associatedUuid: uuid }, now)
    }
  }

  /**
   * `GET /notifications/v2/`: the caller's notifications, or those of one resource.
   *
   * @since 0.1.0
   */
  list(caller: string, query: URLSearchParams): Op<ReadonlyArray<Record<string, unknown>>> {
    return run(() => {
      const about = query.get("associatedUuid")
      const rows = [...this.rows.values()].filter((row) =>
        row.visible && (row.owner === caller || this.admins.has(caller)) &&
        (about === null || about === "" || row.associatedUuid === about)
      )
      return page(rows, { limit: query.get("limit"), offset: query.get("offset") }).map((row) => this.summary(row))
    })
  }

  /**
   * `GET /notifications/v2/{uuid}`.
   *
   * @since 0.1.0
   */
  get(caller: string, id: string): Op<Record<string, unknown>> {
    return run(() => this.view(this.find(caller, id)))
  }

  /**
   * `POST /notifications/v2/{uuid}`: replaces its URL, event, resource, persistence and policy, while
   * it is active (or persistent).
   *
   * @since 0.1.0
   */
  update(caller: string, id: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.find(caller, id)
      if (row.status !== "ACTIVE" && !(row.status !== "INACTIVE" && row.persistent)) {
        refuse(412, "Notification has already fired. You can not update past notifications.")
      }
      Object.assign(row, this.checked(caller, body), { lastUpdated: now })
      return this.view(row)
    })
  }

  /**
   * `DELETE /notifications/v2/{uuid}`.
   *
   * @since 0.1.0
   */
  delete(caller: string, id: string): Op<{}> {
    return run((now) => {
      const row = this.find(caller, id)
      row.visible = false
      row.status = "INACTIVE"
      row.lastUpdated = now
      return {}
    })
  }

  /**
   * Records the delivery of every active notification of `associatedUuid` that listens for `event`
   * (or `*`), as if its URL had answered `responseCode`; a transient one is then complete. Answers
   * how many fired.
   *
   * @since 0.1.0
   */
  fire(associatedUuid: string, eventName: string, now: number, responseCode = 200): number {
    let fired = 0
    for (const row of this.rows.values()) {
      if (!row.visible || row.status !== "ACTIVE") continue
      if (row.associatedUuid !== associatedUuid && row.associatedUuid !== "*") continue
      if (row.event !== eventName && row.event !== "*") continue
      fired += 1
      row.attempts += 1
      row.lastSent = now
      row.responseCode = responseCode
      row.success = responseCode >= 200 && responseCode < 300
      if (!row.persistent) row.status = row.success ? "COMPLETE" : "FAILED"
    }
    return fired
  }
}
