/**
 * Actors (Abaco, `/actors/v2`): functions in Docker containers, run once per message as an
 * execution; their workers, nonces, aliases, state and permissions.
 *
 * Abaco writes its models in camelCase or snake_case depending on its configuration (`createTime` or
 * `create_time`): both are read, camelCase is exposed (see `Cases`), and request bodies name each
 * multi-word field both ways so that either configuration reads them. Fields are plain optional ones
 * that also accept `null`; enumerations are open.
 *
 * @since 0.1.0
 */
import { isRecord } from "effect/Predicate"
import * as Schema from "effect/Schema"
import { cased } from "./Cases.js"
import type { Open } from "./Common.js"
import { Json, Links, NumberOrString, openLiteral, opt } from "./Common.js"

/**
 * An actor's status.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActorStatus = openLiteral("SUBMITTED", "READY", "ERROR", "SHUTTING_DOWN")

/**
 * A volume mounted into an actor's containers (written in snake_case whatever the configuration).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActorMount = Schema.Struct({
  container_path: opt(Schema.String),
  host_path: opt(Schema.String),
  mode: opt(openLiteral("ro", "rw"))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ActorMount extends Schema.Schema.Type<typeof ActorMount> {}

/**
 * An actor.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Actor = cased("Actor", {
  id: Schema.String,
  name: opt(Schema.String),
  image: opt(Schema.String),
  owner: opt(Schema.String),
  description: opt(Schema.String),
  status: opt(ActorStatus),
  statusMessage: opt(Schema.String),
  /** What an execution's results are: `none`, `bin` or `json`. */
  type: opt(openLiteral("none", "bin", "json")),
  stateless: opt(Schema.Boolean),
  privileged: opt(Schema.Boolean),
  /** Whether its executions get an OAuth token. */
  token: opt(Schema.Boolean),
  queue: opt(Schema.String),
  link: opt(Schema.String),
  webhook: opt(Schema.String),
  hints: opt(Schema.Array(Schema.String)),
  defaultEnvironment: opt(Schema.Record({ key: Schema.String, value: Json })),
  state: opt(Json),
  createTime: opt(Schema.String),
  lastUpdateTime: opt(Schema.String),
  mounts: opt(Schema.Array(ActorMount)),
  revision: opt(Schema.Number),
  maxWorkers: opt(Schema.Number),
  memLimit: opt(NumberOrString),
  maxCpus: opt(Schema.Number),
  useContainerUid: opt(Schema.Boolean),
  tasdir: opt(Schema.String),
  uid: opt(NumberOrString),
  gid: opt(NumberOrString),
  logEx: opt(Schema.Number),
  cronOn: opt(Schema.Boolean),
  cronSchedule: opt(Schema.String),
  cronNextEx: opt(Schema.String),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Actor extends Schema.Schema.Type<typeof Actor> {}

/**
 * A new actor, or an actor's new definition (`add`, `update`): the image at least.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActorRequest = cased("ActorRequest", {
  image: Schema.String,
  name: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  /** Stateless by default: a stateful actor keeps `state` and runs one worker. */
  stateless: Schema.optional(Schema.Boolean),
  privileged: Schema.optional(Schema.Boolean),
  token: Schema.optional(Schema.Boolean),
  type: Schema.optional(Schema.Literal("none", "bin", "json")),
  defaultEnvironment: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  hints: Schema.optional(Schema.Array(Schema.String)),
  link: Schema.optional(Schema.String),
  webhook: Schema.optional(Schema.String),
  queue: Schema.optional(Schema.String),
  maxWorkers: Schema.optional(Schema.Number),
  memLimit: Schema.optional(Schema.String),
  maxCpus: Schema.optional(Schema.Number),
  useContainerUid: Schema.optional(Schema.Boolean),
  logEx: Schema.optional(Schema.Number),
  cronSchedule: Schema.optional(Schema.String),
  cronOn: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ActorRequest extends Schema.Schema.Type<typeof ActorRequest> {}

