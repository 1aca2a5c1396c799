/**
 * The credentials of one attempt: read as it is sent (so a retry carries a token refreshed
 * meanwhile), refused before sending if no transport can send them intact, added to the secrets
 * scrubbed from its errors and to the headers redacted while it runs.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as Effect from "effect/Effect"
import { identity } from "effect/Function"
import type * as Redacted from "effect/Redacted"
import type { Credential } from "../ApiClient.js"
import type { AttemptContext } from "../Attempt.js"
import { AttemptError } from "../Attempt.js"
import * as Credentials from "../Credentials.js"
import { InvalidRequest } from "../Errors.js"

/**
 * Why no transport can send one of `credentials` intact, as the attempt's final error; `undefined`
 * if every one can. Such a credential is refused before sending, never retried: Node's client would
 * throw (a defect), fetch and undici would fail every attempt as a `TransportError`. A credential
 * found sendable once is not checked again (a fixed one is the same object on every call).
 *
 * @since 0.1.0
 * @category credentials
 */
export const unsendable = (credentials: ReadonlyArray<Credential>): AttemptError | undefined => {
  for (const credential of credentials) {
    if (sendable.has(credential)) continue
    const problem = Credentials.problem(credential)
    if (problem !== undefined) return AttemptError.final(new InvalidRequest({ message: problem, origin: "client" }))
    sendable.add(credential)
  }
  return undefined
}

const sendable = new WeakSet<Credential>()

/**
 * The attempt's context with the secrets of the credentials it sends, so they are scrubbed from
 * errors.
 *
 * @since 0.1.0
 * @category credentials
 */
export const withCredentials = (context: AttemptContext, credentials: ReadonlyArray<Credential>): AttemptContext => {
  if (credentials.length === 0) return context
  const secrets: Array<Redacted.Redacted> = [...context.secrets]
  for (const credential of credentials) {
    secrets.push(credential.value)
    if (credential.secrets !== undefined) secrets.push(...credential.secrets)
  }
  return { ...context, secrets }
}

/**
 * Redacts, while an attempt runs, a credential in a header the platform did not list (a region's
 * override) all the same.
 *
 * @since 0.1.0
 * @category credentials
 */
export const redactingHeadersOf = (credentials: ReadonlyArray<Credential>, listed: ReadonlyArray<string>) => {
  let unlisted: Array<string> | undefined
  for (const credential of credentials) {
    if (credential.in === "query") continue
    const name = credential.header.toLowerCase()
    if (!listed.includes(name)) (unlisted ??= []).push(name)
  }
  return unlisted === undefined
    ? identity
    : <X, E, R>(self: Effect.Effect<X, E, R>) =>
      Effect.locallyWith(self, Headers.currentRedactedNames, (names) => names.concat(unlisted))
}
