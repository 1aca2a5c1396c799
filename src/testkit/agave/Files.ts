/**
 * The files service of the Agave test server over the systems' trees: listings (a directory's first
 * entry is `.`, the directory itself), downloads, uploads and imports (answered 202, the file appears
 * once staged, after `stagingDelay` on the `Clock`), mkdir/rename/copy/move/delete, history and
 * permissions. On a public system a user reaches their own home directory (`{homeDir}/{username}`) and
 * what was shared with them; on a private one, anyone with a role on the system reaches everything.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import { isRecord } from "effect/Predicate"
import type { Grant, Node } from "./FileTree.js"
import { FileTree, nameOf, parentOf, resolve, segments } from "./FileTree.js"
import { levels } from "./Grants.js"
import type { Op } from "./Outcome.js"
import { badRequest, forbidden, iso, page, refuse, run } from "./Outcome.js"
import type { SystemRow, Systems } from "./Systems.js"

/**
 * An upload or import, as the multipart body gave it.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadRequest {
  readonly fileName?: string | undefined
  readonly fileType?: string | undefined
  readonly callbackURL?: string | undefined
  readonly urlToIngest?: string | undefined
  /** The uploaded file's name and bytes. */
  readonly file?: { readonly filename: string; readonly content: Uint8Array } | undefined
}

/**
 * How the files service behaves.
 *
 * @since 0.1.0
 * @category models
 */
export interface FilesOptions {
  /** How long an upload or import takes to stage (none by default). */
  readonly stagingDelay?: Duration.DurationInput | undefined
  readonly baseUrl?: string | undefined
}

const mimeOf = (node: Node, name: string): string =>
  node.type === "dir"
    ? "text/directory"
    : /\.(txt|log|out|err)$/i.test(name)
    ? "text/plain"
    : /\.csv$/i.test(name)
    ? "text/csv"
    : /\.json$/i.test(name)
    ? "application/json"
    : "application/octet-stream"

/**
 * The files of every system of the tenant.
 *
 * @since 0.1.0
 * @category state
 */
export class Files {
  private readonly trees = new Map<string, FileTree>()
  private readonly stagingMillis: number
  private readonly baseUrl: string

  constructor(private readonly systems: Systems, options: FilesOptions = {}) {
    this.stagingMillis = Duration.toMillis(options.stagingDelay ?? 0)
    this.baseUrl = options.baseUrl ?? "https://agave.test"
  }

  /**
   * A system's tree (created with its root and home directory on first use).
   *
   * @since 0.1.0
   */
  tree(row: SystemRow): FileTree {
    let tree = this.trees.get(row.id)
    if (tree === undefined) {
      tree = new FileTree(row.owner)
      tree.mkdirs(this.home(row), row.owner, 0)
      this.trees.set(row.id, tree)
    }
    return tree
  }

  /**
   * The system's home directory.
   *
   * @since 0.1.0
   */
  home(row: SystemRow): string {
    const storage = row.description["storage"]
    const homeDir = isRecord(storage) && typeof storage["homeDir"] === "string" ? storage["homeDir"] : "/home"
    return resolve("/", homeDir)
  }

  /** @internal */
  private userHome(row: SystemRow, user: string): string {
    return resolve(this.home(row), user)
  }

  /** @internal */
  private access(row: SystemRow, user: string, path: string, need: "read" | "write"): void {
    const role = this.systems.roleOf(row, user)
    if (role === "OWNER" || role === "ADMIN") return
    if (!row.public && this.systems.canUse(row, user)) return
    const home = this.userHome(row, user)
    if (path === home || path.startsWith(home + "/")) return
    const grant = this.tree(row).grantOf(path, user)
    if (grant !== undefined && grant[need]) return
    forbidden(`User does not have access to ${need} ${path}`)
  }

  /**
   * The system and absolute path a request names, the caller's home created on first use.
   *
   * @internal
   */
  private locate(caller: string, systemId: string | undefined, path: string, now: number) {
    const row = this.systems.storageFor(caller, systemId)
    const tree = this.tree(row)
    if (this.systems.canUse(row, caller)) tree.mkdirs(this.userHome(row, caller), caller, now)
    return { row, tree, path: resolve(this.home(row), path) }
  }