/**
 * Every status an execution can be in, in order: SUBMITTED (its message waits for a worker),
 * RUNNING, then COMPLETE or ERROR.
 *
 * @since 0.1.0
 * @category constants
 */
export const executionStatuses = ["SUBMITTED", "RUNNING", "COMPLETE", "ERROR"] as const

/**
 * An execution's status: a known one, or another a newer server sends (kept, never a decode failure).
 *
 * @since 0.1.0
 * @category models
 */
export type ExecutionStatus = Open<(typeof executionStatuses)[number]>

/**
 * @since 0.1.0
 * @category schemas
 */
export const ExecutionStatus: Schema.Schema<ExecutionStatus, string> = openLiteral(...executionStatuses)

/**
 * Whether an execution in `status` is over: COMPLETE or ERROR.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isExecutionDone = (status: ExecutionStatus): boolean => status === "COMPLETE" || status === "ERROR"

/**
 * One run of an actor, for one message.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Execution = cased("Execution", {
  id: Schema.String,
  actorId: opt(Schema.String),
  status: opt(ExecutionStatus),
  /** Who sent the message. */
  executor: opt(Schema.String),
  owner: opt(Schema.String),
  workerId: opt(Schema.String),
  apiServer: opt(Schema.String),
  messageReceivedTime: opt(Schema.String),
  startTime: opt(Schema.String),
  finishTime: opt(Schema.String),
  /** Milliseconds. */
  runtime: opt(NumberOrString),
  /** User jiffies. */
  cpu: opt(NumberOrString),
  /** 512-byte sectors read and written. */
  io: opt(NumberOrString),
  exitCode: opt(NumberOrString),
  /** The container's final state, as Docker reports it. */
  finalState: opt(Json),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Execution extends Schema.Schema.Type<typeof Execution> {}

/**
 * An execution in an actor's summary.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExecutionSummary = cased("ExecutionSummary", {
  id: Schema.String,
  status: opt(ExecutionStatus),
  messageReceivedTime: opt(Schema.String),
  startTime: opt(Schema.String),
  finishTime: opt(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ExecutionSummary extends Schema.Schema.Type<typeof ExecutionSummary> {}

/**
 * An actor's executions and their totals (`listExecutions`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExecutionsSummary = cased("ExecutionsSummary", {
  actorId: opt(Schema.String),
  owner: opt(Schema.String),
  apiServer: opt(Schema.String),
  executions: opt(Schema.Array(ExecutionSummary)),
  /** The executions' ids alone, as older servers list them. */
  ids: opt(Schema.Array(Schema.String)),
  totalExecutions: opt(NumberOrString),
  totalCpu: opt(NumberOrString),
  totalIo: opt(NumberOrString),
  totalRuntime: opt(NumberOrString),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ExecutionsSummary extends Schema.Schema.Type<typeof ExecutionsSummary> {}

/**
 * An execution's logs (its container's standard output and error).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExecutionLogs = Schema.Struct({ logs: opt(Schema.String), _links: opt(Links) })

/**
 * @since 0.1.0
 * @category models
 */
export interface ExecutionLogs extends Schema.Schema.Type<typeof ExecutionLogs> {}

/**
 * A message sent: the execution it started, and the message as the actor got it (`binary -
 * omitted` for bytes).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageResult = cased("MessageResult", { executionId: Schema.String, msg: opt(Json), _links: opt(Links) })

/**
 * @since 0.1.0
 * @category models
 */
export interface MessageResult extends Schema.Schema.Type<typeof MessageResult> {}

/**
 * How many messages wait in an actor's mailbox.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageCount = Schema.Struct({ messages: Schema.Number, _links: opt(Links) })

/**
 * @since 0.1.0
 * @category models
 */
export interface MessageCount extends Schema.Schema.Type<typeof MessageCount> {}

