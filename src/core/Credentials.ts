/**
 * Credentials sent as headers, and the check that they can be sent at all. A token read from a file
 * with its line break, pasted with a stray control character or typed with a character outside
 * Latin-1 can never reach a server intact: Node's `http` throws on it, fetch and undici fail the
 * request. The pipeline refuses such a credential before sending, with `InvalidRequest` (origin
 * client) that is never retried, and configuration refuses it when it is read.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { isName, valueProblem } from "./HeaderValues.js"

/**
 * A credential sent as a header. Its value stays `Redacted` until the moment the header is set.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credential {
  readonly header: string
  readonly value: Redacted.Redacted<string>
}

// Values already found sendable: a credential is checked once, not on every call.
const sendable = new WeakSet<Redacted.Redacted<string>>()

/**
 * Why a credential cannot be sent, naming its header and never quoting its value; `undefined` when
 * it can.
 *
 * @since 0.1.0
 * @category validation
 */
export const problem = (credential: Credential): string | undefined => {
  if (!isName(credential.header)) {
    return `${JSON.stringify(String(credential.header))} is not a valid header name for a credential`
  }
  if (sendable.has(credential.value)) return undefined
  const reason = valueProblem(Redacted.value(credential.value))
  if (reason === undefined) {
    sendable.add(credential.value)
    return undefined
  }
  return `the credential for header ${credential.header} cannot be sent: it ${reason}`
}

/**
 * The secret `Config.redacted(name)` reads, refused when it is read if it could not be sent as (part
 * of) a header value: a `ConfigError` naming `name` at layer construction, rather than a failure of
 * every call. The error quotes no part of the secret.
 *
 * @since 0.1.0
 * @category config
 */
export const sendableConfig = (name: string): Config.Config<Redacted.Redacted<string>> =>
  Config.mapOrFail(Config.redacted(name), (secret) => {
    const reason = valueProblem(Redacted.value(secret))
    return reason === undefined
      ? Either.right(secret)
      : Either.left(ConfigError.InvalidData([name], `cannot be sent as a credential: it ${reason}`))
  })
