/**
 * The first step of a call: the URL, the request (headers, JSON or other body), the timeout and retry
 * policy in force, and the context every attempt reports errors with, gathered in one {@link Call}.
 * Nothing here is sent; input that cannot be sent is refused with `InvalidRequest`.
 *
 * @since 0.1.0
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import type * as Tracer from "effect/Tracer"
import type { StreamOperation } from "../ApiClient.js"
import type { AttemptContext } from "../Attempt.js"
import type { DomainTag } from "../Errors.js"
import { InvalidRequest } from "../Errors.js"
import type * as InFlight from "../InFlight.js"
import { RequestOptions } from "../RequestOptions.js"
import type { RetryPolicy } from "../Retry.js"
import * as Retry from "../Retry.js"
import * as TransportTimeout from "../TransportTimeout.js"
import { buildUrl, displayUrl } from "../Url.js"
import type { ClientState } from "./ClientState.js"
import type { OnSuccess } from "./ReadBody.js"

/**
 * One call of an operation, as its attempts see it: built once, before the first attempt.
 *
 * @since 0.1.0
 * @category models
 */
export interface Call<A, T extends DomainTag> {
  readonly client: ClientState
  readonly operation: StreamOperation<T>
  /** What a successful response becomes. */
  readonly onSuccess: OnSuccess<A>
  /** Runs one attempt in a slot of the in-flight bound. */
  readonly inSlot: InFlight.InSlot
  /** The operation's span, annotated with what is safe to show. */
  readonly span: Tracer.Span | undefined
  /** The context of every attempt, before the credentials it sends are added. */
  readonly context: AttemptContext
  /** The request without credentials: each attempt adds the ones in force as it is sent. */
  readonly request: HttpClientRequest.HttpClientRequest
  readonly timeout: Duration.Duration
  readonly policy: RetryPolicy
  /** A streamed request body is consumed by its first attempt: never sent again. */
  readonly streamedBody: boolean
  /** Who keeps each attempt's deadline: the transport itself (the SDK's undici client), a timer on
   *  the request's abort signal (`SignalDeadline`), or a race against Effect's `Clock`. */
  readonly deadlineBy: "transport" | "signal" | "race"
  /** The `Clock` in force when the call was made. */
  readonly clock: Clock.Clock
  readonly deadline: TransportTimeout.Deadline
}

/**
 * Builds a call of `operation` in `fiber`, the fiber about to run it, or the reason it cannot be
 * sent: its URL, its body or the client's configured headers. Read from the fiber at once rather
 * than step by step: the region's request options and the `Clock`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const buildRequest = <A, T extends DomainTag>(
  client: ClientState,
  operation: StreamOperation<T>,
  onSuccess: OnSuccess<A>,
  /** Whether the timeout runs to the last byte of the body (or only to the headers, for streams). */
  timeoutIncludesBody: boolean,
  inSlot: InFlight.InSlot,
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  /** The span to annotate: the operation's (see {@link currentOperationSpan}), if any. */
  operationSpan: Tracer.Span | undefined
): Call<A, T> | InvalidRequest => {
  const config = client.config
  if (client.configProblem !== undefined) return invalid(client.configProblem)
  const url = buildUrl(config.baseUrl, operation.path, operation.query)
  if (Either.isLeft(url)) return url.left
  const span = operationSpan
  const overrides = Context.get(fiber.currentContext, RequestOptions)
  const clock = Context.get(fiber.currentDefaultServices, Clock.Clock)
  const timeout = overrides.timeout === undefined ? client.timeout : Duration.decode(overrides.timeout)
  const context: AttemptContext = {
    method: operation.method,
    idempotent: operation.idempotent ?? Retry.isIdempotent(operation.method),
    url: displayUrl(url.right),
    errors: operation.errors,
    classifiers: operation.classifier === undefined
      ? client.classifiers
      : [operation.classifier, ...client.classifiers],
    secrets: operation.secrets ?? [],
    timeoutMillis: Duration.toMillis(timeout)
  }

  // The span the call runs in (the operation's) carries what is safe to show; the transport's own
  // span, which would show the request and its headers, is never created (see ApiClient's send).
  span?.attribute("http.request.method", context.method)
  span?.attribute("url.full", context.url)

  let request = client.request(operation.method, url.right)
  if (operation.body !== undefined) {
    let encoded: HttpClientRequest.HttpClientRequest
    try {
      encoded = HttpClientRequest.bodyUnsafeJson(request, operation.body)
    } catch {
      return invalid("the request body cannot be encoded as JSON")
    }
    request = config.jsonContentType === undefined
      ? encoded
      : HttpClientRequest.setHeader(encoded, "content-type", config.jsonContentType)
  }
  if (operation.requestBody !== undefined) request = HttpClientRequest.setBody(request, operation.requestBody)
  const streamedBody = operation.requestBody?._tag === "Stream"
  return {
    client,
    operation,
    onSuccess,
    inSlot,
    span,
    context,
    request,
    timeout,
    policy: streamedBody ? Retry.noRetries : overrides.retry ?? config.retry,
    streamedBody,
    deadlineBy: deadlineKeeper(client, timeoutIncludesBody, TransportTimeout.isLiveClock(clock)),
    clock,
    deadline: { millis: context.timeoutMillis, includesBody: timeoutIncludesBody }
  }
}

// A transport's own timer, or a timer on the signal, keeps real time: only under the live Clock. A
// stream's body outlives its attempt and is released by the platform's own controller: it races.
const deadlineKeeper = (client: ClientState, includesBody: boolean, live: boolean): Call<any, any>["deadlineBy"] =>
  !live
    ? "race"
    : client.enforcesTimeout
    ? "transport"
    : includesBody && client.signalDeadlines === "supported"
    ? "signal"
    : "race"

/**
 * The operation's span when its caller did not hand it over: the current span, a hand-written
 * operation's (`Traced.fn`), but only while tracing is on. With it off (by the user, or inside another
 * call's transport) the current span is someone else's, and no span is annotated. Read before the
 * call turns tracing off around its transport.
 *
 * @since 0.1.0
 * @category constructors
 */
export const currentOperationSpan = (fiber: Fiber.RuntimeFiber<unknown, unknown>): Tracer.Span | undefined => {
  const current = fiber.currentSpan
  return current?._tag === "Span" && fiber.getFiberRef(FiberRef.currentTracerEnabled) ? current : undefined
}

const invalid = (message: string): InvalidRequest => new InvalidRequest({ message, origin: "client" })

/**
 * Refuses input before anything is sent: every operation can end in `InvalidRequest` (origin
 * `client`), whatever it declares, since an id, a query value or a credential may be one that cannot
 * be sent.
 *
 * @since 0.1.0
 * @category errors
 */
export const invalidInput = (message: string): Effect.Effect<never, InvalidRequest> =>
  Effect.fail(new InvalidRequest({ message, origin: "client" }))
