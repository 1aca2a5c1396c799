/**
 * The request pipeline every platform client is built on: URL building, credentials, per-attempt
 * timeout, retries, bounded body reading, error classification and Schema decoding, in one place.
 * A platform describes each call as an {@link Operation} record — method, path, body, the success
 * schema and the domain errors it can end in — and the client runs it.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect, Schema } from "effect"
 * import { ApiClient, Retry } from "effect-research-sdk"
 * import { layerHttpClient } from "effect-research-sdk/testkit"
 *
 * // A small JSON API, answered in process: one item, 404 for any other.
 * const Http = layerHttpClient(async (request) =>
 *   new URL(request.url).pathname === "/v1/items/a%20b"
 *     ? Response.json({ id: "a b", name: "first" })
 *     : Response.json({ message: "no such item" }, { status: 404 }))
 *
 * const Item = Schema.Struct({ id: Schema.String, name: Schema.String })
 * // The operation record: the request, the success body's schema, the errors it can end in.
 * const getItem = (id: string): ApiClient.Operation<typeof Item.Type, typeof Item.Encoded, "NotFound"> => ({
 *   method: "GET",
 *   path: ["items", id], // each segment percent-encoded
 *   success: Item,
 *   errors: ["NotFound"]
 * })
 *
 * const program = Effect.gen(function*() {
 *   const client = yield* ApiClient.make({
 *     baseUrl: "http://api.test/v1",
 *     retry: Retry.defaultPolicy,
 *     timeout: "5 seconds",
 *     maxResponseBytes: 1024 * 1024,
 *     classifier: () => undefined, // the status alone decides
 *     credentials: Effect.succeed([]),
 *     credentialHeaders: []
 *   })
 *   const item = yield* client.execute(getItem("a b")) // Effect<Item, NotFound | InfraError>
 *   const missing = yield* Effect.flip(client.execute(getItem("other")))
 *   return [item.name, missing._tag]
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Http))).then((result) =>
 *   assert.deepStrictEqual(result, ["first", "NotFound"])
 * )
 * ```
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { identity } from "effect/Function"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import type { AttemptContext } from "./Attempt.js"
import * as Attempt from "./Attempt.js"
import { AttemptError } from "./Attempt.js"
import { readText } from "./Body.js"
import type { Classifier } from "./Classify.js"
import * as Credentials from "./Credentials.js"
import type { HttpInfo } from "./Decode.js"
import { decodeBody } from "./Decode.js"
import * as DownloadLimits from "./DownloadLimits.js"
import type { Envelope } from "./Envelope.js"
import * as Envelopes from "./Envelope.js"
import * as EnvelopeDecoder from "./EnvelopeDecoder.js"
import type { DomainErrorOf, DomainTag, InfraError } from "./Errors.js"
import { InvalidRequest, InvalidResponse, RequestTimeout } from "./Errors.js"
import { headerProblem } from "./HeaderValues.js"
import * as InFlight from "./InFlight.js"
import type { CredentialUnavailable } from "./RefreshingCredential.js"
import { RequestOptions } from "./RequestOptions.js"
import type { RetryPolicy } from "./Retry.js"
import * as Retry from "./Retry.js"
import { sanitize } from "./Sanitize.js"
import * as TransportTimeout from "./TransportTimeout.js"
import { buildUrl, displayUrl } from "./Url.js"

/**
 * A credential sent as a header. Its value stays `Redacted` until the moment the header is set; one
 * that cannot be sent as a header value is refused before sending (see `Credentials.problem`).
 *
 * @since 0.1.0
 * @category models
 */
export type Credential = Credentials.Credential

