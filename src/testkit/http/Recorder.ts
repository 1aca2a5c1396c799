/**
 * Recording what a test server receives and answers, for assertions and contract checks: every
 * request as it arrives, its response once given, at most `limit` of them, and a count of those
 * dropped for the limit (so a check over all exchanges can tell it did not see them all).
 *
 * Bodies are recorded when asked for, and only textual ones (JSON, text, XML, forms, or no declared
 * type) up to `maxBodyBytes`: a textual body is read (to that size) before the server gets the
 * request and before the client gets the response; any other body streams untouched.
 *
 * @since 0.1.0
 */
import type { Handler } from "./Handler.js"

/**
 * A request the server received.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest {
  readonly method: string
  readonly url: string
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The body as text; `undefined` when there was none or it was not recorded (see `bodyOmitted`). */
  readonly body: string | undefined
  /** Why a body that was sent is not in `body`. */
  readonly bodyOmitted?: BodyOmitted | undefined
}

/**
 * Why a body was not recorded: recording is off, it is not text, or it is over `maxBodyBytes`.
 *
 * @since 0.1.0
 * @category models
 */
export type BodyOmitted = "off" | "binary" | "too large"

/**
 * A request and the response the server gave.
 *
 * @since 0.1.0
 * @category models
 */
export interface Exchange {
  readonly request: RecordedRequest
  readonly status: number
  readonly contentType: string | undefined
  /** The response body as text; empty when there was none or it was not recorded. */
  readonly body: string
  /** Why a response body is not in `body`. */
  readonly bodyOmitted?: BodyOmitted | undefined
}

/**
 * Options of a recorder.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecorderOptions {
  /** How many exchanges to keep; 1000 by default. Older ones are dropped, and counted. */
  readonly limit?: number | undefined
  /** Whether to record textual bodies; off by default. */
  readonly bodies?: boolean | undefined
  /** The largest body recorded; 1 MiB by default. */
  readonly maxBodyBytes?: number | undefined
}

/**
 * What a recorder has seen.
 *
 * @since 0.1.0
 * @category models
 */
export interface Recording {
  /** Requests as they arrived, oldest first, answered or not. */
  readonly requests: () => ReadonlyArray<RecordedRequest>
  /** Answered requests with their responses, in arrival order. */
  readonly exchanges: () => ReadonlyArray<Exchange>
  /** How many exchanges were dropped for the limit. */
  readonly dropped: () => number
}

interface Entry {
  request: RecordedRequest
  response: Omit<Exchange, "request"> | undefined
}

const textual = /^(application\/([\w.+-]*\+)?(json|xml|x-www-form-urlencoded)|text\/)/i

const hasBody = (method: string) => method !== "GET" && method !== "HEAD"

// Reads a body as text, at most `max` bytes of it.
const readText = async (
  body: ReadableStream<Uint8Array>,
  max: number
): Promise<{ readonly text: string } | "too large"> => {
  const reader = body.getReader()
  const chunks: Array<Uint8Array> = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      // Not awaited: cancelling one branch of a tee settles only once the other branch ends too.
      reader.cancel().catch(() => undefined)
      return "too large"
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { text: new TextDecoder().decode(bytes) }
}

type Captured = { readonly body: string | undefined; readonly bodyOmitted?: BodyOmitted }

const capture = async (
  message: Request | Response,
  contentType: string | null,
  options: { readonly bodies: boolean; readonly max: number }
): Promise<Captured> => {
  if (message.body === null) return { body: undefined }
  if (!options.bodies) return { body: undefined, bodyOmitted: "off" }
  if (contentType !== null && !textual.test(contentType)) return { body: undefined, bodyOmitted: "binary" }
  const read = await readText(message.clone().body!, options.max).catch(() => "too large" as const)
  return read === "too large" ? { body: undefined, bodyOmitted: "too large" } : { body: read.text }
}

/**
 * Wraps a handler so that it records its exchanges.
 *
 * @since 0.1.0
 * @category constructors
 */
export const recordExchanges = (
  handler: Handler,
  options: RecorderOptions = {}
): Recording & { readonly handler: Handler } => {
  const limit = options.limit ?? 1000
  const settings = { bodies: options.bodies ?? false, max: options.maxBodyBytes ?? 1_048_576 }
  const entries: Array<Entry> = []
  let dropped = 0

  const recording: Handler = async (request) => {
    const headers: Record<string, string> = {}
    request.headers.forEach((value, key) => {
      headers[key] = value
    })
    const entry: Entry = {
      request: { method: request.method, url: request.url, headers, body: undefined },
      response: undefined
    }
    entries.push(entry)
    if (entries.length > limit) dropped += entries.splice(0, entries.length - limit).length
    if (hasBody(request.method)) {
      entry.request = { ...entry.request, ...(await capture(request, request.headers.get("content-type"), settings)) }
    }
    const response = await handler(request)
    const contentType = response.headers.get("content-type") ?? undefined
    const body = await capture(response, contentType ?? null, settings)
    entry.response = {
      status: response.status,
      contentType,
      body: body.body ?? "",
      ...(body.bodyOmitted === undefined ? {} : { bodyOmitted: body.bodyOmitted })
    }
    return response
  }

  return {
    handler: recording,
    requests: () => entries.map((entry) => entry.request),
    exchanges: () =>
      entries.flatMap((entry) => entry.response === undefined ? [] : [{ request: entry.request, ...entry.response }]),
    dropped: () => dropped
  }
}
