/**
 * Files to upload: a name and content from bytes or a stream of bytes. A local file is read by
 * `NodeUploadFile.fromPath` of `effect-research-sdk/node`, which builds the same thing.
 *
 * @since 0.1.0
 */
import type * as Stream from "effect/Stream"

/**
 * A file to upload: its name on the server and its content, as bytes or as a stream of bytes (read
 * once, as it is sent: an upload from a stream is never retried). Build one with {@link fromBytes},
 * {@link fromStream} or, for a local file, `NodeUploadFile.fromPath` (`effect-research-sdk/node`).
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadFile {
  readonly name: string
  readonly content: Uint8Array | Stream.Stream<Uint8Array, unknown>
  readonly contentType?: string | undefined
}

/**
 * A file from bytes or text (UTF-8).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromBytes = (name: string, content: Uint8Array | string, contentType?: string): UploadFile => ({
  name,
  content: typeof content === "string" ? new TextEncoder().encode(content) : content,
  contentType
})

/**
 * A file from a stream of bytes. A failure of the stream aborts the upload (`TransportError`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromStream = (
  name: string,
  content: Stream.Stream<Uint8Array, unknown>,
  options: { readonly contentType?: string } = {}
): UploadFile => ({ name, content, contentType: options.contentType })
