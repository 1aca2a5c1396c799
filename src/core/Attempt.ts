/**
 * The outcome of one attempt at a request, before the retry decision, and the public error it
 * becomes once the number of attempts is known.
 *
 * @since 0.1.0
 */
import type * as Headers from "@effect/platform/Headers"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import * as AuthorizationParameters from "./AuthorizationParameters.js"
import type { Classification, Classifier } from "./Classify.js"
import { classify } from "./Classify.js"
import { type HttpInfo, optional, parseJson } from "./Decode.js"
import type { DomainTag, SdkError } from "./Errors.js"
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
import { excerpt } from "./Excerpt.js"
import * as Retry from "./Retry.js"
import { scrub } from "./Secrets.js"
import { isConnectionRefused } from "./Transport.js"

/**
 * A failed attempt: whether it may be retried, how long the server asked to wait, a short
 * description for logs, and how to build the public error.
 *
 * @since 0.1.0
 */
export class AttemptError implements Retry.RetryHint {
  constructor(
    readonly retryable: boolean,
    readonly retryAfterMillis: number | undefined,
    readonly description: string,
    readonly build: (attempts: number) => SdkError,
    /** Whether the server may have acted on this attempt (it was not refused or declined). */
    readonly mayHaveActed = true,
    /** Whether the server rejected the credential as expired or invalid: worth one refresh and one
     *  re-send (see `Classification.credentialRejected`). */
    readonly credentialRejected = false
  ) {}

  /**
   * An outcome that is final whatever the policy says.
   *
   * @since 0.1.0
   */
  static final(error: SdkError): AttemptError {
    return new AttemptError(false, undefined, error.message, () => error)
  }

  /**
   * The same outcome, final, its `Unauthorized` saying `note` too (why no refresh helped).
   *
   * @since 0.1.0
   */
  withNote(note: string): AttemptError {
    return new AttemptError(false, undefined, this.description, (attempts) => {
      const error = this.build(attempts)
      return error._tag === "Unauthorized"
        ? new Unauthorized({ ...error, message: `${error.message}; ${note}` })
        : error
    }, this.mayHaveActed)
  }
}

/**
 * What an attempt needs to know about its operation.
 *
 * @since 0.1.0
 */
export interface AttemptContext {
  readonly method: string
  /** Whether sending the request twice does no more than sending it once: by its method, unless the
   *  operation says otherwise. */
  readonly idempotent: boolean
  readonly url: string
  readonly errors: ReadonlyArray<DomainTag>
  readonly classifiers: ReadonlyArray<Classifier | undefined>
  readonly secrets: ReadonlyArray<Redacted.Redacted>
  readonly timeoutMillis: number
}

/**
 * An unsuccessful status: retryable statuses become `RateLimited`, `RequestTimeout` or `ServerError`
 * once retries are spent; the rest are classified.
 *
 * @since 0.1.0
 */
export const fromStatus = (
  context: AttemptContext,
  http: HttpInfo,
  headers: Headers.Headers,
  text: string,
  nowMillis: number
): AttemptError => {
  const status = http.status ?? 0
  const json = parseJson(text)
  const verdict: Classification = status >= 300 && status < 400
    ? {
      tag: "InvalidResponse",
      message: `redirected (${status}) to ${headers["location"] ?? "nowhere"}: configure the final URL instead`
    }
    : classify(
      { status, method: context.method, headers, text, json: Either.isRight(json) ? json.right : undefined },
      context.classifiers,
      `status ${status}`
    )
  const full = {
    ...http,
    ...optional("excerpt", excerpt(text, context.secrets)),
    ...optional("code", verdict.code)
  }
  // Scrubbed and bounded with every other field when the error is built (Sanitize).
  const message = verdict.message
  if (Retry.isRetryableStatusFor(context.idempotent, status)) {
    const retryAfterMillis = Retry.parseRetryAfter(headers["retry-after"], nowMillis)
    return new AttemptError(
      true,
      retryAfterMillis,
      `status ${status}`,
      (attempts) =>
        status === 429
          ? new RateLimited({ ...full, message, attempts, ...optional("retryAfterMillis", retryAfterMillis) })
          : status === 408
          ? new RequestTimeout({ ...full, message, attempts, timeoutMillis: context.timeoutMillis })
          : new ServerError({ ...full, message, attempts }),
      !Retry.isDeclinedBeforeProcessing(status)
    )
  }
  const parameters = verdict.authorizationParameters === undefined
    ? undefined
    : AuthorizationParameters.make(verdict.authorizationParameters, (text) => scrub(text, context.secrets))
  return new AttemptError(
    false,
    undefined,
    `status ${status}`,
    (attempts) => toError(verdict, { ...full, message }, context.errors, attempts, parameters),
    true,
    verdict.tag === "Unauthorized" && verdict.credentialRejected === true
  )
}

