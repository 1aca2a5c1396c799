/**
 * How a SCIM client authenticates: a bearer token, a token in a named header (ODM's
 * `Genestack-API-Token`), or HTTP Basic. These are the core's credentials (`Credentials`), under the
 * names SCIM code has always used; a `ScimClient` also takes a refreshing credential.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import type { Credential } from "../core/Credentials.js"
import * as Credentials from "../core/Credentials.js"
import type { InvalidRequest } from "../core/Errors.js"
import { invalidInput } from "../core/Errors.js"

/**
 * A SCIM credential: one of the core's `StaticAuth` kinds.
 *
 * @since 0.1.0
 * @category models
 */
export type ScimAuth = Exclude<Credentials.StaticAuth, { readonly _tag: "Token" }>

/**
 * `Authorization: Bearer <token>` (RFC 6750), what most SCIM servers take.
 *
 * @since 0.1.0
 * @category constructors
 */
export const bearer = (token: Redacted.Redacted<string>): ScimAuth => Credentials.bearer(token) as ScimAuth

/**
 * The token as the whole value of a header of its own, e.g. `Genestack-API-Token`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const header = (name: string, token: Redacted.Redacted<string>): ScimAuth =>
  Credentials.header(name, token) as ScimAuth

/**
 * `Authorization: Basic …` (RFC 7617), user name and password in UTF-8. A user name holding a colon,
 * or either part holding a control character, cannot be sent (RFC 7617 §2): every call then fails
 * with `InvalidRequest` before anything is sent (see {@link validate}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const basic = (username: string, password: Redacted.Redacted<string>): ScimAuth =>
  Credentials.basic(username, password) as ScimAuth

/**
 * The credential if it can be sent, or why not (`Credentials.validate`, then the header value
 * itself: `Credentials.problem`). The message names neither the user name nor any secret.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = (auth: ScimAuth): Either.Either<ScimAuth, InvalidRequest> => {
  const checked = Credentials.validate(auth)
  if (Either.isLeft(checked)) return Either.left(invalidInput(checked.left.message))
  const problem = Credentials.problem(Credentials.toCredential(auth))
  return problem === undefined ? Either.right(auth) : Either.left(invalidInput(problem))
}

/**
 * The header a credential is sent in, its value still `Redacted` (`Credentials.toCredential`).
 *
 * @since 0.1.0
 * @category conversions
 */
export const toCredential = (auth: ScimAuth): Credential => Credentials.toCredential(auth)

/**
 * The secrets a credential holds, for scrubbing them from error texts: the token or password
 * itself and, for Basic, the bare base64 credential, which a server may echo without its `Basic `
 * prefix.
 *
 * @since 0.1.0
 * @category conversions
 */
export const secretsOf = (auth: ScimAuth): ReadonlyArray<Redacted.Redacted> =>
  Credentials.toCredential(auth).secrets ?? []
