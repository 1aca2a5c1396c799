/**
 * The jobs of the Agave test server. A job moves through Agave's statuses on Effect's `Clock` —
 * PENDING, PROCESSING_INPUTS, STAGING_INPUTS, STAGED, STAGING_JOB, SUBMITTING, QUEUED, RUNNING,
 * CLEANING_UP, then ARCHIVING and ARCHIVING_FINISHED when it archives, and FINISHED (or FAILED) — each
 * step `stepDelay` long and RUNNING `runDelay` long. When it stops running it writes its outputs in its
 * work directory on the execution system; when it archives, it copies them to its archive path on the
 * archive system. Its history is the statuses it has reached.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import { isRecord } from "effect/Predicate"
import type { Apps } from "./Apps.js"
import type { Files } from "./Files.js"
import { nameOf, resolve } from "./FileTree.js"
import * as Grants from "./Grants.js"
import type { Op } from "./Outcome.js"
import { badRequest, forbidden, iso, page, refuse, run } from "./Outcome.js"
import * as SearchTerms from "./SearchTerms.js"
import type { Systems } from "./Systems.js"

/**
 * The files a job writes, by name, from its request and its staged inputs.
 *
 * @since 0.1.0
 * @category models
 */
export type OutputWriter = (job: {
  readonly id: string
  readonly name: string
  readonly appId: string
  readonly parameters: Readonly<Record<string, unknown>>
  readonly inputs: ReadonlyMap<string, Uint8Array>
}) => Readonly<Record<string, Uint8Array>>

/**
 * How jobs behave.
 *
 * @since 0.1.0
 * @category models
 */
export interface JobsOptions {
  /** How long each status lasts (one second by default). */
  readonly stepDelay?: Duration.DurationInput | undefined
  /** How long a job runs (five seconds by default). */
  readonly runDelay?: Duration.DurationInput | undefined
  /** How a job ends: FINISHED by default. */
  readonly outcome?: ((request: Readonly<Record<string, unknown>>) => "FINISHED" | "FAILED") | undefined
  /** What a job writes; by default a word count of its inputs in `output.txt`, and its stdout. */
  readonly outputs?: OutputWriter | undefined
  readonly baseUrl?: string | undefined
}

/**
 * One status of a job's timeline, and when it is reached.
 *
 * @since 0.1.0
 * @category models
 */
export interface Step {
  readonly status: string
  readonly at: number
  readonly description: string
}

/**
 * A stored job.
 *
 * @since 0.1.0
 * @category models
 */
export interface JobRow {
  readonly id: string
  readonly owner: string
  readonly request: Readonly<Record<string, unknown>>
  readonly appId: string
  readonly executionSystem: string
  readonly archive: boolean
  readonly archiveSystem: string | undefined
  readonly archivePath: string
  readonly workPath: string
  readonly created: number
  readonly inputs: Readonly<Record<string, ReadonlyArray<string>>>
  readonly inputBytes: ReadonlyMap<string, Uint8Array>
  steps: Array<Step>
  /** How many steps have happened (their effects applied). */
  reached: number
  readonly grants: Map<string, Grants.Rights>
}

const terminal: ReadonlySet<string> = new Set(["FINISHED", "FAILED", "STOPPED", "KILLED", "ARCHIVING_FAILED"])

const searchable: ReadonlySet<string> = new Set([
  "id",
  "name",
  "owner",
  "appId",
  "executionSystem",
  "status",
  "created",
  "submitTime",
  "startTime",
  "endTime",
  "archive",
  "batchQueue",
  "lastModified"
])

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * The default outputs: `output.txt`, a word count of each input file.
 *
 * @since 0.1.0
 * @category outputs
 */
export const wordCount: OutputWriter = (job) => {
  const lines = [...job.inputs].map(([name, bytes]) => {
    const text = decoder.decode(bytes)
    const words = text.split(/\s+/).filter((word) => word !== "").length
    const count = text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0)
    return `${count} ${words} ${bytes.length} ${name}`
  })
  return { "output.txt": encoder.encode(lines.map((line) => line + "\n").join("")) }
}

/**
 * The jobs of the tenant.
 *
 * @since 0.1.0
 * @category state
 */
export class Jobs {
  private readonly rows = new Map<string, JobRow>()
  private serial = 0
  private readonly stepMillis: number
  private readonly runMillis: number
  private readonly baseUrl: string

