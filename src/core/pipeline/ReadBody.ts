/**
 * Reading a response's body: a success decoded with the operation's schema (through the platform's
 * envelope, if any), an error body read for its classifier, a body nobody wants released.
 *
 * @since 0.1.0
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { AttemptContext } from "../Attempt.js"
import { AttemptError } from "../Attempt.js"
import { readText } from "../Body.js"
import type { HttpInfo } from "../Decode.js"
import { decodeBody } from "../Decode.js"
import * as EnvelopeDecoder from "../EnvelopeDecoder.js"
import { InvalidResponse } from "../Errors.js"
import type { ClientState } from "./ClientState.js"

/**
 * What a successful response becomes: decoded by the operation's schema, or handed over unread.
 *
 * @since 0.1.0
 * @category models
 */
export type OnSuccess<A> = (
  response: HttpClientResponse.HttpClientResponse,
  http: HttpInfo,
  context: AttemptContext,
  /** Attempts made so far, this one included. */
  attempts: number
) => Effect.Effect<A, InvalidResponse | HttpClientError.ResponseError | AttemptError>

/**
 * Ends a body nobody will read: pulls at most one chunk, then cancels the rest. Best effort: a body
 * that cannot be ended here (on fetch, one that an interrupted read still holds, whose stream is
 * locked) is ended by its request's abort instead. What went wrong is logged at Debug level, without
 * details (they would name the request), and is never the call's outcome: not a failure, not a defect.
 *
 * @since 0.1.0
 * @category reading
 */
export const discardBody = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<void> =>
  Effect.catchAllCause(
    Effect.asVoid(Stream.runHead(response.stream)),
    (cause) =>
      Cause.isInterruptedOnly(cause)
        ? Effect.failCause(cause as Cause.Cause<never>)
        : Effect.logDebug(
          `a response body could not be released (${
            Cause.isDie(cause) ? "a defect" : "a failure"
          }); its request's abort ends it`
        )
  )

/**
 * An error response's body, up to `limit` bytes, for its classifier; empty if it cannot be read.
 *
 * @since 0.1.0
 * @category reading
 */
export const errorText = (response: HttpClientResponse.HttpClientResponse, limit: number): Effect.Effect<string> =>
  Effect.orElseSucceed(readText(response, limit, true), () => "")

/**
 * Reads and decodes a success with `success` (the envelope's result when `enveloped`); an empty body
 * is `onNoContent()`, or nothing for `Schema.Void`.
 *
 * @since 0.1.0
 * @category reading
 */
export const decodeSuccess = <A, I>(
  client: ClientState,
  success: Schema.Schema<A, I, never>,
  onNoContent: (() => A) | undefined,
  enveloped: boolean
): OnSuccess<A> => {
  const isVoid = success.ast._tag === "VoidKeyword"
  // An enveloped answer is read even when its result is not wanted: it may be an error envelope.
  const expectsBody = !isVoid || enveloped
  const decode = enveloped ? EnvelopeDecoder.decoder(client.envelope!, success, isVoid) : undefined
  const maxBytes = client.config.maxResponseBytes
  return (response, http, context) => {
    // Nothing to decode; still release whatever body came, so the connection (and a transport's
    // timer) is free again.
    if (!expectsBody) return Effect.as(discardBody(response), undefined as A)
    // A 204 has no body by definition (fetch gives none to read).
    if (response.status === 204) return noContent(response, http, onNoContent, isVoid)
    return readText(response, maxBytes).pipe(
      Effect.mapError((error) =>
        error._tag === "BodyTooLarge"
          ? AttemptError.final(
            new InvalidResponse({
              ...http,
              reason: "BodyTooLarge",
              message: `response body exceeds the limit of ${error.limit} bytes`
            })
          )
          : error
      ),
      Effect.flatMap((text) =>
        (onNoContent !== undefined || isVoid) && text.trim() === ""
          ? (onNoContent === undefined ? Effect.succeed(undefined as A) : Effect.sync(onNoContent))
          : decode === undefined
          ? decodeBody(success, text, http, context.secrets)
          : decode(response, text, http, context)
      )
    )
  }
}

// A 204: the operation's empty value, nothing for Schema.Void, or a body that was expected.
const noContent = <A>(
  response: HttpClientResponse.HttpClientResponse,
  http: HttpInfo,
  onNoContent: (() => A) | undefined,
  isVoid: boolean
): Effect.Effect<A, AttemptError> =>
  Effect.zipRight(
    discardBody(response),
    onNoContent !== undefined
      ? Effect.sync(onNoContent)
      : isVoid
      ? Effect.succeed(undefined as A)
      : Effect.fail(
        AttemptError.final(
          new InvalidResponse({ ...http, reason: "MalformedBody", message: "expected JSON: 204 No Content" })
        )
      )
  )
