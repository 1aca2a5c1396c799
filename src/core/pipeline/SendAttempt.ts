/**
 * One attempt of a call: its credentials set, sent (in a slot of the in-flight bound, under its
 * timeout), and its response read — a success by the call's `onSuccess`, anything else turned into an
 * {@link AttemptError} for the retry loop.
 *
 * @since 0.1.0
 */
import type * as Headers from "@effect/platform/Headers"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { Credential } from "../ApiClient.js"
import type { AttemptContext } from "../Attempt.js"
import * as Attempt from "../Attempt.js"
import { AttemptError } from "../Attempt.js"
import type { HttpInfo } from "../Decode.js"
import type { DomainTag } from "../Errors.js"
import { InvalidResponse } from "../Errors.js"
import * as SignalDeadline from "../SignalDeadline.js"
import * as TransportTimeout from "../TransportTimeout.js"
import { redactingHeadersOf, withCredentials } from "./AttemptCredentials.js"
import type { Call } from "./BuildRequest.js"
import { discardBody, errorText } from "./ReadBody.js"

/**
 * Attempt number `attempt` of `call`, sending `credentials`, under the call's timeout: the
 * transport's own when it enforces one, `Effect.timeoutFail` otherwise.
 *
 * @since 0.1.0
 * @category attempts
 */
export const sendAttempt = <A, T extends DomainTag>(
  call: Call<A, T>,
  attempt: number,
  credentials: ReadonlyArray<Credential>
): Effect.Effect<A, AttemptError> =>
  call.deadlineBy !== "race"
    ? sent(call, attempt, credentials)
    : Effect.timeoutFail(sent(call, attempt, credentials), {
      duration: call.timeout,
      onTimeout: () => Attempt.fromTimeout(call.context, Duration.format(call.timeout))
    })

// An interrupted attempt (its timeout, Effect.timeout, Stream.take, a fiber interrupt) aborts its
// request: @effect/platform aborts on interruption while sending and while reading the body (with
// the attempt's own signal, the attempt aborts it). No interruption between the headers and the
// handling of the body: once a response is here, it is read, or released if the call is interrupted,
// so no connection is left holding an unread body.
const sent = <A, T extends DomainTag>(
  call: Call<A, T>,
  attempt: number,
  credentials: ReadonlyArray<Credential>
): Effect.Effect<A, AttemptError> => {
  const context = withCredentials(call.context, credentials)
  let request = call.request
  for (const credential of credentials) {
    request = credential.in === "query"
      ? withQueryCredential(request, credential)
      : HttpClientRequest.setHeader(request, credential.header, Redacted.value(credential.value))
  }
  const client = call.client
  // On a client not yet known to take the attempt's signal, the first calls race and arm the signal
  // as well, to learn whether it does.
  const bySignal = call.deadlineBy === "signal" ||
    (call.deadlineBy === "race" && client.signalDeadlines === "unknown" && call.deadline.includesBody &&
      TransportTimeout.isLiveClock(call.clock))
  let armed: SignalDeadline.Armed | undefined
  const execute = call.deadlineBy === "transport"
    ? TransportTimeout.executeWithin(client.httpClient, request, call.deadline)
    : bySignal
    ? SignalDeadline.execute(client.httpClient, request, call.deadline.millis, (signal) => {
      armed = signal
    })
    : client.httpClient.execute(request)
  // An attempt that fails once its signal's deadline has passed failed of it, whatever it became:
  // an error status whose body was cut off by the abort is read as empty, and is a timeout.
  const attemptError = (error: AttemptError | InvalidResponse | HttpClientError.HttpClientError): AttemptError =>
    armed?.expired() === true
      ? Attempt.fromTimeout(context, Duration.format(call.timeout))
      : error instanceof AttemptError
      ? error
      : error instanceof InvalidResponse
      ? AttemptError.final(error)
      : TransportTimeout.isDeadlineExceeded(error.cause)
      ? Attempt.fromTimeout(context, Duration.format(call.timeout))
      : Attempt.fromTransport(context, error)
  // What `Effect.mapError` does, as a handler: a failure mapped, anything else (a defect, an
  // interruption) as it is.
  const failed = (
    cause: Cause.Cause<AttemptError | InvalidResponse | HttpClientError.HttpClientError>
  ): Effect.Effect<never, AttemptError> => {
    const failure = Cause.failureOrCause(cause)
    return failure._tag === "Left" ? Effect.fail(attemptError(failure.left)) : Effect.failCause(failure.right)
  }
  // Both steps' handlers in the one uninterruptible region (rather than `onInterrupt` and `mapError`,
  // each a region and a handler of its own): they run however the attempt ends.
  const attemptEffect = Effect.uninterruptibleMask((restore) =>
    Effect.matchCauseEffect(restore(execute), {
      onFailure: failed,
      onSuccess: (response) => {
        if (armed !== undefined && client.signalDeadlines === "unknown") {
          client.signalDeadlines = armed.taken() ? "supported" : "unsupported"
        }
        return Effect.matchCauseEffect(restore(onResponse(call, response, attempt, context)), {
          onFailure: (cause) =>
            // Interrupted only: the cause holds no failure to map.
            Cause.isInterruptedOnly(cause)
              ? Effect.matchCauseEffect(discardBody(response), {
                onFailure: (released) => Effect.failCause(Cause.sequential(cause as Cause.Cause<never>, released)),
                onSuccess: () => Effect.failCause(cause as Cause.Cause<never>)
              })
              : failed(cause),
          onSuccess: Effect.succeed
        })
      }
    })
  ).pipe(redactingHeadersOf(credentials, client.config.credentialHeaders))
  return bySignal
    ? Effect.onExit(attemptEffect, (exit) => Effect.sync(() => armed?.disarm(exit._tag === "Success")))
    : attemptEffect
}

