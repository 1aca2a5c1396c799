/**
 * Files uploaded to a workflow group, as inputs for its runs.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../core/Errors.js"
import { invalidInput } from "../core/Errors.js"
import * as Multipart from "../core/Multipart.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import { download } from "./download.js"
import { FlowservClient } from "./FlowservClient.js"
import { memberErrors } from "./memberErrors.js"
import type { UploadedFile } from "./schemas/UploadedFile.js"
import * as Schemas from "./schemas/UploadedFile.js"
import { forbiddenOrBadToken } from "./tokenCheck.js"
import type { UploadFile } from "./UploadFile.js"

/**
 * The errors of the upload operations: the caller must be a member of the group. `Forbidden` is a
 * valid token of a non-member; `Unauthorized` a missing, invalid or expired token (the server
 * answers `not authorized` to both; one token check after the refusal tells them apart).
 *
 * @since 0.1.0
 * @category models
 */
export type UploadError = Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError

/**
 * The upload operations.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadsService {
  /** Uploads a file to a group (multipart form data, field `file`). The server reports `size` as 0.
   *  If the file's stream fails, the upload fails with the stream's error `E` (`FileError` for
   *  `NodeUploadFile.fromPath`). */
  readonly upload: <E = never>(groupId: string, file: UploadFile<E>) => Effect.Effect<UploadedFile, UploadError | E>
  /** The group's uploaded files. */
  readonly list: (groupId: string) => Effect.Effect<ReadonlyArray<UploadedFile>, UploadError>
  /** Deletes an uploaded file. */
  readonly delete: (groupId: string, fileId: string) => Effect.Effect<void, UploadError>
  /** An uploaded file's content (no token needed). */
  readonly download: (
    groupId: string,
    fileId: string
  ) => Stream.Stream<Uint8Array, NotFound | InvalidRequest | InfraError>
}

const make: Effect.Effect<UploadsService, never, FlowservClient> = Effect.gen(function*() {
  const { api } = yield* FlowservClient
  const memberOnly = forbiddenOrBadToken(api)

  const traced = Effect.fn("flowserv.Uploads.upload")(function*(groupId: string, file: UploadFile<unknown>) {
    yield* Effect.annotateCurrentSpan("flowserv.group.id", groupId)
    if (typeof file?.name !== "string" || file.name.trim().length === 0) {
      return yield* invalidInput("an upload needs a non-empty file name")
    }
    // fetch turns a body stream's failure into a TransportError; the caller wants the stream's own
    // error (a FileError reading a local file, say), so it is kept aside and put back.
    let contentFailure: Option.Option<unknown> = Option.none()
    const content = file.content instanceof Uint8Array ?
      file.content :
      Stream.tapError(file.content, (error) =>
        Effect.sync(() => {
          contentFailure = Option.some(error)
        }))
    const uploaded = yield* memberOnly(api.execute({
      method: "POST",
      path: ["uploads", groupId, "files"],
      requestBody: Multipart.body(
        yield* Multipart.validate([{
          _tag: "File",
          name: "file",
          filename: file.name,
          contentType: file.contentType,
          content
        }])
      ),
      success: Schemas.UploadedFile,
      errors: memberErrors
    })).pipe(
      Effect.catchTag("TransportError", (error) => Effect.fail(Option.getOrElse(contentFailure, () => error)))
    )
    yield* Effect.annotateCurrentSpan("flowserv.file.id", uploaded.id)
    return uploaded
  })

  // The only error beyond UploadError is the one of the file's own stream, an E.
  const upload = <E>(groupId: string, file: UploadFile<E>) =>
    traced(groupId, file) as Effect.Effect<UploadedFile, UploadError | E>

  const list = Effect.fn("flowserv.Uploads.list")(function*(groupId: string) {
    yield* Effect.annotateCurrentSpan("flowserv.group.id", groupId)
    const listing = yield* memberOnly(api.execute({
      method: "GET",
      path: ["uploads", groupId, "files"],
      success: Schemas.UploadListing,
      errors: memberErrors
    }))
    return listing.files
  })

  const delete_ = Effect.fn("flowserv.Uploads.delete")(function*(groupId: string, fileId: string) {
    yield* Effect.annotateCurrentSpan("flowserv.group.id", groupId)
    yield* Effect.annotateCurrentSpan("flowserv.file.id", fileId)
    return yield* memberOnly(api.execute({
      method: "DELETE",
      path: ["uploads", groupId, "files", fileId],
      success: Schema.Void,
      idempotentDelete: true,
      errors: memberErrors
    }))
  })

  const downloadUpload = (groupId: string, fileId: string) =>
    download(api, "flowserv.Uploads.download", ["uploads", groupId, "files", fileId], {
      "flowserv.group.id": groupId,
      "flowserv.file.id": fileId
    })

  return { upload, list, delete: delete_, download: downloadUpload }
})

/**
 * flowserv uploaded files.
 *
 * @since 0.1.0
 * @category services
 */
export class Uploads extends Context.Tag("effect-research-sdk/flowserv/Uploads")<Uploads, UploadsService>() {
  /** @since 0.1.0 */
  static readonly make = make
  static readonly #layers = serviceLayers(Uploads, make, FlowservClient)
  /** On the `FlowservClient` in context. @since 0.1.0 */
  static readonly Default = Uploads.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = Uploads.#layers.layer
  /** With its own connection, configured from `FLOWSERV_URL` / `FLOWSERV_TOKEN`. @since 0.1.0 */
  static readonly layerConfig = Uploads.#layers.layerConfig
}
