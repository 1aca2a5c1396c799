/**
 * Response envelopes: platforms that wrap every JSON answer, such as Agave's
 * `{"status": "success" | "error", "message": …, "version": …, "result": …}`. A connection declares
 * its platform's envelope once; an operation's success schema then describes the `result` alone, and
 * an error envelope (whatever its HTTP status) is classified with its `message`. An operation that
 * answers without one (a token endpoint, a download) opts out.
 *
 * @since 0.1.0
 */
import type { Classifier } from "./Classify.js"
import { classifyByStatus } from "./Classify.js"

/**
 * What an envelope holds.
 *
 * @since 0.1.0
 * @category models
 */
export type Opened =
  | { readonly _tag: "Success"; readonly result: unknown }
  | { readonly _tag: "Failure"; readonly message: string }
  | { readonly _tag: "NotEnvelope"; readonly reason: string }

/**
 * A platform's envelope.
 *
 * @since 0.1.0
 * @category models
 */
export interface Envelope {
  /** Reads a parsed JSON body. */
  readonly open: (json: unknown) => Opened
}

/**
 * The field names and values of an envelope.
 *
 * @since 0.1.0
 * @category models
 */
export interface EnvelopeFields {
  readonly status: string
  readonly success: string
  readonly error: string
  readonly message: string
  readonly result: string
}

const maxMessage = 1000

/**
 * An envelope that says `status: success` or `status: error`, with a message and a result.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (fields: EnvelopeFields): Envelope => {
  const notEnvelope: Opened = {
    _tag: "NotEnvelope",
    reason: `expected an envelope with "${fields.status}": "${fields.success}"`
  }
  return {
    open: (json) => {
      if (typeof json !== "object" || json === null || Array.isArray(json)) return notEnvelope
      const body = json as Record<string, unknown>
      const status = body[fields.status]
      if (status === fields.success) return { _tag: "Success", result: body[fields.result] }
      if (status === fields.error) {
        const message = body[fields.message]
        return {
          _tag: "Failure",
          message: typeof message === "string" && message.length > 0
            ? message.slice(0, maxMessage)
            : `"${fields.status}": "${fields.error}" without a message`
        }
      }
      return notEnvelope
    }
  }
}

/**
 * Agave's (and Tapis v2's) envelope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const agave: Envelope = make({
  status: "status",
  success: "success",
  error: "error",
  message: "message",
  result: "result"
})

/**
 * Reads the message of an error envelope, and leaves the tag to the status: the fallback of a
 * platform's own classifier.
 *
 * @since 0.1.0
 * @category classifiers
 */
export const classifier = (envelope: Envelope): Classifier => (response) => {
  const opened = envelope.open(response.json)
  return opened._tag === "Failure" ? classifyByStatus(response.status, opened.message) : undefined
}
