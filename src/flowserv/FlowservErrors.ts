/**
 * How flowserv says what went wrong. The server has no 401 and no 409: it answers 403 for both
 * "who are you?" and "not you", 400 for duplicates, 404 with `unknown <kind> '<id>'`, and HTML
 * pages for routes and methods it does not have.
 *
 * @since 0.1.0
 */
import type { Classification, Classifier, ErrorResponse } from "../core/Classify.js"

/**
 * The message of a flowserv error body: `{"message": …}`, or `{"error": …}` for 413 and 500.
 *
 * @since 0.1.0
 */
export const messageOf = (json: unknown): string | undefined => {
  if (typeof json !== "object" || json === null) return undefined
  const { error, message } = json as { message?: unknown; error?: unknown }
  if (typeof message === "string") return message
  if (typeof error === "string") return error
  return undefined
}

const unknownObject = /^unknown (\w+) '(.*)'$/s
const duplicate = /^duplicate user '.*'$|^group '.*' exists$/s

/**
 * The flowserv classifier.
 *
 * @since 0.1.0
 */
export const classifier: Classifier = (response: ErrorResponse): Classification | undefined => {
  const message = messageOf(response.json)
  if (message === undefined) {
    // Flask's own pages: the route or method does not exist here, or the body was not JSON.
    const title = /<title>([^<]*)<\/title>/i.exec(response.text)?.[1]?.trim()
    if (response.status === 404 || response.status === 405) {
      return {
        tag: "InvalidResponse",
        message: `${
          title ?? response.status
        }: the server has no such route or method (check the base URL and server version)`
      }
    }
    if (response.status === 400) {
      return { tag: "InvalidRequest", message: title ?? "bad request" }
    }
    return undefined
  }
  switch (response.status) {
    case 400:
      return { tag: duplicate.test(message) ? "Conflict" : "InvalidRequest", message }
    case 403:
      return { tag: message === "not logged in" ? "Unauthorized" : "Forbidden", message }
    case 404: {
      const match = unknownObject.exec(message)
      return { tag: "NotFound", message, resource: match?.[1], id: match?.[2] }
    }
    case 413:
      return { tag: "InvalidRequest", message }
  }
  return response.status >= 500 ? { tag: "ServerError", message } : undefined
}
