/**
 * The request pipeline every platform client is built on: URL building, credentials, per-attempt
 * timeout, retries, bounded body reading, error classification and Schema decoding, in one place.
 *
 * @since 0.1.0
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
import type { AttemptContext } from "./Attempt.js"
import * as Attempt from "./Attempt.js"
import { AttemptError } from "./Attempt.js"
import { readText } from "./Body.js"
import type { Classifier } from "./Classify.js"
import type { HttpInfo } from "./Decode.js"
import { decodeBody } from "./Decode.js"
import type { DomainErrorOf, DomainTag, InfraError } from "./Errors.js"
import { InvalidRequest, InvalidResponse, RequestTimeout } from "./Errors.js"
import { RequestOptions } from "./RequestOptions.js"
import type { RetryPolicy } from "./Retry.js"
import * as Retry from "./Retry.js"
import { sanitize } from "./Sanitize.js"
import * as TransportTimeout from "./TransportTimeout.js"
import { buildUrl, displayUrl } from "./Url.js"

/**
 * A credential sent as a header. Its value stays `Redacted` until the moment the header is set,
 * and its header name is added to `Headers.currentRedactedNames` for the call, so spans and logs
 * show `<redacted>`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credential {
  readonly header: string
  readonly value: Redacted.Redacted<string>
}

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
  /** The credentials for the current call; read at call time, so a region of code can switch them. */
  readonly credentials: Effect.Effect<ReadonlyArray<Credential>>
  /** Names of the headers that may carry credentials: redacted in spans and logs. */
  readonly credentialHeaders: ReadonlyArray<string>
  /** The media type JSON request bodies are sent as; `application/json` by default (SCIM servers
   *  declare `application/scim+json`). */
  readonly jsonContentType?: string | undefined
  /** Headers sent with every request (e.g. `accept`). */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Response headers that carry the platform's request id, first match wins. */
  readonly requestIdHeaders?: ReadonlyArray<string> | undefined
}

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
  /** Path segments below the base URL; each is percent-encoded and may not be empty, `.` or `..`. */
  readonly path: ReadonlyArray<string>
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>> | undefined
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
 * A platform client: runs {@link Operation}s.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiClient {
  readonly config: ApiClientConfig
  readonly execute: <A, I, const T extends DomainTag = never>(
    operation: Operation<A, I, T>
  ) => Effect.Effect<A, DomainErrorOf<T> | InfraError>
  /**
   * The body of a successful response as a stream of chunks, never held whole. Everything up to the
   * response headers goes through the pipeline like {@link execute} (credentials, timeout, retries,
   * error classification); once the first byte has been handed over nothing is retried, and a body
   * that breaks off fails the stream with `TransportError`. The per-request timeout ends at the
   * headers; after that, a body that brings nothing for as long as the timeout fails the stream with
   * `RequestTimeout`, however long the whole download takes. Ending the stream early (or interrupting
   * it) aborts the request.
   */
  readonly stream: <const T extends DomainTag = never>(
    operation: StreamOperation<T>
  ) => Stream.Stream<Uint8Array, DomainErrorOf<T> | InfraError>
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

  // What a successful response becomes: decoded by the operation's schema, or handed over unread.
  type OnSuccess<A> = (
    response: HttpClientResponse.HttpClientResponse,
    http: HttpInfo,
    context: AttemptContext,
    /** Attempts made so far, this one included. */
    attempts: number
  ) => Effect.Effect<A, InvalidResponse | HttpClientError.ResponseError | AttemptError>

  const decodeSuccess = <A, I>(success: Schema.Schema<A, I, never>, onNoContent?: () => A): OnSuccess<A> => {
    const expectsBody = success.ast._tag !== "VoidKeyword"
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
          onNoContent !== undefined && text.trim() === ""
            ? Effect.sync(onNoContent)
            : decodeBody(success, text, http, context.secrets)
        )
      )
    }
  }

  const execute = <A, I, T extends DomainTag>(
    operation: Operation<A, I, T>
  ): Effect.Effect<A, DomainErrorOf<T> | InfraError> =>
    send(operation, decodeSuccess(operation.success, operation.onNoContent), true)

  const send = <A, T extends DomainTag>(
    operation: StreamOperation<T>,
    onSuccess: OnSuccess<A>,
    /** Whether the timeout runs to the last byte of the body (or only to the headers, for streams). */
    timeoutIncludesBody: boolean
  ): Effect.Effect<A, DomainErrorOf<T> | InfraError> =>
    Effect.gen(function*() {
      const url = buildUrl(config.baseUrl, operation.path, operation.query)
      if (Either.isLeft(url)) return yield* invalidInput(operation, url.left.message)
      const credentials = yield* config.credentials
      const overrides = yield* RequestOptions
      const timeout = Duration.decode(overrides.timeout ?? config.timeout)
      const context: AttemptContext = {
        method: operation.method,
        idempotent: operation.idempotent ?? Retry.isIdempotent(operation.method),
        url: displayUrl(url.right),
        errors: operation.errors,
        classifiers: [operation.classifier, config.classifier],
        secrets: operation.secrets === undefined
          ? credentials.map((c) => c.value)
          : [...credentials.map((c) => c.value), ...operation.secrets],
        timeoutMillis: Duration.toMillis(timeout)
      }

      let headers = baseHeaders
      for (const credential of credentials) {
        headers = Headers.set(headers, credential.header, Redacted.value(credential.value))
      }
      let request = HttpClientRequest.setHeaders(HttpClientRequest.make(operation.method)(url.right), headers)
      if (operation.body !== undefined) {
        const encoded = yield* Effect.either(HttpClientRequest.bodyJson(request, operation.body))
        if (Either.isLeft(encoded)) {
          return yield* invalidInput(operation, "the request body cannot be encoded as JSON")
        }
        request = config.jsonContentType === undefined
          ? encoded.right
          : HttpClientRequest.setHeader(encoded.right, "content-type", config.jsonContentType)
      }
      if (operation.requestBody !== undefined) request = HttpClientRequest.setBody(request, operation.requestBody)
      // A streamed body is consumed by its first attempt.
      const policy = operation.requestBody?._tag === "Stream" ? Retry.noRetries : overrides.retry ?? config.retry

      const onResponse = (
        response: HttpClientResponse.HttpClientResponse,
        attempt: number
      ): Effect.Effect<A, InvalidResponse | HttpClientError.ResponseError | AttemptError> => {
        // Some clients build the headers object anew on every read: read it once.
        const headers = response.headers
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

      // An interrupted attempt (this timeout, Effect.timeout, Stream.take, a fiber interrupt) aborts its
      // request: @effect/platform aborts on interruption while sending and while reading the body.
      if (enforcesTimeout) {
        request = TransportTimeout.withDeadline(request, {
          millis: context.timeoutMillis,
          includesBody: timeoutIncludesBody
        })
      }
      // No interruption between the headers and the handling of the body: once a response is here, it
      // is read, or released if the call is interrupted, so no connection is left holding an unread body.
      const sent = (attempt: number) =>
        Effect.uninterruptibleMask((restore) =>
          Effect.flatMap(
            restore(httpClient.execute(request)),
            (response) => restore(onResponse(response, attempt)).pipe(Effect.onInterrupt(() => discardBody(response)))
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
          )
        )
      const attemptOnce = enforcesTimeout ? sent : (attempt: number) =>
        Effect.timeoutFail(sent(attempt), {
          duration: timeout,
          onTimeout: () => Attempt.fromTimeout(context, Duration.format(timeout))
        })

      const giveUp = (error: AttemptError, attempts: number, earlierMayHaveActed: boolean) => {
        // Every error leaves through here or the stream's body errors: scrubbed and bounded once, whole.
        const built = sanitize(error.build(attempts), context.secrets)
        // A DELETE retried after an attempt that may have reached the server, now told the resource
        // is gone, succeeded: the earlier attempt deleted it.
        return operation.idempotentDelete === true && earlierMayHaveActed && built._tag === "NotFound"
          ? Effect.succeed(undefined as A)
          : Effect.fail(built as DomainErrorOf<T> | InfraError)
      }

      // The retry loop, by hand rather than with Effect.retry: a call that succeeds at once, the common
      // case, pays for nothing but one catchAll. Decisions are Retry.nextDelayMillis, as in Retry.schedule.
      const run = (
        attempt: number,
        spentMillis: number,
        earlierMayHaveActed: boolean
      ): Effect.Effect<A, DomainErrorOf<T> | InfraError> =>
        Effect.catchAll(attemptOnce(attempt), (error) => {
          if (!error.retryable) return giveUp(error, attempt, earlierMayHaveActed)
          return Effect.flatMap(Random.next, (random) => {
            const delay = Retry.nextDelayMillis(policy, attempt, spentMillis, error, random)
            const log = Effect.logDebug("request attempt failed", {
              method: context.method,
              url: context.url,
              attempt,
              reason: error.description,
              next: delay === undefined ? "giving up" : `retrying in ${Math.round(delay)} ms`
            })
            return delay === undefined
              ? Effect.zipRight(log, giveUp(error, attempt, earlierMayHaveActed))
              : log.pipe(
                Effect.zipRight(Effect.sleep(Duration.millis(delay))),
                Effect.zipRight(run(attempt + 1, spentMillis + delay, earlierMayHaveActed || error.mayHaveActed))
              )
          })
        })
      return yield* run(1, 0, false)
    }).pipe(
      Effect.locallyWith(Headers.currentRedactedNames, (names) => names.concat(config.credentialHeaders)),
      // The SDK's own transport follows no redirect to begin with.
      enforcesTimeout ? identity : withoutRedirects
    )

  const stream = <T extends DomainTag>(
    operation: StreamOperation<T>
  ): Stream.Stream<Uint8Array, DomainErrorOf<T> | InfraError> =>
    Stream.unwrap(send(operation, (response, _http, context, attempts) =>
      Effect.succeed(
        response.stream.pipe(
          Stream.mapError((error): InfraError =>
            sanitize(Attempt.fromTransport(context, error).build(attempts) as InfraError, context.secrets)
          ),
          // The attempt's timeout ends with the headers; a body that stops arriving fails instead of hanging.
          Stream.timeoutFail(
            () =>
              sanitize(
                new RequestTimeout({
                  method: context.method,
                  url: context.url,
                  message: `the response body stalled: no data for ${Duration.format(context.timeoutMillis)}`,
                  attempts,
                  timeoutMillis: context.timeoutMillis
                }),
                context.secrets
              ),
            Duration.millis(context.timeoutMillis)
          )
        )
      ), false))

  return { config, execute, stream }
}

// Ends a body nobody will read: pulls at most one chunk, then cancels the rest.
const discardBody = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<void> =>
  Effect.ignore(Stream.runHead(response.stream))

// Refuses input before anything is sent. Operations that can meet bad input declare InvalidRequest;
// one that does not, meeting it anyway, has a bug in its own literal path or body.
const invalidInput = <T extends DomainTag>(
  operation: { readonly errors: ReadonlyArray<T>; readonly path: ReadonlyArray<string> },
  message: string
): Effect.Effect<never, DomainErrorOf<T>> =>
  (operation.errors as ReadonlyArray<string>).includes("InvalidRequest")
    ? Effect.fail(new InvalidRequest({ message, origin: "client" }) as DomainErrorOf<T>)
    : Effect.die(new Error(`${message} (${operation.path.join("/")})`))

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
