/**
 * What a server asks of the caller before it will accept a request again: log in with another
 * identity, consent to scopes, satisfy a session policy, use MFA. Globus sends these as
 * `authorization_parameters` with its 401s and as `required_scopes` with `ConsentRequired`; they
 * travel on `Unauthorized` as `authorizationParameters`.
 *
 * Bounded by construction (at most {@link maxItems} entries of at most {@link maxLength}
 * characters each), so an error that carries them stays small whatever a server sends, and plain
 * JSON, so it round-trips through the `SdkError` schema.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The most entries kept per list.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxItems = 64

/**
 * The most characters kept per string.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxLength = 1024

const Text = Schema.String.pipe(Schema.maxLength(maxLength))
const List = Schema.Array(Text).pipe(Schema.maxItems(maxItems))

/**
 * The schema of the parameters; every field is optional, and present only when the server sent it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AuthorizationParameters = Schema.Struct({
  /** A message for the person, to show at the login prompt. */
  sessionMessage: Schema.optional(Text),
  /** Scopes the caller must consent to (Globus `required_scopes`, `ConsentRequired`). */
  requiredScopes: Schema.optional(List),
  /** Identities one of which must be in the session. */
  sessionRequiredIdentities: Schema.optional(List),
  /** Policies (ids) the session must satisfy. */
  sessionRequiredPolicies: Schema.optional(List),
  /** Domains one of which the session must be limited to. */
  sessionRequiredSingleDomain: Schema.optional(List),
  /** Whether the session must have used multi-factor authentication. */
  sessionRequiredMfa: Schema.optional(Schema.Boolean),
  /** How to prompt (Globus: `login`). */
  prompt: Schema.optional(Text)
})

/**
 * The parameters, as a plain object.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthorizationParameters = typeof AuthorizationParameters.Type

/**
 * What {@link make} accepts: lists of any length, strings of any length, scrubbed and cut to size.
 *
 * @since 0.1.0
 * @category models
 */
export interface AuthorizationParametersInput {
  readonly sessionMessage?: string | undefined
  readonly requiredScopes?: ReadonlyArray<string> | undefined
  readonly sessionRequiredIdentities?: ReadonlyArray<string> | undefined
  readonly sessionRequiredPolicies?: ReadonlyArray<string> | undefined
  readonly sessionRequiredSingleDomain?: ReadonlyArray<string> | undefined
  readonly sessionRequiredMfa?: boolean | undefined
  readonly prompt?: string | undefined
}

const cut = (text: string, clean: (text: string) => string): string => {
  const cleaned = clean(text)
  return cleaned.length > maxLength ? cleaned.slice(0, maxLength - 1) + "…" : cleaned
}

const cutList = (list: ReadonlyArray<string>, clean: (text: string) => string): ReadonlyArray<string> =>
  list.slice(0, maxItems).map((item) => cut(String(item), clean))

/**
 * Bounded parameters from what a platform's classifier read, or `undefined` when nothing was
 * asked. `clean` runs over every string first (the pipeline passes its secret scrubber); a
 * message that would hold a secret is then shown without it.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { AuthorizationParameters } from "effect-research-sdk"
 * AuthorizationParameters.make({ requiredScopes: ["urn:globus:auth:scope:groups.api.globus.org:all"] })
 * ```
 */
export const make = (
  input: AuthorizationParametersInput,
  clean: (text: string) => string = (text) => text
): AuthorizationParameters | undefined => {
  const out: {
    -readonly [K in keyof AuthorizationParameters]: AuthorizationParameters[K]
  } = {}
  if (typeof input.sessionMessage === "string") out.sessionMessage = cut(input.sessionMessage, clean)
  if (Array.isArray(input.requiredScopes)) out.requiredScopes = cutList(input.requiredScopes, clean)
  if (Array.isArray(input.sessionRequiredIdentities)) {
    out.sessionRequiredIdentities = cutList(input.sessionRequiredIdentities, clean)
  }
  if (Array.isArray(input.sessionRequiredPolicies)) {
    out.sessionRequiredPolicies = cutList(input.sessionRequiredPolicies, clean)
  }
  if (Array.isArray(input.sessionRequiredSingleDomain)) {
    out.sessionRequiredSingleDomain = cutList(input.sessionRequiredSingleDomain, clean)
  }
  if (typeof input.sessionRequiredMfa === "boolean") out.sessionRequiredMfa = input.sessionRequiredMfa
  if (typeof input.prompt === "string") out.prompt = cut(input.prompt, clean)
  return Object.keys(out).length === 0 ? undefined : out
}
