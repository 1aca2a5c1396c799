/**
 * How Agave's answers become the SDK's errors. Three kinds of body come back on failure:
 *
 * - Agave's own envelope, `{"status": "error", "message": …}`: the status decides the tag (400
 *   `InvalidRequest`, 401 `Unauthorized`, 403 `Forbidden`, 404 `NotFound`, 409 `Conflict`, 5xx
 *   `ServerError`), the message is the error's; a `NotFound` names the resource and id when the
 *   message does ("No job found with job id 123" → `job`, `123`). An error envelope under a 2xx status
 *   is read from its message.
 * - The API gateway's fault (WSO2), as JSON `{"fault": {"code": 900901, "message": "Invalid
 *   Credentials", …}}` or, from older gateways, as XML `<ams:fault>…<ams:code>900903</ams:code>…`.
 * - An HTML page from a proxy or a load balancer: a typed error named by the page's title.
 *
 * A 401 (or the gateway's fault, or Agave's "Permission denied. Invalid authentication credentials")
 * that means the access token was expired, revoked or unknown is marked `credentialRejected`: a
 * refreshing credential then refreshes once and the request is sent again.
 *
 * @since 0.1.0
 */
import type { Classification, ClassifiedTag, Classifier, ErrorResponse } from "../core/Classify.js"
import { classifyByStatus } from "../core/Classify.js"
import * as Envelope from "../core/Envelope.js"

const maxMessage = 1000

const cut = (text: string): string => (text.length > maxMessage ? text.slice(0, maxMessage - 1) + "…" : text)

/**
 * What a `NotFound` message names.
 *
 * @since 0.1.0
 * @category models
 */
export interface Missing {
  readonly resource?: string | undefined
  readonly id?: string | undefined
}

// Agave's names of its resources, as its messages spell them, and the SDK's.
const resources: Readonly<Record<string, string>> = {
  job: "job",
  system: "system",
  software: "app",
  app: "app",
  application: "app",
  user: "profile",
  profile: "profile",
  file: "file",
  folder: "file",
  directory: "file",
  path: "file",
  role: "role",
  credential: "credential",
  permission: "permission",
  metadata: "metadata",
  notification: "notification",
  monitor: "monitor"
}

// The end of the message, or of its first sentence.
const end = `(?:[.:]?\\s*$|[.:;,]\\s+.*$)`
const quoted = `'([^']{1,512})'|"([^"]{1,512})"|(\\S{1,512}?)`
const patterns: ReadonlyArray<RegExp> = [
  // "No resource found for user with system id 'x'" (files), "… with system id x".
  new RegExp(`no resource found for user with (\\w+) id (?:${quoted})${end}`, "i"),
  // "No job found with job id 0001…", "No system found matching x", "No software found matching x".
  new RegExp(
    `no (\\w+) (?:was )?found (?:matching|with (?:\\w+ )?id|for id|for)\\s+(?:${quoted})${end}`,
    "i"
  ),
  // "No default storage system found. …": a system, named by no id.
  /no default (storage|execution) system found/i
]

const pathPattern = /\b(file|folder|file\/folder|directory|path)\b[^.:]*?\b(?:does not exist|not found|no such file)/i
const trailingPath =
  /(?:does not exist|not found|no such file or directory)\s*:?\s*(?:'([^']{1,2048})'|"([^"]{1,2048})"|(\/?\S{1,2048}))\s*$/i

/**
 * The resource and id a "not found" message names, as far as it names them.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * ```ts
 * import { AgaveErrors } from "effect-research-sdk/agave"
 * AgaveErrors.parseNotFound("No resource found for user with system id 'x'")
 * // { resource: "system", id: "x" }
 * ```
 */
export const parseNotFound = (message: string): Missing => {
  for (const pattern of patterns) {
    const match = pattern.exec(message)
    if (match === null) continue
    const word = match[1]!.toLowerCase()
    const id = match[2] ?? match[3] ?? match[4]
    return { resource: resources[word] ?? (word === "storage" || word === "execution" ? "system" : word), id }
  }
  if (pathPattern.test(message)) {
    const tail = trailingPath.exec(message)
    return { resource: "file", id: tail === null ? undefined : tail[1] ?? tail[2] ?? tail[3] }
  }
  return {}
}

const rejectedMessage =
  /invalid authentication credentials|invalid credentials|access token (?:has )?expired|access token inactive|token (?:is )?(?:expired|invalid|revoked)/i

// The gateway's codes (WSO2 API Manager): 900901 invalid credentials, 900903 access token expired,
// 900904 access token inactive: a token that was sent and refused. 900902: no credentials at all.
const rejectedCodes: ReadonlySet<string> = new Set(["900901", "900903", "900904"])

/**
 * A gateway fault, read from its JSON or XML.
 *
 * @since 0.1.0
 * @category models
 */
