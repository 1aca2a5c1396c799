/**
 * Building request URLs so that no caller-supplied value can leave its path segment.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { InvalidRequest } from "./Errors.js"

/**
 * Percent-encodes one path segment. Empty values and the dot segments `.` and `..` are refused: a
 * URL parser resolves those (even percent-encoded) against the path, which would send the request
 * to another resource.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encodeSegment = (value: string): Either.Either<string, InvalidRequest> => {
  if (typeof value !== "string" || value.length === 0) {
    return Either.left(
      new InvalidRequest({ message: "an id in the path must be a non-empty string", origin: "client" })
    )
  }
  if (value === "." || value === "..") {
    return Either.left(
      new InvalidRequest({ message: `"${value}" cannot be used as an id in a path`, origin: "client" })
    )
  }
  return Either.right(encodeURIComponent(value))
}

/**
 * Joins a base URL and path segments (each encoded with {@link encodeSegment}) and appends the
 * defined query parameters. A path or query given as a string is already encoded (by a
 * `PathTemplate`, by `Query.compile`) and is used as it is.
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
      if (value !== undefined) params.append(key, String(value))
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
