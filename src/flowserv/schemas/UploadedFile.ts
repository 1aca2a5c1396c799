/**
 * Files uploaded to a workflow group.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An uploaded file. `size` is reported as 0 by the real server for multipart uploads; do not rely on it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UploadedFile = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  createdAt: Schema.DateTimeUtc,
  size: Schema.Number
})

/**
 * @since 0.1.0
 * @category models
 */
export interface UploadedFile extends Schema.Schema.Type<typeof UploadedFile> {}

/**
 * `GET /uploads/{groupId}/files`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UploadListing = Schema.Struct({ files: Schema.Array(UploadedFile) })
