/**
 * Reading response bodies without trusting their size.
 *
 * @since 0.1.0
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/**
 * A body that exceeded the limit; it was not read past the limit.
 *
 * @since 0.1.0
 * @category models
 */
export class BodyTooLarge {
  /** @since 0.1.0 */
  readonly _tag = "BodyTooLarge"
  constructor(readonly limit: number, readonly declaredLength: number | undefined) {}
}

const decoder = new TextDecoder()

/**
 * Reads a body as UTF-8 text, failing with {@link BodyTooLarge} as soon as more than `limit`
 * bytes are declared or have arrived. With `truncate`, an oversized body is cut at the limit
 * instead (for error bodies, of which only an excerpt is wanted).
 *
 * @since 0.1.0
 * @category reading
 */
export const readText = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number,
  truncate = false
): Effect.Effect<string, BodyTooLarge | HttpClientError.ResponseError> => {
  const headers = response.headers
  const header = headers["content-length"]
  const declared = header === undefined ? undefined : Number(header)
  // A compressed body is decompressed on the way in: its declared length says nothing about its size.
  const encoded = headers["content-encoding"] !== undefined && headers["content-encoding"] !== "identity"
  if (!encoded && declared !== undefined && Number.isFinite(declared) && declared <= limit) {
    return response.text
  }
  if (!encoded && declared !== undefined && declared > limit && !truncate) {
    // Pull one chunk and stop: ending the stream cancels the body, so the connection is not kept
    // busy delivering bytes nobody will read.
    return Effect.zipRight(
      Effect.ignore(Stream.runHead(response.stream)),
      Effect.fail(new BodyTooLarge(limit, declared))
    )
  }
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return response.stream.pipe(
      Stream.runForEachWhile((chunk) => {
        if (size + chunk.length > limit) {
          if (!truncate) return Effect.fail(new BodyTooLarge(limit, declared))
          chunks.push(chunk.subarray(0, limit - size))
          size = limit
          return Effect.succeed(false)
        }
        chunks.push(chunk)
        size += chunk.length
        return Effect.succeed(true)
      }),
      Effect.map(() => concatText(chunks, size)),
      // No body at all reads as no text: the caller decides whether that is acceptable.
      Effect.catchIf(
        (error) => error._tag === "ResponseError" && error.reason === "EmptyBody",
        () => Effect.succeed("")
      )
    )
  })
}

const concatText = (chunks: ReadonlyArray<Uint8Array>, size: number): string => {
  if (chunks.length === 1) return decoder.decode(chunks[0])
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.length
  }
  return decoder.decode(all)
}
