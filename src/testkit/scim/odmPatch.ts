/**
 * ODM's PATCH rules (atomic; `replace`, `add`, `remove`): for groups `displayName`, `externalId`
 * and `members` are editable, for users `userName`, `externalId`, `displayName` and `active`.
 * Other attributes of ODM's schema (`id`, …) are refused (`mutability`); attributes ODM does not
 * know are ignored, and a request with nothing but those is answered 200 instead of 204.
 *
 * @since 0.1.0
 */
import type { OdmGroup, OdmState, OdmUser } from "./OdmState.js"
import { OdmFailure } from "./OdmState.js"

const patchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
const memberPath = /^\s*members\s*\[\s*value\s+eq\s+("(?:[^"\\]|\\.)*")\s*\]\s*$/i

/**
 * The operations ODM applies.
 *
 * @since 0.1.0
 * @category models
 */
export type Op = "add" | "replace" | "remove"

/**
 * One operation of a `PatchOp` message, read.
 *
 * @since 0.1.0
 * @category models
 */
export interface Parsed {
  readonly op: Op
  readonly path: string | undefined
  readonly value: unknown
}

const invalid = (message: string, scimType = "invalidValue") => new OdmFailure(400, message, scimType)

/**
 * The operations of a `PatchOp` message, or a 400 `invalidSyntax`.
 *
 * @since 0.1.0
 */
export const parsePatch = (body: Record<string, unknown>): ReadonlyArray<Parsed> => {
  const { Operations, schemas } = body
  if (!Array.isArray(schemas) || !schemas.includes(patchOpUrn)) {
    throw invalid(`The request must name the schema ${patchOpUrn}`, "invalidSyntax")
  }
  if (!Array.isArray(Operations) || Operations.length === 0) throw invalid("No operations", "invalidSyntax")
  return Operations.map((operation, i): Parsed => {
    const { op, path, value } = (operation ?? {}) as Record<string, unknown>
    const name = typeof op === "string" ? op.toLowerCase() : ""
    if (name !== "add" && name !== "replace" && name !== "remove") {
      throw invalid(`Invalid operation '${String(op)}' for operation ${i + 1}`, "invalidSyntax")
    }
    if (path !== undefined && typeof path !== "string") throw invalid("path must be a string", "invalidPath")
    if (name === "remove" && path === undefined) throw invalid("remove needs a path", "noTarget")
    if (name !== "remove" && value === undefined) throw invalid(`${name} needs a value`)
    return { op: name, path, value }
  })
}

// Applies attribute changes path by path; `true` when the attribute is one ODM keeps.
type Apply = (op: Op, attribute: string, value: unknown) => boolean

const forEachAttribute = (operations: ReadonlyArray<Parsed>, apply: Apply, special?: (p: Parsed) => boolean) => {
  let touched = false
  for (const operation of operations) {
    if (special?.(operation) === true) {
      touched = true
      continue
    }
    if (operation.path === undefined) {
      if (typeof operation.value !== "object" || operation.value === null || Array.isArray(operation.value)) {
        throw invalid("Without a path, the value must be an object of attributes")
      }
      for (const [attribute, value] of Object.entries(operation.value)) {
        touched = apply(operation.op, attribute, value) || touched
      }
    } else {
      touched = apply(operation.op, operation.path, operation.value) || touched
    }
  }
  return touched
}

const readOnly = (attribute: string) => invalid(`Attribute '${attribute}' is readOnly`, "mutability")

const text = (attribute: string, value: unknown): string => {
  if (typeof value !== "string" || value === "") throw invalid(`${attribute} must be a non-empty string`)
  return value
}

/**
 * Applies a group PATCH, all or nothing; `true` when it touched an attribute ODM keeps.
 *
 * @since 0.1.0
 */
export const patchGroup = (state: OdmState, group: OdmGroup, operations: ReadonlyArray<Parsed>): boolean => {
  const draft = { displayName: group.displayName, externalId: group.externalId, members: new Map(group.members) }
  const memberIds = (value: unknown): Array<string> =>
    (Array.isArray(value) ? value : [value]).map((m) => {
      const id = typeof m === "object" && m !== null ? (m as { value?: unknown }).value : undefined
      if (typeof id !== "string") throw invalid("A member needs a value (the user's id)")
      const user = state.users.get(id)
      if (user === undefined || !user.active) throw invalid(`User with id '${id}' not found`)
      return id
    })
  const apply: Apply = (op, attribute, value) => {
    switch (attribute.toLowerCase()) {
      case "displayname":
        if (op === "remove") throw invalid("displayName is required")
        draft.displayName = text("displayName", value)
        return true
      case "externalid":
        draft.externalId = op === "remove" ? undefined : text("externalId", value)
        return true
      case "members": {
        if (op === "remove") {
          draft.members.clear()
          return true
        }
        const ids = memberIds(value)
        if (op === "replace") {
          const roles = new Map(draft.members)
          draft.members.clear()
          for (const id of ids) draft.members.set(id, roles.get(id) ?? "member")
        } else {
          for (const id of ids) if (!draft.members.has(id)) draft.members.set(id, "member")
        }
        return true
      }
      case "id":
      case "schemas":
      case "meta":
        throw readOnly(attribute)
    }
    return false
  }
  const removeMember = (operation: Parsed): boolean => {
    const match = operation.path === undefined ? null : memberPath.exec(operation.path)
    if (match === null) return false
    if (operation.op !== "remove") throw invalid(`Unsupported path '${operation.path}'`, "invalidPath")
    const id = JSON.parse(match[1]!) as string
    if (!draft.members.delete(id)) throw invalid(`No member '${id}' in the group`, "noTarget")
    return true
  }
  const touched = forEachAttribute(operations, apply, removeMember)
  group.displayName = draft.displayName
  group.externalId = draft.externalId
  group.members.clear()
  for (const [id, role] of draft.members) group.members.set(id, role)
  if (touched) group.lastModified = state.now()
  return touched
}

/**
 * Applies a user PATCH, all or nothing; `true` when it touched an attribute ODM keeps.
 *
 * @since 0.1.0
 */
export const patchUser = (state: OdmState, user: OdmUser, operations: ReadonlyArray<Parsed>): boolean => {
  const draft = {
    userName: user.userName,
    displayName: user.displayName,
    externalId: user.externalId,
    active: user.active
  }
  const apply: Apply = (op, attribute, value) => {
    const lower = attribute.toLowerCase()
    if (op === "remove" && lower !== "externalid" && ["username", "displayname", "active"].includes(lower)) {
      throw invalid(`${attribute} is required`)
    }
    switch (lower) {
      case "username": {
        const userName = text("userName", value)
        const other = state.userByName(userName)
        if (other !== undefined && other.id !== user.id) {
          throw new OdmFailure(409, `User '${userName}' already exists`, "uniqueness")
        }
        draft.userName = userName
        return true
      }
      case "displayname":
        draft.displayName = text("displayName", value)
        return true
      case "externalid":
        draft.externalId = op === "remove" ? undefined : text("externalId", value)
        return true
      case "active":
        if (typeof value !== "boolean") throw invalid("active must be a boolean")
        draft.active = value
        return true
      case "id":
      case "schemas":
      case "meta":
      case "emails":
        throw readOnly(attribute)
    }
    return false
  }
  const touched = forEachAttribute(operations, apply)
  Object.assign(user, draft)
  if (touched) user.lastModified = state.now()
  return touched
}