// A credential in the query: appended to this attempt's URL, as text (the URL's own query stays as
// `Query.compile` encoded it; rebuilding it through URLSearchParams would re-encode it).
const withQueryCredential = (
  request: HttpClientRequest.HttpClientRequest,
  credential: Credential
): HttpClientRequest.HttpClientRequest => {
  const url = request.url
  const pair = `${encodeURIComponent(credential.header)}=${encodeURIComponent(Redacted.value(credential.value))}`
  return HttpClientRequest.setUrl(request, url + (url.includes("?") ? "&" : "?") + pair)
}

// A response: a success is the call's to read; any other status is read (bounded) and classified.
const onResponse = <A, T extends DomainTag>(
  call: Call<A, T>,
  response: HttpClientResponse.HttpClientResponse,
  attempt: number,
  context: AttemptContext
) => {
  // Some clients build the headers object anew on every read: read it once.
  const headers = response.headers
  call.span?.attribute("http.response.status_code", response.status)
  // Set once the request has been sent again, as OpenTelemetry's HTTP conventions ask: not on the
  // first attempt.
  if (attempt > 1) call.span?.attribute("http.request.resend_count", attempt - 1)
  const http = withRequestId(
    { method: context.method, url: context.url, status: response.status },
    headers,
    call.client.requestIdHeaders
  )
  if (response.status >= 200 && response.status < 300) return call.onSuccess(response, http, context, attempt)
  return Effect.flatMap(
    errorText(response, call.client.errorBodyLimit),
    (text) =>
      Effect.flatMap(
        Clock.currentTimeMillis,
        (now) => Effect.fail(Attempt.fromStatus(context, http, headers, text, now))
      )
  )
}

const withRequestId = (
  http: HttpInfo,
  headers: Headers.Headers,
  names: ReadonlyArray<string>
): HttpInfo => {
  for (const name of names) {
    const value = headers[name]
    if (value !== undefined) return { ...http, requestId: value }
  }
  return http
}
