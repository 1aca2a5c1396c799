/**
 * How a SCIM client authenticates: a bearer token, a token in a named header (ODM's
 * `Genestack-API-Token`), or HTTP Basic. Every secret stays `Redacted`.
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"
import type { Credential } from "../core/ApiClient.js"

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
 * `Authorization: Basic …` (RFC 7617), user name and password in UTF-8.
 *
 * @since 0.1.0
 * @category constructors
 */
export const basic = (username: string, password: Redacted.Redacted<string>): ScimAuth => ({
  _tag: "Basic",
  username,
  password
})

// btoa takes Latin-1 only: encode as UTF-8 first (RFC 7617 §2.1's charset).
const base64 = (text: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(text)))

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
        value: Redacted.make(`Basic ${base64(`${auth.username}:${Redacted.value(auth.password)}`)}`)
      }
  }
}

/**
 * The secrets a credential holds, for scrubbing them from error texts: the token or password
 * itself as well as the header value built from it.
 *
 * @since 0.1.0
 * @category conversions
 */
export const secretsOf = (auth: ScimAuth): ReadonlyArray<Redacted.Redacted> =>
  auth._tag === "Basic" ? [auth.password] : [auth.token]
