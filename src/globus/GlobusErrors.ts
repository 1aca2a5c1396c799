/**
 * How Globus services say what went wrong, read into the SDK's errors: `{code, detail}` bodies, 401s
 * with `authorization_parameters` and `ConsentRequired` errors (what to authenticate again with), 403s
 * with the token's scopes, 400s naming ambiguous identities, FastAPI's 422 validation lists and JSON:API
 * `errors` documents. The body's `code` becomes the error's `code`.
 *
 * Every body is read at fixed paths with fixed bounds (items and characters): a hostile body is never
 * walked.
 *
 * @since 0.1.0
 */
import type { AuthorizationParametersInput } from "../core/AuthorizationParameters.js"
import type { Classification, Classifier, ErrorResponse } from "../core/Classify.js"
import { classifyByStatus } from "../core/Classify.js"
import type { AuthorizationParameters } from "./AuthorizationParameters.js"
import { consentRequiredScopes, fromBody } from "./AuthorizationParameters.js"
import { clip, isObject, listed, objects, strings, text } from "./untrusted.js"

/**
 * A verdict on a Globus error body. For `Unauthorized`, `authorization` says what a new login must
 * satisfy, when the service said (and `authorizationParameters` says it under the core's names, so
 * that the `Unauthorized` error carries it); an `INVALID_TOKEN` 401 is a rejected credential.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusClassification extends Classification {
  readonly authorization?: AuthorizationParameters | undefined
  /** The token expired or was revoked (`INVALID_TOKEN`): a refreshed token may succeed where a new
   *  login is not needed. */
  readonly invalidToken?: boolean | undefined
}

/**
 * The parameters under the core's names, as `Unauthorized.authorizationParameters` carries them.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toCore = (parameters: AuthorizationParameters): AuthorizationParametersInput => ({
  ...(parameters.sessionMessage === undefined ? {} : { sessionMessage: parameters.sessionMessage }),
  ...(parameters.requiredScopes === undefined ? {} : { requiredScopes: parameters.requiredScopes }),
  ...(parameters.requiredIdentities === undefined ? {} : { sessionRequiredIdentities: parameters.requiredIdentities }),
  ...(parameters.requiredPolicies === undefined ? {} : { sessionRequiredPolicies: parameters.requiredPolicies }),
  ...(parameters.requiredSingleDomain === undefined
    ? {}
    : { sessionRequiredSingleDomain: parameters.requiredSingleDomain }),
  ...(parameters.requiredMfa === undefined ? {} : { sessionRequiredMfa: parameters.requiredMfa }),
  ...(parameters.prompt === undefined ? {} : { prompt: parameters.prompt })
})

const maxMessage = 1_000
const maxCode = 200
const maxListed = 10
const maxItems = 100
const maxItemLength = 4_096

// A JSON:API document or Globus "type zero" error with sub-errors: their messages and common code.
const subErrors = (body: Record<string, unknown>): { messages: Array<string>; code: string | undefined } => {
  const errors = objects(body.errors, maxListed)
  const messages = errors.flatMap((e) => {
    const message = text(e.detail, maxMessage) ?? text(e.title, maxMessage) ?? text(e.message, maxMessage)
    return message === undefined ? [] : [message]
  })
  const codes = new Set(errors.map((e) => e.code).filter((c): c is string => typeof c === "string"))
  const [only] = codes
  return { messages, code: codes.size === 1 && only !== undefined ? clip(only, maxCode) : undefined }
}

const location = (loc: unknown): string | undefined => {
  if (!Array.isArray(loc)) return undefined
  const parts = loc.slice(0, maxListed).map((part) =>
    typeof part === "string" ? clip(part, 100) : typeof part === "number" ? String(part) : "?"
  )
  return loc.length > maxListed ? `${parts.join(".")}…` : parts.join(".")
}

/**
 * FastAPI's request validation list (`{"detail": [{"loc", "msg", "type"}]}`) as one readable line:
 * `body.add.0.identity_id: Input should be a valid UUID; …`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const validationMessage = (detail: unknown): string | undefined => {
  if (!Array.isArray(detail)) return undefined
  const items = objects(detail, maxListed).flatMap((item) => {
    const msg = text(item.msg, 300)
    if (msg === undefined) return []
    const where = location(item.loc)
    return [where === undefined || where.length === 0 ? msg : `${where}: ${msg}`]
  })
  return items.length === 0 ? undefined : listed(items, detail.length, maxListed, "; ")
}

const annotated = (message: string, label: string, values: Array<string> | undefined): string =>
  values === undefined || values.length === 0
    ? message
    : `${message} (${label}: ${listed(values, values.length, maxListed)})`

const messageOf = (body: Record<string, unknown>): string | undefined =>
  text(body.detail, maxMessage) ?? validationMessage(body.detail) ?? text(body.message, maxMessage) ??
    text(body.title, maxMessage)

const isGlobusBody = (body: Record<string, unknown>): boolean =>
  typeof body.code === "string" || typeof body.detail === "string" || Array.isArray(body.detail) ||
  typeof body.message === "string" || Array.isArray(body.errors) || isObject(body.authorization_parameters)

/**
 * Reads a Globus error body; `undefined` when the body is not one (an HTML page from a gateway, an
 * empty body), which leaves the response to the SDK's status rules.
 *
 * @since 0.1.0
 * @category classifiers
 */
export const classify = (response: ErrorResponse): GlobusClassification | undefined => {
  const body = response.json
  if (!isObject(body) || !isGlobusBody(body)) return undefined
  const { status } = response
  const sub = subErrors(body)
  const code = text(body.code, maxCode) ?? sub.code
  const withCode = <C extends Classification>(verdict: C): C => code === undefined ? verdict : { ...verdict, code }
  // The service's code for an expired or revoked token (docs.globus.org/api/groups, "General Access
  // Control Responses").
  // It is a rejected credential: a refreshing credential renews it and the request is sent again.
  const invalidToken = status === 401 && code === "INVALID_TOKEN"
    ? { invalidToken: true, credentialRejected: true }
    : {}
  const message = messageOf(body) ?? (sub.messages.length > 0 ? sub.messages.join("; ") : undefined) ??
    (code === undefined ? `status ${status}` : `${code} (status ${status})`)

  // What to authenticate again with. A 401 or 403 that says how to satisfy the service is a matter of
  // logging in again, not a permanent refusal; so is ConsentRequired, whatever its status.
  const parameters = fromBody(body)
  const consent = consentRequiredScopes(body)
  if ((parameters !== undefined && (status === 401 || status === 403)) || consent !== undefined) {
    const authorization: AuthorizationParameters = {
      ...parameters,
      ...(parameters?.requiredScopes === undefined && consent !== undefined ? { requiredScopes: consent } : {})
    }
    return withCode({
      tag: "Unauthorized",
      message,
      authorization,
      authorizationParameters: toCore(authorization),
      ...invalidToken
    })
  }
  if (status === 400) {
    const ambiguous = strings(body.ambiguous_identities, maxItems, maxItemLength)
    return withCode({ tag: "InvalidRequest", message: annotated(message, "ambiguous identities", ambiguous) })
  }
  if (status === 403) {
    const provided = strings(body.provided_scopes, maxItems, maxItemLength)
    return withCode({ tag: "Forbidden", message: annotated(message, "the token's scopes", provided) })
  }
  return withCode({ ...classifyByStatus(status, message), ...invalidToken })
}

/**
 * The Globus classifier, for the request pipeline.
 *
 * @since 0.1.0
 * @category classifiers
 */
export const classifier: Classifier = classify
