/**
 * The runs, uploads and leaderboards of the flowserv test server, with flowserv-core's rules:
 * which check comes first, which status and which exact message — quirks included.
 *
 * @since 0.1.0
 */
import { randomUUID } from "node:crypto"
import type { ResultColumn, SortKey } from "./leaderboard.js"
import { parseOrderBy, rank } from "./leaderboard.js"
import type { FileContent, ResultFileSeed, RunBehaviour, RunScript } from "./RunScript.js"
// Types only: FlowservState constructs this class.
import type { ParameterDoc, ServerFailure, WorkflowSeed } from "./FlowservState.js"

/**
 * What the runs need from the rest of the server.
 *
 * @since 0.1.0
 */
export interface RunsAccess {
  readonly now: () => number
  readonly workflow: (workflowId: string) => WorkflowSeed
  readonly group: (groupId: string) => { readonly id: string; readonly name: string; readonly workflowId: string }
  /** The group, if the token's user is a member: 404 for an unknown group, then 403. */
  readonly memberGroup: (token: string, groupId: string) => { readonly id: string; readonly workflowId: string }
  readonly fail: (status: 400 | 403 | 404 | 500, message: string) => ServerFailure
}

/**
 * The parts of a workflow seed about runs.
 *
 * @since 0.1.0
 */
export interface WorkflowRunSeed {
  /** Named groups of parameters (`parameterGroups` of the workflow handle). */
  readonly parameterGroups?: ReadonlyArray<{ readonly name: string; readonly title?: string; readonly index: number }>
  /** The result columns; a workflow without them has no leaderboard (the server answers `null`). */
  readonly results?: ReadonlyArray<ResultColumn>
  /** The default order of the leaderboard, as `col:asc,col2:desc`; the first column descending otherwise. */
  readonly orderBy?: string
  /** What runs do; SUCCESS after one second with no files by default. */
  readonly run?: RunBehaviour
  /** The files of the post-processing run that follows every successful run (none if absent). */
  readonly postproc?: ReadonlyArray<ResultFileSeed>
}

/**
 * A stored run.
 *
 * @since 0.1.0
 */
export interface RunRow {
  readonly id: string
  readonly groupId: string
  readonly workflowId: string
  readonly createdAt: number
  readonly arguments: ReadonlyArray<unknown>
  readonly script: RunScript
  readonly files: ReadonlyArray<{ readonly id: string; readonly seed: ResultFileSeed }>
  canceled: { readonly at: number; readonly messages: ReadonlyArray<string> } | undefined
}

/**
 * What a run's state is at a given time.
 *
 * @since 0.1.0
 */
export interface RunStatus {
  readonly state: "PENDING" | "RUNNING" | "CANCELED" | "ERROR" | "SUCCESS"
  readonly startedAt?: number
  readonly finishedAt?: number
  readonly messages?: ReadonlyArray<string>
}

/**
 * A stored upload.
 *
 * @since 0.1.0
 */
export interface UploadRow {
  readonly id: string
  readonly groupId: string
  readonly name: string
  readonly createdAt: number
  readonly bytes: Uint8Array
}

/**
 * A post-processing run: one per successful run, finished when it is.
 *
 * @since 0.1.0
 */
export interface PostprocRow {
  readonly id: string
  readonly workflowId: string
  readonly at: number
  readonly files: ReadonlyArray<{ readonly id: string; readonly seed: ResultFileSeed }>
}

const newId = () => randomUUID().replace(/-/g, "")

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const encoder = new TextEncoder()

/**
 * The bytes of a file content, or its stream factory.
 *
 * @since 0.1.0
 */
export const contentBytes = (content: FileContent): Uint8Array | (() => ReadableStream<Uint8Array>) =>
  typeof content === "string" ? encoder.encode(content) : content

// InvalidRunStateError(run.state) in flowserv-core 0.8.1 formats the bound method, not the state (probe #194).
const garbledState = () =>
  `invalid operation for run in state <bound method RunObject.state of <flowserv.model.base.RunObject object at 0x7f${
    randomUUID().replace(/-/g, "").slice(0, 10)
  }>>`

/**
 * The runs and uploads.
 *
 * @since 0.1.0
 */
