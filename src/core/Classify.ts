/**
 * Turning an unsuccessful HTTP response into one of the SDK's errors. A platform supplies a small
 * {@link Classifier} for its own error bodies; everything else is shared: {@link classify} asks the
 * classifiers in order (the operation's, then the platform's) and falls back to the status alone.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Headers } from "@effect/platform"
 * import { Classify } from "effect-research-sdk"
 *
 * // A platform that says "who are you?" with 403 and `{"message": "not logged in"}`.
 * const classifier: Classify.Classifier = (response) =>
 *   response.status === 403 && (response.json as { message?: unknown })?.message === "not logged in"
 *     ? { tag: "Unauthorized", message: "not logged in" }
 *     : undefined
 *
 * const response = (status: number, body: unknown): Classify.ErrorResponse => ({
 *   status,
 *   method: "GET",
 *   headers: Headers.empty,
 *   text: JSON.stringify(body),
 *   json: body
 * })
 * assert.strictEqual(Classify.classify(response(403, { message: "not logged in" }), [classifier], "").tag, "Unauthorized")
 * assert.strictEqual(Classify.classify(response(403, { message: "not yours" }), [classifier], "not yours").tag, "Forbidden")
 * assert.strictEqual(Classify.classify(response(503, {}), [classifier], "busy").tag, "ServerError")
 * ```
 */
import type * as Headers from "@effect/platform/Headers"
import type { AuthorizationParametersInput } from "./AuthorizationParameters.js"
import type { DomainTag } from "./Errors.js"

/**
 * An unsuccessful response, as a classifier sees it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ErrorResponse {
  readonly status: number
  readonly method: string
  readonly headers: Headers.Headers
  /** The body as text (up to the size limit). */
  readonly text: string
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  readonly json: unknown
}

/**
 * The tags a classification may choose: any domain error, or one of the infrastructure errors
 * that a status alone cannot tell.
 *
 * @since 0.1.0
 * @category models
 */
export type ClassifiedTag = DomainTag | "ServerError" | "RateLimited" | "InvalidResponse"

/**
 * A classifier's verdict on an error response.
 *
 * @since 0.1.0
 * @category models
 */
export interface Classification {
  readonly tag: ClassifiedTag
  /** A message for people: the server's own words where it gave any. */
  readonly message: string
  /** For `NotFound`: the kind of resource, e.g. `"group"`. */
  readonly resource?: string | undefined
  /** For `NotFound`: the id the server did not know. */
  readonly id?: string | undefined
  /** The platform's machine-readable reason (SCIM's `scimType`); becomes the error's `code`. */
  readonly code?: string | undefined
  /** For `Unauthorized`: the credential sent was expired or invalid (not, say, a wrong password at a
   *  login), so a refreshing credential refreshes once and the request is sent again. */
  readonly credentialRejected?: boolean | undefined
  /** For `Unauthorized`: what the server asks of the caller to be let in; scrubbed of secrets and cut
   *  to size before it reaches the error. */
  readonly authorizationParameters?: AuthorizationParametersInput | undefined
}

/**
 * A platform's reading of its own error bodies; `undefined` leaves the decision to
 * {@link classifyByStatus}.
 *
 * @since 0.1.0
 * @category models
 */
export type Classifier = (response: ErrorResponse) => Classification | undefined

/**
 * The standard meaning of a status, for responses no classifier recognised.
 *
 * @since 0.1.0
 * @category classifiers
 */
export const classifyByStatus = (status: number, message: string): Classification => {
  switch (status) {
    // The request as sent is refused: its form, method, size, media type or headers.
    case 400:
    case 405:
    case 406:
    case 411:
    case 413:
    case 414:
    case 415:
    case 422:
    case 431:
      return { tag: "InvalidRequest", message }
    case 401:
      return { tag: "Unauthorized", message }
    case 403:
      return { tag: "Forbidden", message }
    case 404:
    case 410:
      return { tag: "NotFound", message }
    case 409:
    case 412:
      return { tag: "Conflict", message }
    case 429:
      return { tag: "RateLimited", message }
  }
  if (status >= 500) return { tag: "ServerError", message }
  return { tag: "InvalidResponse", message: `unexpected status ${status}: ${message}` }
}

/**
 * Runs classifiers in order and falls back to {@link classifyByStatus}.
 *
 * @since 0.1.0
 * @category classifiers
 */
export const classify = (
  response: ErrorResponse,
  classifiers: ReadonlyArray<Classifier | undefined>,
  fallbackMessage: string
): Classification => {
  for (const classifier of classifiers) {
    const verdict = classifier?.(response)
    if (verdict !== undefined) return verdict
  }
  return classifyByStatus(response.status, fallbackMessage)
}