/**
 * The mailbox purged (`deleteMessages`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessagesDeleted = Schema.Struct({ msg: opt(Schema.String), _links: opt(Links) })

/**
 * @since 0.1.0
 * @category models
 */
export interface MessagesDeleted extends Schema.Schema.Type<typeof MessagesDeleted> {}

/**
 * A text message, as AgavePy sends one. A JSON message is any other JSON value; a JSON object with a
 * `message` field besides is refused before sending, since Abaco would read that field alone (and a
 * non-text one as its Python text form).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageRequest = Schema.Struct({ message: Schema.String })

/**
 * A message: text (`{ message }`) or any other JSON value.
 *
 * @since 0.1.0
 * @category models
 */
export type MessageBody = { readonly message: string } | unknown

/**
 * A message's body, checked: `{ message: string }` alone, or JSON without a `message` field.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageBody: Schema.Schema<MessageBody> = Schema.Unknown.pipe(
  Schema.filter((body) => {
    if (!isRecord(body) || !("message" in body)) return true
    if (typeof body["message"] !== "string") {
      return "a JSON message's `message` field must be text: Abaco reads that field alone, and would turn " +
        "anything else into its Python text form (wrap the JSON in another field)"
    }
    return Object.keys(body).length === 1 ||
      "a text message ({ message }) cannot carry other fields: Abaco reads `message` alone (send the JSON " +
        "without a `message` field)"
  })
)

/**
 * An actor's state (a stateful actor's JSON, `{}` until set).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActorState = Schema.Struct({ state: opt(Json) })

/**
 * @since 0.1.0
 * @category models
 */
export interface ActorState extends Schema.Schema.Type<typeof ActorState> {}

/**
 * A permission level on an actor: NONE, READ, EXECUTE (send messages) or UPDATE.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActorPermissionLevel = openLiteral("NONE", "READ", "EXECUTE", "UPDATE")

/**
 * Who may do what with an actor: a level per user name.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActorPermissions = Schema.Record({ key: Schema.String, value: ActorPermissionLevel })

/**
 * @since 0.1.0
 * @category models
 */
export type ActorPermissions = Schema.Schema.Type<typeof ActorPermissions>

