/**
 * Files uploaded to a workflow group.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Size } from "../../core/Numbers.js"
import * as WireFields from "../../core/WireFields.js"

/**
 * An uploaded file. `size` comes from the multipart part's own length header, which clients rarely
 * send: the real server reports 0 (or may leave it out, read as 0). Do not rely on it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UploadedFile = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  createdAt: Schema.DateTimeUtc,
  size: WireFields.whenAbsent(Size, () => 0)
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
