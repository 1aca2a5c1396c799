/**
 * The filters ODM understands: for groups only `displayName eq "…"`; for users `eq` joined by
 * `and`, on `userName` and on `emails[type eq "work" and value eq "…"]`. Attribute names and
 * operators are case-insensitive; anything else is a 400 `invalidFilter`.
 *
 * @since 0.1.0
 */
import type { OdmGroup, OdmUser } from "./OdmState.js"
import { OdmFailure } from "./OdmState.js"

const stringLiteral = String.raw`"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"`

const comparison = new RegExp(String.raw`^\s*([A-Za-z][\w.]*)\s+(\w+)\s+(${stringLiteral})\s*$`)

const unsupported = (filter: string): OdmFailure =>
  new OdmFailure(400, `Unsupported filter '${filter}'`, "invalidFilter")

// Splits at ` and ` outside string literals and brackets.
const splitAnd = (text: string): Array<string> => {
  const parts: Array<string> = []
  let depth = 0
  let inString = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === "\\") i++
      else if (c === "\"") inString = false
      continue
    }
    if (c === "\"") inString = true
    else if (c === "[") depth++
    else if (c === "]") depth--
    else if (depth === 0 && /^\sand\s$/i.test(text.slice(i, i + 5))) {
      parts.push(text.slice(start, i))
      start = i + 5
      i += 4
    }
  }
  parts.push(text.slice(start))
  return parts
}

// `attribute eq "literal"` with the attribute among `allowed` (case-insensitive).
const equality = (text: string, allowed: ReadonlyArray<string>, filter: string) => {
  const match = comparison.exec(text)
  if (match === null || match[2]!.toLowerCase() !== "eq") throw unsupported(filter)
  const attribute = allowed.find((a) => a.toLowerCase() === match[1]!.toLowerCase())
  if (attribute === undefined) throw unsupported(filter)
  return { attribute, value: JSON.parse(match[3]!) as string }
}

/**
 * The group filter: `displayName eq "…"`, exact match.
 *
 * @since 0.1.0
 */
export const groupFilter = (filter: string): (group: OdmGroup) => boolean => {
  const { value } = equality(filter, ["displayName"], filter)
  return (group) => group.displayName === value
}

const emailsPath = /^\s*emails\s*\[(.*)\]\s*$/is

/**
 * The user filter: `userName eq "…"` and `emails[type eq "work" and value eq "…"]`, joined by `and`.
 *
 * @since 0.1.0
 */
export const userFilter = (filter: string): (user: OdmUser) => boolean => {
  const tests = splitAnd(filter).map((part): (user: OdmUser) => boolean => {
    const emails = emailsPath.exec(part)
    if (emails === null) {
      const { value } = equality(part, ["userName"], filter)
      return (user) => user.userName === value
    }
    const inner = splitAnd(emails[1]!).map((sub) => equality(sub, ["type", "value"], filter))
    return (user) =>
      user.email !== undefined &&
      inner.every(({ attribute, value }) => attribute === "type" ? value === "work" : value === user.email)
  })
  return (user) => tests.every((test) => test(user))
}
