/**
 * The request pipeline every platform client is built on: URL building, credentials, per-attempt
 * timeout, retries, bounded body reading, error classification and Schema decoding, in one place.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { BodyTooLarge, readText } from "./Body.js"
import type { Classification, Classifier, ErrorResponse } from "./Classify.js"
import { classify } from "./Classify.js"
import type { DomainErrorOf, DomainTag, HttpContext, InfraError, SdkError } from "./Errors.js"
import {
  Conflict,
  Forbidden,
  InvalidRequest,
  InvalidResponse,
  NotFound,
  RateLimited,
  RequestTimeout,
  ServerError,
  TransportError,
  Unauthorized
} from "./Errors.js"
import { excerpt, scrub } from "./Excerpt.js"
import { RequestOptions } from "./RequestOptions.js"
import type { RetryPolicy } from "./Retry.js"
import * as Retry from "./Retry.js"
import { isConnectionRefused } from "./Transport.js"
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
  /** The success body's schema; `Schema.Void` when the response has no content worth reading. */
  readonly success: Schema.Schema<A, I, never>
  /** The domain errors this operation can end in. A classification outside them is reported as
   *  `InvalidResponse` (`UnexpectedStatus`), so the error channel's type never lies. */
  readonly errors: ReadonlyArray<T>
  /** An operation's own reading of error responses, consulted before the platform's. */
  readonly classifier?: Classifier | undefined
  /** Secrets the request carries in its body (passwords): scrubbed from any error, like credentials. */
  readonly secrets?: ReadonlyArray<Redacted.Redacted> | undefined
}

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
}

const defaultRequestIdHeaders = ["x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid"]

// One attempt's failure, before the retry decision; `build` makes the public error once the
// number of attempts is known.
class AttemptError {
  constructor(
    readonly retryable: boolean,
    readonly retryAfterMillis: number | undefined,
    readonly build: (attempts: number) => SdkError
  ) {}
}

