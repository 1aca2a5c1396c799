/**
 * How SCIM servers say what went wrong: the SCIM error message (RFC 7644 §3.12, `status` as a
 * string, `scimType`, `detail`), and ODM's non-SCIM `{"error": {"message": …}}` bodies for 401
 * and 500. The `scimType` becomes the error's `code`.
 *
 * @since 0.1.0
 */
import type { Classification, Classifier, ErrorResponse } from "../core/Classify.js"
import { classifyByStatus } from "../core/Classify.js"
import { Urn } from "./schemas/Common.js"

/**
 * A SCIM error body, as far as the SDK reads it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ScimErrorBody {
  readonly status: string
  readonly scimType?: string | undefined
  readonly detail?: string | undefined
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null

/**
 * Reads a SCIM error message: an object naming the Error schema, or carrying `status` with
 * `detail` or `scimType` (servers that leave `schemas` out). `status` may be a number on lax servers.
 *
 * @since 0.1.0
 * @category parsing
 */
export const scimError = (json: unknown): ScimErrorBody | undefined => {
  if (!isObject(json)) return undefined
  const { detail, schemas, scimType, status } = json
  const named = Array.isArray(schemas) && schemas.includes(Urn.Error)
  const statusText = typeof status === "string" ? status : typeof status === "number" ? String(status) : undefined
  if (!named && (statusText === undefined || (detail === undefined && scimType === undefined))) return undefined
  return {
    status: statusText ?? "",
    scimType: typeof scimType === "string" ? scimType : undefined,
    detail: typeof detail === "string" ? detail : undefined
  }
}

/**
 * The message of ODM's own error body, `{"error": {"message": "…"}}`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const odmErrorMessage = (json: unknown): string | undefined => {
  if (!isObject(json) || !isObject(json.error)) return undefined
  return typeof json.error.message === "string" ? json.error.message : undefined
}

const describe = (status: number, scimType: string | undefined): string =>
  scimType === undefined ? `status ${status}` : `${scimType} (status ${status})`

// What a status means for a SCIM client. 405, 415 and 501 are the server saying it does not do
// this (ODM has no PUT, and takes only application/json bodies): the request is at fault.
const unsupported = new Set([405, 415, 501])

const byStatus = (status: number, message: string): Classification => {
  if (unsupported.has(status)) {
    return { tag: "InvalidRequest", message: `the server does not support this operation: ${message}` }
  }
  // 412: the resource changed since the version the request named.
  if (status === 412) return { tag: "Conflict", message }
  return classifyByStatus(status, message)
}

/**
 * The SCIM classifier.
 *
 * @since 0.1.0
 * @category classifiers
 */
export const classifier: Classifier = (response: ErrorResponse): Classification | undefined => {
  const scim = scimError(response.json)
  if (scim !== undefined) {
    const verdict = byStatus(response.status, scim.detail ?? describe(response.status, scim.scimType))
    return scim.scimType === undefined ? verdict : { ...verdict, code: scim.scimType }
  }
  const odm = odmErrorMessage(response.json)
  if (odm !== undefined) return byStatus(response.status, odm)
  if (unsupported.has(response.status)) return byStatus(response.status, `status ${response.status}`)
  return undefined
}
