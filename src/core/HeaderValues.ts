/**
 * What can be sent in an HTTP header. A value holding a line break could end its header and start
 * another; Node's `http` throws on any control character, fetch refuses NUL, CR and LF and any
 * character above U+00FF, and every client strips surrounding whitespace. So the SDK checks every
 * header it sets from a caller's input (credentials, configured headers, media types) before sending,
 * and refuses what cannot be sent intact instead of letting a transport throw, fail or alter it.
 *
 * @since 0.1.0
 */

// RFC 9110 §5.5: field-value = VCHAR / obs-text (0x80–0xFF) / SP / HTAB inside. Anything else is a
// control character (NUL, CR, LF, DEL…) or not a byte at all (above U+00FF).
const forbidden = /[^\t\x20-\x7e\x80-\xff]/
const control = /[\x00-\x08\x0a-\x1f\x7f]/

// RFC 9110 §5.1: field-name = token.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09

/**
 * Why `value` cannot be sent as a header value intact, or `undefined` when it can. The reason never
 * quotes the value, which may be a secret.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * ```ts
 * import { HeaderValues } from "effect-research-sdk"
 * HeaderValues.valueProblem("abc") // undefined
 * HeaderValues.valueProblem("abc\n") // "holds a control character (such as a line break or NUL)"
 * ```
 */
export const valueProblem = (value: string): string | undefined => {
  if (typeof value !== "string") return "is not a string"
  if (forbidden.test(value)) {
    return control.test(value)
      ? "holds a control character (such as a line break or NUL)"
      : "holds a character outside Latin-1, which a header cannot carry (encode it first)"
  }
  if (value.length > 0 && (isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(value.length - 1)))) {
    return "starts or ends with whitespace, which HTTP strips"
  }
  return undefined
}

/**
 * Whether `name` is a valid header name (an RFC 9110 token).
 *
 * @since 0.1.0
 * @category validation
 */
export const isName = (name: string): boolean => typeof name === "string" && token.test(name)

/**
 * Why a header cannot be sent, naming the header but never quoting its value; `undefined` when it can.
 * `what` says what the value is ("the credential", "the value").
 *
 * @since 0.1.0
 * @category validation
 */
export const headerProblem = (name: string, value: string, what = "the value"): string | undefined => {
  if (!isName(name)) return `${JSON.stringify(String(name))} is not a valid header name`
  const problem = valueProblem(value)
  return problem === undefined ? undefined : `${what} of header ${name} cannot be sent: it ${problem}`
}