const final = (error: SdkError) => new AttemptError(false, undefined, () => error)

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
  const client = HttpClient.withScope(httpClient)
  const requestIdHeaders = config.requestIdHeaders ?? defaultRequestIdHeaders
  const baseHeaders = { accept: "application/json", ...config.headers }

  const execute = <A, I, T extends DomainTag>(
    operation: Operation<A, I, T>
  ): Effect.Effect<A, DomainErrorOf<T> | InfraError> =>
    Effect.gen(function*() {
      const url = buildUrl(config.baseUrl, operation.path, operation.query)
      if (Either.isLeft(url)) {
        return yield* allowed(operation.errors, "InvalidRequest")
          ? Effect.fail(url.left as DomainErrorOf<T>)
          : Effect.die(new Error(`invalid literal path segment in ${operation.path.join("/")}`))
      }
      const credentials = yield* config.credentials
      const overrides = yield* RequestOptions
      const policy = overrides.retry ?? config.retry
      const timeout = Duration.decode(overrides.timeout ?? config.timeout)
      const secrets: ReadonlyArray<Redacted.Redacted> = operation.secrets === undefined
        ? credentials.map((c) => c.value)
        : [...credentials.map((c) => c.value), ...operation.secrets]
      const context = { method: operation.method, url: displayUrl(url.right) }

      let request = HttpClientRequest.make(operation.method)(url.right, { headers: baseHeaders })
      for (const credential of credentials) {
        request = HttpClientRequest.setHeader(request, credential.header, Redacted.value(credential.value))
      }
      if (operation.body !== undefined) {
        request = HttpClientRequest.bodyUnsafeJson(request, operation.body)
      }

      const expectsBody = operation.success.ast._tag !== "VoidKeyword"
      const onResponse = (
        response: HttpClientResponse.HttpClientResponse
      ): Effect.Effect<A, InvalidResponse | HttpClientError.ResponseError | AttemptError> => {
        const http: HttpInfo = withRequestId({ ...context, status: response.status }, response, requestIdHeaders)
        if (response.status >= 200 && response.status < 300) {
          return expectsBody
            ? Effect.flatMap(readBody(response, config.maxResponseBytes, http), (text) =>
              decodeBody(operation.success, text, http, secrets))
            : Effect.succeed(undefined as A)
        }
        return Effect.flatMap(
          Effect.orElseSucceed(
            readText(response, Math.min(config.maxResponseBytes, 1_048_576), true),
            () =>
              ""
          ),
          (text) => Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.fail(failure(response, text, now)))
        )
      }

      const failure = (response: HttpClientResponse.HttpClientResponse, text: string, now: number) => {
        const status = response.status
        const http: HttpInfo = {
          ...withRequestId({ ...context, status }, response, requestIdHeaders),
          ...optional("excerpt", excerpt(text, secrets))
        }
        if (Retry.isRetryableStatus(operation.method, status)) {
          const retryAfterMillis = Retry.parseRetryAfter(response.headers["retry-after"], now)
          return new AttemptError(true, retryAfterMillis, (attempts) =>
            status === 429
              ? new RateLimited({
                ...http,
                message: "rate limited",
                attempts,
                ...optional("retryAfterMillis", retryAfterMillis)
              })
              : status === 408
              ? new RequestTimeout({
                ...http,
                message: "the server timed out waiting for the request",
                attempts,
                timeoutMillis: Duration.toMillis(timeout)
              })
              : new ServerError({ ...http, message: `server error ${status}`, attempts }))
        }
        const json = parseJson(text)
        const errorResponse: ErrorResponse = {
          status,
          method: operation.method,
          headers: response.headers,
          text,
          json: Either.isRight(json) ? json.right : undefined
        }
        const verdict = classify(
          errorResponse,
          [operation.classifier, config.classifier],
          `status ${status}`
        )
        return new AttemptError(false, undefined, (attempts) =>
          toError(verdict, { ...http, message: scrub(verdict.message, secrets) }, operation.errors, attempts))
      }

      const transportFailure = (error: HttpClientError.HttpClientError | BodyTooLarge) => {
        if (error instanceof BodyTooLarge) {
          return final(
            new InvalidResponse({
              ...context,
              reason: "BodyTooLarge",
              message: `response body exceeds the limit of ${error.limit} bytes`
            })
          )
        }
        const refused = error._tag === "RequestError" && isConnectionRefused(error.cause)
        const retryable = Retry.isIdempotent(operation.method) || refused
        const description = error._tag === "RequestError" && error.reason === "InvalidUrl"
          ? "invalid URL"
          : refused
          ? "connection refused"
          : error._tag === "ResponseError"
          ? "the response body could not be read"
          : "the request could not be sent"
        return new AttemptError(retryable, undefined, (attempts) =>
          new TransportError({ ...context, message: description, attempts }))
      }

      const attemptOnce = client.execute(request).pipe(
        Effect.flatMap(onResponse),
        Effect.catchAll((error) =>
          Effect.fail(
            error instanceof AttemptError
              ? error
              : error instanceof InvalidResponse
              ? final(error)
              : transportFailure(error)
          )
        ),
        Effect.scoped,
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () =>
            new AttemptError(Retry.isIdempotent(operation.method), undefined, (attempts) =>
              new RequestTimeout({
                ...context,
                message: `no response within ${Duration.format(timeout)}`,
                attempts,
                timeoutMillis: Duration.toMillis(timeout)
              }))
        })
      )

      let attempts = 0
      return yield* Effect.suspend(() => {
        attempts++
        return attemptOnce
      }).pipe(
        Effect.tapError((error) =>
          error instanceof AttemptError && error.retryable
            ? Effect.logDebug("attempt failed", { ...context, attempt: attempts })
            : Effect.void
        ),
        Effect.retry(Retry.schedule(policy)),
        Effect.mapError((error) =>
          error.build(attempts)
        )
      ) as Effect.Effect<A, DomainErrorOf<T> | InfraError>
    }).pipe(
      Effect.locallyWith(Headers.currentRedactedNames, (names) =>
        names.concat(config.credentialHeaders))
    )

  return { config, execute } as ApiClient
}