  /**
   * A listing's entry for `node`.
   *
   * @since 0.1.0
   */
  json(row: SystemRow, path: string, node: Node, name = nameOf(path)) {
    const href = `${this.baseUrl}/files/v2/media/system/${row.id}${path.split("/").map(encodeURIComponent).join("/")}`
    return {
      name,
      path,
      lastModified: iso(node.lastModified),
      length: node.type === "dir" ? 0 : node.content.length,
      permissions: "ALL",
      format: node.format,
      mimeType: mimeOf(node, name),
      type: node.type,
      system: row.id,
      _links: {
        self: { href },
        system: { href: `${this.baseUrl}/systems/v2/${row.id}` },
        history: { href: href.replace("/files/v2/media/", "/files/v2/history/") }
      }
    }
  }

  /**
   * `GET /files/v2/listings[/system/{systemId}]/{path}`: `.` first for a directory.
   *
   * @since 0.1.0
   */
  list(caller: string, systemId: string | undefined, path: string, query: URLSearchParams): Op<ReadonlyArray<unknown>> {
    return run((now) => {
      const at = this.locate(caller, systemId, path, now)
      const node = at.tree.find(at.path, now)
      this.access(at.row, caller, at.path, "read")
      const entries = node.type === "file"
        ? [this.json(at.row, at.path, node)]
        : [
          this.json(at.row, at.path, node, "."),
          ...at.tree.children(at.path, now).map(([child, entry]) => this.json(at.row, child, entry))
        ]
      return page(entries, { limit: query.get("limit"), offset: query.get("offset") })
    })
  }

  /**
   * `GET /files/v2/media[/system/{systemId}]/{path}`: a file's bytes.
   *
   * @since 0.1.0
   */
  download(caller: string, systemId: string | undefined, path: string): Op<Uint8Array> {
    return run((now) => {
      const at = this.locate(caller, systemId, path, now)
      const node = at.tree.find(at.path, now)
      this.access(at.row, caller, at.path, "read")
      if (node.type === "dir") badRequest(`${at.path} is a directory: directories cannot be downloaded`)
      return node.content
    })
  }

  /**
   * `POST /files/v2/media[/system/{systemId}]/{path}`: an upload or import into a directory; 202.
   *
   * @since 0.1.0
   */
  upload(caller: string, systemId: string | undefined, path: string, request: UploadRequest): Op<unknown> {
    return run((now) => {
      const at = this.locate(caller, systemId, path, now)
      const dir = at.tree.find(at.path, now)
      if (dir.type !== "dir") badRequest(`${at.path} is not a directory`)
      this.access(at.row, caller, at.path, "write")
      const { content, name } = this.incoming(caller, request, now)
      const fileName = request.fileName !== undefined && request.fileName !== "" ? request.fileName : name
      if (fileName.includes("/") || fileName === "." || fileName === "..") {
        badRequest(`Invalid file name ${fileName.slice(0, 200)}`)
      }
      const target = at.path === "/" ? `/${fileName}` : `${at.path}/${fileName}`
      const availableAt = now + this.stagingMillis
      const node = at.tree.writeFile(target, content, caller, now, availableAt, request.fileType ?? "raw")
      node.history.push(
        { status: "STAGING_QUEUED", at: now, createdBy: caller, description: "File/folder queued for staging" },
        {
          status: "STAGING_COMPLETED",
          at: availableAt,
          createdBy: caller,
          description: "Staging completed successfully"
        }
      )
      return {
        name: fileName,
        uuid: `${at.row.id}-${now}-${target}`,
        owner: caller,
        internalUsername: null,
        lastModified: iso(now),
        source: request.urlToIngest ?? `http://127.0.0.1/${encodeURIComponent(name)}`,
        path: target,
        status: "STAGING_QUEUED",
        systemId: at.row.id,
        nativeFormat: request.fileType ?? "raw",
        _links: this.json(at.row, target, node)._links
      }
    }, 202)
  }

