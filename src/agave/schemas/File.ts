/**
 * Files: entries of a system's file tree, what happened to them, and who may use them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Acl, Links, openLiteral, opt, PermissionLevel } from "./Common.js"

/**
 * `file` or `dir`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FileType = openLiteral("file", "dir")

/**
 * An entry of a listing. A directory's listing begins with an entry named `.` for the directory
 * itself; the SDK's listing streams leave it out.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RemoteFile = Schema.Struct({
  name: Schema.String,
  path: opt(Schema.String),
  type: opt(FileType),
  length: opt(Schema.Number),
  lastModified: opt(Schema.String),
  permissions: opt(Schema.String),
  format: opt(Schema.String),
  mimeType: opt(Schema.String),
  system: opt(Schema.String),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface RemoteFile extends Schema.Schema.Type<typeof RemoteFile> {}

/**
 * The answer to an upload or an import: the file as the server has queued it (status
 * `STAGING_QUEUED` and so on) — it appears in listings once staged.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FileImport = Schema.Struct({
  ...RemoteFile.fields,
  uuid: opt(Schema.String),
  owner: opt(Schema.String),
  internalUsername: opt(Schema.String),
  source: opt(Schema.String),
  status: opt(Schema.String),
  /** The system the file is on (the upload answer's name for `system`). */
  systemId: opt(Schema.String),
  nativeFormat: opt(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface FileImport extends Schema.Schema.Type<typeof FileImport> {}

/**
 * One event in a file's history (created, staged, renamed, permission granted, …).
 *
 * @since 0.1.0
 * @category schemas
 */
export const FileHistory = Schema.Struct({
  status: opt(Schema.String),
  created: opt(Schema.String),
  createdBy: opt(Schema.String),
  description: opt(Schema.String),
  progress: opt(Schema.Unknown)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface FileHistory extends Schema.Schema.Type<typeof FileHistory> {}

/**
 * One user's permission on a file or directory.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FilePermission = Schema.Struct({
  username: Schema.String,
  internalUsername: opt(Schema.String),
  permission: opt(Acl),
  recursive: opt(Schema.Boolean),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface FilePermission extends Schema.Schema.Type<typeof FilePermission> {}

/**
 * A permission to grant on a file or directory; `recursive` applies it to a directory's contents.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FilePermissionRequest = Schema.Struct({
  username: Schema.String,
  permission: PermissionLevel,
  recursive: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface FilePermissionRequest extends Schema.Schema.Type<typeof FilePermissionRequest> {}

/**
 * What `files.manage` can do.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FileAction = openLiteral("mkdir", "rename", "copy", "move")

/**
 * An action on a file or directory: `mkdir` (path: the new directory's name), `rename` (path: the
 * new name), `copy` and `move` (path: the destination); `append` for a copy onto an existing file.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FileOperationRequest = Schema.Struct({
  action: FileAction,
  path: Schema.String,
  append: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface FileOperationRequest extends Schema.Schema.Type<typeof FileOperationRequest> {}

/**
 * A notification an upload asks for (`notifications` in the multipart body).
 *
 * @since 0.1.0
 * @category schemas
 */
export const FileNotificationRequest = Schema.Struct({
  url: Schema.String,
  event: Schema.String,
  persistent: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface FileNotificationRequest extends Schema.Schema.Type<typeof FileNotificationRequest> {}
