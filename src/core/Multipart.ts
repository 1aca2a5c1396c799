/**
 * `multipart/form-data` request bodies built by the SDK itself, so that a file part can be a stream
 * that is never held in memory whole (a `FormData` needs its files as `Blob`s).
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as Either from "effect/Either"
import * as Stream from "effect/Stream"
import type { InvalidRequest } from "./Errors.js"
import { invalidInput } from "./Errors.js"
import { valueProblem } from "./HeaderValues.js"
import { isWellFormed } from "./Url.js"

/**
 * A part of a form: a plain field, or a file whose content is bytes or a stream of bytes.
 *
 * @since 0.1.0
 * @category models
 */
export type Part =
  | { readonly _tag: "Field"; readonly name: string; readonly value: string }
  | {
    readonly _tag: "File"
    readonly name: string
    readonly filename: string
    readonly contentType?: string | undefined
    readonly content: Uint8Array | Stream.Stream<Uint8Array, unknown>
  }

const encoder = new TextEncoder()

// WHATWG's form encoding of names and file names: quotes and line breaks percent-encoded, so a
// name cannot end its header or start a new one.
const escapeName = (value: string): string => value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A")

// A content type is a header value of its own: line breaks (and NULs) are dropped, so that it cannot
// end its header line and smuggle in another header or part.
const headerValue = (value: string): string => value.replace(/[\r\n\0]/g, "")

const headerOf = (part: Part, boundary: string): Uint8Array => {
  const disposition = part._tag === "Field"
    ? `form-data; name="${escapeName(part.name)}"`
    : `form-data; name="${escapeName(part.name)}"; filename="${escapeName(part.filename)}"`
  const type = part._tag === "File"
    ? `\r\nContent-Type: ${headerValue(part.contentType ?? "application/octet-stream")}`
    : ""
  return encoder.encode(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`)
}

const isBytes = (content: Uint8Array | Stream.Stream<Uint8Array, unknown>): content is Uint8Array =>
  content instanceof Uint8Array

const contentOf = (part: Part): Uint8Array | Stream.Stream<Uint8Array, unknown> =>
  part._tag === "Field" ? encoder.encode(part.value) : part.content

/**
 * The parts if they can be encoded as given, or why not: a name, file name or field value that is not
 * well-formed Unicode (a lone surrogate has no UTF-8 form: encoding would silently replace it), or a
 * content type that is not a valid header value. The message quotes no value.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = (parts: ReadonlyArray<Part>): Either.Either<ReadonlyArray<Part>, InvalidRequest> => {
  for (const part of parts) {
    if (!isWellFormed(part.name)) return Either.left(invalidInput(notUnicode("a form field's name")))
    if (part._tag === "Field") {
      if (!isWellFormed(part.value)) return Either.left(invalidInput(notUnicode("a form field's value")))
      continue
    }
    if (!isWellFormed(part.filename)) return Either.left(invalidInput(notUnicode("a file name")))
    const problem = part.contentType === undefined ? undefined : valueProblem(part.contentType)
    if (problem !== undefined) return Either.left(invalidInput(`a file's content type ${problem}`))
  }
  return Either.right(parts)
}

const notUnicode = (what: string) =>
  `${what} is not well-formed Unicode (it holds a lone surrogate) and cannot be encoded`

/**
 * A fresh boundary: random, so that it does not occur in the content.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeBoundary = (): string => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  return `----effect-research-sdk-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`
}

/**
 * The form as a request body (check it with {@link validate} first). All-bytes forms become one `Uint8Array` body (which a retry can send
 * again); a form with a streamed part becomes a streamed body of no declared length (sent chunked),
 * read once as it is sent.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Multipart } from "effect-research-sdk"
 * const body = Multipart.body([
 *   { _tag: "File", name: "file", filename: "names.txt", content: new TextEncoder().encode("Alice\n") }
 * ])
 * ```
 */
export const body = (parts: ReadonlyArray<Part>, boundary: string = makeBoundary()): HttpBody.HttpBody => {
  const contentType = `multipart/form-data; boundary=${boundary}`
  const pieces: Array<Uint8Array | Stream.Stream<Uint8Array, unknown>> = []
  parts.forEach((part, index) => {
    pieces.push(index === 0 ? headerOf(part, boundary) : concat([encoder.encode("\r\n"), headerOf(part, boundary)]))
    pieces.push(contentOf(part))
  })
  pieces.push(encoder.encode(`${parts.length === 0 ? "" : "\r\n"}--${boundary}--\r\n`))
  if (pieces.every(isBytes)) return HttpBody.uint8Array(concat(pieces), contentType)
  // No length, even if the caller knows it: fetch sends a streamed body chunked whatever it is told.
  const stream = Stream.flatMap(
    Stream.fromIterable(pieces),
    (piece) => isBytes(piece) ? Stream.succeed(piece) : piece
  )
  return HttpBody.stream(stream, contentType)
}

const concat = (chunks: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}
