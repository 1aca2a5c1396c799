/**
 * The HTTP face of the Abaco test server: the actors records' routes, answered from the tenant's
 * `Actors` in Abaco's envelope (`{"result", "status", "version", "message"}`), with results as bare
 * bytes. A call carries a bearer token (checked by the gateway, as every Agave call) or, instead, an
 * actor's nonce in the `x-nonce` query parameter, redeemed for the actor in the path at the level the
 * call needs — one use fewer each time.
 *
 * @since 0.1.0
 */
import type * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { isRecord } from "effect/Predicate"
import { ActorRecords } from "../../agave/records/Actors.js"
import * as Router from "../http/Router.js"
import type { Message } from "./Actors.js"
import { Actors } from "./Actors.js"
import type { Op, Outcome } from "./Outcome.js"
import { Refusal, run } from "./Outcome.js"
import type { Tokens } from "./Tokens.js"

/**
 * The version Abaco's envelope reports.
 *
 * @since 0.1.0
 * @category constants
 */
export const abacoVersion = "1.8.0-test"

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

const failure = (refusal: Refusal) =>
  json(refusal.status, { result: null, status: "error", version: abacoVersion, message: refusal.message })

const answer = <A>(outcome: Outcome<A>): Response =>
  outcome._tag === "Refusal"
    ? failure(outcome)
    : json(outcome.status, {
      result: outcome.result,
      status: "success",
      version: abacoVersion,
      message: "The request was successful"
    })

const bytes = (outcome: Outcome<Uint8Array>): Response =>
  outcome._tag === "Refusal"
    ? failure(outcome)
    : new Response(outcome.result as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: { "content-type": "application/octet-stream" }
    })

const isEmpty = (value: unknown): boolean =>
  value === null || value === false || value === 0 || value === "" ||
  (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0)

const badRequest = (message: string) => new Refusal(400, message)

const readJson = async (request: Request): Promise<unknown> => {
  const text = await request.text()
  if (text.trim() === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw badRequest("Unable to process the JSON description.")
  }
}

// A message as Abaco reads one: bytes (their length known), `{message}` as text, other JSON as JSON.
const readMessage = async (request: Request): Promise<Message> => {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase()
  if (type === "application/octet-stream") {
    if (/chunked/i.test(request.headers.get("transfer-encoding") ?? "")) {
      throw badRequest("Content Length required for application/octet-stream.")
    }
    const value = new Uint8Array(await request.arrayBuffer())
    return { value, contentType: "application/octet-stream", size: value.length }
  }
  const text = await request.text()
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw badRequest("message POST body could not be serialized. Pass JSON data or use the message attribute.")
  }
  const size = new TextEncoder().encode(text).length
  if (isRecord(value) && typeof value["message"] === "string" && value["message"] !== "") {
    return { value: value["message"], contentType: "str", size }
  }
  return { value, contentType: isEmpty(value) ? "str" : "application/json", size }
}

// Every query parameter but `message` becomes a variable of the execution, as Abaco does (the nonce
// included: Abaco passes it on).
const variablesOf = (url: URL): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of url.searchParams) if (name !== "message") out[name] = value
  return out
}

/**
 * What the routes need of the tenant.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActorRoutesContext {
  readonly actors: Actors
  readonly tokens: Tokens
  /** The clock the tenant's operations read. */
  readonly clock: Clock.Clock
}

type Params = Readonly<Record<string, string>>
type Handle = (user: string, params: Params, request: Request, url: URL) => Response | Promise<Response>

/**
 * The routes of every actors record.
 *
 * @since 0.1.0
 * @category constructors
 */
