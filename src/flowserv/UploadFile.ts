/**
 * Files to upload: a name and content from bytes or a stream of bytes. A local file is read by
 * `NodeUploadFile.fromPath` of `effect-research-sdk/node`, which builds the same thing.
 *
 * @since 0.1.0
 */
import type * as Stream from "effect/Stream"

/**
 * A file to upload: its name on the server and its content, as bytes or as a stream of bytes (read
 * once, as it is sent: an upload from a stream is never retried). `E` is how the stream can fail; an
 * upload that fails because its stream did fails with that error. Build one with {@link fromBytes},
 * {@link fromStream} or, for a local file, `NodeUploadFile.fromPath` (`effect-research-sdk/node`).
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadFile<E = never> {
  readonly name: string
  readonly content: Uint8Array | Stream.Stream<Uint8Array, E>
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
 * A file from a stream of bytes. If the stream fails, the upload is aborted and fails with the
 * stream's error.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromStream = <E>(
  name: string,
  content: Stream.Stream<Uint8Array, E>,
  options: { readonly contentType?: string } = {}
): UploadFile<E> => ({ name, content, contentType: options.contentType })
