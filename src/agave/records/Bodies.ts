/**
 * The two request bodies of Agave that are not JSON: the profiles service's form
 * (`application/x-www-form-urlencoded`, snake_case fields) and the files service's multipart upload.
 * Both are built (and checked) before a call, so that a record's body can always be sent as it is.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import type * as Stream from "effect/Stream"
import type { BodyKind } from "../../core/Endpoint.js"
import { InvalidRequest } from "../../core/Errors.js"
import * as Form from "../../core/Form.js"
import * as Multipart from "../../core/Multipart.js"
import { isWellFormed } from "../../core/Url.js"
import type { FileNotificationRequest } from "../schemas/File.js"

/**
 * A profile to create or the fields of one to change, as the profiles service reads them.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProfileFields {
  readonly username?: string | undefined
  readonly email?: string | undefined
  readonly password?: Redacted.Redacted<string> | undefined
  readonly first_name?: string | undefined
  readonly last_name?: string | undefined
  readonly phone?: string | undefined
  readonly mobile_phone?: string | undefined
  readonly status?: string | undefined
}

/**
 * An encoded profile form (see {@link profileForm}).
 *
 * @since 0.1.0
 * @category models
 */
export interface ProfileForm extends Form.Form {}

/**
 * Encodes a profile's fields, or says why they cannot be sent.
 *
 * @since 0.1.0
 * @category constructors
 */
export const profileForm = (fields: ProfileFields): Either.Either<ProfileForm, InvalidRequest> =>
  Form.encode({ ...fields })

/**
 * The body kind of the profiles service's form.
 *
 * @since 0.1.0
 * @category body
 */
export const formBody: BodyKind<Form.Form> = {
  _tag: "BodyKind",
  kind: "bytes",
  toHttpBody: Form.toHttpBody
}

/**
 * The content of an upload: bytes or a stream (sent once, never held whole), its file name and type.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadContent {
  readonly content: Uint8Array | Stream.Stream<Uint8Array, unknown>
  readonly filename: string
  readonly contentType?: string | undefined
}

/**
 * The content of an upload from a file to upload as the other platforms take it (`name`, `content`,
 * `contentType`): a local file from `NodeUploadFile.fromPath`, read as it is sent.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { AgaveBodies, AgaveFiles } from "effect-research-sdk/agave"
 * import { NodeUploadFile } from "effect-research-sdk/node"
 * const upload = Effect.gen(function*() {
 *   const files = yield* AgaveFiles
 *   const local = yield* NodeUploadFile.fromPath("./data/names.txt")
 *   return yield* files.importToDefaultSystem({
 *     sourcefilePath: "nryan/inputs",
 *     body: { fileToUpload: AgaveBodies.fromUploadFile(local) }
 *   })
 * })
 * ```
 */
export const fromUploadFile = (file: {
  readonly name: string
  readonly content: Uint8Array | Stream.Stream<Uint8Array, unknown>
  readonly contentType?: string | undefined
}): UploadContent => ({ filename: file.name, content: file.content, contentType: file.contentType })

/**
 * An upload (`fileToUpload`) or an import from a URL (`urlToIngest`), with its options — every field
 * in one multipart body, as the files service reads them.
 *
 * @since 0.1.0
 * @category models
 */
export interface FileUpload {
  readonly fileToUpload?: UploadContent | undefined
  readonly urlToIngest?: string | undefined
  /** The name of the file once imported (the uploaded file's name by default). */
  readonly fileName?: string | undefined
  /** The file's format (`raw` by default). */
  readonly fileType?: string | undefined
  /** An email address or URL to notify when the import is done. */
  readonly callbackURL?: string | undefined
  readonly notifications?: ReadonlyArray<FileNotificationRequest> | undefined
}

/**
 * A checked upload body (see {@link upload}).
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadBody {
  readonly _tag: "UploadBody"
  readonly parts: ReadonlyArray<Multipart.Part>
  /** A streamed upload can be sent once only. */
  readonly streamed: boolean
}

const refuse = (message: string) => Either.left(new InvalidRequest({ message, origin: "client" }))

/**
 * Checks and builds an upload's multipart body: a file or a URL (not both, not neither), every text
 * well-formed Unicode.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { AgaveBodies } from "effect-research-sdk/agave"
 * AgaveBodies.upload({ fileToUpload: { content: new TextEncoder().encode("a,b\n"), filename: "in.csv" } })
 * ```
 */
export const upload = (request: FileUpload): Either.Either<UploadBody, InvalidRequest> => {
  const file = request.fileToUpload
  if ((file === undefined) === (request.urlToIngest === undefined)) {
    return refuse("an upload takes either fileToUpload or urlToIngest")
  }
  const fields: Array<readonly [string, string | undefined]> = [
    ["fileName", request.fileName],
    ["fileType", request.fileType],
    ["callbackURL", request.callbackURL],
    ["urlToIngest", request.urlToIngest],
    ["notifications", request.notifications === undefined ? undefined : JSON.stringify(request.notifications)]
  ]
  const parts: Array<Multipart.Part> = []
  for (const [name, value] of fields) {
    if (value === undefined) continue
    if (!isWellFormed(value)) return refuse(`upload field ${name}: is not well-formed Unicode`)
    parts.push({ _tag: "Field", name, value })
  }
  if (file !== undefined) {
    if (file.filename.length === 0 || !isWellFormed(file.filename)) {
      return refuse("upload file name: must be non-empty, well-formed Unicode")
    }
    parts.push({
      _tag: "File",
      name: "fileToUpload",
      filename: file.filename,
      contentType: file.contentType,
      content: file.content
    })
  }
  return Either.right({
    _tag: "UploadBody",
    parts,
    streamed: file !== undefined && !(file.content instanceof Uint8Array)
  })
}

/**
 * The body kind of uploads.
 *
 * @since 0.1.0
 * @category body
 */
export const uploadBody: BodyKind<UploadBody> = {
  _tag: "BodyKind",
  kind: "multipart",
  toHttpBody: (body) => Multipart.body(body.parts)
}
