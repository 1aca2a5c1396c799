/**
 * An `HttpClient` over another, for tests against a mock server that serves an API description
 * (Prism): it keeps every exchange as the mock saw it, with the violations the mock reports, and
 * applies corrections — to the JSON body of a request before it leaves, to an answer before the SDK
 * reads it — where the description differs from what the real servers take or send. Each correction
 * is written down with its reason by the test that uses it.
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"

/** An answer, whole (a mock's answers are small). */
export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
}

/** One exchange, as the mock saw the request and sent its answer (before any answer correction). */
export interface Exchange {
  readonly method: string
  readonly url: string
  readonly status: number
  readonly contentType: string
  readonly body: string
  /** What the mock found wrong with the request, in its words. */
  readonly violations: ReadonlyArray<string>
}

/** A correction of the request's JSON body, of the answer, or of both; each returns what it was given
 *  when there is nothing to correct. */
export interface Fix {
  /** Given the request's JSON body and its URL. */
  readonly request?: ((json: unknown, url: URL) => unknown) | undefined
  readonly answer?: ((answer: Answer) => Answer) | undefined
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

const parse = (bytes: Uint8Array): { readonly json: unknown } | undefined => {
  try {
    return { json: JSON.parse(decoder.decode(bytes)) }
  } catch {
    return undefined
  }
}

/** Rewrites a JSON answer's value (an answer that is no JSON is left as it is). */
export const editJson = (answer: Answer, edit: (json: unknown) => unknown): Answer => {
  const parsed = parse(answer.body)
  return parsed === undefined ? answer : { ...answer, body: encoder.encode(JSON.stringify(edit(parsed.json))) }
}

// Prism reports what it finds wrong with a request in a problem's `validation` (422), or, when the
// description declares the status it answers with (400), in the `sl-violations` header.
const violationsOf = (headers: Readonly<Record<string, string>>, body: Uint8Array): ReadonlyArray<string> => {
  const out: Array<string> = []
  const read = (list: unknown) => {
    if (!Array.isArray(list)) return
    for (const entry of list) {
      if (typeof entry === "object" && entry !== null && typeof entry.message === "string") out.push(entry.message)
    }
  }
  const header = headers["sl-violations"]
  if (header !== undefined) read(parse(encoder.encode(header))?.json)
  if ((headers["content-type"] ?? "").startsWith("application/problem+json")) {
    const problem = parse(body)?.json as { readonly validation?: unknown } | undefined
    read(problem?.validation)
  }
  return out
}

const correctRequest = (
  request: HttpClientRequest.HttpClientRequest,
  fixes: ReadonlyArray<Fix>
): HttpClientRequest.HttpClientRequest => {
  if (request.body._tag !== "Uint8Array" || !request.body.contentType.startsWith("application/json")) return request
  const parsed = parse(request.body.body)
  if (parsed === undefined) return request
  const url = new URL(request.url)
  const json = fixes.reduce((json, fix) => fix.request === undefined ? json : fix.request(json, url), parsed.json)
  return HttpClientRequest.setBody(request, HttpBody.unsafeJson(json))
}

/**
 * `client` with `fixes` applied in order: request fixes before the request leaves, answer fixes
 * before the SDK reads the answer. Every exchange goes to `seen` as the mock saw it.
 */
export const correcting = (
  client: HttpClient.HttpClient,
  options: { readonly fixes: ReadonlyArray<Fix>; readonly seen: Array<Exchange> }
): HttpClient.HttpClient => {
  const { fixes, seen } = options
  const inner = HttpClient.transform(client, (effect, request) =>
    Effect.gen(function*() {
      const response = yield* effect
      const body = new Uint8Array(yield* response.arrayBuffer)
      // The length is the corrected body's, not the mock's.
      const { "content-length": _length, ...headers }: Record<string, string> = { ...response.headers }
      seen.push({
        method: request.method,
        url: request.url,
        status: response.status,
        contentType: headers["content-type"] ?? "",
        body: decoder.decode(body).slice(0, 2_000),
        violations: violationsOf(headers, body)
      })
      const sent: Answer = { status: response.status, headers, body }
      const answer = fixes.reduce((answer, fix) => fix.answer === undefined ? answer : fix.answer(answer), sent)
      // A status that takes no body (204, 304) gets none.
      const content = answer.status === 204 || answer.status === 304 ? null : Buffer.from(answer.body)
      return HttpClientResponse.fromWeb(
        request,
        new Response(content, { status: answer.status, headers: answer.headers })
      )
    }))
  return HttpClient.mapRequest(inner, (request) => correctRequest(request, fixes))
}
