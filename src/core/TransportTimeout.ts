/**
 * Per-attempt timeouts that a transport enforces itself. Racing every request against a timer fiber
 * is the most expensive part of a call; a transport that can abort a request on its own timer
 * declares so, and the pipeline hands it each request with its deadline instead. Any other `HttpClient`
 * gets the race.
 *
 * A transport's timer runs in real time, as Effect's live `Clock` does, so the two agree. Under any
 * other `Clock` (a `TestClock`, a clock of your own) the pipeline does not hand the deadline over and
 * races on that `Clock` instead (see {@link isLiveClock}): every timeout of the SDK follows Effect's
 * `Clock`, whichever transport carries the request.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import type * as Effect from "effect/Effect"

const TypeId: unique symbol = Symbol.for("effect-research-sdk/TransportTimeout")

/**
 * A request's time limit: from sending it to its last body byte, or only to its response headers
 * (for streamed bodies, which may take as long as they take).
 *
 * @since 0.1.0
 * @category models
 */
export interface Deadline {
  readonly millis: number
  readonly includesBody: boolean
}

/**
 * What a transport fails with (as the `cause` of its `HttpClientError`) when a deadline passes.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeadlineExceeded extends Error {
  constructor(readonly deadline: Deadline) {
    super(`no complete response within ${deadline.millis} ms`)
    this.name = "DeadlineExceeded"
  }
}

/**
 * How an enforcing transport sends a request under a deadline.
 *
 * @since 0.1.0
 * @category models
 */
export type ExecuteWithin = (
  request: HttpClientRequest.HttpClientRequest,
  deadline: Deadline
) => Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>

interface Enforcing {
  readonly [TypeId]: ExecuteWithin
}

/**
 * Marks a client as enforcing deadlines itself, with `executeWithin` as the way to send a request
 * under one. A client derived from it (by `HttpClient.mapRequest` and the like) is a new object
 * without the mark, so it gets the race.
 *
 * @since 0.1.0
 * @category constructors
 */
export const enforcing = <C extends HttpClient.HttpClient>(client: C, executeWithin: ExecuteWithin): C =>
  Object.assign(client, { [TypeId]: executeWithin })

/**
 * Whether a client enforces deadlines itself.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isEnforcing = (client: HttpClient.HttpClient): boolean => TypeId in client

/**
 * Sends `request` on an enforcing client (see {@link isEnforcing}) under `deadline`; on any other
 * client, sends it without one. The deadline is handed to the transport with the request, not kept
 * beside it in a table: a `WeakMap` entry a request cost more than the rest of the hand-over.
 *
 * @since 0.1.0
 * @category sending
 */
export const executeWithin = (
  client: HttpClient.HttpClient,
  request: HttpClientRequest.HttpClientRequest,
  deadline: Deadline
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> =>
  TypeId in client ? (client as unknown as Enforcing)[TypeId](request, deadline) : client.execute(request)

/**
 * Whether an error's cause is a passed deadline.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isDeadlineExceeded = (cause: unknown): cause is DeadlineExceeded => cause instanceof DeadlineExceeded

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

/**
 * Whether `clock` is Effect's live clock, whose time a transport's own timer keeps as well. Only then
 * may a transport enforce a deadline on its timer; under a `TestClock` it may not.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isLiveClock = (clock: Clock.Clock): boolean => clock === liveClock