  constructor(
    private readonly systems: Systems,
    private readonly apps: Apps,
    private readonly files: Files,
    private readonly options: JobsOptions = {}
  ) {
    this.stepMillis = Duration.toMillis(options.stepDelay ?? Duration.seconds(1))
    this.runMillis = Duration.toMillis(options.runDelay ?? Duration.seconds(5))
    this.baseUrl = options.baseUrl ?? "https://agave.test"
  }

  // Applies every step reached by `now`: writes outputs when the job stops running, archives them.
  /** @internal */
  private advance(row: JobRow, now: number): void {
    while (row.reached < row.steps.length && row.steps[row.reached]!.at <= now) {
      const step = row.steps[row.reached]!
      row.reached += 1
      if (step.status === "CLEANING_UP") this.writeOutputs(row, step.at)
      if (step.status === "ARCHIVING_FINISHED") this.archiveOutputs(row, step.at)
    }
  }

  /** @internal */
  private status(row: JobRow): string {
    return row.steps[Math.max(0, row.reached - 1)]!.status
  }

  /** @internal */
  private reachedAt(row: JobRow, status: string): number | undefined {
    return row.steps.slice(0, row.reached).find((step) => step.status === status)?.at
  }

  /** @internal */
  private writeOutputs(row: JobRow, at: number): void {
    const system = this.systems.find(row.executionSystem)
    const tree = this.files.tree(system)
    tree.mkdirs(row.workPath, row.owner, at)
    const name = String(row.request["name"])
    const writer = this.options.outputs ?? wordCount
    const parameters = isRecord(row.request["parameters"]) ? row.request["parameters"] : {}
    const written = writer({ id: row.id, name, appId: row.appId, parameters, inputs: row.inputBytes })
    const stdout = encoder.encode(`Job ${row.id} (${row.appId}) ran on ${row.executionSystem}\n`)
    const all: Record<string, Uint8Array> = {
      [`${name}-${row.id}.out`]: stdout,
      [`${name}-${row.id}.err`]: new Uint8Array(0),
      ...written
    }
    for (const [file, content] of Object.entries(all)) {
      const path = resolve(row.workPath, file)
      tree.mkdirs(path.slice(0, path.lastIndexOf("/")) || "/", row.owner, at)
      tree.writeFile(path, content, row.owner, at)
    }
  }

  /** @internal */
  private archiveOutputs(row: JobRow, at: number): void {
    if (row.archiveSystem === undefined) return
    const source = this.files.tree(this.systems.find(row.executionSystem))
    const archive = this.systems.find(row.archiveSystem)
    const target = this.files.tree(archive)
    const path = resolve(this.files.home(archive), row.archivePath)
    target.mkdirs(path.slice(0, path.lastIndexOf("/")) || "/", row.owner, at)
    if (target.get(path, at) !== undefined) target.remove(path)
    source.copy(row.workPath, path, target, row.owner, at, false)
  }

  /** @internal */
  private find(id: string): JobRow {
    return this.rows.get(id) ?? refuse(404, `No job found with job id ${id}`)
  }

  /** @internal */
  private rights(row: JobRow, user: string) {
    return row.owner === user ? Grants.levels["ALL"]! : row.grants.get(user) ?? Grants.levels["NONE"]!
  }

  /** @internal */
  private readable(id: string, caller: string, now: number): JobRow {
    const row = this.find(id)
    if (!this.rights(row, caller).read) forbidden(`User does not have permission to view job ${id}`)
    this.advance(row, now)
    return row
  }

  /** @internal */
  private writable(id: string, caller: string, now: number): JobRow {
    const row = this.readable(id, caller, now)
    if (!this.rights(row, caller).write) forbidden(`User does not have permission to modify job ${id}`)
    return row
  }

  /** @internal */
  private links(row: JobRow) {
    const self = `${this.baseUrl}/jobs/v2/${row.id}`
    return {
      self: { href: self },
      app: { href: `${this.baseUrl}/apps/v2/${row.appId}` },
      executionSystem: { href: `${this.baseUrl}/systems/v2/${row.executionSystem}` },
      archiveData: { href: `${self}/outputs/listings` },
      history: { href: `${self}/history` },
      permissions: { href: `${self}/pems` }
    }
  }

