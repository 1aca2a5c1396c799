/**
 * What a Globus service asks of the caller to authenticate again (a Globus Auth requirements error):
 * the identities, domains, policies, MFA and scopes a new login must satisfy.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { isObject, strings, text } from "./untrusted.js"

const Strings = Schema.optional(Schema.Array(Schema.String))

/**
 * The requirements, parsed: every field optional, lists always lists (policies sent as one
 * comma-separated string are split). Plain data with a schema, so that it can travel inside an error.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AuthorizationParameters = Schema.Struct({
  /** A message to show the user. */
  sessionMessage: Schema.optional(Schema.String),
  /** Identities (ids) the session must include. */
  requiredIdentities: Strings,
  /** Authentication policies (ids) the session must satisfy. */
  requiredPolicies: Strings,
  /** Domains one of which the session must include an identity from. */
  requiredSingleDomain: Strings,
  /** Whether the session must have used multi-factor authentication. */
  requiredMfa: Schema.optional(Schema.Boolean),
  /** Scopes the user must consent to. */
  requiredScopes: Strings,
  /** The OIDC `prompt` to log in with (`login`). */
  prompt: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AuthorizationParameters extends Schema.Schema.Type<typeof AuthorizationParameters> {}

// Bounds for what a server may send: far above any real list of identities, domains or scopes.
const maxItems = 100
const maxItemLength = 4_096
const maxMessageLength = 2_000

const list = (value: unknown): Array<string> | undefined => strings(value, maxItems, maxItemLength)

const policies = (value: unknown): Array<string> | undefined =>
  typeof value === "string" && value.length <= maxItems * maxItemLength
    ? value.split(",").map((policy) => policy.trim()).filter((policy) => policy.length > 0).slice(0, maxItems)
    : list(value)

const defined = <A extends Record<string, unknown>>(value: A): A =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as A

/**
 * Reads a body's `authorization_parameters`: `undefined` unless it is an object; fields of the wrong
 * type are left out (as globus-sdk does), lists are bounded.
 *
 * @since 0.1.0
 * @category parsing
 */
export const fromBody = (body: unknown): AuthorizationParameters | undefined => {
  if (!isObject(body) || !isObject(body.authorization_parameters)) return undefined
  const p = body.authorization_parameters
  return defined({
    sessionMessage: text(p.session_message, maxMessageLength),
    requiredIdentities: list(p.session_required_identities),
    requiredPolicies: policies(p.session_required_policies),
    requiredSingleDomain: list(p.session_required_single_domain),
    requiredMfa: typeof p.session_required_mfa === "boolean" ? p.session_required_mfa : undefined,
    requiredScopes: list(p.required_scopes),
    prompt: text(p.prompt, 100)
  })
}

/**
 * The scopes of a `ConsentRequired` error (`required_scopes`, or a single `required_scope`):
 * `undefined` unless the body's code is `ConsentRequired` and it names at least one scope.
 *
 * @since 0.1.0
 * @category parsing
 */
export const consentRequiredScopes = (body: unknown): Array<string> | undefined => {
  if (!isObject(body) || body.code !== "ConsentRequired") return undefined
  const scopes = list(body.required_scopes) ??
    (typeof body.required_scope === "string" && body.required_scope.length <= maxItemLength
      ? [body.required_scope]
      : undefined)
  return scopes !== undefined && scopes.length > 0 ? scopes : undefined
}

/**
 * The query parameters of a Globus Auth authorization request that meets these requirements (lists
 * comma-separated, scopes space-separated as `scope`), for starting a new login.
 *
 * @example
 * import { AuthorizationParameters } from "effect-research-sdk/globus"
 *
 * const query = AuthorizationParameters.toAuthorizeQuery({ requiredMfa: true, requiredScopes: ["openid"] })
 * // { session_required_mfa: "true", scope: "openid" }
 *
 * @since 0.1.0
 * @category conversions
 */
export const toAuthorizeQuery = (parameters: AuthorizationParameters): Record<string, string> =>
  defined({
    session_message: parameters.sessionMessage,
    session_required_identities: parameters.requiredIdentities?.join(","),
    session_required_policies: parameters.requiredPolicies?.join(","),
    session_required_single_domain: parameters.requiredSingleDomain?.join(","),
    session_required_mfa: parameters.requiredMfa === undefined ? undefined : String(parameters.requiredMfa),
    prompt: parameters.prompt,
    scope: parameters.requiredScopes?.join(" ")
  }) as Record<string, string>