  // The bytes of an upload, or of the tenant file an `agave://system/path` URL names.
  /** @internal */
  private incoming(caller: string, request: UploadRequest, now: number): { content: Uint8Array; name: string } {
    if (request.file !== undefined) return { content: request.file.content, name: request.file.filename }
    const url = request.urlToIngest
    if (url === undefined) return badRequest("Please specify a file to upload or a URL to import")
    const match = /^agave:\/\/([^/]+)(\/.*)$/.exec(url)
    if (match === null) return badRequest("The test server imports agave:// URLs only")
    const row = this.systems.storageFor(caller, match[1])
    const source = resolve(this.home(row), match[2]!.slice(1))
    const node = this.tree(row).find(source, now)
    this.access(row, caller, source, "read")
    if (node.type === "dir") badRequest("Directory imports are not supported by the test server")
    return { content: node.content, name: nameOf(source) }
  }

  /**
   * `PUT /files/v2/media[/system/{systemId}]/{path}`: mkdir, rename, copy or move.
   *
   * @since 0.1.0
   */
  manage(caller: string, systemId: string | undefined, path: string, body: unknown): Op<unknown> {
    return run((now) => {
      const at = this.locate(caller, systemId, path, now)
      const node = at.tree.find(at.path, now)
      this.access(at.row, caller, at.path, "write")
      const action = isRecord(body) && typeof body["action"] === "string" ? body["action"].toLowerCase() : ""
      const argument = isRecord(body) && typeof body["path"] === "string" ? body["path"] : ""
      if (argument === "") badRequest("Please specify a path")
      const log = (target: Node, status: string, description: string) =>
        target.history.push({ status, at: now, createdBy: caller, description })
      switch (action) {
        case "mkdir": {
          if (node.type !== "dir") badRequest(`${at.path} is not a directory`)
          const created = resolve(at.path, argument)
          if (at.tree.get(created, now) !== undefined) refuse(409, `File/folder already exists: ${created}`)
          return this.json(at.row, created, at.tree.mkdirs(created, caller, now))
        }
        case "rename": {
          if (segments(argument).length !== 1) badRequest("A new name cannot hold a /")
          const renamed = resolve(parentOf(at.path), argument)
          if (at.tree.get(renamed, now) !== undefined) refuse(409, `File/folder already exists: ${renamed}`)
          at.tree.copy(at.path, renamed, at.tree, caller, now, true)
          log(node, "RENAME", `File item renamed from ${nameOf(at.path)} to ${argument}`)
          return this.json(at.row, renamed, node)
        }
        case "copy":
        case "move": {
          const destination = resolve(this.home(at.row), argument)
          this.access(at.row, caller, destination, "write")
          const existing = at.tree.get(destination, now)
          const append = isRecord(body) && body["append"] === true
          if (
            existing !== undefined && !(action === "copy" && append && existing.type === "file" && node.type === "file")
          ) {
            refuse(409, `File/folder already exists: ${destination}`)
          }
          if (at.tree.get(parentOf(destination), now)?.type !== "dir") {
            refuse(404, `File/folder does not exist: ${parentOf(destination)}`)
          }
          if (existing !== undefined) {
            const joined = new Uint8Array(existing.content.length + node.content.length)
            joined.set(existing.content)
            joined.set(node.content, existing.content.length)
            existing.content = joined
            existing.lastModified = now
            log(existing, "CONTENT_CHANGED", `Appended the content of ${at.path}`)
            return this.json(at.row, destination, existing)
          }
          at.tree.copy(at.path, destination, at.tree, caller, now, action === "move")
          const result = at.tree.find(destination, now)
          log(
            result,
            action === "move" ? "MOVED" : "COPIED",
            `File item ${action === "move" ? "moved" : "copied"} from ${at.path}`
          )
          return this.json(at.row, destination, result)
        }
        default:
          return badRequest(`Invalid action ${action.slice(0, 50)}. Valid actions are mkdir, rename, copy, move`)
      }
    })
  }

  /**
   * `DELETE /files/v2/media[/system/{systemId}]/{path}`.
   *
   * @since 0.1.0
   */
  delete(caller: string, systemId: string | undefined, path: string): Op<{}> {
    return run((now) => {
      const at = this.locate(caller, systemId, path, now)
      at.tree.find(at.path, now)
      this.access(at.row, caller, at.path, "write")
      if (at.path === "/" || at.path === this.home(at.row) || at.path === this.userHome(at.row, caller)) {
        forbidden(`${at.path} cannot be deleted`)
      }
      at.tree.remove(at.path)
      return {}
    })
  }

