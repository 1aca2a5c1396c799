/**
 * The actors of the Agave test server, as Abaco keeps them. An execution starts when its message
 * arrives: SUBMITTED, RUNNING after `startDelay`, then COMPLETE (or ERROR) after `runDelay`, on
 * Effect's `Clock`; its logs and results (a queue: each read takes one) appear when it ends. Actors
 * have workers, nonces whose uses count down, aliases, state and permissions; the server writes its
 * fields in camelCase or snake_case (`case`), and reads request bodies in that case only, as Abaco
 * does. Abaco answers most refusals with 400: permission failures ("Not authorized -- …") included.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import { isRecord } from "effect/Predicate"
import * as Requests from "./ActorRequests.js"
import type { ActorProgram, ActorRow, Case, ContentType, ExecutionRow, Level, NonceRow } from "./ActorRows.js"
import { echo, inCase, levels, rank, underToCamel } from "./ActorRows.js"
import { isSearch, search } from "./ActorSearchTerms.js"
import * as Views from "./ActorViews.js"
import type { Op } from "./Outcome.js"
import { badRequest, refuse, run } from "./Outcome.js"

/**
 * How actors behave.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActorsOptions {
  /** How the server writes (and reads) multi-word fields: camelCase (Abaco's default) or snake_case. */
  readonly case?: Case | undefined
  /** How long a message waits for a worker (one second by default). */
  readonly startDelay?: Duration.DurationInput | undefined
  /** How long an execution runs (three seconds by default). */
  readonly runDelay?: Duration.DurationInput | undefined
  /** What executions do: {@link echo} by default. */
  readonly program?: ActorProgram | undefined
  /** Users without an Abaco role: every call of theirs is refused ("Not authorized -- missing required role."). */
  readonly roleless?: ReadonlyArray<string> | undefined
  /** The tenant's id, the prefix of nonce ids. */
  readonly tenant?: string | undefined
  readonly baseUrl?: string | undefined
}

/**
 * A message as received.
 *
 * @since 0.1.0
 * @category models
 */
export interface Message {
  readonly value: unknown
  readonly contentType: ContentType
  readonly size: number
}

// Abaco's hashids: 13 letters and digits, from a counter (deterministic, never an alias's shape).
const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
const hashid = (n: number, salt: number): string => {
  let x = (n * 2654435761 + salt * 40503) >>> 0
  let out = ""
  for (let i = 0; i < 13; i++) {
    out += alphabet[(x + i * 7919) % alphabet.length]
    x = (x * 1103515245 + 12345) >>> 0
  }
  return out
}

/**
 * The actors of the tenant.
 *
 * @since 0.1.0
 * @category state
 */
export class Actors {
  /**
   * How the server writes its fields.
   *
   * @since 0.1.0
   */
  readonly case: Case
  private readonly rows = new Map<string, ActorRow>()
  private readonly aliases = new Map<string, { readonly actorId: string; readonly owner: string }>()
  private serial = 0
  private readonly startMillis: number
  private readonly runMillis: number
  private readonly program: ActorProgram
  private readonly roleless: ReadonlySet<string>
  private readonly tenant: string
  private readonly baseUrl: string

  constructor(private readonly admins: ReadonlySet<string>, options: ActorsOptions = {}) {
    this.case = options.case ?? "camel"
    this.startMillis = Duration.toMillis(options.startDelay ?? Duration.seconds(1))
    this.runMillis = Duration.toMillis(options.runDelay ?? Duration.seconds(3))
    this.program = options.program ?? echo
    this.roleless = new Set(options.roleless ?? [])
    this.tenant = options.tenant ?? "AGAVE-TEST"
    this.baseUrl = options.baseUrl ?? "https://agave.test"
  }

  /** @internal */
  private nextId(salt: number): string {
    this.serial += 1
    return hashid(this.serial, salt)
  }

  /** @internal */
  private show(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return inCase(record, this.case)
  }

  // A request body's field, by its stored name, read in the server's case only.
  /** @internal */
  private field(body: Readonly<Record<string, unknown>>, stored: string): unknown {
    return body[this.case === "camel" ? underToCamel(stored) : stored]
  }