/**
 * What a platform tells the pipeline about itself.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiClientConfig {
  /** The base URL every path is appended to. */
  readonly baseUrl: string
  readonly retry: RetryPolicy
  /** Per-attempt timeout, from sending the request to the last byte of the body. */
  readonly timeout: Duration.DurationInput
  /** The largest response body read into memory. */
  readonly maxResponseBytes: number
  /** The platform's reading of its error bodies. */
  readonly classifier: Classifier
  /** The credentials for one attempt; read as each attempt is sent, so a region of code can switch
   *  them and a retry carries a token refreshed meanwhile. A failure ends the call (`Unauthorized`,
   *  or `InvalidRequest` for a credential that cannot be sent). See `Credentials.forPlatform`. */
  readonly credentials: Effect.Effect<ReadonlyArray<Credential>, CredentialUnavailable>
  /** Renews credentials the server rejected as expired or invalid (a classification with
   *  `credentialRejected`); the request is then sent once more. Without it, such a 401 ends the call. */
  readonly renewCredentials?:
    | ((sent: ReadonlyArray<Credential>) => Effect.Effect<void, CredentialUnavailable>)
    | undefined
  /** Names of the headers that may carry credentials: redacted in spans and logs. */
  readonly credentialHeaders: ReadonlyArray<string>
  /** The media type JSON request bodies are sent as; `application/json` by default (SCIM servers
   *  declare `application/scim+json`). */
  readonly jsonContentType?: string | undefined
  /** Headers sent with every request (e.g. `accept`). */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Response headers that carry the platform's request id, first match wins. */
  readonly requestIdHeaders?: ReadonlyArray<string> | undefined
  /** The most requests the client has in flight at once ({@link defaultMaxConcurrentRequests} by
   *  default; `Infinity` for no bound). Further calls wait for a slot, and their timeouts start only
   *  once they have one. */
  readonly maxConcurrentRequests?: number | undefined
  /** The slots themselves, to share one bound between clients (one made with {@link slots});
   *  `maxConcurrentRequests` is then not read. */
  readonly slots?: Effect.Semaphore | undefined
  /** The longest a streamed download's body may take, from its response headers to its last byte;
   *  no limit by default. */
  readonly downloadTimeout?: Duration.DurationInput | undefined
  /** The least a streamed download's body must bring: `DownloadLimits.defaultMinRate` (1 KiB in
   *  every 30 s) by default; `{ bytes: 0, per: … }` for no minimum. */
  readonly downloadMinRate?: DownloadLimits.DownloadRate | undefined
  /** The platform's response envelope, if it wraps its JSON answers in one (Agave): success schemas
   *  then describe the envelope's result, and an error envelope is classified with its message. */
  readonly envelope?: Envelope | undefined
}

/**
 * How many requests a client has in flight at once unless configured otherwise (64).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultMaxConcurrentRequests: number = InFlight.defaultMax

/**
 * Slots for `max` requests in flight, to share between clients ({@link ApiClientConfig.slots});
 * `undefined` for no bound (`Infinity`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const slots: (max?: number) => Effect.Semaphore | undefined = InFlight.slots

/**
 * HTTP methods the pipeline sends.
 *
 * @since 0.1.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD"

/**
 * One API operation's request and contract.
 *
 * @since 0.1.0
 * @category models
 */
export interface Operation<A, I, T extends DomainTag> {
  readonly method: Method
  /** Path segments below the base URL; each is percent-encoded and may not be empty, `.` or `..`.
   *  Or the path already encoded, starting with `/`, as a `PathTemplate` builds it. */
  readonly path: ReadonlyArray<string> | string
  /** Query parameters, or the query already encoded (without `?`), as `Query.compile` builds it. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>> | string | undefined
  /** A JSON body. */
  readonly body?: unknown
  /** A body other than JSON (multipart form data, a stream), sent instead of `body`. A streamed body
   *  can be sent once only: a request carrying one is never retried. */
  readonly requestBody?: HttpBody.HttpBody | undefined
  /** The success body's schema; `Schema.Void` when the response has no content worth reading. */
  readonly success: Schema.Schema<A, I, never>
  /** The domain errors this operation can end in. A classification outside them is reported as
   *  `InvalidResponse` (`UnexpectedStatus`), so the error channel's type never lies. */
  readonly errors: ReadonlyArray<T>
  /** An operation's own reading of error responses, consulted before the platform's. */
  readonly classifier?: Classifier | undefined
  /** Secrets the request carries in its body (passwords): scrubbed from any error, like credentials. */
  readonly secrets?: ReadonlyArray<Redacted.Redacted> | undefined
  /** Whether sending the request twice does no more than sending it once. By default, its method says
   *  (GET, PUT, DELETE… are); set `false` for an operation whose repetition is not harmless, such as a
   *  PUT that cancels a run, so that it is never sent again after it may have reached the server. */
  readonly idempotent?: boolean | undefined
  /** For a success that may come without content (a 204, or 200 with an empty body) as well as
   *  with a body (SCIM's PATCH): the value of an empty one. Without it, an empty body where `success`
   *  expects one is `InvalidResponse`. */
  readonly onNoContent?: (() => A) | undefined
  /** For a DELETE: a retry answered with `NotFound` means an earlier attempt deleted the resource. */
  readonly idempotentDelete?: boolean | undefined
  /** `false` for an operation whose answer is not wrapped in the platform's envelope (a token
   *  endpoint). */
  readonly envelope?: boolean | undefined
}

