/**
 * The actors service (Abaco, `/actors/v2`), as records: the 30 operations of AgavePy's `actors`, and
 * typed searches by type beside them. Every record reads Abaco's errors first (see `AbacoErrors`).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Endpoint from "../../core/Endpoint.js"
import * as Query from "../../core/Query.js"
import * as AbacoErrors from "../AbacoErrors.js"
import * as ActorSearch from "../ActorSearch.js"
import type { ActorsPage } from "../schemas/Actor.js"
import {
  Actor,
  ActorAlias,
  ActorNonce,
  ActorPermissionRequest,
  ActorPermissions,
  ActorRequest,
  actorsPage,
  ActorState,
  ActorWorker,
  AddAliasRequest,
  AddNonceRequest,
  AddWorkersRequest,
  Execution,
  ExecutionLogs,
  ExecutionsSummary,
  MessageBody,
  MessageCount,
  MessageResult,
  MessagesDeleted,
  SearchRecord
} from "../schemas/Actor.js"
import { Json } from "../schemas/Common.js"

const guides = "https://tacc-cloud.readthedocs.io/projects/abaco/en/latest/"
const registering = `${guides}index.html`
const messaging = `${guides}technical/messages.html`
const state = `${guides}technical/state.html`
const sharing = `${guides}technical/security.html`
const aliasing = `${guides}technical/complex.html`
const searching = `${guides}technical/search.html`

/**
 * Abaco's search terms on a listing, built with `ActorSearch.make<Item>()`.
 *
 * @since 0.1.0
 * @category query
 */
export const where = <Item>(): Query.Param<ActorSearch.ActorSearch<Item>> =>
  Query.pairs((search: ActorSearch.ActorSearch<Item>) =>
    Either.match(ActorSearch.toPairs(search), {
      onLeft: (refused) => new Query.Refused(refused.message),
      onRight: (pairs) => pairs
    })
  )

// Query names Abaco reads itself: an environment variable named so would be taken for them or lost.
const reservedNames: ReadonlySet<string> = new Set(["x-nonce", "message", "pretty"])

/**
 * Environment variables for one execution, sent as query parameters (`?RUNS=3&MODE=fast`), each
 * merged into the actor's default environment. Names Abaco reads itself — `x-nonce`, `message`,
 * `pretty`, and any starting with `_abaco_` — are refused, as is an empty one.
 *
 * @since 0.1.0
 * @category query
 */
export const environment: Query.Param<Readonly<Record<string, string>>> = Query.pairs((variables) => {
  if (typeof variables !== "object" || variables === null || Array.isArray(variables)) {
    return new Query.Refused("must be an object of names and values")
  }
  const pairs: Array<readonly [string, string]> = []
  for (const [name, value] of Object.entries(variables)) {
    if (name === "" || reservedNames.has(name) || name.startsWith("_abaco_")) {
      return new Query.Refused(`${JSON.stringify(name.slice(0, 100))} is not a name an execution's variable can have`)
    }
    if (typeof value !== "string") return new Query.Refused(`the value of ${name.slice(0, 100)} must be text`)
    pairs.push([name, value])
  }
  return pairs
})

/**
 * `limit` and `skip`, Abaco's paging: a listing asked with them is answered as a search.
 *
 * @since 0.1.0
 * @category query
 */
export const page = { limit: Query.integer, skip: Query.integer }

/**
 * How many items a listing asks for per page (Abaco's default).
 *
 * @since 0.1.0
 * @category paging
 */
export const pageSize = 100

/**
 * A listing's success schema and its paging (`limit`/`skip`): the total the server reports when it
 * searched; when it sent the whole list instead, that list is all of it.
 *
 * @since 0.1.0
 * @category paging
 */
export const listing = <A, I>(
  item: Schema.Schema<A, I, never>,
  key?: (item: A) => string
) => {
  const success = actorsPage(item)
  return {
    success,
    paging: Endpoint.offsetPaging(success, {
      start: 0,
      offset: "skip",
      limit: "limit",
      items: (page: ActorsPage<A>) => page.items,
      total: (page: ActorsPage<A>) => (page.whole ? page.items.length : page.metadata?.totalCount ?? undefined),
      pageSize,
      key
    })
  }
}