  /**
   * Refuses a user without an Abaco role, as every Abaco endpoint does.
   *
   * @since 0.1.0
   */
  requireRole(caller: string): void {
    if (this.roleless.has(caller)) badRequest("Not authorized -- missing required role.")
  }

  /** @internal */
  private find(identifier: string): ActorRow {
    const row = this.rows.get(identifier) ?? this.rows.get(this.aliases.get(identifier)?.actorId ?? "")
    return row ?? refuse(404, `No actor found with id: ${identifier}.`)
  }

  /** @internal */
  private levelOf(row: ActorRow, caller: string): Level {
    return this.admins.has(caller) ? "UPDATE" : row.permissions.get(caller) ?? "NONE"
  }

  /** @internal */
  private authorized(identifier: string, caller: string, level: Level): ActorRow {
    this.requireRole(caller)
    const row = this.find(identifier)
    if (rank(this.levelOf(row, caller)) < rank(level)) {
      badRequest("Not authorized -- you do not have access to this actor.")
    }
    return row
  }

  /** @internal */
  private actorView(row: ActorRow): Record<string, unknown> {
    return this.show(Views.actor(row, this.baseUrl))
  }

  /**
   * `GET /actors/v2`: the caller's actors; with any query, a search.
   *
   * @since 0.1.0
   */
  list(caller: string, query: URLSearchParams): Op<unknown> {
    return run(() => {
      this.requireRole(caller)
      return this.searchOf(this.readable(caller).map((row) => Views.actor(row, this.baseUrl)), query)
    })
  }

  /** @internal */
  private readable(caller: string): ReadonlyArray<ActorRow> {
    return [...this.rows.values()].filter((row) => rank(this.levelOf(row, caller)) >= rank("READ"))
  }

  // A listing answered as all of it, or as a search page when anything was asked.
  /** @internal */
  private searchOf(stored: ReadonlyArray<Record<string, unknown>>, query: URLSearchParams): unknown {
    if (!isSearch(query)) return stored.map((record) => this.show(record))
    const found = search(stored, query)
    return { _metadata: this.show(found.metadata), search: found.items.map((record) => this.show(record)) }
  }

