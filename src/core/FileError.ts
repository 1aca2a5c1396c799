/**
 * The error of local file access. Platform-neutral (a schema only), so that code on any runtime can
 * name it; the `node:fs` helpers that raise it are in `effect-research-sdk/node`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A local file could not be read or written.
 *
 * @since 0.1.0
 * @category errors
 */
export class FileError extends Schema.TaggedError<FileError>("effect-research-sdk/FileError")("FileError", {
  message: Schema.String,
  path: Schema.String,
  /** The file system's error code, e.g. `ENOENT`. */
  code: Schema.optional(Schema.String)
}) {}