/**
 * An operation whose successful response body is streamed to the caller rather than decoded
 * (file downloads).
 *
 * @since 0.1.0
 * @category models
 */
export interface StreamOperation<T extends DomainTag> extends Omit<Operation<void, void, T>, "success"> {}

/**
 * What a call of an operation declaring the domain errors `T` can fail with: those, the errors any
 * call can end in, and `InvalidRequest`, which every operation can end in when the SDK refuses its
 * input before sending (an id or query value that cannot be encoded, a credential that cannot be
 * sent as a header).
 *
 * @since 0.1.0
 * @category models
 */
export type CallError<T extends DomainTag> = DomainErrorOf<T | "InvalidRequest"> | InfraError

/**
 * A platform client: runs {@link Operation}s.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiClient {
  readonly config: ApiClientConfig
  readonly execute: <A, I, const T extends DomainTag = never>(
    operation: Operation<A, I, T>
  ) => Effect.Effect<A, CallError<T>>
  /**
   * The body of a successful response as a stream of chunks, never held whole. Everything up to the
   * response headers goes through the pipeline like {@link execute} (credentials, timeout, retries,
   * error classification); once the first byte has been handed over nothing is retried, and a body
   * that breaks off fails the stream with `TransportError`. The per-request timeout ends at the
   * headers; after that, the body fails the stream with `RequestTimeout` if it brings nothing for as
   * long as the timeout, falls below the minimum rate, or outlasts the download deadline (see
   * `DownloadLimits`). Ending the stream early (or interrupting it) aborts the request. The request
   * holds its slot among the client's requests in flight until the stream ends.
   */
  readonly stream: <const T extends DomainTag = never>(
    operation: StreamOperation<T>
  ) => Stream.Stream<Uint8Array, CallError<T>>
}

const defaultRequestIdHeaders = ["x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid"]

