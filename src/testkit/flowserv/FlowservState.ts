/**
 * The in-memory database of the flowserv test server, with flowserv-core's rules for users,
 * access tokens, workflows and groups — including the ones that surprise.
 *
 * @since 0.1.0
 */
import { randomUUID } from "node:crypto"
import type { WorkflowRunSeed } from "./RunsState.js"
import { RunsState } from "./RunsState.js"

/**
 * A failure the server turns into a response: `{"message": …}` with the status, or for 500 the
 * generic Flask body.
 *
 * @since 0.1.0
 */
export class ServerFailure extends Error {
  constructor(readonly status: 400 | 403 | 404 | 413 | 500, message: string) {
    super(message)
  }
}

const badRequest = (message: string) => new ServerFailure(400, message)
const notLoggedIn = () => new ServerFailure(403, "not logged in")
const notAuthorized = () => new ServerFailure(403, "not authorized")
const unknown = (kind: string, id: unknown) => new ServerFailure(404, `unknown ${kind} '${String(id)}'`)
/** Python raising on a value of the wrong type (`'int' object has no attribute 'strip'`). */
const crash = () => new ServerFailure(500, "internal error")

/**
 * A template parameter as the server serialises it.
 *
 * @since 0.1.0
 */
export interface ParameterDoc {
  readonly name: string
  readonly index: number
  readonly dtype: string
  readonly isRequired: boolean
  readonly label?: string
  readonly help?: string
  readonly defaultValue?: unknown
  readonly group?: string
  readonly target?: string
  readonly range?: string
}

/**
 * A workflow to seed the server with (flowserv has no REST route to create one), with how its runs
 * behave and what its leaderboard shows.
 *
 * @since 0.1.0
 */
export interface WorkflowSeed extends WorkflowRunSeed {
  readonly id: string
  readonly name: string
  readonly description?: string
  readonly instructions?: string
  readonly parameters: ReadonlyArray<ParameterDoc>
}

/**
 * A registered user as the state keeps it (the password as stored, the access token with its expiry).
 *
 * @since 0.1.0
 * @category models
 */
export interface UserRow {
  readonly id: string
  username: string
  password: string
  active: boolean
  key: { value: string; expires: number } | undefined
}

/**
 * A workflow group as the state keeps it (members by user id).
 *
 * @since 0.1.0
 * @category models
 */
export interface GroupRow {
  readonly id: string
  name: string
  readonly workflowId: string
  members: Array<string>
}

/**
 * Options of the state.
 *
 * @since 0.1.0
 */
export interface FlowservStateOptions {
  /** The clock used for token expiry; `Date.now` by default. */
  readonly now?: () => number
  /** How long a login stays valid, in seconds (`FLOWSERV_AUTH_TTL`); one day by default. */
  readonly tokenTtlSeconds?: number
}

const newId = () => randomUUID().replace(/-/g, "")

/** flowserv's validate_password: None or blank is refused, another type crashes, the rest is stored
 *  trimmed — while login compares the password as sent. */
const validPassword = (password: unknown): string => {
  if (password === null || password === undefined) throw badRequest("empty password")
  if (typeof password !== "string") throw crash()
  if (password.trim() === "") throw badRequest("empty password")
  return password.trim()
}

const isValidName = (value: string) => {
  const trimmed = value.trim()
  return trimmed.length > 0 && trimmed.length <= 512
}

/**
 * The server's data and rules.
 *
 * @since 0.1.0
 */
export class FlowservState {
  /** @internal */
  readonly #users = new Map<string, UserRow>()
  /** @internal */
  readonly #workflows = new Map<string, WorkflowSeed>()
  /** @internal */
  readonly #groups = new Map<string, GroupRow>()
  /** @internal */
  readonly #resetRequests = new Map<string, { userId: string; expires: number }>()
  /** @internal */
  readonly #now: () => number
  /** @internal */
  readonly #ttlMillis: number
  /**
   * Runs, uploads, post-processing and leaderboards.
   *
   * @since 0.1.0
   */
  readonly runs: RunsState

  constructor(options: FlowservStateOptions = {}) {
    this.#now = options.now ?? Date.now
    this.#ttlMillis = (options.tokenTtlSeconds ?? 24 * 60 * 60) * 1000
    this.runs = new RunsState({
      now: () => this.#now(),
      workflow: (workflowId) => this.workflow(workflowId),
      group: (groupId) => this.group(groupId),
      memberGroup: (token, groupId) => this.memberGroup(token, groupId),
      fail: (status, message) => new ServerFailure(status, message)
    })
  }

  // ---- seeding and inspection (the testkit's own API, not routes) ----

  /**
   * Adds a workflow, as `flowserv workflows create` would.
   *
   * @since 0.1.0
   */
  addWorkflow(workflow: WorkflowSeed): void {
    this.#workflows.set(workflow.id, workflow)
  }