/**
 * Reading an actor or something of it: it may not exist, or not be the caller's to see; Abaco
 * answers a malformed request with 400.
 *
 * @since 0.1.0
 * @category errors
 */
export const reading = ["Unauthorized", "Forbidden", "NotFound", "InvalidRequest"] as const

/**
 * A listing of the caller's actors or aliases, and registering an actor.
 *
 * @since 0.1.0
 * @category errors
 */
export const listingErrors = ["Unauthorized", "Forbidden", "InvalidRequest"] as const

const byId = (item: { readonly id: string }) => item.id
const actors = listing(Actor, byId)
const found = listing(SearchRecord)
const executionsFound = listing(Execution, byId)
const workersFound = listing(ActorWorker, byId)

const classifier = AbacoErrors.classifier

/**
 * Every operation of the actors service, by AgavePy's name.
 *
 * @since 0.1.0
 * @category records
 */
export const ActorRecords = {
  /** The actors the caller may read; `search` is full text, `where` Abaco's terms. */
  list: Endpoint.make({
    name: "agave.Actors.list",
    method: "GET",
    path: "/actors/v2",
    query: { ...page, search: Query.string, where: where<Actor>() },
    success: actors.success,
    paging: actors.paging,
    errors: listingErrors,
    classifier,
    docs: registering
  }),
  /** Registers an actor: a Docker image and how to run it. */
  add: Endpoint.make({
    name: "agave.Actors.add",
    method: "POST",
    path: "/actors/v2",
    body: ActorRequest,
    success: Actor,
    errors: listingErrors,
    classifier,
    resultAttributes: (actor) => ({ "agave.actorId": actor.id.slice(0, 256) }),
    docs: registering
  }),
  /** An actor (by id or alias). */
  get: Endpoint.make({
    name: "agave.Actors.get",
    method: "GET",
    path: "/actors/v2/{actorId}",
    success: Actor,
    errors: reading,
    classifier,
    docs: registering
  }),
  /** Replaces an actor's definition (the image at least); its id stays. */
  update: Endpoint.make({
    name: "agave.Actors.update",
    method: "PUT",
    path: "/actors/v2/{actorId}",
    body: ActorRequest,
    success: Actor,
    errors: reading,
    classifier,
    docs: registering
  }),
  /** Deletes an actor, its workers, executions and logs. */
  delete: Endpoint.make({
    name: "agave.Actors.delete",
    method: "DELETE",
    path: "/actors/v2/{actorId}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    classifier,
    docs: registering
  }),
  /** How many messages wait in the actor's mailbox. */
  getMessages: Endpoint.make({
    name: "agave.Actors.getMessages",
    method: "GET",
    path: "/actors/v2/{actorId}/messages",
    success: MessageCount,
    errors: reading,
    classifier,
    docs: messaging
  }),
  /** Purges the mailbox (their executions stay SUBMITTED). */
  deleteMessages: Endpoint.make({
    name: "agave.Actors.deleteMessages",
    method: "DELETE",
    path: "/actors/v2/{actorId}/messages",
    success: MessagesDeleted,
    errors: reading,
    classifier,
    docs: messaging
  }),
  /** Sends a message — text (`{ message }`) or any other JSON — starting an execution; `environment`
   *  adds variables for it. Never sent twice. */
  sendMessage: Endpoint.make({
    name: "agave.Actors.sendMessage",
    method: "POST",
    path: "/actors/v2/{actorId}/messages",
    query: { environment },
    body: MessageBody,
    success: MessageResult,
    errors: reading,
    classifier,
    resultAttributes: (sent) => ({ "agave.executionId": sent.executionId.slice(0, 256) }),
    docs: messaging
  }),
  /** Sends bytes (`application/octet-stream`, with their length: Abaco requires it) as a message. */
  sendBinaryMessage: Endpoint.make({
    name: "agave.Actors.sendBinaryMessage",
    method: "POST",
    path: "/actors/v2/{actorId}/messages",
    query: { environment },
    body: Endpoint.bytesBody("application/octet-stream"),
    success: MessageResult,
    errors: reading,
    classifier,
    resultAttributes: (sent) => ({ "agave.executionId": sent.executionId.slice(0, 256) }),
    docs: messaging
  }),
  /** A stateful actor's state. */
  getState: Endpoint.make({
    name: "agave.Actors.getState",
    method: "GET",
    path: "/actors/v2/{actorId}/state",
    success: ActorState,
    errors: reading,
    classifier,
    docs: state
  }),
  /** Replaces a stateful actor's state with any JSON value; answers the actor. */
  updateState: Endpoint.make({
    name: "agave.Actors.updateState",
    method: "POST",
    path: "/actors/v2/{actorId}/state",
    body: Json,
    success: Actor,
    errors: reading,
    idempotent: true,
    classifier,
    docs: state
  }),
  /** Each user's level on the actor. */
  getPermissions: Endpoint.make({
    name: "agave.Actors.getPermissions",
    method: "GET",
    path: "/actors/v2/{actorId}/permissions",
    success: ActorPermissions,
    errors: reading,
    classifier,
    docs: sharing
  }),
  /** Sets a user's level (NONE takes it away); answers every user's. */
  updatePermissions: Endpoint.make({
    name: "agave.Actors.updatePermissions",
    method: "POST",
    path: "/actors/v2/{actorId}/permissions",
    body: ActorPermissionRequest,
    success: ActorPermissions,
    errors: reading,
    idempotent: true,
    classifier,
    docs: sharing
  }),
  /** The actor's workers. */
  listWorkers: Endpoint.make({
    name: "agave.Actors.listWorkers",
    method: "GET",
    path: "/actors/v2/{actorId}/workers",
    success: Schema.Array(ActorWorker),
    errors: reading,
    classifier,
    docs: registering
  }),
  /** Makes sure the actor has at least `num` workers (administrators only). */
  addWorker: Endpoint.make({
    name: "agave.Actors.addWorker",
    method: "POST",
    path: "/actors/v2/{actorId}/workers",
    body: AddWorkersRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    classifier,
    docs: registering
  }),
  /** One worker. */
  getWorker: Endpoint.make({
    name: "agave.Actors.getWorker",
    method: "GET",
    path: "/actors/v2/{actorId}/workers/{workerId}",
    success: ActorWorker,
    errors: reading,
    classifier,
    docs: registering
  }),
  /** Stops a worker. */
  deleteWorker: Endpoint.make({
    name: "agave.Actors.deleteWorker",
    method: "DELETE",
    path: "/actors/v2/{actorId}/workers/{workerId}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    classifier,
    docs: registering
  }),
  /** The actor's nonces. */
  listNonces: Endpoint.make({
    name: "agave.Actors.listNonces",
    method: "GET",
    path: "/actors/v2/{actorId}/nonces",
    success: Schema.Array(ActorNonce),
    errors: reading,
    classifier,
    docs: sharing
  }),
  /** A new nonce (EXECUTE, unlimited uses unless told): give its id to whoever may call the actor
   *  without a token. Never sent twice. */
  addNonce: Endpoint.make({
    name: "agave.Actors.addNonce",
    method: "POST",
    path: "/actors/v2/{actorId}/nonces",
    body: AddNonceRequest,
    success: ActorNonce,
    errors: reading,
    classifier,
    docs: sharing
  }),
  /** One nonce, with its remaining uses. */
  getNonce: Endpoint.make({
    name: "agave.Actors.getNonce",
    method: "GET",
    path: "/actors/v2/{actorId}/nonces/{nonceId}",
    success: ActorNonce,
    errors: reading,
    classifier,
    docs: sharing
  }),
  /** Revokes a nonce. */
  deleteNonce: Endpoint.make({
    name: "agave.Actors.deleteNonce",
    method: "DELETE",
    path: "/actors/v2/{actorId}/nonces/{nonceId}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    classifier,
    docs: sharing
  }),
  /** The tenant's aliases. */
  listAliases: Endpoint.make({
    name: "agave.Actors.listAliases",
    method: "GET",
    path: "/actors/v2/aliases",
    success: Schema.Array(ActorAlias),
    errors: listingErrors,
    classifier,
    docs: aliasing
  }),
  /** Names an actor (the name is the tenant's: taken means `Conflict`). */
  addAlias: Endpoint.make({
    name: "agave.Actors.addAlias",
    method: "POST",
    path: "/actors/v2/aliases",
    body: AddAliasRequest,
    success: ActorAlias,
    errors: ["Unauthorized", "Forbidden", "NotFound", "Conflict", "InvalidRequest"],
    classifier,
    docs: aliasing
  }),
  /** One alias. */
  getAlias: Endpoint.make({
    name: "agave.Actors.getAlias",
    method: "GET",
    path: "/actors/v2/aliases/{alias}",
    success: ActorAlias,
    errors: reading,
    classifier,
    docs: aliasing
  }),
  /** Removes an alias (the actor stays). */
  deleteAlias: Endpoint.make({
    name: "agave.Actors.deleteAlias",
    method: "DELETE",
    path: "/actors/v2/aliases/{alias}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    classifier,
    docs: aliasing
  }),
  /** Searches one of Abaco's databases (`actors`, `workers`, `executions`, `logs`): records as
   *  stored, fields by database (`searchExecutions` and the others type them). */
  getSearch: Endpoint.make({
    name: "agave.Actors.getSearch",
    method: "GET",
    path: "/actors/v2/search/{search_type}",
    query: { ...page, search: Query.string, where: where<Readonly<Record<string, unknown>>>() },
    success: found.success,
    paging: found.paging,
    errors: reading,
    classifier,
    docs: searching
  }),
  /** The actor's executions, with their totals. */
  listExecutions: Endpoint.make({
    name: "agave.Actors.listExecutions",
    method: "GET",
    path: "/actors/v2/{actorId}/executions",
    success: ExecutionsSummary,
    errors: reading,
    classifier,
    docs: messaging
  }),
  /** One execution. */
  getExecution: Endpoint.make({
    name: "agave.Actors.getExecution",
    method: "GET",
    path: "/actors/v2/{actorId}/executions/{executionId}",
    success: Execution,
    errors: reading,
    classifier,
    docs: messaging
  }),
  /** The next result an execution sent, as bytes; each read takes one, and none left is an empty
   *  stream. */
  getOneExecutionResult: Endpoint.make({
    name: "agave.Actors.getOneExecutionResult",
    method: "GET",
    path: "/actors/v2/{actorId}/executions/{executionId}/results",
    success: Endpoint.streamed,
    envelope: false,
    errors: reading,
    classifier,
    docs: messaging
  }),
  /** An execution's logs. */
  getExecutionLogs: Endpoint.make({
    name: "agave.Actors.getExecutionLogs",
    method: "GET",
    path: "/actors/v2/{actorId}/executions/{executionId}/logs",
    success: ExecutionLogs,
    errors: reading,
    classifier,
    docs: messaging
  })
}

