/**
 * Decoding response bodies: JSON first, then the operation's Schema. Anything that does not fit
 * becomes `InvalidResponse`, with what went wrong said plainly.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import type * as Redacted from "effect/Redacted"
import type * as Schema from "effect/Schema"
import { describeIssue } from "./DecodeIssue.js"
import type { HttpContext } from "./Errors.js"
import { InvalidResponse } from "./Errors.js"
import { excerpt } from "./Excerpt.js"
import { jsonDecoder } from "./JsonDecoder.js"

/**
 * An error's HTTP context before its message is known.
 *
 * @since 0.1.0
 */
export type HttpInfo = Omit<HttpContext, "message">

/**
 * Parses JSON; the reason it is not JSON on the left.
 *
 * @since 0.1.0
 */
export const parseJson = (text: string): Either.Either<unknown, string> => {
  if (text.length === 0) return Either.left("empty body")
  try {
    return Either.right(JSON.parse(text))
  } catch (cause) {
    // V8 quotes the start of the text ("sk-live-01"... is not valid JSON): a cut that could hold part of
    // a secret, and the excerpt shows the body anyway (scrubbed).
    return Either.left(
      cause instanceof Error
        ? cause.message.replace(/,? "[\s\S]*"(?:\.\.\.)? is not valid JSON$/, "")
        : "malformed JSON"
    )
  }
}

const describeNonJson = (text: string, why: string): string => {
  const start = text.trimStart().slice(0, 15).toLowerCase()
  if (start.startsWith("<!doctype html") || start.startsWith("<html")) return "expected JSON, received an HTML page"
  if (start.startsWith("<?xml")) return "expected JSON, received XML"
  return `expected JSON: ${why}`
}

/**
 * `{ key: value }` when the value is defined, `{}` otherwise: for optional fields under
 * `exactOptionalPropertyTypes`.
 *
 * @since 0.1.0
 */
export const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

/**
 * Decodes a success body with `schema`, ignoring unknown fields.
 *
 * @since 0.1.0
 */
export const decodeBody = <A, I>(
  schema: Schema.Schema<A, I, never>,
  text: string,
  http: HttpInfo,
  secrets: ReadonlyArray<Redacted.Redacted>
): Effect.Effect<A, InvalidResponse> => {
  const json = parseJson(text)
  if (Either.isLeft(json)) {
    return Effect.fail(
      new InvalidResponse({
        ...http,
        reason: "MalformedBody",
        message: describeNonJson(text, json.left),
        ...optional("excerpt", excerpt(text, secrets))
      })
    )
  }
  return decodeJson(schema, json.right, text, http, secrets)
}

const reparse = (text: string) => () => JSON.parse(text) as unknown

/**
 * Decodes a value just parsed from `text` (the whole body, for the excerpt of an error) with
 * `schema`, ignoring unknown fields. The value may be changed in place (see `JsonDecoder`);
 * `pristine` gives it again as sent (by default, `text` parsed again).
 *
 * @since 0.1.0
 */
export const decodeJson = <A, I>(
  schema: Schema.Schema<A, I, never>,
  json: unknown,
  text: string,
  http: HttpInfo,
  secrets: ReadonlyArray<Redacted.Redacted>,
  pristine: () => unknown = reparse(text)
): Effect.Effect<A, InvalidResponse> => {
  let decoded: Either.Either<A, ParseResult.ParseError>
  try {
    decoded = jsonDecoder(schema)(json, pristine)
  } catch (cause) {
    // A recursive schema (Schema.suspend) follows the value down: a deep enough one exhausts the stack.
    if (cause instanceof RangeError) return mismatch(http, text, secrets, "the body is nested too deeply to decode")
    throw cause
  }
  return Either.isRight(decoded)
    ? Effect.succeed(decoded.right)
    : mismatch(http, text, secrets, describeIssue(decoded.left.issue, secrets))
}

const mismatch = (http: HttpInfo, text: string, secrets: ReadonlyArray<Redacted.Redacted>, why: string) =>
  Effect.fail(
    new InvalidResponse({
      ...http,
      reason: "SchemaMismatch",
      message: `the response does not match the expected shape: ${why}`,
      ...optional("excerpt", excerpt(text, secrets))
    })
  )
