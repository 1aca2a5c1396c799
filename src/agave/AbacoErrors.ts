/**
 * How Abaco's (the actors service's) answers become the SDK's errors, before Agave's own reading.
 * Abaco raises most of its errors with status 400 whatever they mean, so its messages decide:
 *
 * - a permission failure — "Not authorized -- missing required role.", "Not authorized -- you do not
 *   have access to this actor.", a nonce refused ("Nonce does not exist.", "No remaining uses left for
 *   this nonce.", "Nonce does not have sufficient permissions level.") — is `Forbidden`;
 * - "No JWT or nonce provided." is `Unauthorized`;
 * - a missing actor, alias, execution, nonce or worker ("No actor found with id: X.", "No executions
 *   found with actor id of A and execution id of E.", "Nonce not found.") is `NotFound` with `resource`
 *   and `id`, under 400 as under 404;
 * - "Alias X already exists." is `Conflict`;
 * - 405 (an unknown endpoint or method) is `InvalidRequest`;
 * - anything else is left to Agave's classifier (by status: 400 `InvalidRequest`, 404 `NotFound`, …).
 *
 * @since 0.1.0
 */
import type { Classification, Classifier } from "../core/Classify.js"
import * as Envelope from "../core/Envelope.js"
import type { Missing } from "./AgaveErrors.js"

const forbidden =
  /^(?:Not authorized\b|Nonce does not exist|Nonce does not have sufficient|Nonce did not have an associated level|No remaining uses left for this nonce|Abaco Admin role required|You do not have sufficient access)/i

const unauthorized = /^No JWT or nonce provided/i

const conflict = /^Alias .{1,512} already exists\.?$/is

const id = `'([^']{1,512})'|"([^"]{1,512})"|(\\S{1,512}?)`
const notFoundPatterns: ReadonlyArray<RegExp> = [
  // "No actor found with id: X.", "No actor found with identifier: X.", "No alias found: X.",
  // "No actor or alias found with id: X."
  new RegExp(
    `^No (actor|alias|nonce|worker|execution)s?(?: or alias)? found(?: with (?:id|identifier))?:\\s*(?:${id})\\.?$`,
    "i"
  ),
  // "Actor with identifier 'X' not found"
  new RegExp(`^(Actor|Alias) with identifier (?:${id}) not found\\.?$`, "i")
]
const missingExecution = /^No executions found with actor id of (\S{1,512}) and execution id of (\S{1,512}?)\.?$/i
const missingWithoutId = /^(Nonce|Worker|Execution .{1,512}) not found\.?$/i

/**
 * The resource and id an Abaco "not found" message names; `undefined` when it is no such message.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * ```ts
 * import { AbacoErrors } from "effect-research-sdk/agave"
 * AbacoErrors.parseNotFound("No actor found with id: 6PlMbDLa4zlON.")
 * // { resource: "actor", id: "6PlMbDLa4zlON" }
 * ```
 */
export const parseNotFound = (message: string): Missing | undefined => {
  for (const pattern of notFoundPatterns) {
    const match = pattern.exec(message)
    if (match !== null) return { resource: match[1]!.toLowerCase(), id: match[2] ?? match[3] ?? match[4] }
  }
  const execution = missingExecution.exec(message)
  if (execution !== null) return { resource: "execution", id: execution[2] }
  const bare = missingWithoutId.exec(message)
  if (bare !== null) {
    const word = bare[1]!.toLowerCase()
    if (word.startsWith("execution ")) return { resource: "execution", id: bare[1]!.slice("execution ".length) }
    return { resource: word }
  }
  return undefined
}

const classifyMessage = (status: number, message: string): Classification | undefined => {
  const trimmed = message.trim()
  if (status === 400 || status === 403) {
    if (forbidden.test(trimmed)) return { tag: "Forbidden", message }
    if (unauthorized.test(trimmed)) return { tag: "Unauthorized", message }
    if (conflict.test(trimmed)) return { tag: "Conflict", message }
  }
  if (status === 400 || status === 404) {
    const missing = parseNotFound(trimmed)
    if (missing !== undefined) return { tag: "NotFound", message, resource: missing.resource, id: missing.id }
  }
  if (status === 405) return { tag: "InvalidRequest", message }
  return undefined
}

/**
 * Abaco's classifier: the actors records carry it, so it runs before Agave's.
 *
 * @since 0.1.0
 * @category classifiers
 */
export const classifier: Classifier = (response) => {
  const opened = Envelope.agave.open(response.json)
  if (opened._tag === "Failure") return classifyMessage(response.status, opened.message)
  // A 405 without Abaco's envelope (the router's own answer): still a request this API does not take.
  if (response.status === 405) {
    return { tag: "InvalidRequest", message: "405: the endpoint does not take this method" }
  }
  return undefined
}
