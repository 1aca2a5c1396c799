/**
 * The files service: listings (streams leave out a directory's `.` entry), downloads as streams,
 * uploads and imports, mkdir/rename/copy/move/delete, history and permissions — on a named system
 * and on the caller's default storage system.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Endpoint from "../core/Endpoint.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import { AgaveConnection } from "./AgaveConnection.js"
import { calls } from "./AgaveService.js"
import type { FileUpload } from "./records/Bodies.js"
import { upload } from "./records/Bodies.js"
import { FileRecords } from "./records/Files.js"
import type { FileImport } from "./schemas/File.js"

const make = Effect.gen(function*() {
  const connection = yield* AgaveConnection
  const files = calls(connection, FileRecords)
  return {
    ...files,
    /** Uploads a file (bytes or a stream, sent once) or imports one from a URL into a directory of a
     *  system (its home directory when `filePath` is left out); answered 202, the file is staged
     *  asynchronously. */
    importData: (
      input: { readonly systemId: string; readonly filePath?: string | undefined; readonly body: FileUpload }
    ): Effect.Effect<FileImport, Endpoint.Error<typeof FileRecords.importData>> =>
      Either.match(upload(input.body), {
        onLeft: Effect.fail,
        onRight: (body) => files.importData({ ...input, body })
      }),
    /** {@link importData} on the default storage system. */
    importToDefaultSystem: (
      input: { readonly sourcefilePath?: string | undefined; readonly body: FileUpload }
    ): Effect.Effect<FileImport, Endpoint.Error<typeof FileRecords.importToDefaultSystem>> =>
      Either.match(upload(input.body), {
        onLeft: Effect.fail,
        onRight: (body) => files.importToDefaultSystem({ ...input, body })
      })
  }
})

/**
 * The files service: every operation of AgavePy's `files`; `list`, `listOnDefaultSystem`,
 * `getHistory`, `listPermissions`, … are streams (a directory's `.` entry left out; `…Page` gives one
 * page as sent, `.` included); `download` and `downloadFromDefaultSystem` stream the bytes. Without a
 * file path, a listing, an upload, `manage`, history and permissions name the system's home directory
 * (`files.listOnDefaultSystem()` lists the default storage system's).
 *
 * @since 0.1.0
 * @category services
 */
export class AgaveFiles extends Context.Tag("effect-research-sdk/agave/AgaveFiles")<
  AgaveFiles,
  Effect.Effect.Success<typeof make>
>() {
  static readonly #layers = serviceLayers(AgaveFiles, make, AgaveConnection)
  /**
   * On the connection in context.
   *
   * @since 0.1.0
   */
  static readonly Default = AgaveFiles.#layers.Default
  /**
   * With its own connection.
   *
   * @since 0.1.0
   */
  static readonly layer = AgaveFiles.#layers.layer
  /**
   * Configured from AgavePy's environment variables.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = AgaveFiles.#layers.layerConfig
}