export class RunsState {
  /** @internal */
  readonly #runs = new Map<string, RunRow>()
  /** @internal */
  readonly #uploads = new Map<string, UploadRow>()
  /** @internal */
  readonly #postproc = new Map<string, PostprocRow>()
  /** @internal */
  readonly #access: RunsAccess

  constructor(access: RunsAccess) {
    this.#access = access
  }

  // ---- uploads ----

  /**
   * Stores an upload under `name`, already cleaned by the route (Werkzeug's `secure_filename`); the
   * member check comes first, then flowserv's name rule (which refuses what cleaning left empty).
   *
   * @since 0.1.0
   */
  upload(token: string, groupId: string, name: string, bytes: Uint8Array): UploadRow {
    this.#access.memberGroup(token, groupId)
    const trimmed = name.trim()
    if (trimmed === "" || trimmed.length > 512) throw this.#access.fail(400, "invalid name")
    const row: UploadRow = { id: newId(), groupId, name, createdAt: this.#access.now(), bytes }
    this.#uploads.set(row.id, row)
    return row
  }

  /**
   * The uploads of a group, for assertions in tests.
   *
   * @since 0.1.0
   */
  uploadsOf(groupId: string): ReadonlyArray<UploadRow> {
    return [...this.#uploads.values()].filter((row) => row.groupId === groupId)
  }

  /**
   * The uploads of a group the token's user is a member of.
   *
   * @since 0.1.0
   */
  listUploads(token: string, groupId: string): ReadonlyArray<UploadRow> {
    this.#access.memberGroup(token, groupId)
    return this.uploadsOf(groupId)
  }

  /**
   * No token needed (the real server serves downloads to anyone).
   *
   * @since 0.1.0
   */
  uploadedFile(groupId: string, fileId: string): UploadRow {
    this.#access.group(groupId)
    const row = this.#uploads.get(fileId)
    if (row === undefined || row.groupId !== groupId) throw this.#access.fail(404, `unknown file '${fileId}'`)
    return row
  }

  /**
   * Deletes an upload of a group the token's user is a member of; 404 for an unknown file.
   *
   * @since 0.1.0
   */
  deleteUpload(token: string, groupId: string, fileId: string): void {
    this.#access.memberGroup(token, groupId)
    this.uploadedFile(groupId, fileId)
    this.#uploads.delete(fileId)
  }

  // ---- runs ----

  /**
   * Starts a run, checking each argument (unknown parameter, file not uploaded, value of the wrong type),
   * then the required ones.
   *
   * @since 0.1.0
   */
  startRun(token: string, groupId: string, args: unknown): RunRow {
    const group = this.#access.memberGroup(token, groupId)
    const workflow = this.#access.workflow(group.workflowId)
    const parameters = workflow.parameters
    const list = args === undefined || args === null ? [] : args
    if (!Array.isArray(list)) throw this.#access.fail(500, "internal error")
    const given = new Map<string, unknown>()
    for (const arg of list) {
      if (!isObject(arg)) throw this.#access.fail(500, "internal error")
      for (const key of ["name", "value"]) {
        if (!Object.hasOwn(arg, key)) throw this.#access.fail(400, `missing element '${key}'`)
      }
      const name = String(arg.name)
      const parameter = parameters.find((p) => p.name === name)
      if (parameter === undefined) throw this.#access.fail(400, `unknown parameter '${name}'`)
      if (given.has(name)) throw this.#access.fail(400, `duplicate argument '${name}'`)
      this.#checkValue(parameter, arg.value, groupId)
      given.set(name, arg.value)
    }
    // flowserv's rule: a parameter must be given only if it is required AND has no default.
    for (const parameter of parameters) {
      const hasDefault = parameter.defaultValue !== undefined && parameter.defaultValue !== null
      if (parameter.isRequired && !hasDefault && !given.has(parameter.name)) {
        throw this.#access.fail(400, `missing argument for '${parameter.name}'`)
      }
    }
    const behaviour = workflow.run ?? {}
    const script = typeof behaviour === "function"
      ? behaviour({
        arguments: list as ReadonlyArray<{ name: string; value: unknown }>,
        argument: (name) => given.has(name) ? given.get(name) : parameters.find((p) => p.name === name)?.defaultValue,
        upload: (fileId) => {
          const row = this.#uploads.get(fileId)
          return row === undefined || row.groupId !== groupId ? undefined : row.bytes
        }
      })
      : behaviour
    const row: RunRow = {
      id: newId(),
      groupId,
      workflowId: group.workflowId,
      createdAt: this.#access.now(),
      arguments: list,
      script,
      files: (script.files ?? []).map((seed) => ({ id: newId(), seed })),
      canceled: undefined
    }
    this.#runs.set(row.id, row)
    return row
  }

  // INFERENCE: flowserv casts with Python (`int("5")` works); a value it cannot cast is refused with 400.
  /** @internal */
  #checkValue(parameter: ParameterDoc, value: unknown, groupId: string): void {
    const invalid = () => this.#access.fail(400, `invalid value for parameter '${parameter.name}'`)
    switch (parameter.dtype) {
      case "file": {
        const ref = isObject(value) && value.type === "$file" && isObject(value.value) ? value.value : undefined
        if (ref === undefined || typeof ref.fileId !== "string") throw invalid()
        const upload = this.#uploads.get(ref.fileId)
        if (upload === undefined || upload.groupId !== groupId) {
          throw this.#access.fail(404, `unknown file '${ref.fileId}'`)
        }
        return
      }
      case "int":
      case "float": {
        const number = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN
        if (!Number.isFinite(number) || (parameter.dtype === "int" && !Number.isInteger(number))) throw invalid()
        return
      }
      case "bool":
        if (typeof value !== "boolean" && value !== "true" && value !== "false") throw invalid()
        return
      case "list":
        if (!Array.isArray(value)) throw invalid()
        return
      case "record":
        if (!isObject(value)) throw invalid()
        return
    }
  }

  /** @internal */
  #run(runId: string): RunRow {
    const row = this.#runs.get(runId)
    if (row === undefined) throw this.#access.fail(404, `unknown run '${runId}'`)
    return row
  }