  /**
   * Every group of a workflow, whoever is a member, for assertions in tests.
   *
   * @since 0.1.0
   */
  groupsOf(workflowId: string): ReadonlyArray<{ id: string; name: string; members: ReadonlyArray<string> }> {
    return [...this.#groups.values()]
      .filter((group) => group.workflowId === workflowId)
      .map((group) => ({ id: group.id, name: group.name, members: [...group.members] }))
  }

  /**
   * Makes a token expire now, as the passing of `FLOWSERV_AUTH_TTL` would.
   *
   * @since 0.1.0
   */
  expireToken(token: string): void {
    for (const user of this.#users.values()) {
      if (user.key?.value === token) user.key.expires = this.#now() - 1
    }
  }

  // ---- authentication ----

  /**
   * The user a token belongs to, if it is known, unexpired and the user active.
   *
   * @since 0.1.0
   */
  authenticate(token: string | undefined): UserRow | undefined {
    if (token === undefined || token === "") return undefined
    for (const user of this.#users.values()) {
      if (user.key?.value === token) {
        return user.active && user.key.expires > this.#now() ? user : undefined
      }
    }
    return undefined
  }

  /** @internal */
  #userWithKey(token: string): UserRow | undefined {
    for (const user of this.#users.values()) if (user.key?.value === token) return user
    return undefined
  }

  // ---- users ----

  /**
   * Registers a user (inactive with `verify`); 400 for a missing or taken name, a bad password.
   *
   * @since 0.1.0
   */
  register(username: unknown, password: unknown, verify: boolean): UserRow {
    const stored = validPassword(password)
    if (username === null || username === undefined) throw badRequest("missing user name")
    if (typeof username !== "string") throw crash()
    if (!isValidName(username)) throw badRequest("username too long")
    const name = username.trim()
    for (const user of this.#users.values()) {
      if (user.username === name) throw badRequest(`duplicate user '${name}'`)
    }
    const user: UserRow = { id: newId(), username: name, password: stored, active: !verify, key: undefined }
    this.#users.set(user.id, user)
    return user
  }

  /**
   * Activates a registered user; 404 for an unknown id.
   *
   * @since 0.1.0
   */
  activate(userId: unknown): UserRow {
    const user = typeof userId === "string" ? this.#users.get(userId) : undefined
    if (user === undefined) throw unknown("user", userId)
    user.active = true
    return user
  }

  /**
   * Logs a user in: the same token while one is valid, a new one after it expired; 404 `unknown user` for a
   * wrong password or an inactive user.
   *
   * @since 0.1.0
   */
  login(username: unknown, password: unknown): UserRow {
    if (typeof username !== "string" || typeof password !== "string") throw crash()
    const user = [...this.#users.values()].find((u) => u.username === username)
    if (user === undefined || !user.active || user.password !== password) throw unknown("user", username)
    const now = this.#now()
    // A still-valid key is kept (same token, later expiry); an expired one is replaced.
    if (user.key !== undefined && user.key.expires > now) user.key.expires = now + this.#ttlMillis
    else user.key = { value: newId(), expires: now + this.#ttlMillis }
    return user
  }

  /**
   * Deletes the key row; a token with no row crashes the real server.
   *
   * @since 0.1.0
   */
  logout(token: string): UserRow {
    const user = this.#userWithKey(token)
    if (user === undefined) throw crash()
    user.key = undefined
    return user
  }

  /**
   * The user of a valid token; 403 `not logged in` otherwise.
   *
   * @since 0.1.0
   */
  whoami(token: string): UserRow {
    const user = this.authenticate(token)
    if (user === undefined) throw notLoggedIn()
    return user
  }

  /**
   * Active users whose name is `LIKE '<query>%'` (ASCII case ignored, `%` and `_` unescaped), sorted by name.
   *
   * @since 0.1.0
   */
  listUsers(query: string | null): ReadonlyArray<UserRow> {
    const pattern = query === null ? undefined : likePrefix(query)
    return [...this.#users.values()]
      .filter((user) => user.active && (pattern === undefined || pattern.test(user.username)))
      .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
  }

  /**
   * Always answers with a request id; only an active user's request is kept, replacing any earlier one.
   *
   * @since 0.1.0
   */
  requestPasswordReset(username: unknown): string {
    const requestId = newId()
    const user = [...this.#users.values()].find((u) => u.username === username)
    if (user !== undefined && user.active) {
      for (const [id, request] of this.#resetRequests) {
        if (request.userId === user.id) this.#resetRequests.delete(id)
      }
      this.#resetRequests.set(requestId, { userId: user.id, expires: this.#now() + this.#ttlMillis })
    }
    return requestId
  }

  /**
   * Sets a new password for a pending reset request and ends the user's login; 404 for an unknown or expired
   * request.
   *
   * @since 0.1.0
   */
  resetPassword(requestId: unknown, password: unknown): UserRow {
    const stored = validPassword(password)
    const request = typeof requestId === "string" ? this.#resetRequests.get(requestId) : undefined
    if (request === undefined || request.expires <= this.#now()) throw unknown("request", requestId)
    this.#resetRequests.delete(requestId as string)
    const user = this.#users.get(request.userId)!
    user.password = stored
    user.key = undefined
    return user
  }

  // ---- workflows ----

  /**
   * Every workflow, in the order they were added.
   *
   * @since 0.1.0
   */
  workflows(): ReadonlyArray<WorkflowSeed> {
    return [...this.#workflows.values()]
  }

  /**
   * A workflow by id; 404 for an unknown one.
   *
   * @since 0.1.0
   */
  workflow(workflowId: string): WorkflowSeed {
    const workflow = this.#workflows.get(workflowId)
    if (workflow === undefined) throw unknown("workflow", workflowId)
    return workflow
  }

  // ---- groups ----

  /**
   * Creates a group. Unknown or inactive members are refused with 400 (here, unlike on update). The real
   * server sometimes keeps the group anyway; this one never does.
   *
   * @since 0.1.0
   */
  createGroup(token: string, workflowId: string, name: unknown, members: ReadonlyArray<unknown> | undefined): GroupRow {
    const user = this.authenticate(token)
    if (user === undefined) throw notAuthorized()
    this.workflow(workflowId)
    if (name === null) throw badRequest("missing name")
    if (typeof name !== "string") throw crash()
    if (!isValidName(name)) throw badRequest("invalid name")
    for (const group of this.#groups.values()) {
      if (group.workflowId === workflowId && group.name === name) throw badRequest(`group '${name}' exists`)
    }
    const memberIds = [user.id]
    for (const member of members ?? []) {
      const row = typeof member === "string" ? this.#users.get(member) : undefined
      if (row === undefined || !row.active) throw badRequest(`unknown user '${String(member)}'`)
      if (!memberIds.includes(row.id)) memberIds.push(row.id)
    }
    const group: GroupRow = { id: newId(), name, workflowId, members: memberIds }
    this.#groups.set(group.id, group)
    return group
  }

  /**
   * A group by id, whoever asks; 404 for an unknown one.
   *
   * @since 0.1.0
   */
  group(groupId: string): GroupRow {
    const group = this.#groups.get(groupId)
    if (group === undefined) throw unknown("group", groupId)
    return group
  }

  /**
   * A valid token sees its own groups (none for an unknown workflow); any other token sees all of the
   * workflow's groups, and 404 for an unknown workflow.
   *
   * @since 0.1.0
   */
  listGroups(token: string, workflowId: string): ReadonlyArray<GroupRow> {
    const user = this.authenticate(token)
    if (user === undefined) this.workflow(workflowId)
    return [...this.#groups.values()].filter(
      (group) => group.workflowId === workflowId && (user === undefined || group.members.includes(user.id))
    )
  }

  /**
   * A group the token's user is a member of: 404 for an unknown group first, then 403.
   *
   * @since 0.1.0
   */
  memberGroup(token: string, groupId: string): GroupRow {
    const group = this.group(groupId)
    const user = this.authenticate(token)
    if (user === undefined || !group.members.includes(user.id)) throw notAuthorized()
    return group
  }

  /**
   * Updates a group the way the real server does: not atomically. The name is changed first, then the member
   * list is emptied and refilled one id at a time, so an unknown id leaves the ids before it; a string is
   * taken character by character. Names are not checked for duplicates.
   *
   * @since 0.1.0
   */
  updateGroup(token: string, groupId: string, name: unknown, members: unknown): GroupRow {
    const group = this.memberGroup(token, groupId)
    if (name !== undefined && name !== null) {
      if (typeof name !== "string") throw crash()
      if (!isValidName(name)) throw badRequest("invalid name")
      group.name = name
    }
    if (members !== undefined && members !== null) {
      const ids = typeof members === "string" ? [...members] : Array.isArray(members) ? members : undefined
      if (ids === undefined) throw crash()
      group.members = []
      for (const id of ids) {
        const row = typeof id === "string" ? this.#users.get(id) : undefined
        if (row === undefined || !row.active) throw unknown("user", id)
        if (!group.members.includes(row.id)) group.members.push(row.id)
      }
    }
    return group
  }

  /**
   * Deletes a group the token's user is a member of, with its runs and uploads.
   *
   * @since 0.1.0
   */
  deleteGroup(token: string, groupId: string): void {
    this.memberGroup(token, groupId)
    this.#groups.delete(groupId)
    this.runs.dropGroup(groupId)
  }

  /**
   * A user by id, if there is one.
   *
   * @since 0.1.0
   */
  user(userId: string): UserRow | undefined {
    return this.#users.get(userId)
  }
}

const likePrefix = (query: string): RegExp => {
  let source = "^"
  for (const char of query) {
    if (char === "%") source += "[\\s\\S]*"
    else if (char === "_") source += "[\\s\\S]"
    // SQLite's LIKE folds ASCII letters only.
    else if (/[a-zA-Z]/.test(char)) source += `[${char.toLowerCase()}${char.toUpperCase()}]`
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }
  return new RegExp(source)
}