/**
 * Records beside AgavePy's: search by type, typed (`getSearch` with the database in its path).
 *
 * @since 0.1.0
 * @category records
 */
export const ActorExtraRecords = {
  /** Searches every actor the caller may read. */
  searchActors: Endpoint.make({
    name: "agave.Actors.getSearch",
    method: "GET",
    path: "/actors/v2/search/actors",
    query: { ...page, search: Query.string, where: where<Actor>() },
    success: actors.success,
    paging: actors.paging,
    errors: listingErrors,
    classifier,
    docs: searching
  }),
  /** Searches the executions of every actor the caller may read. */
  searchExecutions: Endpoint.make({
    name: "agave.Actors.getSearch",
    method: "GET",
    path: "/actors/v2/search/executions",
    query: { ...page, search: Query.string, where: where<Execution>() },
    success: executionsFound.success,
    paging: executionsFound.paging,
    errors: listingErrors,
    classifier,
    docs: searching
  }),
  /** Searches the workers of every actor the caller may read. */
  searchWorkers: Endpoint.make({
    name: "agave.Actors.getSearch",
    method: "GET",
    path: "/actors/v2/search/workers",
    query: { ...page, search: Query.string, where: where<ActorWorker>() },
    success: workersFound.success,
    paging: workersFound.paging,
    errors: listingErrors,
    classifier,
    docs: searching
  })
}