/**
 * Builds a platform client on the `HttpClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (config: ApiClientConfig): Effect.Effect<ApiClient, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (httpClient) => makeWith(httpClient, config))

/**
 * Builds a platform client on the given `HttpClient`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (httpClient: HttpClient.HttpClient, config: ApiClientConfig): ApiClient => {
  const requestIdHeaders = config.requestIdHeaders ?? defaultRequestIdHeaders
  // Built once: every request starts from these.
  const baseHeaders = Headers.fromInput({ accept: "application/json", ...config.headers })
  const errorBodyLimit = Math.min(config.maxResponseBytes, 1_048_576)
  const enforcesTimeout = TransportTimeout.isEnforcing(httpClient)
  // Requests in flight are bounded: each attempt takes a slot (after any backoff, before its timeout
  // starts) and gives it back when its response has been read, or for a stream, when its body ends.
  const inFlight = config.slots ?? slots(config.maxConcurrentRequests ?? defaultMaxConcurrentRequests)
  const withSlot = InFlight.perAttempt(inFlight)
  // Headers set from configuration are checked once: if one cannot be sent, every call says so.
  const configProblem = staticHeadersProblem(config)
  const envelope = config.envelope
  // An error envelope's message is read whatever the status, after the platform's own reading.
  const classifiers = envelope === undefined ? [config.classifier] : [config.classifier, Envelopes.classifier(envelope)]

  // What a successful response becomes: decoded by the operation's schema, or handed over unread.
  type OnSuccess<A> = (
    response: HttpClientResponse.HttpClientResponse,
    http: HttpInfo,
    context: AttemptContext,
    /** Attempts made so far, this one included. */
    attempts: number
  ) => Effect.Effect<A, InvalidResponse | HttpClientError.ResponseError | AttemptError>

  const decodeSuccess = <A, I>(
    success: Schema.Schema<A, I, never>,
    onNoContent: (() => A) | undefined,
    enveloped: boolean
  ): OnSuccess<A> => {
    const isVoid = success.ast._tag === "VoidKeyword"
    // An enveloped answer is read even when its result is not wanted: it may be an error envelope.
    const expectsBody = !isVoid || enveloped
    const decode = enveloped ? EnvelopeDecoder.decoder(envelope!, success, isVoid) : undefined
    return (response, http, context) => {
      // Nothing to decode; still release whatever body came, so the connection (and a transport's
      // timer) is free again.
      if (!expectsBody) return Effect.as(discardBody(response), undefined as A)
      // A 204 has no body by definition (fetch gives none to read).
      if (response.status === 204) {
        return Effect.zipRight(
          discardBody(response),
          onNoContent !== undefined
            ? Effect.sync(onNoContent)
            : isVoid
            ? Effect.succeed(undefined as A)
            : Effect.fail(
              AttemptError.final(
                new InvalidResponse({ ...http, reason: "MalformedBody", message: "expected JSON: 204 No Content" })
              )
            )
        )
      }
      return readText(response, config.maxResponseBytes).pipe(
        Effect.mapError((error) =>
          error._tag === "BodyTooLarge"
            ? AttemptError.final(
              new InvalidResponse({
                ...http,
                reason: "BodyTooLarge",
                message: `response body exceeds the limit of ${error.limit} bytes`
              })
            )
            : error
        ),
        Effect.flatMap((text) =>
          (onNoContent !== undefined || isVoid) && text.trim() === ""
            ? (onNoContent === undefined ? Effect.succeed(undefined as A) : Effect.sync(onNoContent))
            : decode === undefined
            ? decodeBody(success, text, http, context.secrets)
            : decode(response, text, http, context)
        )
      )
    }
  }

  const execute = <A, I, T extends DomainTag>(
    operation: Operation<A, I, T>
  ): Effect.Effect<A, CallError<T>> =>
    send(
      operation,
      decodeSuccess(operation.success, operation.onNoContent, envelope !== undefined && operation.envelope !== false),
      true,
      withSlot
    )

  const send = <A, T extends DomainTag>(
    operation: StreamOperation<T>,
    onSuccess: OnSuccess<A>,
    /** Whether the timeout runs to the last byte of the body (or only to the headers, for streams). */
    timeoutIncludesBody: boolean,
    /** Runs one attempt in a slot of the in-flight bound. */
    inSlot: InFlight.InSlot
  ): Effect.Effect<A, CallError<T>> =>
    Effect.gen(function*() {
      if (configProblem !== undefined) return yield* invalidInput(configProblem)
      const url = buildUrl(config.baseUrl, operation.path, operation.query)
      if (Either.isLeft(url)) return yield* Effect.fail(url.left)
      const span = yield* operationSpan
      const overrides = yield* RequestOptions
      const timeout = Duration.decode(overrides.timeout ?? config.timeout)
      const callContext: AttemptContext = {
        method: operation.method,
        idempotent: operation.idempotent ?? Retry.isIdempotent(operation.method),
        url: displayUrl(url.right),
        errors: operation.errors,
        classifiers: operation.classifier === undefined ? classifiers : [operation.classifier, ...classifiers],
        secrets: operation.secrets ?? [],
        timeoutMillis: Duration.toMillis(timeout)
      }

      // The span the call runs in (the operation's) carries what is safe to show; the transport's own
      // span, which would show the request and its headers, is never created (see the end of send).
      span?.attribute("http.request.method", callContext.method)
      span?.attribute("url.full", callContext.url)

      let request = HttpClientRequest.setHeaders(HttpClientRequest.make(operation.method)(url.right), baseHeaders)
      if (operation.body !== undefined) {
        const encoded = yield* Effect.either(HttpClientRequest.bodyJson(request, operation.body))
        if (Either.isLeft(encoded)) {
          return yield* invalidInput("the request body cannot be encoded as JSON")
        }
        request = config.jsonContentType === undefined
          ? encoded.right
          : HttpClientRequest.setHeader(encoded.right, "content-type", config.jsonContentType)
      }
      if (operation.requestBody !== undefined) request = HttpClientRequest.setBody(request, operation.requestBody)
      // A streamed body is consumed by its first attempt.
      const streamedBody = operation.requestBody?._tag === "Stream"
      const policy = streamedBody ? Retry.noRetries : overrides.retry ?? config.retry

      const onResponse = (
        response: HttpClientResponse.HttpClientResponse,
        attempt: number,
        context: AttemptContext
      ): Effect.Effect<A, InvalidResponse | HttpClientError.ResponseError | AttemptError> => {
        // Some clients build the headers object anew on every read: read it once.
        const headers = response.headers
        span?.attribute("http.response.status_code", response.status)
        span?.attribute("http.request.resend_count", attempt - 1)
        const http = withRequestId(
          { method: context.method, url: context.url, status: response.status },
          headers,
          requestIdHeaders
        )
        if (response.status >= 200 && response.status < 300) return onSuccess(response, http, context, attempt)
        return Effect.flatMap(
          Effect.orElseSucceed(readText(response, errorBodyLimit, true), () => ""),
          (text) =>
            Effect.flatMap(
              Clock.currentTimeMillis,
              (now) => Effect.fail(Attempt.fromStatus(context, http, headers, text, now))
            )
        )
      }

      const deadline = { millis: callContext.timeoutMillis, includesBody: timeoutIncludesBody }
      // An interrupted attempt (this timeout, Effect.timeout, Stream.take, a fiber interrupt) aborts its
      // request: @effect/platform aborts on interruption while sending and while reading the body.
      // The transport's own timer keeps real time: it takes the deadline only under the live Clock.
      const transportTimesOut = enforcesTimeout && TransportTimeout.isLiveClock(yield* Effect.clock)
      // No interruption between the headers and the handling of the body: once a response is here, it
      // is read, or released if the call is interrupted, so no connection is left holding an unread body.
      // The credentials are the ones in force as this attempt is sent.
      const sent = (attempt: number, credentials: ReadonlyArray<Credential>) => {
        const context = withCredentials(callContext, credentials)
        let attemptRequest = request
        for (const credential of credentials) {
          attemptRequest = HttpClientRequest.setHeader(
            attemptRequest,
            credential.header,
            Redacted.value(credential.value)
          )
        }
        if (transportTimesOut) attemptRequest = TransportTimeout.withDeadline(attemptRequest, deadline)
        return Effect.uninterruptibleMask((restore) =>
          Effect.flatMap(
            restore(httpClient.execute(attemptRequest)),
            (response) =>
              restore(onResponse(response, attempt, context)).pipe(Effect.onInterrupt(() => discardBody(response)))
          )
        ).pipe(
          Effect.mapError((error) =>
            error instanceof AttemptError
              ? error
              : error instanceof InvalidResponse
              ? AttemptError.final(error)
              : TransportTimeout.isDeadlineExceeded(error.cause)
              ? Attempt.fromTimeout(context, Duration.format(timeout))
              : Attempt.fromTransport(context, error)
          ),
          redactingHeadersOf(credentials, config.credentialHeaders)
        )
      }
      const attemptOnce = transportTimesOut ?
        sent :
        (attempt: number, credentials: ReadonlyArray<Credential>) =>
          Effect.timeoutFail(sent(attempt, credentials), {
            duration: timeout,
            onTimeout: () => Attempt.fromTimeout(callContext, Duration.format(timeout))
          })
      // The credentials in force for this attempt. One no transport can send intact is refused here,
      // never retried: Node's client would throw (a defect), fetch and undici would fail every attempt
      // as a TransportError.
      const readCredentials = Effect.flatMap(
        Effect.mapError(config.credentials, (problem) => Attempt.fromCredentials(callContext, problem)),
        (credentials) => {
          for (const credential of credentials) {
            const problem = Credentials.problem(credential)
            if (problem !== undefined) {
              return Effect.fail(AttemptError.final(new InvalidRequest({ message: problem, origin: "client" })))
            }
          }
          return Effect.succeed(credentials)
        }
      )

      const giveUp = (
        error: AttemptError,
        attempts: number,
        earlierMayHaveActed: boolean,
        /** Every credential this call has sent: scrubbed from the error with the operation's secrets. */
        sentCredentials: ReadonlyArray<Credential>
      ) => {
        span?.attribute("http.request.resend_count", attempts - 1)
        // Every error leaves through here or the stream's body errors: scrubbed and bounded once, whole.
        const built = sanitize(error.build(attempts), withCredentials(callContext, sentCredentials).secrets)
        // A DELETE retried after an attempt that may have reached the server, now told the resource
        // is gone, succeeded: the earlier attempt deleted it.
        return operation.idempotentDelete === true && earlierMayHaveActed && built._tag === "NotFound"
          ? Effect.succeed(undefined as A)
          : Effect.fail(built as CallError<T>)
      }

      // A credential the server rejected as expired or invalid is renewed (one refresh however many
      // calls meet it: the credential's own single flight) and the request sent again, once per call.
      // A 401 means the server did not act, so this holds for any method; not for a streamed body.
      const reauthenticate = (
        error: AttemptError,
        credentials: ReadonlyArray<Credential>,
        attempt: number,
        spentMillis: number,
        earlierMayHaveActed: boolean,
        rejected: ReadonlyArray<Credential> | undefined
      ): Effect.Effect<A, CallError<T>> => {
        const sentCredentials = rejected === undefined ? credentials : [...rejected, ...credentials]
        return rejected !== undefined || config.renewCredentials === undefined
          ? giveUp(
            rejected !== undefined ? error.withNote("rejected again after a refresh") : error,
            attempt,
            earlierMayHaveActed,
            sentCredentials
          )
          : Effect.matchEffect(config.renewCredentials(credentials), {
            onFailure: (problem) =>
              giveUp(error.withNote(problem.message), attempt, earlierMayHaveActed, sentCredentials),
            onSuccess: () =>
              streamedBody
                ? giveUp(
                  error.withNote("the credential was refreshed, but a streamed request body cannot be sent again"),
                  attempt,
                  earlierMayHaveActed,
                  sentCredentials
                )
                : run(attempt + 1, spentMillis, earlierMayHaveActed, credentials)
          })
      }

      // The retry loop, by hand rather than with Effect.retry: a call that succeeds at once, the common
      // case, pays for nothing but one catchAll. Decisions are Retry.nextDelayMillis, as in Retry.schedule.
      const run = (
        attempt: number,
        spentMillis: number,
        earlierMayHaveActed: boolean,
        /** The credentials a server rejected before they were renewed, once renewed (at most once a call). */
        rejected: ReadonlyArray<Credential> | undefined
      ): Effect.Effect<A, CallError<T>> =>
        Effect.matchEffect(readCredentials, {
          onFailure: (error) => giveUp(error, attempt, earlierMayHaveActed, rejected ?? []),
          onSuccess: (credentials) =>
            Effect.catchAll(inSlot(attemptOnce(attempt, credentials)), (error) => {
              if (error.credentialRejected) {
                return reauthenticate(error, credentials, attempt, spentMillis, earlierMayHaveActed, rejected)
              }
              const sentCredentials = rejected === undefined ? credentials : [...rejected, ...credentials]
              if (!error.retryable) return giveUp(error, attempt, earlierMayHaveActed, sentCredentials)
              return Effect.flatMap(Random.next, (random) => {
                const delay = Retry.nextDelayMillis(policy, attempt, spentMillis, error, random)
                const log = Effect.logDebug("request attempt failed", {
                  method: callContext.method,
                  url: callContext.url,
                  attempt,
                  reason: error.description,
                  next: delay === undefined ? "giving up" : `retrying in ${Math.round(delay)} ms`
                })
                return delay === undefined
                  ? Effect.zipRight(log, giveUp(error, attempt, earlierMayHaveActed, sentCredentials))
                  : log.pipe(
                    Effect.zipRight(Effect.sleep(Duration.millis(delay))),
                    Effect.zipRight(
                      run(attempt + 1, spentMillis + delay, earlierMayHaveActed || error.mayHaveActed, rejected)
                    )
                  )
              })
            })
        })
      return yield* run(1, 0, false, undefined)
    }).pipe(
      // No span inside: @effect/platform's clients open an `http.client` span per request whose exit
      // holds the request, its credential headers in clear (redaction applies only inside the fiber,
      // not where an exporter serialises the span), and whose attributes copy response headers a
      // server may fill with anything. A user's own wrapper of the HttpClient gets no span either.
      // Nor is a trace context propagated in the request's headers.
      Effect.withTracerEnabled(false),
      Effect.locallyWith(Headers.currentRedactedNames, (names) => names.concat(config.credentialHeaders)),
      // The SDK's own transport follows no redirect to begin with.
      enforcesTimeout ? identity : withoutRedirects
    )

  const stream = <T extends DomainTag>(
    operation: StreamOperation<T>
  ): Stream.Stream<Uint8Array, CallError<T>> =>
    Stream.unwrapScoped(Effect.gen(function*() {
      const scope = yield* Effect.scope
      const overrides = yield* RequestOptions
      const download = {
        deadline: overrides.downloadTimeout ?? config.downloadTimeout,
        rate: overrides.downloadMinRate ?? config.downloadMinRate
      }
      return yield* send(
        operation,
        (response, _http, context, attempts) =>
          Effect.succeed(
            // The attempt's timeout ends with the headers; the body is bounded by the download limits.
            DownloadLimits.guard(
              Stream.mapError(
                response.stream,
                (error): InfraError =>
                  sanitize(Attempt.fromTransport(context, error).build(attempts) as InfraError, context.secrets)
              ),
              DownloadLimits.limits(context.timeoutMillis, download.deadline, download.rate),
              (violation) => sanitize(bodyTimeout(context, attempts, violation), context.secrets)
            )
          ),
        false,
        InFlight.untilClosed(inFlight, scope)
      )
    }))

  return { config, execute, stream }
}