  /**
   * `POST /actors/v2`.
   *
   * @since 0.1.0
   */
  add(caller: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      this.requireRole(caller)
      const definition = Requests.definition(body, undefined, (b, name) => this.field(b, name))
      if (definition["privileged"] === true && !this.admins.has(caller)) {
        badRequest("Not authorized -- only admins and privileged users can make privileged actors.")
      }
      const id = this.nextId(1)
      const row: ActorRow = {
        id,
        owner: caller,
        created: now,
        definition,
        updated: now,
        revision: 1,
        state: {},
        permissions: new Map([[caller, "UPDATE"]]),
        executions: new Map(),
        workers: new Map(),
        nonces: new Map()
      }
      this.rows.set(id, row)
      this.addWorkerRow(row, now)
      return this.actorView(row)
    })
  }

  /**
   * `GET /actors/v2/{actorId}` (an id or an alias).
   *
   * @since 0.1.0
   */
  get(caller: string, identifier: string): Op<Record<string, unknown>> {
    return run(() => this.actorView(this.authorized(identifier, caller, "READ")))
  }

  /**
   * `PUT /actors/v2/{actorId}`: a new definition.
   *
   * @since 0.1.0
   */
  update(caller: string, identifier: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "UPDATE")
      const definition = Requests.definition(body, row.definition, (b, name) => this.field(b, name))
      if (row.definition["stateless"] === false && definition["stateless"] === true) {
        badRequest("Invalid actor description: an actor that was not stateless cannot be updated to be stateless.")
      }
      if (definition["image"] !== row.definition["image"]) row.revision += 1
      row.definition = definition
      row.updated = now
      return this.actorView(row)
    })
  }

  /**
   * `DELETE /actors/v2/{actorId}`.
   *
   * @since 0.1.0
   */
  delete(caller: string, identifier: string): Op<null> {
    return run(() => {
      const row = this.authorized(identifier, caller, "UPDATE")
      this.rows.delete(row.id)
      return null
    })
  }

  /**
   * `GET …/messages`: the messages no worker has taken yet.
   *
   * @since 0.1.0
   */
  messageCount(caller: string, identifier: string): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "READ")
      const waiting = [...row.executions.values()].filter((e) => !e.purged && now < e.startAt).length
      return { messages: waiting, _links: this.messageLinks(row) }
    })
  }

  /** @internal */
  private messageLinks(row: ActorRow) {
    return { self: `${this.baseUrl}/actors/v2/${row.id}/messages`, owner: `${this.baseUrl}/profiles/v2/${row.owner}` }
  }

  /**
   * `DELETE …/messages`: purges the mailbox (those executions stay SUBMITTED).
   *
   * @since 0.1.0
   */
  purgeMessages(caller: string, identifier: string): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "UPDATE")
      for (const execution of row.executions.values()) if (now < execution.startAt) execution.purged = true
      return { msg: "Actor mailbox purged.", _links: this.messageLinks(row) }
    })
  }

  /**
   * `POST …/messages`: starts an execution of `message`, with the query's variables.
   *
   * @since 0.1.0
   */
  send(
    caller: string,
    identifier: string,
    message: Message,
    variables: Readonly<Record<string, string>>
  ): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "EXECUTE")
      if (row.workers.size === 0) this.addWorkerRow(row, now)
      const workers = [...row.workers.keys()]
      const id = this.nextId(2)
      const environment = {
        ...(row.definition["default_environment"] as Record<string, string>),
        ...variables
      }
      const output = this.program({
        actorId: row.id,
        executionId: id,
        image: String(row.definition["image"]),
        message: message.value,
        contentType: message.contentType,
        environment,
        state: row.state
      })
      if (row.definition["stateless"] === false && output.state !== undefined) row.state = output.state
      row.executions.set(id, {
        id,
        actorId: row.id,
        executor: caller,
        workerId: workers[row.executions.size % workers.length]!,
        received: now,
        startAt: now + this.startMillis,
        finishAt: now + this.startMillis + this.runMillis,
        output,
        size: message.size,
        purged: false,
        results: [...(output.results ?? [])]
      })
      return this.show({
        execution_id: id,
        msg: message.contentType === "application/octet-stream" ? "binary - omitted" : message.value,
        _links: {
          self: `${this.baseUrl}/actors/v2/${row.id}/executions/${id}`,
          owner: `${this.baseUrl}/profiles/v2/${row.owner}`,
          messages: `${this.baseUrl}/actors/v2/${row.id}/messages`
        }
      })
    })
  }

  /**
   * `GET …/state`.
   *
   * @since 0.1.0
   */
  getState(caller: string, identifier: string): Op<Record<string, unknown>> {
    return run(() => ({ state: this.authorized(identifier, caller, "READ").state }))
  }

  /**
   * `POST …/state`: a stateful actor's new state; answers the actor.
   *
   * @since 0.1.0
   */
  updateState(caller: string, identifier: string, body: unknown): Op<Record<string, unknown>> {
    return run(() => {
      const row = this.authorized(identifier, caller, "UPDATE")
      if (row.definition["stateless"] !== false) refuse(404, "actor is stateless.")
      const empty = body === null || body === false || body === 0 || body === "" ||
        (Array.isArray(body) && body.length === 0) || (isRecord(body) && Object.keys(body).length === 0)
      if (empty) badRequest("Invalid actor state description: state must be JSON serializable.")
      row.state = body
      return this.actorView(row)
    })
  }

  /**
   * `GET …/permissions`: each user's level.
   *
   * @since 0.1.0
   */
  getPermissions(caller: string, identifier: string): Op<Record<string, string>> {
    return run(() => Object.fromEntries(this.authorized(identifier, caller, "READ").permissions))
  }

  /**
   * `POST …/permissions`: `{user, level}`; answers every user's level.
   *
   * @since 0.1.0
   */
  updatePermissions(caller: string, identifier: string, body: unknown): Op<Record<string, string>> {
    return run(() => {
      const row = this.authorized(identifier, caller, "UPDATE")
      const user = isRecord(body) ? body["user"] : undefined
      const level = isRecord(body) ? body["level"] : undefined
      if (typeof user !== "string" || user === "" || typeof level !== "string") {
        badRequest("Invalid permissions description: user and level are required")
      }
      if (!(levels as ReadonlyArray<unknown>).includes(level)) {
        badRequest(`Invalid permission level: ${String(level).slice(0, 50)}. The valid values are ${levels.join(", ")}`)
      }
      row.permissions.set(user as string, level as Level)
      return Object.fromEntries(row.permissions)
    })
  }

  /** @internal */
  private addWorkerRow(row: ActorRow, now: number): void {
    const id = this.nextId(3)
    row.workers.set(id, { id, created: now })
  }

  /**
   * `GET …/workers`; with any query, a search.
   *
   * @since 0.1.0
   */
  listWorkers(caller: string, identifier: string, query: URLSearchParams): Op<unknown> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "READ")
      return this.searchOf([...row.workers.keys()].map((id) => Views.worker(row, id, now, this.tenant)), query)
    })
  }

  /**
   * `POST …/workers`: at least `num` workers (administrators only).
   *
   * @since 0.1.0
   */
  addWorkers(caller: string, identifier: string, body: unknown): Op<null> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "UPDATE")
      if (!this.admins.has(caller)) badRequest("Not authorized -- only admins are authorized to update workers.")
      const num = isRecord(body) ? body["num"] : undefined
      if (num !== undefined && num !== null && (!Number.isInteger(num) || (num as number) < 0)) {
        badRequest("Invalid POST: num must be a whole number")
      }
      const wanted = typeof num === "number" && num > 0 ? num : 1
      while (row.workers.size < wanted) this.addWorkerRow(row, now)
      return null
    })
  }

  /**
   * `GET …/workers/{workerId}`.
   *
   * @since 0.1.0
   */
  getWorker(caller: string, identifier: string, workerId: string): Op<Record<string, unknown>> {
    return run((now) =>
      this.show(Views.worker(this.authorized(identifier, caller, "READ"), workerId, now, this.tenant))
    )
  }

  /**
   * `DELETE …/workers/{workerId}`.
   *
   * @since 0.1.0
   */
  deleteWorker(caller: string, identifier: string, workerId: string): Op<null> {
    return run(() => {
      const row = this.authorized(identifier, caller, "UPDATE")
      if (!row.workers.delete(workerId)) refuse(404, "Worker not found.")
      return null
    })
  }

  /**
   * `GET …/nonces`.
   *
   * @since 0.1.0
   */
  listNonces(caller: string, identifier: string): Op<ReadonlyArray<unknown>> {
    return run(() => {
      const row = this.authorized(identifier, caller, "READ")
      return [...row.nonces.values()].map((nonce) => this.show(Views.nonce(row, nonce, this.baseUrl)))
    })
  }

  /**
   * `POST …/nonces`: `{level, maxUses, description}` (EXECUTE and unlimited by default).
   *
   * @since 0.1.0
   */
  addNonce(caller: string, identifier: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "UPDATE")
      const { description, level, maxUses } = Requests.nonce(body, (b, name) => this.field(b, name))
      const nonce: NonceRow = {
        id: `${this.tenant}_${this.nextId(4)}`,
        owner: caller,
        level,
        maxUses,
        description,
        created: now,
        remainingUses: maxUses,
        currentUses: 0,
        lastUse: undefined
      }
      row.nonces.set(nonce.id, nonce)
      return this.show(Views.nonce(row, nonce, this.baseUrl))
    })
  }

  /**
   * `GET …/nonces/{nonceId}`.
   *
   * @since 0.1.0
   */
  getNonce(caller: string, identifier: string, nonceId: string): Op<Record<string, unknown>> {
    return run(() => {
      const row = this.authorized(identifier, caller, "READ")
      return this.show(Views.nonce(row, row.nonces.get(nonceId) ?? badRequest("Nonce not found."), this.baseUrl))
    })
  }

  /**
   * `DELETE …/nonces/{nonceId}`.
   *
   * @since 0.1.0
   */
  deleteNonce(caller: string, identifier: string, nonceId: string): Op<null> {
    return run(() => {
      const row = this.authorized(identifier, caller, "UPDATE")
      row.nonces.delete(nonceId)
      return null
    })
  }

  /**
   * Redeems a nonce for a call on `identifier` needing `level`: one use fewer (unless unlimited), and
   * the call is its owner's. Refusals as Abaco's: 404 for no such actor, 400 for the nonce.
   *
   * @since 0.1.0
   */
  redeem(identifier: string, nonceId: string, level: Level, now: number): string {
    const row = this.find(identifier)
    const nonce = row.nonces.get(nonceId) ?? badRequest("Nonce does not exist.")
    if (rank(nonce.level) < rank(level)) badRequest("Nonce does not have sufficient permissions level.")
    if (nonce.remainingUses === 0) badRequest("No remaining uses left for this nonce.")
    if (nonce.remainingUses > 0) nonce.remainingUses -= 1
    nonce.currentUses += 1
    nonce.lastUse = now
    return nonce.owner
  }

  /**
   * `GET /actors/v2/aliases`: every alias of the tenant.
   *
   * @since 0.1.0
   */
  listAliases(caller: string): Op<ReadonlyArray<unknown>> {
    return run(() => {
      this.requireRole(caller)
      return [...this.aliases.keys()].map((alias) =>
        this.show(Views.alias(alias, this.aliases.get(alias)!, this.baseUrl))
      )
    })
  }

  /**
   * `POST /actors/v2/aliases`: `{alias, actorId}` (UPDATE on the actor needed).
   *
   * @since 0.1.0
   */
  addAlias(caller: string, body: unknown): Op<Record<string, unknown>> {
    return run(() => {
      this.requireRole(caller)
      const { actorId, name } = Requests.alias(body, (b, field) => this.field(b, field))
      const row = this.rows.get(actorId) ?? refuse(404, `No actor found with id: ${actorId}.`)
      if (rank(this.levelOf(row, caller)) < rank("UPDATE")) {
        badRequest(`Not authorized -- you do not have access to ${row.id}.`)
      }
      if (this.aliases.has(name)) badRequest(`Alias ${name} already exists.`)
      this.aliases.set(name, { actorId: row.id, owner: caller })
      return this.show(Views.alias(name, this.aliases.get(name)!, this.baseUrl))
    })
  }

  /**
   * `GET /actors/v2/aliases/{alias}`.
   *
   * @since 0.1.0
   */
  getAlias(caller: string, alias: string): Op<Record<string, unknown>> {
    return run(() => {
      this.requireRole(caller)
      if (!this.aliases.has(alias)) refuse(404, `No alias found: ${alias}.`)
      return this.show(Views.alias(alias, this.aliases.get(alias)!, this.baseUrl))
    })
  }

  /**
   * `DELETE /actors/v2/aliases/{alias}` (its owner, or an administrator).
   *
   * @since 0.1.0
   */
  deleteAlias(caller: string, alias: string): Op<null> {
    return run(() => {
      this.requireRole(caller)
      const row = this.aliases.get(alias) ?? refuse(404, `No alias found: ${alias}.`)
      if (row.owner !== caller && !this.admins.has(caller)) {
        badRequest("Not authorized -- you do not have access to this alias.")
      }
      this.aliases.delete(alias)
      return null
    })
  }

  /** @internal */
  private execution(row: ActorRow, executionId: string): ExecutionRow {
    return row.executions.get(executionId) ??
      badRequest(`No executions found with actor id of ${row.id} and execution id of ${executionId}.`)
  }

  /**
   * `GET …/executions`: the summary; with any query, a search of the actor's executions.
   *
   * @since 0.1.0
   */
  listExecutions(caller: string, identifier: string, query: URLSearchParams): Op<unknown> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "READ")
      const stored = [...row.executions.values()].map((execution) => Views.execution(execution, now, this.baseUrl))
      if (isSearch(query)) return this.searchOf(stored, query)
      const total = (name: string) => stored.reduce((sum, e) => sum + (e[name] as number), 0)
      return this.show({
        actor_id: row.id,
        api_server: this.baseUrl,
        owner: row.owner,
        total_executions: stored.length,
        total_cpu: total("cpu"),
        total_io: total("io"),
        total_runtime: total("runtime"),
        executions: stored.map((e) =>
          this.show({
            id: e["id"],
            status: e["status"],
            start_time: e["start_time"],
            finish_time: e["finish_time"],
            message_received_time: e["message_received_time"]
          })
        ),
        _links: {
          self: `${this.baseUrl}/actors/v2/${row.id}/executions`,
          owner: `${this.baseUrl}/profiles/v2/${row.owner}`
        }
      })
    })
  }

  /**
   * `GET …/executions/{executionId}`.
   *
   * @since 0.1.0
   */
  getExecution(caller: string, identifier: string, executionId: string): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "READ")
      return this.show(Views.execution(this.execution(row, executionId), now, this.baseUrl))
    })
  }

  /**
   * `GET …/executions/{executionId}/results`: the next result, taken from the queue; none (empty) while
   * the execution runs and once all are read.
   *
   * @since 0.1.0
   */
  nextResult(caller: string, identifier: string, executionId: string): Op<Uint8Array> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "READ")
      const execution = row.executions.get(executionId)
      if (execution === undefined || now < execution.finishAt || execution.purged) return new Uint8Array(0)
      return execution.results.shift() ?? new Uint8Array(0)
    })
  }

  /**
   * `GET …/executions/{executionId}/logs`: empty until the execution ends; with any query, a search.
   *
   * @since 0.1.0
   */
  logs(caller: string, identifier: string, executionId: string, query: URLSearchParams): Op<unknown> {
    return run((now) => {
      const row = this.authorized(identifier, caller, "READ")
      const execution = this.execution(row, executionId)
      const logs = now < execution.finishAt || execution.purged ? "" : execution.output.logs ?? ""
      if (isSearch(query)) return this.searchOf([{ actor_id: row.id, logs }], query)
      return {
        logs,
        _links: {
          self: `${this.baseUrl}/actors/v2/${row.id}/executions/${executionId}/logs`,
          owner: `${this.baseUrl}/profiles/v2/${row.owner}`,
          execution: `${this.baseUrl}/actors/v2/${row.id}/executions/${executionId}`
        }
      }
    })
  }

  /**
   * `GET /actors/v2/search/{search_type}`: `actors`, `workers`, `executions` or `logs`, of the actors
   * the caller may read.
   *
   * @since 0.1.0
   */
  search(caller: string, type: string, query: URLSearchParams): Op<unknown> {
    return run((now) => {
      this.requireRole(caller)
      const readable = this.readable(caller)
      const stored = type === "actors"
        ? readable.map((row) => Views.actor(row, this.baseUrl))
        : type === "workers"
        ? readable.flatMap((row) =>
          [...row.workers.keys()].map((id) => ({ ...Views.worker(row, id, now, this.tenant), actor_id: row.id }))
        )
        : type === "executions"
        ? readable.flatMap((row) => [...row.executions.values()].map((e) => Views.execution(e, now, this.baseUrl)))
        : type === "logs"
        ? readable.flatMap((row) =>
          [...row.executions.values()].filter((e) => !e.purged && e.finishAt <= now).map((e) => ({
            actor_id: row.id,
            logs: e.output.logs ?? ""
          }))
        )
        : badRequest(`Inputted search_type is invalid, must be one of ['executions', 'workers', 'actors', 'logs'].`)
      const found = search(stored, query)
      return { _metadata: this.show(found.metadata), search: found.items.map((record) => this.show(record)) }
    })
  }

  /**
   * The level a request needs, as Abaco decides it: READ to read, EXECUTE to send a message, UPDATE
   * for anything else.
   *
   * @since 0.1.0
   */
  static levelFor(method: string, path: string): Level {
    if (method === "GET") return "READ"
    if (method === "POST" && /\/messages\/?$/.test(path)) return "EXECUTE"
    return "UPDATE"
  }
}
