/**
 * One system's file tree in the Agave test server: directories and files by absolute path, each with
 * its owner, times, history and permission grants. A file being staged (an upload, an import) exists
 * from the moment it was accepted but is seen only once its staging time has come.
 *
 * @since 0.1.0
 */
import { badRequest, refuse } from "./Outcome.js"

/**
 * A permission grant.
 *
 * @since 0.1.0
 * @category models
 */
export interface Grant {
  readonly read: boolean
  readonly write: boolean
  readonly execute: boolean
  readonly recursive: boolean
}

/**
 * An event in a file's history.
 *
 * @since 0.1.0
 * @category models
 */
export interface HistoryEvent {
  readonly status: string
  readonly at: number
  readonly createdBy: string
  readonly description: string
}

/**
 * A file or directory.
 *
 * @since 0.1.0
 * @category models
 */
export interface Node {
  readonly type: "file" | "dir"
  content: Uint8Array
  owner: string
  lastModified: number
  /** When a staged file appears. */
  availableAt: number
  format: string
  readonly grants: Map<string, Grant>
  readonly history: Array<HistoryEvent>
}

/**
 * Splits `path` into segments, refusing `.` and `..` (the SDK never sends them; a hostile client may).
 *
 * @since 0.1.0
 * @category paths
 */
export const segments = (path: string): ReadonlyArray<string> => {
  const parts = path.split("/").filter((part) => part !== "")
  for (const part of parts) {
    if (part === "." || part === "..") badRequest(`Invalid path ${path.slice(0, 200)}: . and .. are not allowed`)
  }
  return parts
}

/**
 * The absolute path a request's path names: from the root when it starts with `/`, from the system's
 * home directory otherwise.
 *
 * @since 0.1.0
 * @category paths
 */
export const resolve = (homeDir: string, path: string): string => {
  const base = path.startsWith("/") ? [] : segments(homeDir)
  return "/" + [...base, ...segments(path)].join("/")
}

/**
 * The parent of an absolute path (`/` for `/`).
 *
 * @since 0.1.0
 * @category paths
 */
export const parentOf = (path: string): string => {
  const cut = path.lastIndexOf("/")
  return cut <= 0 ? "/" : path.slice(0, cut)
}

/**
 * The last segment of an absolute path (`/` for the root).
 *
 * @since 0.1.0
 * @category paths
 */
export const nameOf = (path: string): string => (path === "/" ? "/" : path.slice(path.lastIndexOf("/") + 1))

const under = (path: string, ancestor: string): boolean =>
  ancestor === "/" ? path !== "/" : path.startsWith(ancestor + "/")

const empty = new Uint8Array(0)

/**
 * A system's tree.
 *
 * @since 0.1.0
 * @category state
 */
export class FileTree {
  private readonly nodes = new Map<string, Node>()

  constructor(owner: string, now = 0) {
    this.nodes.set("/", this.node("dir", owner, now, now))
  }

  /** @internal */
  private node(type: Node["type"], owner: string, now: number, availableAt: number): Node {
    return {
      type,
      content: empty,
      owner,
      lastModified: now,
      availableAt,
      format: type === "dir" ? "folder" : "raw",
      grants: new Map(),
      history: []
    }
  }

  /**
   * The node at `path`, if it exists and is seen at `now`.
   *
   * @since 0.1.0
   */
  get(path: string, now: number): Node | undefined {
    const node = this.nodes.get(path)
    return node !== undefined && node.availableAt <= now ? node : undefined
  }

  /**
   * The node at `path`, or 404 in the files service's words.
   *
   * @since 0.1.0
   */
  find(path: string, now: number): Node {
    return this.get(path, now) ?? refuse(404, `File/folder does not exist: ${path}`)
  }

  /**
   * The entries of a directory seen at `now`, by name.
   *
   * @since 0.1.0
   */
  children(path: string, now: number): ReadonlyArray<readonly [string, Node]> {
    const out: Array<readonly [string, Node]> = []
    for (const [child, node] of this.nodes) {
      if (parentOf(child) === path && child !== path && node.availableAt <= now) out.push([child, node])
    }
    return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  }

  /**
   * Creates a directory and its missing parents; a file in the way is refused.
   *
   * @since 0.1.0
   */
  mkdirs(path: string, owner: string, now: number): Node {
    const existing = this.nodes.get(path)
    if (existing !== undefined) return existing.type === "dir" ? existing : badRequest(`${path} is a file`)
    this.mkdirs(parentOf(path), owner, now)
    const node = this.node("dir", owner, now, now)
    node.history.push({ status: "CREATED", at: now, createdBy: owner, description: "New directory created" })
    this.nodes.set(path, node)
    return node
  }

  /**
   * Writes a file (its parent must exist), seen from `availableAt`.
   *
   * @since 0.1.0
   */
  writeFile(path: string, content: Uint8Array, owner: string, now: number, availableAt = now, format = "raw"): Node {
    const parent = this.nodes.get(parentOf(path))
    if (parent === undefined) return refuse(404, `File/folder does not exist: ${parentOf(path)}`)
    if (parent.type !== "dir") badRequest(`${parentOf(path)} is not a directory`)
    const existing = this.nodes.get(path)
    if (existing?.type === "dir") badRequest(`${path} is a directory`)
    const node = existing ?? this.node("file", owner, now, availableAt)
    node.content = content
    node.lastModified = now
    node.availableAt = availableAt
    node.format = format
    this.nodes.set(path, node)
    return node
  }

  /**
   * Removes a node and everything under it.
   *
   * @since 0.1.0
   */
  remove(path: string): void {
    for (const key of [...this.nodes.keys()]) if (key === path || under(key, path)) this.nodes.delete(key)
  }

  /**
   * Copies (or moves) `from` and everything under it to `to`, into `target`.
   *
   * @since 0.1.0
   */
  copy(from: string, to: string, target: FileTree, owner: string, now: number, move: boolean): void {
    if (to === from || under(to, from)) badRequest(`Cannot copy ${from} into itself`)
    const moved: Array<readonly [string, Node]> = []
    for (const [key, node] of this.nodes) if (key === from || under(key, from)) moved.push([key, node])
    for (const [key, node] of moved) {
      const destination = to + key.slice(from.length)
      const copy: Node = move
        ? node
        : { ...node, owner, lastModified: now, grants: new Map(), history: [...node.history] }
      target.nodes.set(destination, copy)
    }
    if (move) { for (const [key] of moved) this.nodes.delete(key) }
  }

  /**
   * The grant that applies to `user` at `path`: its own, or a recursive one above it.
   *
   * @since 0.1.0
   */
  grantOf(path: string, user: string): Grant | undefined {
    const own = this.nodes.get(path)?.grants.get(user)
    if (own !== undefined) return own
    for (let at = parentOf(path);; at = parentOf(at)) {
      const grant = this.nodes.get(at)?.grants.get(user)
      if (grant?.recursive === true) return grant
      if (at === "/") return undefined
    }
  }
}
