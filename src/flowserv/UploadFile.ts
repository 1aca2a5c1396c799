/**
 * Files to upload: a name and content from bytes, a stream of bytes, or a local file.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import * as Path from "node:path"
import * as NodeFiles from "../core/NodeFiles.js"

/**
 * A file to upload: its name on the server and its content, as bytes or as a stream of bytes (read
 * once, as it is sent: an upload from a stream is never retried). Build one with {@link fromBytes},
 * {@link fromStream} or {@link fromPath}.
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

/**
 * A local file, read with `node:fs` as it is sent (never whole). Named after the file unless `name`
 * says otherwise; fails with `FileError` if it cannot be read.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromPath = (
  path: string,
  options: { readonly name?: string; readonly contentType?: string } = {}
): Effect.Effect<UploadFile, NodeFiles.FileError> =>
  // Checked now so that a missing file fails here, before any request; the size itself is not
  // sent (a streamed body goes chunked).
  Effect.as(NodeFiles.size(path), {
    name: options.name ?? Path.basename(path),
    content: NodeFiles.readStream(path),
    contentType: options.contentType
  })
