/**
 * SCIM PATCH requests (RFC 7644 §3.5.2): operations, helpers for the common group changes, and the
 * `PatchOp` message.
 *
 * The helpers use the path-less form (`{"op": "add", "value": {"members": [...]}}`) for `add` and
 * `replace`: every SCIM server accepts it, and it is the only form ODM's published description
 * allows (it types `value` as an object).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Patch } from "effect-research-sdk/scim"
 * const changes = [Patch.rename("Curators"), Patch.addMembers(["u1", "u2"]), ...Patch.removeMembers(["u3"])]
 * ```
 */
import * as Either from "effect/Either"
import type { InvalidRequest } from "../core/Errors.js"
import { invalidInput } from "../core/Errors.js"
import type { ValuePath } from "./Filter.js"
import * as Filters from "./Filter.js"
import { Urn } from "./schemas/Common.js"
import type { MemberInput } from "./schemas/Group.js"

/**
 * One PATCH operation. `path` is an attribute path, a value path (`members[value eq "x"]`, built
 * safely with `Filter.where`; no other filter is a path) or absent, when `value` is an object of
 * attributes.
 *
 * @since 0.1.0
 * @category models
 */
export type Operation =
  | { readonly op: "add" | "replace"; readonly path?: string | ValuePath | undefined; readonly value: unknown }
  | { readonly op: "remove"; readonly path: string | ValuePath; readonly value?: unknown }

/**
 * The `PatchOp` message as sent.
 *
 * @since 0.1.0
 * @category models
 */
export interface PatchRequest {
  readonly schemas: ReadonlyArray<string>
  readonly Operations: ReadonlyArray<{ readonly op: string; readonly path?: string; readonly value?: unknown }>
}

/**
 * Adds `value` at `path`; without a path, `value` is an object of attributes to add (multi-valued
 * ones are merged, not replaced).
 *
 * @since 0.1.0
 * @category constructors
 */
export const add: {
  (attributes: Readonly<Record<string, unknown>>): Operation
  (path: string | ValuePath, value: unknown): Operation
} = (...args: ReadonlyArray<unknown>): Operation =>
  args.length === 1 ? { op: "add", value: args[0] } : { op: "add", path: args[0] as string | ValuePath, value: args[1] }

/**
 * Replaces the value at `path`; without a path, `value` is an object of attributes to replace.
 *
 * @since 0.1.0
 * @category constructors
 */
export const replace: {
  (attributes: Readonly<Record<string, unknown>>): Operation
  (path: string | ValuePath, value: unknown): Operation
} = (...args: ReadonlyArray<unknown>): Operation =>
  args.length === 1
    ? { op: "replace", value: args[0] }
    : { op: "replace", path: args[0] as string | ValuePath, value: args[1] }

/**
 * Removes the value(s) at `path` (required for `remove`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const remove = (path: string | ValuePath): Operation => ({ op: "remove", path })

const member = (m: string | MemberInput): MemberInput => typeof m === "string" ? { value: m } : m

/**
 * Adds members (user or group ids, or member objects).
 *
 * @since 0.1.0
 * @category helpers
 */
export const addMembers = (members: ReadonlyArray<string | MemberInput>): Operation =>
  add({ members: members.map(member) })

/**
 * Removes members by id: one `remove` per member, `members[value eq "<id>"]`, with the id escaped.
 *
 * @since 0.1.0
 * @category helpers
 */
export const removeMembers = (ids: ReadonlyArray<string>): ReadonlyArray<Operation> =>
  ids.map((id) => remove(Filters.where("members", Filters.eq("value", id))))

/**
 * Replaces all members with these.
 *
 * @since 0.1.0
 * @category helpers
 */
export const setMembers = (members: ReadonlyArray<string | MemberInput>): Operation =>
  replace({ members: members.map(member) })

/**
 * Renames a group (or changes a user's display name).
 *
 * @since 0.1.0
 * @category helpers
 */
export const rename = (displayName: string): Operation => replace({ displayName })

// The type admits only value paths; a filter that got here otherwise (a cast, plain JavaScript)
// would be sent as a path the server reads as something else, or not at all.
const renderPath = (path: string | ValuePath): Either.Either<string, InvalidRequest> =>
  typeof path === "string"
    ? path.trim() === "" ? Either.left(invalidInput("patch: empty path")) : Either.right(path)
    : (path as { readonly _tag: string })._tag !== "Where"
    ? Either.left(invalidInput("patch: a path is an attribute path or a value path (Filter.where), not a filter"))
    : Filters.render(path)

/**
 * The `PatchOp` message for these operations, or `InvalidRequest` when there are none or a path
 * cannot be rendered.
 *
 * @since 0.1.0
 * @category rendering
 */
export const request = (operations: ReadonlyArray<Operation>): Either.Either<PatchRequest, InvalidRequest> => {
  if (operations.length === 0) return Either.left(invalidInput("patch: no operations"))
  const rendered = Either.all(operations.map((operation) => {
    if (operation.op !== "remove" && operation.value === undefined) {
      return Either.left(invalidInput(`patch: ${operation.op} needs a value`))
    }
    if (operation.path === undefined) {
      return Either.right({ op: operation.op, value: operation.value })
    }
    return Either.map(renderPath(operation.path), (path) =>
      operation.value === undefined
        ? { op: operation.op, path }
        : { op: operation.op, path, value: operation.value })
  }))
  return Either.map(rendered, (Operations) => ({ schemas: [Urn.PatchOp], Operations }))
}