  /**
   * A run the token's user may see: 404 for an unknown run, then 403 for a non-member.
   *
   * @since 0.1.0
   */
  memberRun(token: string, runId: string): RunRow {
    const row = this.#run(runId)
    this.#access.memberGroup(token, row.groupId)
    return row
  }

  /**
   * A run for a download (no token needed).
   *
   * @since 0.1.0
   */
  anyRun(runId: string): RunRow {
    return this.#run(runId)
  }

  /**
   * The runs of a group, for assertions in tests.
   *
   * @since 0.1.0
   */
  runsOf(groupId: string): ReadonlyArray<RunRow> {
    return [...this.#runs.values()].filter((row) => row.groupId === groupId)
  }

  /**
   * The runs of a group the token's user is a member of.
   *
   * @since 0.1.0
   */
  listRuns(token: string, groupId: string): ReadonlyArray<RunRow> {
    this.#access.memberGroup(token, groupId)
    return this.runsOf(groupId)
  }

  /**
   * A run's state now, on the state's clock, with its times and messages.
   *
   * @since 0.1.0
   */
  status(row: RunRow): RunStatus {
    const now = this.#access.now()
    const started = row.createdAt + Math.max(0, row.script.pendingMillis ?? 0)
    const finished = started + Math.max(0, row.script.runningMillis ?? 1000)
    if (row.canceled !== undefined) {
      return {
        state: "CANCELED",
        ...(row.canceled.at >= started ? { startedAt: started } : {}),
        finishedAt: row.canceled.at,
        messages: row.canceled.messages
      }
    }
    if (now < started) return { state: "PENDING" }
    if (now < finished) return { state: "RUNNING", startedAt: started }
    return row.script.outcome === "ERROR"
      ? { state: "ERROR", startedAt: started, finishedAt: finished, messages: row.script.messages ?? [] }
      : { state: "SUCCESS", startedAt: started, finishedAt: finished }
  }

  /** @internal */
  #isActive(row: RunRow): boolean {
    const { state } = this.status(row)
    return state === "PENDING" || state === "RUNNING"
  }

