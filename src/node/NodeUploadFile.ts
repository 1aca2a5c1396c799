/**
 * Local files to upload, read with `node:fs` as they are sent.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Path from "node:path"
import type { FileError } from "../core/FileError.js"
import type { UploadFile } from "../flowserv/UploadFile.js"
import * as NodeFiles from "./NodeFiles.js"

/**
 * A local file to upload, read with `node:fs` as it is sent (never whole). Named after the file
 * unless `name` says otherwise. Fails with `FileError` at once if the path is not a readable file;
 * an upload of it fails with `FileError` too if the file cannot be read as it is sent.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Uploads } from "effect-research-sdk/flowserv"
 * import { NodeUploadFile } from "effect-research-sdk/node"
 * const upload = (groupId: string) =>
 *   Effect.gen(function*() {
 *     const uploads = yield* Uploads
 *     return yield* uploads.upload(groupId, yield* NodeUploadFile.fromPath("./data/names.txt"))
 *   })
 * ```
 */
export const fromPath = (
  path: string,
  options: { readonly name?: string; readonly contentType?: string } = {}
): Effect.Effect<UploadFile<FileError>, FileError> =>
  // Checked now so that a missing file fails here, before any request; the size itself is not
  // sent (a streamed body goes chunked).
  Effect.as(NodeFiles.size(path), {
    name: options.name ?? Path.basename(path),
    content: NodeFiles.readStream(path),
    contentType: options.contentType
  })
