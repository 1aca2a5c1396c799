/**
 * Building request URLs so that no caller-supplied value can leave its path segment.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Url } from "effect-research-sdk"
 *
 * // Each id is one path segment, whatever it contains.
 * const url = Url.buildUrl("https://host/api/v1", ["groups", "a/b?c"], { limit: 10 })
 * assert.deepStrictEqual(url, Either.right("https://host/api/v1/groups/a%2Fb%3Fc?limit=10"))
 * // A dot segment would move the request to another resource: refused before anything is sent.
 * assert.strictEqual(Either.isLeft(Url.buildUrl("https://host/api/v1", ["groups", ".."])), true)
 * ```
 */
import * as Either from "effect/Either"
import { InvalidRequest } from "./Errors.js"

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const nativeIsWellFormed = (String.prototype as { readonly isWellFormed?: () => boolean }).isWellFormed

/**
 * Whether a string is well-formed Unicode: no lone surrogate (half of a UTF-16 pair without its other
 * half). Only such a string has a UTF-8 form; percent-encoding any other throws, and `URLSearchParams`
 * or `TextEncoder` silently turn its lone halves into U+FFFD, sending something else than was given.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isWellFormed: (value: string) => boolean = nativeIsWellFormed === undefined
  ? (value) => !loneSurrogate.test(value)
  : (value) => nativeIsWellFormed.call(value)

const refuse = (message: string) => Either.left(new InvalidRequest({ message, origin: "client" }))

/**
 * Percent-encodes one path segment. Empty values and the dot segments `.` and `..` are refused: a
 * URL parser resolves those (even percent-encoded) against the path, which would send the request
 * to another resource. So is a value that is not well-formed Unicode ({@link isWellFormed}), which has
 * no percent-encoding.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encodeSegment = (value: string): Either.Either<string, InvalidRequest> => {
  if (typeof value !== "string" || value.length === 0) return refuse("an id in the path must be a non-empty string")
  if (value === "." || value === "..") return refuse(`"${value}" cannot be used as an id in a path`)
  if (!isWellFormed(value)) {
    return refuse("an id in the path is not well-formed Unicode (it holds a lone surrogate) and cannot be encoded")
  }
  return Either.right(encodeURIComponent(value))
}

/**
 * Joins a base URL and path segments (each encoded with {@link encodeSegment}) and appends the
 * defined query parameters. A query name or value that is not well-formed Unicode is refused rather
 * than sent altered. A path or query given as a string is already encoded (by a `PathTemplate`, by
 * `Query.compile`) and is used as it is.
 *
 * @since 0.1.0
 * @category encoding
 */
export const buildUrl = (
  baseUrl: string,
  segments: ReadonlyArray<string> | string,
  query?: Readonly<Record<string, string | number | boolean | undefined>> | string
): Either.Either<string, InvalidRequest> => {
  let path = ""
  if (typeof segments === "string") {
    path = segments
  } else {
    for (const segment of segments) {
      const encoded = encodeSegment(segment)
      if (Either.isLeft(encoded)) return encoded
      path += "/" + encoded.right
    }
  }
  let url = trimTrailingSlashes(baseUrl) + (path === "" ? "/" : path)
  if (typeof query === "string") {
    if (query !== "") url += "?" + query
  } else if (query !== undefined) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue
      const text = String(value)
      if (!isWellFormed(key) || !isWellFormed(text)) {
        return refuse(
          `the query parameter ${
            isWellFormed(key) ? `"${key}"` : "name"
          } is not well-formed Unicode (it holds a lone surrogate) and cannot be encoded`
        )
      }
      params.append(key, text)
    }
    const search = params.toString()
    if (search !== "") url += "?" + search
  }
  return Either.right(url)
}

const trimTrailingSlashes = (url: string): string => {
  let end = url.length
  while (end > 0 && url.charCodeAt(end - 1) === 47) end--
  return url.slice(0, end)
}

const maxDisplay = 2048

/**
 * A URL fit for an error message or a log line: user-info removed, and cut to 2,048 characters (an id
 * of a megabyte stays out of errors and logs).
 *
 * @since 0.1.0
 * @category encoding
 */
export const displayUrl = (url: string): string => {
  const shown = withoutUserInfo(url)
  return shown.length > maxDisplay ? shown.slice(0, maxDisplay) + "…" : shown
}

const withoutUserInfo = (url: string): string => {
  const at = url.indexOf("@")
  if (at === -1) return url
  try {
    const parsed = new URL(url)
    parsed.username = ""
    parsed.password = ""
    return parsed.toString()
  } catch {
    return url.slice(0, url.indexOf("//") + 2) + url.slice(at + 1)
  }
}
