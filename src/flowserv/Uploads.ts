/**
 * Files uploaded to a workflow group, as inputs for its runs.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Endpoint from "../core/Endpoint.js"
import { invalidInput } from "../core/Errors.js"
import * as Multipart from "../core/Multipart.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import * as Traced from "../core/Traced.js"
import { FlowservClient } from "./FlowservClient.js"
import type { UploadedFile } from "./schemas/UploadedFile.js"
import * as Schemas from "./schemas/UploadedFile.js"
import { forbiddenOrBadToken, memberErrors, memberOnly } from "./tokenCheck.js"
import type { UploadFile } from "./UploadFile.js"

/**
 * The errors of the upload operations: the caller must be a member of the group. `Forbidden` is a
 * valid token of a non-member; `Unauthorized` a missing, invalid or expired token (the server
 * answers `not authorized` to both; one token check after the refusal tells them apart).
 *
 * @since 0.1.0
 * @category models
 */
export type UploadError = Endpoint.Error<typeof UploadEndpoints.listPage>

const groupId = { groupId: "flowserv.group.id" } as const
const file = { ...groupId, fileId: "flowserv.file.id" } as const

/**
 * The upload operations, as records.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const UploadEndpoints = {
  upload: Endpoint.make({
    name: "flowserv.Uploads.upload",
    method: "POST",
    path: "/uploads/{groupId}/files",
    spanAttributes: groupId,
    body: Endpoint.multipartBody,
    success: Schemas.UploadedFile,
    errors: memberErrors
  }),
  listPage: Endpoint.make({
    name: "flowserv.Uploads.list",
    method: "GET",
    path: "/uploads/{groupId}/files",
    spanAttributes: groupId,
    success: Schemas.UploadListing,
    errors: memberErrors
  }),
  delete: Endpoint.make({
    name: "flowserv.Uploads.delete",
    method: "DELETE",
    path: "/uploads/{groupId}/files/{fileId}",
    spanAttributes: file,
    success: Endpoint.noContent,
    idempotentDelete: true,
    errors: memberErrors
  }),
  download: Endpoint.make({
    name: "flowserv.Uploads.download",
    method: "GET",
    path: "/uploads/{groupId}/files/{fileId}",
    spanAttributes: file,
    success: Endpoint.streamed,
    errors: ["NotFound", "InvalidRequest"]
  })
}

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
  /** The group's uploaded files, as a stream. */
  readonly list: (groupId: string) => Stream.Stream<UploadedFile, UploadError>
  /** The group's uploaded files, in the one answer the server gives. */
  readonly listPage: (groupId: string) => Effect.Effect<ReadonlyArray<UploadedFile>, UploadError>
  /** Deletes an uploaded file. */
  readonly delete: (groupId: string, fileId: string) => Effect.Effect<void, UploadError>
  /** An uploaded file's content (no token needed). */
  readonly download: (
    groupId: string,
    fileId: string
  ) => Stream.Stream<Uint8Array, Endpoint.Error<typeof UploadEndpoints.download>>
}

const make: Effect.Effect<UploadsService, never, FlowservClient> = Effect.gen(function*() {
  const { api } = yield* FlowservClient
  const records = Endpoint.service(api, UploadEndpoints)
  const send = Endpoint.untraced(api, UploadEndpoints.upload)

  const traced = Traced.fn(UploadEndpoints.upload.name)(function*(groupId: string, file: UploadFile<unknown>) {
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
    const parts = yield* Multipart.validate([{
      _tag: "File",
      name: "file",
      filename: file.name,
      contentType: file.contentType,
      content
    }])
    const uploaded = yield* forbiddenOrBadToken(api)(send({ groupId, body: parts })).pipe(
      Effect.catchTag("TransportError", (error) => Effect.fail(Option.getOrElse(contentFailure, () => error)))
    )
    yield* Effect.annotateCurrentSpan("flowserv.file.id", uploaded.id)
    return uploaded
  })

  // The only error beyond UploadError is the one of the file's own stream, an E.
  const upload = <E>(groupId: string, file: UploadFile<E>) =>
    traced(groupId, file) as Effect.Effect<UploadedFile, UploadError | E>

  const listing = memberOnly(api, UploadEndpoints.listPage)
  const listPage = (groupId: string) => Effect.map(listing({ groupId }), (answer) => answer.files)
  const delete_ = memberOnly(api, UploadEndpoints.delete)

  return {
    upload,
    list: (groupId) => Stream.fromIterableEffect(listPage(groupId)),
    listPage,
    delete: (groupId, fileId) => delete_({ groupId, fileId }),
    download: (groupId, fileId) => records.download({ groupId, fileId })
  }
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