  /**
   * The job as the service answers it.
   *
   * @internal
   */
  private view(row: JobRow): Record<string, unknown> {
    const status = this.status(row)
    const startTime = this.reachedAt(row, "RUNNING")
    const endTime = terminal.has(status) ? row.steps[row.reached - 1]!.at : undefined
    const last = row.steps[row.reached - 1]!.at
    const r = row.request
    return {
      id: row.id,
      name: r["name"],
      owner: row.owner,
      appId: row.appId,
      executionSystem: row.executionSystem,
      batchQueue: r["batchQueue"] ?? "normal",
      nodeCount: r["nodeCount"] ?? 1,
      processorsPerNode: r["processorsPerNode"] ?? 1,
      memoryPerNode: r["memoryPerNode"] ?? 1.0,
      maxRunTime: r["maxRunTime"] ?? "01:00:00",
      archive: row.archive,
      archivePath: row.archive ? row.archivePath : null,
      archiveSystem: row.archive ? row.archiveSystem ?? null : null,
      retries: 0,
      localId: startTime === undefined ? null : String(10_000 + Number(row.id.slice(0, 8))),
      created: iso(row.created),
      lastModified: iso(last),
      outputPath: row.workPath,
      workPath: row.workPath,
      status,
      submitTime: iso(row.created),
      startTime: startTime === undefined ? null : iso(startTime),
      endTime: endTime === undefined ? null : iso(endTime),
      inputs: row.inputs,
      parameters: isRecord(r["parameters"]) ? r["parameters"] : {},
      notifications: Array.isArray(r["notifications"]) ? r["notifications"] : [],
      _links: this.links(row)
    }
  }

  /** @internal */
  private summary(row: JobRow): Record<string, unknown> {
    const full = this.view(row)
    const keys = [
      "id",
      "name",
      "owner",
      "appId",
      "executionSystem",
      "status",
      "created",
      "startTime",
      "endTime",
      "_links"
    ]
    return Object.fromEntries(keys.map((key) => [key, full[key]]))
  }

