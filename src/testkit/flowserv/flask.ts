/**
 * How a Flask 2.2 / Werkzeug 2.2 application answers: JSON as `jsonify` writes it (compact, keys
 * sorted, a final newline), Werkzeug's HTML error pages, upper-case reason phrases, CORS headers.
 *
 * @since 0.1.0
 */

/**
 * Werkzeug's reason phrases, upper case as the real server sends them.
 *
 * @since 0.1.0
 */
export const reasonPhrase = (status: number): string | undefined => reasons[status]

const reasons: Record<number, string> = {
  200: "OK",
  201: "CREATED",
  204: "NO CONTENT",
  308: "PERMANENT REDIRECT",
  400: "BAD REQUEST",
  403: "FORBIDDEN",
  404: "NOT FOUND",
  405: "METHOD NOT ALLOWED",
  413: "REQUEST ENTITY TOO LARGE",
  500: "INTERNAL SERVER ERROR"
}

/**
 * A Python `float`: `jsonify` writes `8.0` where JavaScript writes `8` (result columns of dtype
 * `float` in a leaderboard, probe #189).
 *
 * @since 0.1.0
 */
export class PythonFloat {
  constructor(readonly value: number) {}
  /**
   * The number as Python's `json` module writes a float.
   *
   * @since 0.1.0
   */
  toString(): string {
    const value = this.value
    if (Number.isNaN(value)) return "NaN"
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity"
    return Number.isInteger(value) && Math.abs(value) < 1e16 ? value.toFixed(1) : JSON.stringify(value)
  }
}

/**
 * Serialises like Flask's `jsonify`: compact separators, sorted keys, a trailing newline; a
 * {@link PythonFloat} as Python writes it.
 *
 * @since 0.1.0
 */
export const jsonText = (value: unknown): string => write(value) + "\n"

const write = (value: unknown): string => {
  if (value instanceof PythonFloat) return value.toString()
  if (Array.isArray(value)) return `[${value.map((item) => write(item ?? null)).join(",")}]`
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null"
  const toJson = (value as { toJSON?: unknown }).toJSON
  if (typeof toJson === "function") return write(toJson.call(value))
  const fields: Array<string> = []
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key]
    if (item !== undefined) fields.push(`${JSON.stringify(key)}:${write(item)}`)
  }
  return `{${fields.join(",")}}`
}

/**
 * Headers every response of the real server carries.
 *
 * @since 0.1.0
 */
export const corsHeaders = (request: Request): Record<string, string> => {
  const origin = request.headers.get("origin")
  return origin === null
    ? { "access-control-allow-origin": "*", connection: "close" }
    : { "access-control-allow-origin": origin, vary: "Origin", connection: "close" }
}

/**
 * A JSON response.
 *
 * @since 0.1.0
 */
export const json = (request: Request, status: number, body: unknown): Response =>
  new Response(jsonText(body), {
    status,
    headers: { "content-type": "application/json", ...corsHeaders(request) }
  })

/**
 * `204 NO CONTENT` as the real server sends it: no body, yet `Content-Type: application/json`.
 *
 * @since 0.1.0
 */
export const noContent = (request: Request): Response =>
  new Response(null, { status: 204, headers: { "content-type": "application/json", ...corsHeaders(request) } })

const page = (status: number, title: string, heading: string, text: string) =>
  `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${heading}</h1>\n<p>${text}</p>\n`

/**
 * Werkzeug's HTML error pages.
 *
 * @since 0.1.0
 */
export const htmlPages = {
  400: page(
    400,
    "Bad Request",
    "Bad Request",
    "The browser (or proxy) sent a request that this server could not understand."
  ),
  404: page(
    404,
    "Not Found",
    "Not Found",
    "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."
  ),
  405: page(405, "Method Not Allowed", "Method Not Allowed", "The method is not allowed for the requested URL.")
} as const

/**
 * An HTML error page.
 *
 * @since 0.1.0
 */
export const html = (request: Request, status: keyof typeof htmlPages): Response =>
  new Response(htmlPages[status], {
    status,
    headers: { "content-type": "text/html; charset=utf-8", ...corsHeaders(request) }
  })

/**
 * The redirect Werkzeug sends for a route asked for without its trailing slash.
 *
 * @since 0.1.0
 */
export const redirect = (request: Request, location: string): Response =>
  new Response(
    `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${location}">${location}</a>. If not, click the link.\n`,
    {
      status: 308,
      headers: { "content-type": "text/html; charset=utf-8", location, ...corsHeaders(request) }
    }
  )

/**
 * The body Flask's error handler sends for 500.
 *
 * @since 0.1.0
 */
export const internalServerError = {
  error: "500 Internal Server Error: The server encountered an internal error and was unable to complete your " +
    "request. Either the server is overloaded or there is an error in the application."
}

/**
 * The body Flask's error handler sends for 413.
 *
 * @since 0.1.0
 */
export const requestEntityTooLarge = {
  error: "413 Request Entity Too Large: The data value transmitted exceeds the capacity limit."
}

/**
 * Python's `bool(value)` for a JSON value: the string `"false"` is true.
 *
 * @since 0.1.0
 */
export const truthy = (value: unknown): boolean => {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === "object") return Object.keys(value).length > 0
  return true
}

/**
 * `datetime.now(tz=UTC).isoformat()`: microseconds and `+00:00`.
 *
 * @since 0.1.0
 */
export const isoTimestamp = (millis: number): string => new Date(millis).toISOString().replace(/Z$/, "000+00:00")
