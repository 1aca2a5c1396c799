/**
 * Describing why a body did not decode, in a few bounded lines. Effect's own formatters print the
 * offending value whole and recurse through it: a body nested thousands of levels deep overflows the
 * stack, and a large one becomes a message as large. These never look deeper or further into a value
 * than a fixed budget, whatever the server sent.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import type * as Redacted from "effect/Redacted"
import * as AST from "effect/SchemaAST"
import { boundedText } from "./Sanitize.js"

/**
 * How much of a value {@link preview} shows: levels, entries per level and characters per string.
 *
 * @since 0.1.0
 */
export const previewLimits = { depth: 2, entries: 3, string: 40 } as const

/**
 * A cut of a server's text: scrubbed of the secrets first, so that the cut cannot keep part of one.
 *
 * @since 0.1.0
 */
export type Clip = (text: string, length: number) => string

const clipper = (secrets: ReadonlyArray<Redacted.Redacted>): Clip => (text, length) =>
  boundedText(text, length, secrets)

/**
 * A short rendering of any value: at most {@link previewLimits} deep and wide, never recursing further,
 * so that neither the depth nor the size of a hostile value matters: `{"a": [[…]], "b": "xx…"}`.
 *
 * @since 0.1.0
 */
export const preview = (
  value: unknown,
  secrets: ReadonlyArray<Redacted.Redacted> = [],
  depth = 0,
  clip: Clip = clipper(secrets)
): string => {
  switch (typeof value) {
    case "string":
      return JSON.stringify(clip(value, previewLimits.string))
    case "number":
    case "boolean":
    case "undefined":
      return String(value)
    case "bigint":
      return `${value}n`
    case "object":
      break
    default:
      return typeof value
  }
  if (value === null) return "null"
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]"
    if (depth >= previewLimits.depth) return "[…]"
    const shown = value.slice(0, previewLimits.entries).map((item) => preview(item, secrets, depth + 1, clip))
    return `[${shown.join(", ")}${value.length > previewLimits.entries ? ", …" : ""}]`
  }
  const shown: Array<string> = []
  let more = false
  // for…in stops early: no array of every key of a huge object is built.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    if (shown.length === previewLimits.entries || depth >= previewLimits.depth) {
      more = true
      break
    }
    shown.push(
      `${JSON.stringify(clip(key, previewLimits.string))}: ${
        preview((value as Record<string, unknown>)[key], secrets, depth + 1, clip)
      }`
    )
  }
  if (shown.length === 0) return more ? "{…}" : "{}"
  return `{${shown.join(", ")}${more ? ", …" : ""}}`
}

/**
 * How much of an issue {@link describeIssue} reports: problems listed, path segments followed, and
 * characters per message.
 *
 * @since 0.1.0
 */
export const issueLimits = { problems: 3, depth: 32, message: 200 } as const

const expected = (ast: AST.AST, clip: Clip): string => {
  const named = AST.getDescriptionAnnotation(ast).pipe(
    Option.orElse(() => AST.getTitleAnnotation(ast)),
    Option.orElse(() => AST.getIdentifierAnnotation(ast))
  )
  // A schema's own rendering is bounded by the schema, not by the value.
  return clip(Option.getOrElse(named, () => String(ast)), 100)
}

// Stands for the path segments past the depth limit.
const elided = Symbol("elided")

const segment = (key: PropertyKey, clip: Clip): string =>
  key === elided
    ? "…"
    : typeof key === "number"
    ? `[${key}]`
    : `[${JSON.stringify(clip(String(key), previewLimits.string))}]`

const where = (path: ReadonlyArray<PropertyKey>, clip: Clip): string =>
  path.length === 0 ? "" : `at ${path.map((key) => segment(key, clip)).join("")}: `

const mismatch = (ast: AST.AST, actual: unknown, secrets: ReadonlyArray<Redacted.Redacted>, clip: Clip) =>
  clip(`expected ${expected(ast, clip)}, received ${preview(actual, secrets, 0, clip)}`, issueLimits.message)

const leaf = (
  issue: ParseResult.Type | ParseResult.Missing | ParseResult.Unexpected | ParseResult.Forbidden,
  secrets: ReadonlyArray<Redacted.Redacted>,
  clip: Clip
): string => {
  switch (issue._tag) {
    case "Missing":
      return "is missing"
    case "Unexpected":
      return "is unexpected"
    case "Forbidden":
      return clip(issue.message ?? "is forbidden", issueLimits.message)
    case "Type":
      return issue.message === undefined
        ? mismatch(issue.ast, issue.actual, secrets, clip)
        : clip(issue.message, issueLimits.message)
  }
}

/**
 * A decode issue as `at ["items"][3]["id"]: expected a string, received 42`, one line per problem
 * (at most {@link issueLimits}), with the offending values shown by {@link preview}. Iterative,
 * bounded in depth and in length; every piece of the server's text in it is scrubbed of `secrets`
 * before it is cut.
 *
 * @since 0.1.0
 */
export const describeIssue = (
  issue: ParseResult.ParseIssue,
  secrets: ReadonlyArray<Redacted.Redacted> = []
): string => {
  const clip = clipper(secrets)
  const problems: Array<string> = []
  let more = false
  // Depth-first, in order, with an explicit stack: no recursion, whatever the nesting.
  const stack: Array<{ readonly issue: ParseResult.ParseIssue; readonly path: ReadonlyArray<PropertyKey> }> = [
    { issue, path: [] }
  ]
  while (stack.length > 0) {
    const { issue, path } = stack.pop()!
    if (problems.length === issueLimits.problems) {
      more = true
      break
    }
    switch (issue._tag) {
      case "Pointer": {
        const keys = Array.isArray(issue.path) ? issue.path : [issue.path as PropertyKey]
        const next = path.length + keys.length <= issueLimits.depth
          ? [...path, ...keys]
          : path[path.length - 1] === elided
          ? path
          : [...path, elided]
        stack.push({ issue: issue.issue, path: next })
        break
      }
      case "Refinement":
      case "Transformation":
        stack.push({ issue: issue.issue, path })
        break
      case "Composite": {
        let issues = Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseResult.ParseIssue]
        if (AST.isUnion(issue.ast)) {
          // The members that got past the value's type say where it went wrong; when none did, one
          // line says it all.
          const deeper = issues.filter((member) => member._tag !== "Type")
          if (deeper.length === 0) {
            problems.push(where(path, clip) + mismatch(issue.ast, issue.actual, secrets, clip))
            break
          }
          issues = deeper
        }
        const kept = issues.slice(0, issueLimits.problems)
        if (issues.length > kept.length) more = true
        for (let i = kept.length - 1; i >= 0; i--) stack.push({ issue: kept[i]!, path })
        break
      }
      default:
        problems.push(where(path, clip) + leaf(issue, secrets, clip))
    }
  }
  return problems.join("; ") + (more ? "; …" : "")
}
