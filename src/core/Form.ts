/**
 * `application/x-www-form-urlencoded` bodies (OAuth token requests, Agave's profiles service): built
 * from fields whose secret values stay `Redacted` until encoded, checked before anything is sent. A
 * value that cannot be encoded (a lone UTF-16 surrogate, which `URLSearchParams` would silently turn
 * into U+FFFD) is refused with `InvalidRequest`, never sent altered.
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { InvalidRequest } from "./Errors.js"

/**
 * A form's fields: plain text, a secret, or `undefined` for a field left out.
 *
 * @since 0.1.0
 * @category models
 */
export type Fields = Readonly<Record<string, string | Redacted.Redacted<string> | undefined>>

/**
 * An encoded form, ready to send, with the secrets it holds (to scrub from errors).
 *
 * @since 0.1.0
 * @category models
 */
export interface Form {
  readonly _tag: "Form"
  readonly text: Redacted.Redacted<string>
  readonly secrets: ReadonlyArray<Redacted.Redacted>
}

// RFC 3986 unreserved stay; space is `+` (the form encoding); everything else percent-encoded.
const encodeComponent = (value: string): string | undefined => {
  try {
    return encodeURIComponent(value).replace(/%20/g, "+").replace(
      /[!'()*]/g,
      (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()
    )
  } catch {
    return undefined
  }
}

/**
 * Encodes `fields` in order, or says which field cannot be sent (never naming its value).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { Form } from "effect-research-sdk"
 * Form.encode({ grant_type: "password", username: "nryan", password: Redacted.make("…") })
 * ```
 */
export const encode = (fields: Fields): Either.Either<Form, InvalidRequest> => {
  const pieces: Array<string> = []
  const secrets: Array<Redacted.Redacted> = []
  for (const name in fields) {
    const value = fields[name]
    if (value === undefined) continue
    const secret = Redacted.isRedacted(value)
    if (secret) secrets.push(value)
    const key = encodeComponent(name)
    const text = encodeComponent(secret ? Redacted.value(value) : value)
    if (key === undefined || text === undefined) {
      return Either.left(
        new InvalidRequest({
          message: `form field ${key ?? "(unnamed)"}: is not well-formed Unicode`,
          origin: "client"
        })
      )
    }
    pieces.push(`${key}=${text}`)
  }
  return Either.right({ _tag: "Form", text: Redacted.make(pieces.join("&")), secrets })
}

/**
 * The form as a request body.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toHttpBody = (form: Form): HttpBody.HttpBody =>
  HttpBody.text(Redacted.value(form.text), "application/x-www-form-urlencoded")