  /**
   * `POST /jobs/v2/`.
   *
   * @since 0.1.0
   */
  submit(caller: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => this.view(this.create(caller, body, now)), 201)
  }

  /** @internal */
  private create(caller: string, body: unknown, now: number): JobRow {
    if (!isRecord(body)) return badRequest("The job request must be a JSON object")
    const name = body["name"]
    const appId = body["appId"]
    if (typeof name !== "string" || name === "") badRequest("Please specify a name for this job")
    if (typeof appId !== "string" || appId === "") return badRequest("Please specify an appId for this job")
    const app = this.apps.find(appId)
    if (!this.apps.rights(app, caller).execute) forbidden(`User does not have permission to run app ${appId}`)
    if (!app.available) badRequest(`App ${appId} is not available`)
    const executionSystem = String(app.description["executionSystem"])
    const system = this.systems.find(executionSystem)
    if (!this.systems.canUse(system, caller)) forbidden(`User does not have access to system ${executionSystem}`)
    const { bytes, inputs } = this.stageInputs(caller, app.description, body["inputs"], now)
    const archive = body["archive"] !== false
    const archiveSystem = archive
      ? (typeof body["archiveSystem"] === "string" ? body["archiveSystem"] : this.systems.defaultStorage(caller))
      : undefined
    if (archive && archiveSystem === undefined) {
      badRequest("No archive system: specify archiveSystem or set a default storage system")
    }
    if (archiveSystem !== undefined) this.systems.storageFor(caller, archiveSystem)
    this.serial += 1
    const id = `${String(now).padStart(13, "0")}${String(this.serial).padStart(3, "0")}-242ac113-0001-007`
    const archivePath = typeof body["archivePath"] === "string" && body["archivePath"] !== ""
      ? body["archivePath"]
      : `${caller}/archive/jobs/job-${id}`
    const row: JobRow = {
      id,
      owner: caller,
      request: body,
      appId,
      executionSystem,
      archive,
      archiveSystem,
      archivePath,
      workPath: `/scratch/${caller}/job-${id}`,
      created: now,
      inputs,
      inputBytes: bytes,
      steps: this.timeline(body, archive, now),
      reached: 0,
      grants: new Map()
    }
    this.rows.set(id, row)
    this.advance(row, now)
    return row
  }

  /** @internal */
  private timeline(request: Readonly<Record<string, unknown>>, archive: boolean, now: number): Array<Step> {
    const steps: Array<Step> = []
    let at = now
    const add = (status: string, description: string, after = this.stepMillis) => {
      steps.push({ status, at, description })
      at += after
    }
    add("PENDING", "Job accepted and queued for submission.")
    add("PROCESSING_INPUTS", "Attempt 1 to process inputs")
    add("STAGING_INPUTS", "Transfer of the inputs started")
    add("STAGED", "Inputs staged to the execution system")
    add("STAGING_JOB", "Staging the job's assets to the execution system")
    add("SUBMITTING", "Submitting the job to the execution system")
    add("QUEUED", "Job queued on the execution system")
    add("RUNNING", "Job started running", this.runMillis)
    const outcome = this.options.outcome?.(request) ?? "FINISHED"
    if (outcome === "FAILED") {
      add("CLEANING_UP", "Job completed execution with an error")
      add("FAILED", "Job failed")
      return steps
    }
    add("CLEANING_UP", "Job completed execution")
    if (archive) {
      add("ARCHIVING", "Beginning to archive the job's outputs")
      add("ARCHIVING_FINISHED", "Job archiving completed successfully")
    }
    add("FINISHED", "Job completed successfully")
    return steps
  }

  // Inputs by name as lists of URLs; each agave:// input must exist and be readable now.
  /** @internal */
  private stageInputs(caller: string, app: Record<string, unknown>, given: unknown, now: number) {
    const inputs: Record<string, ReadonlyArray<string>> = {}
    const bytes = new Map<string, Uint8Array>()
    if (given !== undefined && !isRecord(given)) badRequest("inputs must be a JSON object")
    const declared = (Array.isArray(app["inputs"]) ? app["inputs"] : []).filter(isRecord)
    for (const [key, value] of Object.entries(isRecord(given) ? given : {})) {
      if (!declared.some((input) => input["id"] === key)) badRequest(`Unknown input ${key.slice(0, 64)}`)
      const urls = typeof value === "string" ? value.split(";") : value
      if (!Array.isArray(urls) || !urls.every((url) => typeof url === "string")) {
        badRequest(`Invalid value for input ${key}`)
      }
      inputs[key] = urls as ReadonlyArray<string>
      for (const url of urls as ReadonlyArray<string>) {
        const match = /^agave:\/\/([^/]+)\/(.*)$/.exec(url)
        const [systemId, path] = match === null ? [undefined, url] : [match[1], match[2]!]
        const row = this.systems.storageFor(caller, systemId)
        const file = resolve(this.files.home(row), path)
        const node = this.files.tree(row).get(file, now) ??
          badRequest(`Unable to stage input ${key}: ${url} does not exist`)
        if (node.type === "file") bytes.set(nameOf(file), node.content)
      }
    }
    for (const input of declared) {
      const value = isRecord(input["value"]) ? input["value"] : {}
      if (value["required"] === true && inputs[String(input["id"])] === undefined) {
        badRequest(`Missing required input ${String(input["id"])}`)
      }
    }
    return { inputs, bytes }
  }

  /**
   * `GET /jobs/v2/`: the caller's jobs and those shared with them, matching the search.
   *
   * @since 0.1.0
   */
  list(caller: string, query: URLSearchParams): Op<ReadonlyArray<Record<string, unknown>>> {
    return run((now) => {
      const search = SearchTerms.parse(query, searchable)
      const rows = [...this.rows.values()].filter((row) => this.rights(row, caller).read)
      for (const row of rows) this.advance(row, now)
      const views = rows.map((row) => this.view(row))
      return page(SearchTerms.apply(views, search), { limit: query.get("limit"), offset: query.get("offset") }).map(
        (view) => this.summary(this.find(String(view["id"])))
      )
    })
  }

  /**
   * `GET /jobs/v2/{jobId}`.
   *
   * @since 0.1.0
   */
  get(caller: string, id: string): Op<Record<string, unknown>> {
    return run((now) => this.view(this.readable(id, caller, now)))
  }

  /**
   * `GET /jobs/v2/{jobId}/status`.
   *
   * @since 0.1.0
   */
  getStatus(caller: string, id: string): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.readable(id, caller, now)
      return { id: row.id, status: this.status(row), _links: { self: { href: `${this.baseUrl}/jobs/v2/${row.id}` } } }
    })
  }

  /**
   * `GET /jobs/v2/{jobId}/history`: the statuses reached so far.
   *
   * @since 0.1.0
   */
  history(caller: string, id: string, query: URLSearchParams): Op<ReadonlyArray<unknown>> {
    return run((now) => {
      const row = this.readable(id, caller, now)
      const events = row.steps.slice(0, row.reached).map((step) => ({
        status: step.status,
        created: iso(step.at),
        createdBy: row.owner,
        description: step.description
      }))
      return page(events, { limit: query.get("limit"), offset: query.get("offset") })
    })
  }

  /**
   * `POST /jobs/v2/{jobId}`: `stop` or `resubmit`.
   *
   * @since 0.1.0
   */
  manage(caller: string, id: string, body: unknown): Op<Record<string, unknown>> {
    return run((now) => {
      const row = this.writable(id, caller, now)
      const action = isRecord(body) && typeof body["action"] === "string" ? body["action"].toLowerCase() : ""
      switch (action) {
        case "stop": {
          if (terminal.has(this.status(row))) badRequest(`Job ${id} has already ended: ${this.status(row)}`)
          row.steps = [...row.steps.slice(0, row.reached), {
            status: "STOPPED",
            at: now,
            description: "Job stopped by user"
          }]
          this.advance(row, now)
          return this.view(row)
        }
        case "resubmit":
          return this.view(this.create(caller, row.request, now))
        default:
          return badRequest(`Invalid action ${action.slice(0, 50)}. Valid actions are stop, resubmit`)
      }
    })
  }

  /**
   * `DELETE /jobs/v2/{jobId}`.
   *
   * @since 0.1.0
   */
  delete(caller: string, id: string): Op<{}> {
    return run((now) => {
      const row = this.writable(id, caller, now)
      if (row.owner !== caller) forbidden()
      this.rows.delete(id)
      return {}
    })
  }

  /** @internal */
  private permissionJson(row: JobRow, username: string) {
    return Grants.entry(`${this.baseUrl}/jobs/v2`, row, username, this.rights(row, username))
  }

  /**
   * `GET /jobs/v2/{jobId}/pems`.
   *
   * @since 0.1.0
   */
  listPermissions(caller: string, id: string, query: URLSearchParams): Op<ReadonlyArray<unknown>> {
    return run((now) => {
      const row = this.readable(id, caller, now)
      return Grants.listing(row, (user) => this.permissionJson(row, user), query)
    })
  }

  /**
   * `GET /jobs/v2/{jobId}/pems/{username}`.
   *
   * @since 0.1.0
   */
  getPermission(caller: string, id: string, username: string): Op<unknown> {
    return run((now) => this.permissionJson(this.readable(id, caller, now), username))
  }

  /**
   * `POST …/pems` (user in the body) or `…/pems/{username}`; `NONE` revokes.
   *
   * @since 0.1.0
   */
  updatePermission(caller: string, id: string, username: string | undefined, body: unknown): Op<{}> {
    return run((now) => Grants.update(this.writable(id, caller, now), username, body))
  }

  /**
   * `DELETE …/pems` or `…/pems/{username}`.
   *
   * @since 0.1.0
   */
  deletePermissions(caller: string, id: string, username?: string): Op<{}> {
    return run((now) => Grants.revoke(this.writable(id, caller, now), username))
  }

  // Where a job's outputs are now: its archive once archived, its work directory before.
  /** @internal */
  private outputs(row: JobRow, path: string) {
    const archived = row.archive && row.archiveSystem !== undefined &&
      this.reachedAt(row, "ARCHIVING_FINISHED") !== undefined
    const system = this.systems.find(archived ? row.archiveSystem! : row.executionSystem)
    const root = archived ? resolve(this.files.home(system), row.archivePath) : row.workPath
    return { system, tree: this.files.tree(system), root, path: path === "" ? root : resolve(root, path) }
  }

  /**
   * `GET /jobs/v2/{jobId}/outputs/listings[/{path}]`: `.` first for a directory.
   *
   * @since 0.1.0
   */
  listOutputs(caller: string, id: string, path: string, query: URLSearchParams): Op<ReadonlyArray<unknown>> {
    return run((now) => {
      const row = this.readable(id, caller, now)
      const at = this.outputs(row, path)
      const node = at.tree.get(at.path, now) ?? refuse(404, `File/folder does not exist: ${path === "" ? "/" : path}`)
      const relative = (absolute: string) => absolute === at.root ? "" : absolute.slice(at.root.length + 1)
      const entries = node.type === "file"
        ? [{ ...this.files.json(at.system, at.path, node), path: relative(at.path) }]
        : [
          { ...this.files.json(at.system, at.path, node, "."), path: relative(at.path) },
          ...at.tree.children(at.path, now).map(([child, entry]) => ({
            ...this.files.json(at.system, child, entry),
            path: relative(child)
          }))
        ]
      return page(entries, { limit: query.get("limit"), offset: query.get("offset") })
    })
  }

  /**
   * `GET /jobs/v2/{jobId}/outputs/media/{path}`: an output's bytes.
   *
   * @since 0.1.0
   */
  downloadOutput(caller: string, id: string, path: string): Op<Uint8Array> {
    return run((now) => {
      const row = this.readable(id, caller, now)
      const at = this.outputs(row, path)
      const node = at.tree.get(at.path, now) ?? refuse(404, `File/folder does not exist: ${path}`)
      if (node.type === "dir") badRequest(`${path} is a directory: directories cannot be downloaded`)
      return node.content
    })
  }
}
