/**
 * What the Abaco test server stores — actors, their executions, workers and nonces, aliases — and
 * how it shows them: Abaco's stored (snake_case) fields, turned to camelCase at the top level when the
 * server is configured so (`case: "camel"`, Abaco's default), as Abaco's `dict_to_camel` does. Also
 * what an execution does: an {@link ActorProgram}, run when the message arrives, its outcome revealed
 * on the `Clock`.
 *
 * @since 0.1.0
 */
import { iso } from "./Outcome.js"

/**
 * How the server writes its fields.
 *
 * @since 0.1.0
 * @category models
 */
export type Case = "camel" | "snake"

/**
 * Abaco's `under_to_camel`: `last_execution_time` → `lastExecutionTime`, `_links` unchanged.
 *
 * @since 0.1.0
 * @category casing
 */
export const underToCamel = (name: string): string => {
  let first = true
  return name.split("_").map((part) => {
    if (part === "") return "_"
    const out = first ? part.toLowerCase() : part[0]!.toUpperCase() + part.slice(1).toLowerCase()
    first = false
    return out
  }).join("")
}

/**
 * A stored record as the server answers it: its top-level names in the configured case.
 *
 * @since 0.1.0
 * @category casing
 */
export const inCase = (record: Readonly<Record<string, unknown>>, shown: Case): Record<string, unknown> => {
  if (shown === "snake") return { ...record }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) out[underToCamel(key)] = value
  return out
}

/**
 * What a message is, as the actor sees it.
 *
 * @since 0.1.0
 * @category models
 */
export type ContentType = "str" | "application/json" | "application/octet-stream"

/**
 * What an execution is given.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActorRunInput {
  readonly actorId: string
  readonly executionId: string
  readonly image: string
  /** Text, any JSON value, or bytes. */
  readonly message: unknown
  readonly contentType: ContentType
  /** The actor's default environment with the message's variables. */
  readonly environment: Readonly<Record<string, string>>
  readonly state: unknown
}

/**
 * What an execution does: its status at the end, its logs, the results it sends, a new state (for a
 * stateful actor), how long it runs.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActorRunOutput {
  readonly status?: "COMPLETE" | "ERROR" | undefined
  readonly logs?: string | undefined
  readonly results?: ReadonlyArray<Uint8Array> | undefined
  readonly state?: unknown
  readonly exitCode?: number | undefined
}

/**
 * An actor's function.
 *
 * @since 0.1.0
 * @category models
 */
export type ActorProgram = (input: ActorRunInput) => ActorRunOutput

const encoder = new TextEncoder()

const messageText = (input: ActorRunInput): string =>
  input.message instanceof Uint8Array
    ? new TextDecoder().decode(input.message)
    : typeof input.message === "string"
    ? input.message
    : JSON.stringify(input.message)

/**
 * The default program: logs what it got, sends it back as its one result, and ends in ERROR when the
 * message (as text) starts with `fail`.
 *
 * @since 0.1.0
 * @category programs
 */
export const echo: ActorProgram = (input) => {
  const text = messageText(input)
  const variables = Object.keys(input.environment).sort().map((name) => `${name}=${input.environment[name]}`)
  return {
    status: text.startsWith("fail") ? "ERROR" : "COMPLETE",
    exitCode: text.startsWith("fail") ? 1 : 0,
    logs: `${input.image} got ${input.contentType}: ${text}\n${variables.join("\n")}${
      variables.length > 0 ? "\n" : ""
    }`,
    results: [encoder.encode(text)]
  }
}

/**
 * A permission level, and its rank.
 *
 * @since 0.1.0
 * @category permissions
 */
export const levels = ["NONE", "READ", "EXECUTE", "UPDATE"] as const

/**
 * @since 0.1.0
 * @category permissions
 */
export type Level = (typeof levels)[number]

/**
 * The rank of a level (NONE 0 … UPDATE 3).
 *
 * @since 0.1.0
 * @category permissions
 */
export const rank = (level: Level): number => levels.indexOf(level)

/**
 * A stored execution.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExecutionRow {
  readonly id: string
  readonly actorId: string
  readonly executor: string
  readonly workerId: string
  readonly received: number
  readonly startAt: number
  readonly finishAt: number
  readonly output: ActorRunOutput
  readonly size: number
  /** Its message was purged from the mailbox before a worker took it: it never starts. */
  purged: boolean
  /** Results not yet read. */
  readonly results: Array<Uint8Array>
}

/**
 * A stored worker.
 *
 * @since 0.1.0
 * @category models
 */
export interface WorkerRow {
  readonly id: string
  readonly created: number
}

/**
 * A stored nonce.
 *
 * @since 0.1.0
 * @category models
 */
export interface NonceRow {
  readonly id: string
  readonly owner: string
  readonly level: Level
  readonly maxUses: number
  readonly description: string
  readonly created: number
  remainingUses: number
  currentUses: number
  lastUse: number | undefined
}

/**
 * A stored actor.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActorRow {
  readonly id: string
  readonly owner: string
  readonly created: number
  /** The definition, by Abaco's stored (snake_case) names. */
  definition: Record<string, unknown>
  updated: number
  revision: number
  state: unknown
  readonly permissions: Map<string, Level>
  readonly executions: Map<string, ExecutionRow>
  readonly workers: Map<string, WorkerRow>
  readonly nonces: Map<string, NonceRow>
}

/**
 * An execution's status at `now`.
 *
 * @since 0.1.0
 * @category views
 */
export const executionStatus = (row: ExecutionRow, now: number): string =>
  row.purged || now < row.startAt ? "SUBMITTED" : now < row.finishAt ? "RUNNING" : row.output.status ?? "COMPLETE"

/**
 * A time as Abaco shows it, or `None` (Abaco's text for no time).
 *
 * @since 0.1.0
 * @category views
 */
export const displayTime = (millis: number | undefined): string => (millis === undefined ? "None" : iso(millis))
