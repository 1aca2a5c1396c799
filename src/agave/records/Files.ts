/**
 * The files service (`/files/v2`), as records: the 17 operations of AgavePy's `files`, on a named
 * system (`/system/{systemId}/…`) and on the caller's default storage system.
 *
 * File paths are multi-segment (`dir/sub/file.txt`), each segment percent-encoded; `.` and `..` are
 * refused. A path is read from the system's home directory, or from its root when it starts with `/`.
 * Left out (or empty), a path names the home directory of the system's description itself, as the
 * files guide has it ("$PATH (Optional)"): to list it, upload into it, make a directory in it, read
 * its history or permissions. Downloads and deletes take a path always (none would name the whole
 * home directory).
 * On the default system, a path whose first segment is `system` is read by the server as a named
 * system's: use the `/system/{systemId}/` operations for such a path.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../../core/Endpoint.js"
import {
  FileHistory,
  FileImport,
  FileOperationRequest,
  FilePermission,
  FilePermissionRequest,
  RemoteFile
} from "../schemas/File.js"
import { uploadBody } from "./Bodies.js"
import { byPath, byUsername, changing, docs, listing, notSelf, page, reading } from "./Common.js"

const guide = docs("files/introduction")
const permissionsGuide = docs("files/files-permissions")
const historyGuide = docs("files/files-provenance")
const files = listing(RemoteFile, { filter: notSelf, key: byPath })
const history = listing(FileHistory)
const permissions = listing(FilePermission, { key: byUsername })

/**
 * Every operation of the files service, by AgavePy's name.
 *
 * @since 0.1.0
 * @category records
 */
export const FileRecords = {
  /** A file's bytes, from the default storage system, as a stream. */
  downloadFromDefaultSystem: Endpoint.make({
    name: "agave.Files.downloadFromDefaultSystem",
    method: "GET",
    path: "/files/v2/media/{sourcefilePath+}",
    success: Endpoint.streamed,
    envelope: false,
    errors: reading,
    docs: guide
  }),
  /** Uploads a file (or imports one from a URL) into a directory of the default storage system. The
   *  server answers 202 and stages the file asynchronously: it appears in listings once staged. */
  importToDefaultSystem: Endpoint.make({
    name: "agave.Files.importToDefaultSystem",
    method: "POST",
    path: "/files/v2/media/{sourcefilePath*}",
    body: uploadBody,
    success: FileImport,
    errors: changing,
    docs: guide
  }),
  /** mkdir, rename, copy or move on the default storage system. */
  manageOnDefaultSystem: Endpoint.make({
    name: "agave.Files.manageOnDefaultSystem",
    method: "PUT",
    path: "/files/v2/media/{sourcefilePath*}",
    body: FileOperationRequest,
    success: Endpoint.noContent,
    errors: changing,
    // A copy made twice may append twice, a move may find its source gone: sent once.
    idempotent: false,
    docs: guide
  }),
  /** Deletes a file or directory of the default storage system. */
  deleteFromDefaultSystem: Endpoint.make({
    name: "agave.Files.deleteFromDefaultSystem",
    method: "DELETE",
    path: "/files/v2/media/{sourcefilePath+}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: guide
  }),
  /** A file's bytes, as a stream. */
  download: Endpoint.make({
    name: "agave.Files.download",
    method: "GET",
    path: "/files/v2/media/system/{systemId}/{filePath+}",
    success: Endpoint.streamed,
    envelope: false,
    errors: reading,
    docs: guide
  }),
  /** Uploads a file (or imports one from a URL) into a directory of a system; answered 202, staged
   *  asynchronously. */
  importData: Endpoint.make({
    name: "agave.Files.importData",
    method: "POST",
    path: "/files/v2/media/system/{systemId}/{filePath*}",
    body: uploadBody,
    success: FileImport,
    errors: changing,
    docs: guide
  }),
  /** mkdir, rename, copy or move. */
  manage: Endpoint.make({
    name: "agave.Files.manage",
    method: "PUT",
    path: "/files/v2/media/system/{systemId}/{filePath*}",
    body: FileOperationRequest,
    success: Endpoint.noContent,
    errors: changing,
    idempotent: false,
    docs: guide
  }),
  /** Deletes a file or directory. */
  delete: Endpoint.make({
    name: "agave.Files.delete",
    method: "DELETE",
    path: "/files/v2/media/system/{systemId}/{filePath+}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: guide
  }),
  /** A directory's entries (the first, `.`, is the directory itself), or one file's, on the default
   *  storage system. */
  listOnDefaultSystem: Endpoint.make({
    name: "agave.Files.listOnDefaultSystem",
    method: "GET",
    path: "/files/v2/listings/{filePath*}",
    query: page,
    success: files.success,
    paging: files.paging,
    errors: reading,
    docs: guide
  }),
  /** A directory's entries (the first, `.`, is the directory itself), or one file's. */
  list: Endpoint.make({
    name: "agave.Files.list",
    method: "GET",
    path: "/files/v2/listings/system/{systemId}/{filePath*}",
    query: page,
    success: files.success,
    paging: files.paging,
    errors: reading,
    docs: guide
  }),
  /** What happened to a file of the default storage system. */
  getHistoryOnDefaultSystem: Endpoint.make({
    name: "agave.Files.getHistoryOnDefaultSystem",
    method: "GET",
    path: "/files/v2/history/{filePath*}",
    query: page,
    success: history.success,
    paging: history.paging,
    errors: reading,
    docs: historyGuide
  }),
  /** What happened to a file. */
  getHistory: Endpoint.make({
    name: "agave.Files.getHistory",
    method: "GET",
    path: "/files/v2/history/system/{systemId}/{filePath*}",
    query: page,
    success: history.success,
    paging: history.paging,
    errors: reading,
    docs: historyGuide
  }),
  /** Who may use a file of the default storage system. */
  listPermissionsOnDefaultSystem: Endpoint.make({
    name: "agave.Files.listPermissionsOnDefaultSystem",
    method: "GET",
    path: "/files/v2/pems/{filePath*}",
    query: page,
    success: permissions.success,
    paging: permissions.paging,
    errors: reading,
    docs: permissionsGuide
  }),
  /** Grants a user a permission on a file of the default storage system. */
  updatePermissionsOnDefaultSystem: Endpoint.make({
    name: "agave.Files.updatePermissionsOnDefaultSystem",
    method: "POST",
    path: "/files/v2/pems/{filePath*}",
    body: FilePermissionRequest,
    success: Endpoint.noContent,
    errors: reading,
    idempotent: true,
    docs: permissionsGuide
  }),
  /** Who may use a file. */
  listPermissions: Endpoint.make({
    name: "agave.Files.listPermissions",
    method: "GET",
    path: "/files/v2/pems/system/{systemId}/{filePath*}",
    query: page,
    success: permissions.success,
    paging: permissions.paging,
    errors: reading,
    docs: permissionsGuide
  }),
  /** Grants a user a permission on a file; answers the file's permissions. */
  updatePermissions: Endpoint.make({
    name: "agave.Files.updatePermissions",
    method: "POST",
    path: "/files/v2/pems/system/{systemId}/{filePath*}",
    body: FilePermissionRequest,
    success: Schema.Array(FilePermission),
    errors: reading,
    idempotent: true,
    docs: permissionsGuide
  }),
  /** Takes every user's permission on a file away. */
  deletePermissions: Endpoint.make({
    name: "agave.Files.deletePermissions",
    method: "DELETE",
    path: "/files/v2/pems/system/{systemId}/{filePath+}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: permissionsGuide
  })
}