/**
 * No credential could be had for an attempt (a login or refresh that failed, a Basic credential
 * that cannot be sent): final, as the tag the credential names if the operation declares it.
 *
 * @since 0.1.0
 */
export const fromCredentials = (
  context: AttemptContext,
  problem: { readonly kind: "Unauthorized" | "InvalidRequest"; readonly message: string }
): AttemptError => {
  const message = scrub(problem.message, context.secrets)
  const http = { method: context.method, url: context.url, message }
  return new AttemptError(
    false,
    undefined,
    message,
    (attempts) =>
      problem.kind === "InvalidRequest" && (context.errors as ReadonlyArray<string>).includes("InvalidRequest")
        ? new InvalidRequest({ message, origin: "client" })
        : toError({ tag: problem.kind, message }, http, context.errors, attempts),
    false
  )
}

/**
 * A request that could not be sent, or a response that could not be read.
 *
 * @since 0.1.0
 */
export const fromTransport = (context: AttemptContext, error: HttpClientError.HttpClientError): AttemptError => {
  const http = { method: context.method, url: context.url }
  const invalidUrl = error._tag === "RequestError" && error.reason !== "Transport"
  const refused = error._tag === "RequestError" && isConnectionRefused(error.cause)
  // Only a refused connection proves that nothing reached the server; a bad URL or body never heals.
  const retryable = !invalidUrl && (context.idempotent || refused)
  const description = error._tag === "RequestError" && error.reason === "InvalidUrl"
    ? "invalid URL"
    : error._tag === "RequestError" && error.reason === "Encode"
    ? "the request body could not be encoded"
    : refused
    ? "connection refused"
    : error._tag === "ResponseError"
    ? "the response body could not be read"
    : "the request could not be sent"
  return new AttemptError(
    retryable,
    undefined,
    description,
    (attempts) => new TransportError({ ...http, message: description, attempts }),
    !refused && !invalidUrl
  )
}

/**
 * No complete response in time.
 *
 * @since 0.1.0
 */
export const fromTimeout = (context: AttemptContext, timeout: string): AttemptError =>
  new AttemptError(context.idempotent, undefined, "timeout", (attempts) =>
    new RequestTimeout({
      method: context.method,
      url: context.url,
      message: `no response within ${timeout}`,
      attempts,
      timeoutMillis: context.timeoutMillis
    }))

const toError = (
  verdict: Classification,
  http: HttpInfo & { readonly message: string },
  errors: ReadonlyArray<DomainTag>,
  attempts: number,
  parameters?: AuthorizationParameters.AuthorizationParameters
): SdkError => {
  switch (verdict.tag) {
    case "ServerError":
      return new ServerError({ ...http, attempts })
    case "RateLimited":
      return new RateLimited({ ...http, attempts })
    case "InvalidResponse":
      return new InvalidResponse({ ...http, reason: "UnexpectedStatus" })
  }
  if (!(errors as ReadonlyArray<string>).includes(verdict.tag)) {
    return new InvalidResponse({
      ...http,
      reason: "UnexpectedStatus",
      message: `unexpected ${verdict.tag} (${http.status}): ${http.message}`
    })
  }
  switch (verdict.tag) {
    case "Unauthorized":
      return new Unauthorized({ ...http, ...optional("authorizationParameters", parameters) })
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
