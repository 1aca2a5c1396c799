/**
 * Reading a successful answer through a platform's envelope: the pipeline's side of `Envelope`, kept
 * apart so that the public module names none of the pipeline's internal types.
 *
 * @since 0.1.0
 */
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import type { AttemptContext } from "./Attempt.js"
import * as Attempt from "./Attempt.js"
import { AttemptError } from "./Attempt.js"
import type { HttpInfo } from "./Decode.js"
import { decodeBody, decodeJson, optional, parseJson } from "./Decode.js"
import type { Envelope } from "./Envelope.js"
import { InvalidResponse } from "./Errors.js"
import { excerpt } from "./Excerpt.js"

// The result as sent, for decoding again when the decoder's fast path refuses it (it may have changed
// the first one in place).
const resultOf = (envelope: Envelope, text: string): unknown => {
  const opened = envelope.open(JSON.parse(text))
  return opened._tag === "Success" ? opened.result : undefined
}

/**
 * Reads a successful answer through `envelope`: the result decoded with `success` (nothing for a
 * void one); an error envelope classified like an error response, with its message; anything else
 * `InvalidResponse`. Built once per operation by the pipeline.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decoder = <A, I>(envelope: Envelope, success: Schema.Schema<A, I, never>, isVoid: boolean) =>
(
  response: HttpClientResponse.HttpClientResponse,
  text: string,
  http: HttpInfo,
  context: AttemptContext
): Effect.Effect<A, InvalidResponse | AttemptError> => {
  const json = parseJson(text)
  // Not JSON: decodeBody says why.
  if (Either.isLeft(json)) return decodeBody(success, text, http, context.secrets)
  const opened = envelope.open(json.right)
  switch (opened._tag) {
    case "Success":
      return isVoid
        ? Effect.succeed(undefined as A)
        : decodeJson(success, opened.result, text, http, context.secrets, () => resultOf(envelope, text))
    case "Failure":
      return Effect.flatMap(
        Clock.currentTimeMillis,
        (now) => Effect.fail(Attempt.fromStatus(context, http, response.headers, text, now))
      )
    case "NotEnvelope":
      return Effect.fail(
        AttemptError.final(
          new InvalidResponse({
            ...http,
            reason: "SchemaMismatch",
            message: opened.reason,
            ...optional("excerpt", excerpt(text, context.secrets))
          })
        )
      )
  }
}