export const actorRoutes = (context: ActorRoutesContext): ReadonlyArray<Router.Route> => {
  const { actors, clock, tokens } = context
  const exec = <A>(op: Op<A>): Outcome<A> => Effect.runSync(Effect.withClock(op, clock))

  // The caller: the bearer token's user, or the nonce's owner; a refusal or the gateway's fault.
  const caller = (identifier: string | undefined, request: Request, url: URL): string | Response => {
    const authorization = request.headers.get("authorization")
    const nonce = url.searchParams.get("x-nonce")
    if (authorization === null && nonce !== null) {
      if (identifier === undefined) throw badRequest("Not authorized.")
      const level = Actors.levelFor(request.method, url.pathname)
      const redeemed = exec(run((now) => actors.redeem(identifier, nonce, level, now)))
      if (redeemed._tag === "Refusal") throw redeemed
      return redeemed.result
    }
    const verdict = Effect.runSync(Effect.withClock(tokens.authenticate(authorization ?? undefined), clock))
    return verdict._tag === "Fault" ? json(verdict.status, { fault: verdict.fault }) : verdict.username
  }

  const on = (
    record: { readonly method: string; readonly path: { readonly template: string } },
    handle: Handle,
    identifier: (params: Params) => string | undefined = (params) => params["actorId"] ?? params["alias"]
  ) =>
    Router.route(record.method, record.path.template, async ({ params, request, url }) => {
      try {
        const user = caller(identifier(params), request, url)
        return typeof user === "string" ? await handle(user, params, request, url) : user
      } catch (error) {
        if (error instanceof Refusal) return failure(error)
        throw error
      }
    })

  const r = ActorRecords
  const id = (p: Params) => p["actorId"]!
  return [
    on(r.list, (user, _, __, url) => answer(exec(actors.list(user, url.searchParams)))),
    on(r.add, async (user, _, request) => answer(exec(actors.add(user, await readJson(request))))),
    on(r.get, (user, p) => answer(exec(actors.get(user, id(p))))),
    on(r.update, async (user, p, request) => answer(exec(actors.update(user, id(p), await readJson(request))))),
    on(r.delete, (user, p) => answer(exec(actors.delete(user, id(p))))),
    on(r.getMessages, (user, p) => answer(exec(actors.messageCount(user, id(p))))),
    on(r.deleteMessages, (user, p) => answer(exec(actors.purgeMessages(user, id(p))))),
    // sendMessage and sendBinaryMessage: one route, told apart by the body's media type.
    on(
      r.sendMessage,
      async (user, p, request, url) =>
        answer(exec(actors.send(user, id(p), await readMessage(request), variablesOf(url))))
    ),
    on(r.getState, (user, p) => answer(exec(actors.getState(user, id(p))))),
    on(
      r.updateState,
      async (user, p, request) => answer(exec(actors.updateState(user, id(p), await readJson(request))))
    ),
    on(r.getPermissions, (user, p) => answer(exec(actors.getPermissions(user, id(p))))),
    on(
      r.updatePermissions,
      async (user, p, request) => answer(exec(actors.updatePermissions(user, id(p), await readJson(request))))
    ),
    on(r.listWorkers, (user, p, _, url) => answer(exec(actors.listWorkers(user, id(p), url.searchParams)))),
    on(r.addWorker, async (user, p, request) => answer(exec(actors.addWorkers(user, id(p), await readJson(request))))),
    on(r.getWorker, (user, p) => answer(exec(actors.getWorker(user, id(p), p["workerId"]!)))),
    on(r.deleteWorker, (user, p) => answer(exec(actors.deleteWorker(user, id(p), p["workerId"]!)))),
    on(r.listNonces, (user, p) => answer(exec(actors.listNonces(user, id(p))))),
    on(r.addNonce, async (user, p, request) => answer(exec(actors.addNonce(user, id(p), await readJson(request))))),
    on(r.getNonce, (user, p) => answer(exec(actors.getNonce(user, id(p), p["nonceId"]!)))),
    on(r.deleteNonce, (user, p) => answer(exec(actors.deleteNonce(user, id(p), p["nonceId"]!)))),
    on(r.listAliases, (user) => answer(exec(actors.listAliases(user)))),
    on(r.addAlias, async (user, _, request) => answer(exec(actors.addAlias(user, await readJson(request))))),
    on(r.getAlias, (user, p) => answer(exec(actors.getAlias(user, p["alias"]!)))),
    on(r.deleteAlias, (user, p) => answer(exec(actors.deleteAlias(user, p["alias"]!)))),
    on(
      r.getSearch,
      (user, p, _, url) => answer(exec(actors.search(user, p["search_type"]!, url.searchParams))),
      () => undefined
    ),
    on(r.listExecutions, (user, p, _, url) => answer(exec(actors.listExecutions(user, id(p), url.searchParams)))),
    on(r.getExecution, (user, p) => answer(exec(actors.getExecution(user, id(p), p["executionId"]!)))),
    on(r.getOneExecutionResult, (user, p) => bytes(exec(actors.nextResult(user, id(p), p["executionId"]!)))),
    on(
      r.getExecutionLogs,
      (user, p, _, url) => answer(exec(actors.logs(user, id(p), p["executionId"]!, url.searchParams)))
    )
  ]
}
