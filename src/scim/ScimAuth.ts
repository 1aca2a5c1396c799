/**
 * How a SCIM client authenticates: a bearer token, a token in a named header (ODM's
 * `Genestack-API-Token`), or HTTP Basic. Every secret stays `Redacted`.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import type { Credential } from "../core/ApiClient.js"
import type { InvalidRequest } from "../core/Errors.js"
import { invalidInput } from "../core/Errors.js"
import { valueProblem } from "../core/HeaderValues.js"

/**
 * A SCIM credential.
 *
 * @since 0.1.0
 * @category models
 */
export type ScimAuth =
  | { readonly _tag: "Bearer"; readonly token: Redacted.Redacted<string> }
  | { readonly _tag: "Header"; readonly header: string; readonly token: Redacted.Redacted<string> }
  | { readonly _tag: "Basic"; readonly username: string; readonly password: Redacted.Redacted<string> }

/**
 * `Authorization: Bearer <token>` (RFC 6750), what most SCIM servers take.
 *
 * @since 0.1.0
 * @category constructors
 */
export const bearer = (token: Redacted.Redacted<string>): ScimAuth => ({ _tag: "Bearer", token })

/**
 * The token as the whole value of a header of its own, e.g. `Genestack-API-Token`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const header = (name: string, token: Redacted.Redacted<string>): ScimAuth => ({
  _tag: "Header",
  header: name,
  token
})

/**
 * `Authorization: Basic …` (RFC 7617), user name and password in UTF-8. A user name holding a colon,
 * or either part holding a control character, cannot be sent (RFC 7617 §2): every call then fails
 * with `InvalidRequest` before anything is sent (see {@link validate}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const basic = (username: string, password: Redacted.Redacted<string>): ScimAuth => ({
  _tag: "Basic",
  username,
  password
})

// btoa takes Latin-1 only: encode as UTF-8 first (RFC 7617 §2.1's charset). A loop rather than
// `String.fromCharCode(...bytes)`, whose argument list overflows the stack on long input.
const base64 = (text: string): string => {
  let latin1 = ""
  for (const byte of new TextEncoder().encode(text)) latin1 += String.fromCharCode(byte)
  return btoa(latin1)
}

// CTL = %x00-1F / %x7F (RFC 5234), which RFC 7617 §2 forbids in both parts.

const controlCharacter = /[\u0000-\u001f\u007f]/

/**
 * The credential if it can be sent, or why not: a Basic user name may not hold a colon (the
 * server would split it there), and neither part a control character (RFC 7617 §2); a bearer token
 * must be a header value of its own (no control character, nothing outside Latin-1, no surrounding
 * whitespace, which `Bearer` followed by spaces would lose). The pipeline checks the header values
 * themselves as well. The message names neither the user name nor any secret.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = (auth: ScimAuth): Either.Either<ScimAuth, InvalidRequest> => {
  if (auth._tag === "Bearer") {
    const problem = valueProblem(Redacted.value(auth.token))
    return problem === undefined
      ? Either.right(auth)
      : Either.left(invalidInput(`the bearer token cannot be sent: it ${problem}`))
  }
  if (auth._tag !== "Basic") return Either.right(auth)
  if (auth.username.includes(":")) {
    return Either.left(invalidInput("basic auth: the user name may not contain a colon (RFC 7617 §2)"))
  }
  if (controlCharacter.test(auth.username) || controlCharacter.test(Redacted.value(auth.password))) {
    return Either.left(
      invalidInput("basic auth: the user name and password may not contain control characters (RFC 7617 §2)")
    )
  }
  return Either.right(auth)
}

const basicToken = (auth: Extract<ScimAuth, { _tag: "Basic" }>): string =>
  base64(`${auth.username}:${Redacted.value(auth.password)}`)

/**
 * The header a credential is sent in, its value still `Redacted`.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toCredential = (auth: ScimAuth): Credential => {
  switch (auth._tag) {
    case "Bearer":
      return { header: "authorization", value: Redacted.make(`Bearer ${Redacted.value(auth.token)}`) }
    case "Header":
      return { header: auth.header, value: auth.token }
    case "Basic":
      return {
        header: "authorization",
        value: Redacted.make(`Basic ${basicToken(auth)}`)
      }
  }
}

/**
 * The secrets a credential holds, for scrubbing them from error texts: the token or password
 * itself and, for Basic, the bare base64 credential, which a server may echo without its
 * `Basic ` prefix. (The header value itself is scrubbed by the pipeline.)
 *
 * @since 0.1.0
 * @category conversions
 */
export const secretsOf = (auth: ScimAuth): ReadonlyArray<Redacted.Redacted> =>
  auth._tag === "Basic" ? [auth.password, Redacted.make(basicToken(auth))] : [auth.token]