/**
 * A user's new level on an actor.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActorPermissionRequest = Schema.Struct({
  user: Schema.String,
  level: Schema.Literal("NONE", "READ", "EXECUTE", "UPDATE")
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ActorPermissionRequest extends Schema.Schema.Type<typeof ActorPermissionRequest> {}

/**
 * A worker's status.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WorkerStatus = openLiteral(
  "REQUESTED",
  "SPAWNER SETUP",
  "PULLING IMAGE",
  "CREATING CONTAINER",
  "UPDATING STORE",
  "READY",
  "BUSY",
  "ERROR",
  "SHUTDOWN_REQUESTED",
  "SHUTTING_DOWN"
)

/**
 * A worker: a container that takes an actor's messages one at a time.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActorWorker = cased("ActorWorker", {
  id: Schema.String,
  status: opt(WorkerStatus),
  /** The actor's image (a list of them on some servers). */
  image: opt(Schema.Union(Schema.String, Schema.Array(Schema.String))),
  tenant: opt(Schema.String),
  chName: opt(Schema.String),
  cid: opt(Schema.String),
  location: opt(Schema.String),
  hostId: opt(Schema.String),
  hostIp: opt(Schema.String),
  createTime: opt(Schema.String),
  lastExecutionTime: opt(Schema.String),
  lastHealthCheckTime: opt(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ActorWorker extends Schema.Schema.Type<typeof ActorWorker> {}

/**
 * How many workers an actor should have at least (`addWorker`; one by default).
 *
 * @since 0.1.0
 * @category schemas
 */
export const AddWorkersRequest = Schema.Struct({ num: Schema.optional(Schema.Int) })

/**
 * @since 0.1.0
 * @category models
 */
export interface AddWorkersRequest extends Schema.Schema.Type<typeof AddWorkersRequest> {}

/**
 * A nonce: a capability to call an actor without a token, up to `maxUses` times (-1: unlimited).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActorNonce = cased("ActorNonce", {
  id: Schema.String,
  actorId: opt(Schema.String),
  alias: opt(Schema.String),
  owner: opt(Schema.String),
  level: opt(ActorPermissionLevel),
  description: opt(Schema.String),
  maxUses: opt(Schema.Number),
  remainingUses: opt(Schema.Number),
  currentUses: opt(Schema.Number),
  createTime: opt(Schema.String),
  lastUseTime: opt(Schema.String),
  roles: opt(Schema.Array(Schema.String)),
  apiServer: opt(Schema.String),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ActorNonce extends Schema.Schema.Type<typeof ActorNonce> {}

/**
 * A new nonce: its level (EXECUTE by default) and how many uses (unlimited by default).
 *
 * @since 0.1.0
 * @category schemas
 */
export const AddNonceRequest = cased("AddNonceRequest", {
  level: Schema.optional(Schema.Literal("READ", "EXECUTE", "UPDATE")),
  /** A positive number, or -1 for unlimited uses. */
  maxUses: Schema.optional(
    Schema.Int.pipe(Schema.filter((uses) => uses === -1 || uses > 0 || "a positive number of uses, or -1"))
  ),
  description: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AddNonceRequest extends Schema.Schema.Type<typeof AddNonceRequest> {}

/**
 * An alias: another name of an actor, usable wherever its id is.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActorAlias = cased("ActorAlias", {
  alias: Schema.String,
  actorId: opt(Schema.String),
  owner: opt(Schema.String),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ActorAlias extends Schema.Schema.Type<typeof ActorAlias> {}

/**
 * A new alias of an actor.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AddAliasRequest = cased("AddAliasRequest", { alias: Schema.String, actorId: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export interface AddAliasRequest extends Schema.Schema.Type<typeof AddAliasRequest> {}

/**
 * What a search page says about itself.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SearchMetadata = cased("SearchMetadata", {
  totalCount: opt(Schema.Number),
  recordsSkipped: opt(Schema.Number),
  recordLimit: opt(Schema.Number),
  countReturned: opt(Schema.Number)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SearchMetadata extends Schema.Schema.Type<typeof SearchMetadata> {}

/**
 * A page of a listing: its items, and the server's paging figures when it searched. Abaco answers a
 * listing asked with `limit`/`skip` as a search, `{_metadata, search: […]}`; without them, or
 * before version 1.6, as the whole list: both are read, in one pass.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActorsPage<A> {
  readonly items: ReadonlyArray<A>
  /** Whether the server sent the whole list (no paging) rather than a search page. */
  readonly whole: boolean
  /** A search page's figures (its total), when the server sent them. */
  readonly metadata?: SearchMetadata | null | undefined
}

/**
 * The schema of a page of `item`s (see {@link ActorsPage}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const actorsPage = <A, I>(item: Schema.Schema<A, I, never>): Schema.Schema<ActorsPage<A>, unknown> =>
  Schema.transform(
    Schema.Unknown,
    Schema.Struct({ items: Schema.Array(item), whole: Schema.Boolean, metadata: opt(SearchMetadata) }),
    {
      strict: false,
      decode: (input) =>
        Array.isArray(input)
          ? { items: input, whole: true }
          : isRecord(input) && Array.isArray(input["search"])
          ? input["_metadata"] === undefined
            ? { items: input["search"], whole: false }
            : { items: input["search"], whole: false, metadata: input["_metadata"] }
          : input,
      encode: (page) => page
    }
  ).annotations({ identifier: "ActorsPage" })

/**
 * A record of a search by type (`getSearch`): its fields depend on what was searched.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SearchRecord = Schema.Record({ key: Schema.String, value: Json })