const allowed = (errors: ReadonlyArray<DomainTag>, tag: string): boolean =>
  (errors as ReadonlyArray<string>).includes(tag)

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

type HttpInfo = Omit<HttpContext, "message">

const withRequestId = (
  http: HttpInfo,
  response: HttpClientResponse.HttpClientResponse,
  names: ReadonlyArray<string>
): HttpInfo => {
  for (const name of names) {
    const value = response.headers[name]
    if (value !== undefined) return { ...http, requestId: value }
  }
  return http
}

const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number,
  http: HttpInfo
): Effect.Effect<string, InvalidResponse | HttpClientError.ResponseError> =>
  Effect.catchIf(
    readText(response, limit),
    (error): error is BodyTooLarge => error instanceof BodyTooLarge,
    () =>
      Effect.fail(
        new InvalidResponse({
          ...http,
          reason: "BodyTooLarge",
          message: `response body exceeds the limit of ${limit} bytes`
        })
      )
  )

const parseJson = (text: string): Either.Either<unknown, string> => {
  if (text.length === 0) return Either.left("empty body")
  try {
    return Either.right(JSON.parse(text))
  } catch (cause) {
    return Either.left(cause instanceof Error ? cause.message : "malformed JSON")
  }
}

const describeNonJson = (text: string, why: string): string => {
  const start = text.trimStart().slice(0, 15).toLowerCase()
  if (start.startsWith("<!doctype html") || start.startsWith("<html")) return "expected JSON, received an HTML page"
  return `expected JSON: ${why}`
}

const decodeBody = <A, I>(
  schema: Schema.Schema<A, I, never>,
  text: string,
  http: HttpInfo,
  secrets: ReadonlyArray<Redacted.Redacted>
): Effect.Effect<A, InvalidResponse> => {
  const json = parseJson(text)
  if (Either.isLeft(json)) {
    return Effect.fail(
      new InvalidResponse({
        ...http,
        reason: "MalformedBody",
        message: describeNonJson(text, json.left),
        ...optional("excerpt", excerpt(text, secrets))
      })
    )
  }
  return Effect.mapError(
    Schema.decodeUnknown(schema, { onExcessProperty: "ignore" })(json.right),
    (error) =>
      new InvalidResponse({
        ...http,
        reason: "SchemaMismatch",
        message: "the response does not match the expected shape: " +
          truncate(scrub(ParseResult.TreeFormatter.formatErrorSync(error), secrets), 500),
        ...optional("excerpt", excerpt(text, secrets))
      })
  )
}

const truncate = (text: string, length: number) => text.length > length ? text.slice(0, length) + "…" : text

const toError = (
  verdict: Classification,
  http: HttpContext,
  errors: ReadonlyArray<DomainTag>,
  attempts: number
): SdkError => {
  switch (verdict.tag) {
    case "ServerError":
      return new ServerError({ ...http, attempts })
    case "RateLimited":
      return new RateLimited({ ...http, attempts })
    case "InvalidResponse":
      return new InvalidResponse({ ...http, reason: "UnexpectedStatus" })
  }
  if (!allowed(errors, verdict.tag)) {
    return new InvalidResponse({
      ...http,
      reason: "UnexpectedStatus",
      message: `unexpected ${verdict.tag} (${http.status}): ${http.message}`
    })
  }
  switch (verdict.tag) {
    case "Unauthorized":
      return new Unauthorized(http)
    case "Forbidden":
      return new Forbidden(http)
    case "Conflict":
      return new Conflict(http)
    case "InvalidRequest":
      return new InvalidRequest({ ...http, origin: "server" })
    case "NotFound":
      return new NotFound({ ...http, ...optional("resource", verdict.resource), ...optional("id", verdict.id) })
  }
}