  /**
   * Cancels an active run with the reason as its message; 400 with the real server's garbled message for a
   * finished one.
   *
   * @since 0.1.0
   */
  cancelRun(token: string, runId: string, reason: unknown): RunRow {
    const row = this.memberRun(token, runId)
    if (!this.#isActive(row)) throw this.#access.fail(400, garbledState())
    const messages = typeof reason === "string" && reason !== "" ? [reason] : ["canceled at user request"]
    row.canceled = { at: this.#access.now(), messages }
    return row
  }

  /**
   * Deletes a finished run; 400 for an active one.
   *
   * @since 0.1.0
   */
  deleteRun(token: string, runId: string): void {
    const row = this.memberRun(token, runId)
    // INFERENCE: the same InvalidRunStateError(run.state) as for cancel, so the same garbled message.
    if (this.#isActive(row)) throw this.#access.fail(400, garbledState())
    this.#runs.delete(runId)
    this.#postproc.delete(runId)
  }

  /**
   * Removes a group's runs and uploads, as the database cascade does.
   *
   * @since 0.1.0
   */
  dropGroup(groupId: string): void {
    for (const row of this.runsOf(groupId)) {
      this.#runs.delete(row.id)
      this.#postproc.delete(row.id)
    }
    for (const row of this.uploadsOf(groupId)) this.#uploads.delete(row.id)
  }

  /**
   * A result file of a successful run; 404 otherwise.
   *
   * @since 0.1.0
   */
  resultFile(row: RunRow, fileId: string): ResultFileSeed {
    const file = this.status(row).state === "SUCCESS" ? row.files.find((f) => f.id === fileId) : undefined
    if (file === undefined) throw this.#access.fail(404, `unknown file '${fileId}'`)
    return file.seed
  }

  /**
   * The files of a successful run (none otherwise).
   *
   * @since 0.1.0
   */
  resultFiles(row: RunRow): ReadonlyArray<{ readonly id: string; readonly seed: ResultFileSeed }> {
    return this.status(row).state === "SUCCESS" ? row.files : []
  }

  // ---- post-processing and leaderboard ----

  /** @internal */
  #successes(workflowId: string): ReadonlyArray<{ row: RunRow; status: RunStatus }> {
    return [...this.#runs.values()]
      .filter((row) => row.workflowId === workflowId)
      .map((row) => ({ row, status: this.status(row) }))
      .filter(({ status }) => status.state === "SUCCESS")
  }

  /**
   * The latest post-processing run of a workflow, if it has post-processing and a successful run.
   *
   * @since 0.1.0
   */
  postproc(workflowId: string): PostprocRow | undefined {
    const workflow = this.#access.workflow(workflowId)
    if (workflow.postproc === undefined) return undefined
    let latest: { row: RunRow; status: RunStatus } | undefined
    for (const success of this.#successes(workflowId)) {
      if (latest === undefined || success.status.finishedAt! >= latest.status.finishedAt!) latest = success
    }
    if (latest === undefined) return undefined
    const existing = this.#postproc.get(latest.row.id)
    if (existing !== undefined) return existing
    const created: PostprocRow = {
      id: newId(),
      workflowId,
      at: latest.status.finishedAt!,
      files: workflow.postproc.map((seed) => ({ id: newId(), seed }))
    }
    this.#postproc.set(latest.row.id, created)
    return created
  }

  /**
   * The ranking, or `undefined` when the workflow has no result columns. Sorting by a column that is not a
   * result column crashes the real server (500).
   *
   * @since 0.1.0
   */
  leaderboard(workflowId: string, orderBy: string | null, includeAll: boolean) {
    const workflow = this.#access.workflow(workflowId)
    const columns = workflow.results
    if (columns === undefined) return undefined
    const keys: ReadonlyArray<SortKey> = orderBy !== null && orderBy !== ""
      ? parseOrderBy(orderBy)
      : workflow.orderBy !== undefined
      ? parseOrderBy(workflow.orderBy)
      : columns[0] === undefined
      ? []
      : [{ column: columns[0].name, descending: true }]
    const entries = this.#successes(workflowId)
      .filter(({ row }) => row.script.results !== undefined)
      .map(({ row, status }) => ({ groupId: row.groupId, results: row.script.results!, row, status }))
    const ranked = rank(entries, columns, keys, includeAll)
    if (ranked === undefined) throw this.#access.fail(500, "internal error")
    return { columns, ranked }
  }
}
