/**
 * The first step of a call: the URL, the request (headers, JSON or other body), the timeout and retry
 * policy in force, and the context every attempt reports errors with, gathered in one {@link Call}.
 * Nothing here is sent; input that cannot be sent is refused with `InvalidRequest`.
 *
 * @since 0.1.0
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Tracer from "effect/Tracer"
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
 * Builds a call of `operation`: refused with `InvalidRequest` if its URL, its body or the client's
 * configured headers cannot be sent.
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
  inSlot: InFlight.InSlot
): Effect.Effect<Call<A, T>, InvalidRequest> =>
  Effect.gen(function*() {
    const config = client.config
    if (client.configProblem !== undefined) return yield* invalidInput(client.configProblem)
    const url = buildUrl(config.baseUrl, operation.path, operation.query)
    if (Either.isLeft(url)) return yield* Effect.fail(url.left)
    const span = yield* operationSpan
    const overrides = yield* RequestOptions
    const clock = yield* Effect.clock
    const timeout = Duration.decode(overrides.timeout ?? config.timeout)
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

    let request = HttpClientRequest.setHeaders(HttpClientRequest.make(operation.method)(url.right), client.baseHeaders)
    if (operation.body !== undefined) {
      const encoded = yield* Effect.either(HttpClientRequest.bodyJson(request, operation.body))
      if (Either.isLeft(encoded)) return yield* invalidInput("the request body cannot be encoded as JSON")
      request = config.jsonContentType === undefined
        ? encoded.right
        : HttpClientRequest.setHeader(encoded.right, "content-type", config.jsonContentType)
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
  })

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

// The span a call runs in, to annotate: the operation's own (every SDK operation opens one; with
// tracing turned off, the nearest span around it, which is then a no-op span).
const operationSpan: Effect.Effect<Tracer.Span | undefined> = Effect.map(
  Effect.serviceOption(Tracer.ParentSpan),
  (parent) => parent._tag === "Some" && parent.value._tag === "Span" ? parent.value : undefined
)

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