// A download body that broke one of its limits.
const bodyTimeout = (
  context: AttemptContext,
  attempts: number,
  violation: DownloadLimits.Violation
): RequestTimeout =>
  new RequestTimeout({
    method: context.method,
    url: context.url,
    message: DownloadLimits.describe(violation),
    attempts,
    timeoutMillis: violation.millis
  })

// The span a call runs in, to annotate: the operation's own (every SDK operation opens one).
const operationSpan: Effect.Effect<Tracer.Span | undefined> = Effect.map(
  Effect.serviceOption(Tracer.ParentSpan),
  (parent) => parent._tag === "Some" && parent.value._tag === "Span" ? parent.value : undefined
)

// The attempt's context with the secrets of the credentials it sends, so they are scrubbed from errors.
const withCredentials = (context: AttemptContext, credentials: ReadonlyArray<Credential>): AttemptContext => {
  if (credentials.length === 0) return context
  const secrets: Array<Redacted.Redacted> = [...context.secrets]
  for (const credential of credentials) {
    secrets.push(credential.value)
    if (credential.secrets !== undefined) secrets.push(...credential.secrets)
  }
  return { ...context, secrets }
}

// A credential in a header the platform did not list (a region's override) is redacted all the same.
const redactingHeadersOf = (credentials: ReadonlyArray<Credential>, listed: ReadonlyArray<string>) => {
  let unlisted: Array<string> | undefined
  for (const credential of credentials) {
    const name = credential.header.toLowerCase()
    if (!listed.includes(name)) (unlisted ??= []).push(name)
  }
  return unlisted === undefined
    ? identity
    : <X, E, R>(self: Effect.Effect<X, E, R>) =>
      Effect.locallyWith(self, Headers.currentRedactedNames, (names) => names.concat(unlisted))
}