export interface Fault {
  readonly code?: string | undefined
  readonly message?: string | undefined
  readonly description?: string | undefined
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? String(value) : undefined

const xmlField = (body: string, field: string): string | undefined => {
  const match = new RegExp(`<(?:[\\w-]+:)?${field}>\\s*([^<]{0,2048}?)\\s*</(?:[\\w-]+:)?${field}>`).exec(body)
  return match === null ? undefined : match[1]
}

/**
 * The gateway's fault in a body, if it holds one.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseFault = (json: unknown, body: string): Fault | undefined => {
  if (typeof json === "object" && json !== null && "fault" in json) {
    const fault = (json as { readonly fault: unknown }).fault
    if (typeof fault === "object" && fault !== null) {
      const f = fault as Record<string, unknown>
      return { code: text(f["code"]), message: text(f["message"]), description: text(f["description"]) }
    }
    return text(fault) === undefined ? undefined : { message: text(fault) }
  }
  if (json === undefined && /<(?:[\w-]+:)?fault[\s>]/.test(body)) {
    return {
      code: xmlField(body, "code"),
      message: xmlField(body, "message"),
      description: xmlField(body, "description")
    }
  }
  return undefined
}

const faultTag = (status: number, code: string | undefined): ClassifiedTag => {
  const number = code === undefined ? Number.NaN : Number(code)
  if (status === 429 || (number >= 900800 && number <= 900807)) return "RateLimited"
  if (number === 900906) return "NotFound"
  if (number === 900908 || number === 900909) return "Forbidden"
  if (number >= 900900 && number <= 900999) return "Unauthorized"
  return classifyByStatus(status, "").tag
}

const classifyFault = (status: number, fault: Fault): Classification => {
  const words = [fault.message, fault.description].filter((part) => part !== undefined && part.length > 0)
  const message = cut(words.length === 0 ? `gateway fault ${fault.code ?? ""}`.trim() : words.join(": "))
  const tag = faultTag(status, fault.code)
  const rejected = tag === "Unauthorized" &&
    ((fault.code !== undefined && rejectedCodes.has(fault.code)) ||
      (fault.code === undefined && rejectedMessage.test(message)))
  return {
    tag,
    message,
    code: fault.code,
    ...(rejected ? { credentialRejected: true } : {})
  }
}

// An error envelope under a status that does not say what went wrong (200 with status "error").
const tagOfMessage = (message: string): ClassifiedTag => {
  if (rejectedMessage.test(message)) return "Unauthorized"
  if (parseNotFound(message).resource !== undefined || /\bnot found\b|does not exist/i.test(message)) return "NotFound"
  if (/permission denied|not authorized|forbidden|does not have (?:access|permission)/i.test(message)) {
    return "Forbidden"
  }
  if (/already exists|conflict/i.test(message)) return "Conflict"
  return "InvalidRequest"
}

const classifyMessage = (status: number, message: string): Classification => {
  // Only a 401 says the caller's own token was refused; the same words under another status (a 2xx
  // error envelope, a 403) may speak of another credential (a storage system's OAuth token) after the
  // request acted, and a refresh would spend the single-use refresh token and send the request again.
  if (rejectedMessage.test(message) && status === 401) {
    return { tag: "Unauthorized", message, credentialRejected: true }
  }
  const tag = status < 400 ? tagOfMessage(message) : classifyByStatus(status, message).tag
  if (tag === "NotFound") {
    const missing = parseNotFound(message)
    return { tag, message, resource: missing.resource, id: missing.id }
  }
  return tag === "InvalidResponse" ? classifyByStatus(status, message) : { tag, message }
}

const htmlTitle = /<title[^>]*>\s*([^<]{1,200}?)\s*<\/title>/i
const looksLikeHtml = /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i

const classifyPage = (status: number, body: string): Classification => {
  const title = htmlTitle.exec(body)?.[1]
  const message = `${status} ${title === undefined ? "an HTML page, not JSON" : `HTML page: ${title}`}`
  return classifyByStatus(status, message)
}

/**
 * Agave's classifier: plug it into the connection (it runs before the core's status rules).
 *
 * @since 0.1.0
 * @category classifiers
 */
export const classifier: Classifier = (response: ErrorResponse): Classification | undefined => {
  const { json, status, text: body } = response
  const opened = Envelope.agave.open(json)
  if (opened._tag === "Failure") return classifyMessage(status, opened.message)
  const fault = parseFault(json, body)
  if (fault !== undefined) return classifyFault(status, fault)
  if (json === undefined && looksLikeHtml.test(body)) return classifyPage(status, body)
  if (status === 401 && json === undefined && body.trim().length > 0 && !body.trimStart().startsWith("<")) {
    // A plain-text 401 says what it says: the token, if it names one.
    const message = cut(body.trim())
    return rejectedMessage.test(message) ? { tag: "Unauthorized", message, credentialRejected: true } : undefined
  }
  return undefined
}

// RFC 6749 §5.2: the grant or the client was refused (wrong password, spent refresh token, wrong key
// or secret), or the request was malformed.
const refusedGrant: ReadonlySet<string> = new Set([
  "invalid_grant",
  "invalid_client",
  "unauthorized_client",
  "access_denied"
])

/**
 * The token endpoint's reading of its errors (RFC 6749 `{"error": …, "error_description": …}`): a
 * refused grant or client is `Unauthorized` (never a credential to refresh: this is the refresh), a
 * malformed request `InvalidRequest`; anything else as for any Agave answer.
 *
 * @since 0.1.0
 * @category classifiers
 */
export const tokenClassifier: Classifier = (response) => {
  const json = response.json
  if (typeof json === "object" && json !== null && typeof (json as { error?: unknown }).error === "string") {
    const error = (json as { error: string }).error.slice(0, 100)
    const description = text((json as { error_description?: unknown }).error_description)
    const message = cut(description === undefined ? error : `${error}: ${description}`)
    if (refusedGrant.has(error)) return { tag: "Unauthorized", message, code: error }
    if (response.status < 500) return { tag: "InvalidRequest", message, code: error }
  }
  const verdict = classifier(response)
  // The token endpoint is where credentials are renewed: nothing it says is a token to refresh.
  return verdict?.credentialRejected === true ? { ...verdict, credentialRejected: false } : verdict
}