  /**
   * `GET /files/v2/history[/system/{systemId}]/{path}`: the events that have happened by now.
   *
   * @since 0.1.0
   */
  history(
    caller: string,
    systemId: string | undefined,
    path: string,
    query: URLSearchParams
  ): Op<ReadonlyArray<unknown>> {
    return run((now) => {
      const at = this.locate(caller, systemId, path, now)
      const node = at.tree.find(at.path, now)
      this.access(at.row, caller, at.path, "read")
      const events = node.history
        .filter((event) => event.at <= now)
        .map((event) => ({
          status: event.status,
          created: iso(event.at),
          createdBy: event.createdBy,
          description: event.description
        }))
      return page(events, { limit: query.get("limit"), offset: query.get("offset") })
    })
  }

  /** @internal */
  private permissionJson(row: SystemRow, path: string, username: string, grant: Grant) {
    return {
      username,
      internalUsername: null,
      permission: { read: grant.read, write: grant.write, execute: grant.execute },
      recursive: grant.recursive,
      _links: { self: { href: `${this.baseUrl}/files/v2/pems/system/${row.id}${path}?username.eq=${username}` } }
    }
  }

  /**
   * `GET /files/v2/pems[/system/{systemId}]/{path}`: the owner's, then every grant.
   *
   * @since 0.1.0
   */
  listPermissions(
    caller: string,
    systemId: string | undefined,
    path: string,
    query: URLSearchParams
  ): Op<ReadonlyArray<unknown>> {
    return run((now) => {
      const at = this.locate(caller, systemId, path, now)
      const node = at.tree.find(at.path, now)
      this.access(at.row, caller, at.path, "read")
      const all = { read: true, write: true, execute: true, recursive: true }
      const entries = [
        this.permissionJson(at.row, at.path, node.owner, all),
        ...[...node.grants].filter(([user]) => user !== node.owner).map(([user, grant]) =>
          this.permissionJson(at.row, at.path, user, grant)
        )
      ]
      return page(entries, { limit: query.get("limit"), offset: query.get("offset") })
    })
  }

  /**
   * `POST /files/v2/pems[/system/{systemId}]/{path}`: grants a user a permission (`NONE` revokes).
   *
   * @since 0.1.0
   */
  updatePermissions(
    caller: string,
    systemId: string | undefined,
    path: string,
    body: unknown
  ): Op<ReadonlyArray<unknown>> {
    return run((now) => {
      const at = this.locate(caller, systemId, path, now)
      const node = at.tree.find(at.path, now)
      this.access(at.row, caller, at.path, "write")
      if (!isRecord(body) || typeof body["username"] !== "string" || body["username"] === "") {
        return badRequest("Please specify a username")
      }
      const level = typeof body["permission"] === "string" ? levels[body["permission"].toUpperCase()] : undefined
      if (level === undefined) return badRequest("Please specify a valid permission")
      const username = body["username"]
      if (level.read || level.write || level.execute) {
        node.grants.set(username, { ...level, recursive: body["recursive"] === true })
        node.history.push({
          status: "PERMISSION_GRANT",
          at: now,
          createdBy: caller,
          description: `Permission granted to ${username}`
        })
      } else {
        node.grants.delete(username)
        node.history.push({
          status: "PERMISSION_REVOKE",
          at: now,
          createdBy: caller,
          description: `Permission revoked from ${username}`
        })
      }
      return [...node.grants].map(([user, grant]) => this.permissionJson(at.row, at.path, user, grant))
    })
  }

  /**
   * `DELETE /files/v2/pems/system/{systemId}/{path}`: every grant taken away.
   *
   * @since 0.1.0
   */
  deletePermissions(caller: string, systemId: string | undefined, path: string): Op<{}> {
    return run((now) => {
      const at = this.locate(caller, systemId, path, now)
      const node = at.tree.find(at.path, now)
      this.access(at.row, caller, at.path, "write")
      node.grants.clear()
      node.history.push({
        status: "PERMISSION_REVOKE",
        at: now,
        createdBy: caller,
        description: "All permissions revoked"
      })
      return {}
    })
  }
}