// Ends a body nobody will read: pulls at most one chunk, then cancels the rest.
const discardBody = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<void> =>
  Effect.ignore(Stream.runHead(response.stream))

// Refuses input before anything is sent: every operation can end in InvalidRequest (origin client),
// whatever it declares, since an id, a query value or a credential may be one that cannot be sent.
const invalidInput = (message: string): Effect.Effect<never, InvalidRequest> =>
  Effect.fail(new InvalidRequest({ message, origin: "client" }))

const staticHeadersProblem = (config: ApiClientConfig): string | undefined => {
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    const problem = headerProblem(name, value, "the configured value")
    if (problem !== undefined) return problem
  }
  return config.jsonContentType === undefined
    ? undefined
    : headerProblem("content-type", config.jsonContentType, "the configured media type")
}

// fetch follows redirects by itself, re-sending credential headers such as api_key to whatever
// origin it is sent to, and turning a redirected POST into a GET. The SDK's calls see the 3xx instead
// (an InvalidResponse naming the Location). Extends any RequestInit visible in the fiber.
const withoutRedirects = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(
    Effect.serviceOption(FetchHttpClient.RequestInit),
    (init) =>
      Effect.provideService(self, FetchHttpClient.RequestInit, {
        ...Option.getOrElse(init, () => ({})),
        redirect: "manual"
      })
  )

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
