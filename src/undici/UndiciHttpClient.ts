/**
 * A lean `HttpClient` on undici's `request`, for Node: the SDK's fastest transport. It does what
 * the SDK's pipeline needs and nothing it does not: no per-request tracing span (each SDK operation
 * has its own span already), no redirect following (undici's default), abort on interruption
 * while sending and while reading the body. Any other `HttpClient` works with the SDK as well;
 * see docs/performance.md for the figures.
 *
 * Requires the `undici` package (an optional peer dependency).
 *
 * @since 0.1.0
 */
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { Readable } from "node:stream"
import * as Undici from "undici"
import * as TransportTimeout from "../core/TransportTimeout.js"
import { RequestSignal } from "./RequestSignal.js"

/**
 * The undici dispatcher requests go through (an `Agent`, a `Pool`, a `MockAgent`…).
 *
 * @since 0.1.0
 * @category tags
 */
export class Dispatcher extends Context.Tag("effect-research-sdk/undici/Dispatcher")<Dispatcher, Undici.Dispatcher>() {}

/**
 * An `HttpClient` sending every request through `dispatcher`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (dispatcher: Undici.Dispatcher): HttpClient.HttpClient => {
  const client = HttpClient.makeWith(
    (effect) => Effect.flatMap(effect, (request) => send(dispatcher, request, undefined)),
    Effect.succeed as HttpClient.HttpClient.Preprocess<never, never>
  )
  // What `execute` is by definition (the postprocessing of the preprocessed request), without the
  // two steps an identity preprocessing costs; clients derived from this one compose the two parts.
  return TransportTimeout.enforcing(
    Object.assign(client, {
      execute: (request: HttpClientRequest.HttpClientRequest) => send(dispatcher, request, undefined)
    }),
    (request, deadline) => send(dispatcher, request, deadline)
  )
}

/**
 * The client on undici's global dispatcher.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { Flowserv } from "effect-research-sdk/flowserv"
 * import { UndiciHttpClient } from "effect-research-sdk/undici"
 * import { Layer } from "effect"
 *
 * const FlowservLive = Flowserv.layer({ url: "https://flowserv.example.org/api" }).pipe(
 *   Layer.provide(UndiciHttpClient.layer)
 * )
 * ```
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.sync(
  HttpClient.HttpClient,
  () => make(Undici.getGlobalDispatcher())
)

/**
 * The client on the {@link Dispatcher} in context: for a dispatcher of your own (pool sizes, TLS,
 * proxies, `MockAgent` in tests).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerDispatcher: Layer.Layer<HttpClient.HttpClient, never, Dispatcher> = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(Dispatcher, make)
)

let armed = 0

/**
 * How many request deadlines are armed right now: requests in flight, or bodies not yet read to
 * their end. For leak checks in tests; 0 once every response has been read or released.
 *
 * @since 0.1.0
 * @category diagnostics
 */
export const armedDeadlines = (): number => armed

const send = (
  dispatcher: Undici.Dispatcher,
  request: HttpClientRequest.HttpClientRequest,
  deadline: TransportTimeout.Deadline | undefined
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> => {
  const target = targetOf(request)
  if (target === undefined) {
    return Effect.fail(
      new HttpClientError.RequestError({
        request,
        reason: "InvalidUrl",
        cause: new Error(`invalid URL: ${request.url}`)
      })
    )
  }
  const body = bodyOf(request.body)
  return Effect.isEffect(body)
    ? Effect.flatMap(body, (streamed) => dispatch(dispatcher, request, target, streamed, deadline))
    : dispatch(dispatcher, request, target, body, deadline)
}

const dispatch = (
  dispatcher: Undici.Dispatcher,
  request: HttpClientRequest.HttpClientRequest,
  target: { readonly origin: string; readonly path: string },
  { body, contentType }: Body,
  deadline: TransportTimeout.Deadline | undefined
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> =>
  Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
    const signal = new RequestSignal()
    // The SDK's deadline, on a plain timer: far cheaper than racing a timer fiber.
    let pending = deadline !== undefined
    if (pending) armed++
    const stopTimer = () => {
      if (!pending) return
      pending = false
      armed--
      clearTimeout(timer)
    }
    const timer = deadline === undefined ? undefined : setTimeout(() => {
      stopTimer()
      // Whatever undici's listener throws, the request is aborted; nothing here could handle it.
      signal.abort(new TransportTimeout.DeadlineExceeded(deadline))
    }, deadline.millis)
    // A deadline never keeps the process alive by itself.
    timer?.unref()
    dispatcher.request({
      origin: target.origin,
      path: target.path,
      method: request.method as Undici.Dispatcher.HttpMethod,
      headers: contentType === undefined ? request.headers : { ...request.headers, "content-type": contentType },
      body,
      signal,
      // Timeouts are the caller's, not the transport's defaults.
      headersTimeout: 0,
      bodyTimeout: 0
    }).then(
      (response) => {
        // A body that will come keeps the deadline running until it has been read or released (the
        // response stops it then); none to come, it stops now.
        const bodyComes = hasBody(request.method, response.statusCode)
        if (deadline?.includesBody !== true || !bodyComes) stopTimer()
        const answer = new UndiciResponse(request, response, signal, stopTimer)
        // A small body that came whole with its headers, under a deadline that covers the body, is
        // taken as the caller resumes: resumed once, for the whole response, rather than once for
        // the headers and again for the body. One still arriving is the caller's to read as it comes,
        // so that what can be decided from the headers (a body too large, a body not wanted) is not
        // held up by a slow body.
        const whole = deadline?.includesBody === true && bodyComes ? wholeLength(response) : undefined
        if (whole !== undefined) answer.takeWhole(whole)
        resume(Effect.succeed(answer))
      },
      (cause) => {
        stopTimer()
        resume(Effect.fail(
          new HttpClientError.RequestError({
            request,
            reason: "Transport",
            cause: reasonOf(signal, cause)
          })
        ))
      }
    )
    return Effect.suspend(() => {
      stopTimer()
      const failed = signal.abort()
      return failed === undefined ? Effect.void : Effect.die(failed.error)
    })
  })

// An aborted request fails with undici's own error; the deadline that aborted it says more.
const reasonOf = (signal: RequestSignal, cause: unknown): unknown =>
  signal.aborted && TransportTimeout.isDeadlineExceeded(signal.reason) ? signal.reason : cause

const hasBody = (method: string, status: number): boolean =>
  method !== "HEAD" && status !== 204 && status !== 304 && !(status >= 100 && status < 200)

// The largest body taken with its headers (declared in `content-length`): undici buffers as much of a
// body as this (its stream's high-water mark) before anyone reads it anyway.
const readAheadLimit = 65_536

const noBytes = Buffer.alloc(0)

// The body's declared length when all of its bytes are buffered already (they came in the same read
// of the socket as the headers, so undici has ended the body too); undefined otherwise.
const wholeLength = (response: Undici.Dispatcher.ResponseData): number | undefined => {
  const contentLength = response.headers["content-length"]
  if (typeof contentLength !== "string") return undefined
  const declared = Number(contentLength)
  return Number.isInteger(declared) && declared >= 0 && declared <= readAheadLimit && !response.body.destroyed &&
      response.body.readableLength === declared
    ? declared
    : undefined
}

// A body's text as undici decodes it: UTF-8, a byte order mark dropped.
const utf8Text = (bytes: Buffer): string =>
  bytes.length > 2 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
    ? bytes.toString("utf8", 3)
    : bytes.toString("utf8")

// Where a request goes. The SDK's requests carry their query in the URL string already; those are
// split without parsing a URL object, which costs more than the rest of the transport's own work —
// but only when the URL is already in the form a URL parser would give: a plain host, and a path of
// URL-safe characters with no dot segments (encoded or not), and a port a URL parser keeps as written
// (no leading zero, at most 65535). Anything else is parsed, like fetch does, and refused if invalid.
const plainUrl = /^(https?:\/\/[A-Za-z0-9.-]+(?::(0|[1-9]\d{0,4}))?)(\/[A-Za-z0-9\-_~!$&'()*+,;=:@%/?]*)?$/
const dotSegment = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|\?|$)/i

const targetOf = (
  request: HttpClientRequest.HttpClientRequest
): { readonly origin: string; readonly path: string } | undefined => {
  if (request.urlParams.length === 0 && Option.isNone(request.hash)) {
    const match = plainUrl.exec(request.url)
    if (match !== null && (match[2] === undefined || Number(match[2]) <= 65535) && !dotSegment.test(match[3] ?? "")) {
      return { origin: match[1]!, path: match[3] ?? "/" }
    }
  }
  const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
  // Credentials in a URL are refused, as fetch refuses them, rather than silently dropped.
  if (url._tag === "Left" || url.right.username !== "" || url.right.password !== "") return undefined
  return { origin: url.right.origin, path: url.right.pathname + url.right.search }
}

type RequestBody = Exclude<Undici.Dispatcher.DispatchOptions["body"], undefined>

interface Body {
  readonly body: RequestBody
  readonly contentType?: string | undefined
}

// A request body as undici takes it, with the content type it brings (a form's carries its boundary):
// at once when it can be sent any number of times, or as an effect, made anew each time the request
// runs, for a form (encoded as a one-time stream) and a stream (which needs the fiber's runtime).
const bodyOf = (body: HttpBody.HttpBody): Body | Effect.Effect<Body> => {
  switch (body._tag) {
    case "Empty":
      return emptyBody
    case "Uint8Array":
      return { body: body.body }
    case "Raw":
      return { body: body.body as RequestBody }
    case "FormData":
      // undici's own FormData class is not the global one: encode the form the standard way, anew
      // each time the request's effect runs (the encoding is a stream, read once).
      return Effect.sync(() => {
        const encoded = new Response(body.formData)
        return {
          body: Readable.fromWeb(encoded.body! as never),
          contentType: encoded.headers.get("content-type") ?? undefined
        }
      })
    case "Stream":
      return Effect.map(
        Effect.runtime<never>(),
        (runtime) => ({ body: Readable.fromWeb(Stream.toReadableStreamRuntime(body.stream, runtime) as never) })
      )
  }
}

const emptyBody: Body = { body: null }

const ignore = () => {}

// Reading the body follows the fiber: interrupted, it destroys the body, which frees the connection.
const readBody = <A>(
  response: UndiciResponse,
  read: (body: Undici.Dispatcher.ResponseData["body"]) => Promise<A>
): Effect.Effect<A, HttpClientError.ResponseError> =>
  Effect.async<A, HttpClientError.ResponseError>((resume) => {
    // Read once, as with fetch: a second read another way (the text, then the bytes) is refused.
    if (response.consumed) {
      resume(Effect.fail(decodeError(response, new TypeError("the body has already been read"))))
      return
    }
    response.consumed = true
    read(response.source.body).then(
      (value) => {
        response.bodyDone()
        resume(Effect.succeed(value))
      },
      (cause) => {
        response.bodyDone()
        resume(Effect.fail(response.bodyError(cause)))
      }
    )
    return Effect.sync(() => {
      response.source.body.destroy()
      response.bodyDone()
    })
  })

// A failure to read or decode a response's body, as the platform's clients report one.
const decodeError = (response: UndiciResponse, cause: unknown): HttpClientError.ResponseError =>
  new HttpClientError.ResponseError({ request: response.request, response, reason: "Decode", cause })

class UndiciResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  private cachedHeaders: Headers.Headers | undefined
  private cachedText: Effect.Effect<string, HttpClientError.ResponseError> | undefined
  private readText: string | undefined
  private watched = false
  /** Whether a read of the body from undici (not of the bytes taken whole) has begun. */
  consumed = false
  // A body taken whole with its headers (see `takeWhole`): its bytes, or why they could not be had.
  private readBytes: Buffer | undefined
  private readFailure: { readonly cause: unknown } | undefined

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    readonly source: Undici.Dispatcher.ResponseData,
    readonly signal: RequestSignal,
    /** Stops the request's deadline: its body has been read, or released. */
    readonly bodyDone: () => void
  ) {
    super()
    // An error on a body nobody reads must not crash the process.
    source.body.on("error", ignore)
  }

  /**
   * Takes the whole body now, keeping its bytes for whichever way it is read later. All `declared`
   * bytes are in the body's buffer already (see `wholeLength`): one `read()` hands them over, with no
   * wait and no listener. Bytes that do not come to the declared length (undici would have broken its
   * word) are kept as a failure of reading, never passed on as the body.
   */
  takeWhole(declared: number): void {
    try {
      const bytes = (this.source.body.read() as Buffer | null) ?? noBytes
      if (bytes.length === declared) this.readBytes = bytes
      else this.readFailure = { cause: new Error(`${bytes.length} bytes buffered of the ${declared} declared`) }
    } catch (cause) {
      this.readFailure = { cause }
    }
    this.bodyDone()
  }

  /** A failure of reading the body: the deadline that aborted it, if one did, as its cause. */
  bodyError(cause: unknown): HttpClientError.ResponseError {
    return decodeError(this, reasonOf(this.signal, cause))
  }

  get status(): number {
    return this.source.statusCode
  }

  get headers(): Headers.Headers {
    return this.cachedHeaders ??= Headers.fromInput(this.source.headers as Record<string, string | Array<string>>)
  }

  get cookies(): Cookies.Cookies {
    const header = this.source.headers["set-cookie"]
    return header === undefined ? Cookies.empty : Cookies.fromSetCookie(Array.isArray(header) ? header : [header])
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    if (this.readFailure !== undefined) return Stream.fail(this.bodyError(this.readFailure.cause))
    const bytes = this.readBytes
    // A copy for each reader: one may write to its chunk.
    if (bytes !== undefined) {
      return bytes.length === 0
        ? Stream.empty
        : Stream.suspend(() => Stream.succeed(new Uint8Array(bytes)))
    }
    this.consumed = true
    // Read chunk by chunk, the body is done when it closes: at its end, or once released.
    if (!this.watched) {
      this.watched = true
      // A body that already ended (it failed before anyone read it) will not close again.
      if (this.source.body.closed || this.source.body.destroyed) this.bodyDone()
      else this.source.body.once("close", this.bodyDone)
    }
    return Stream.fromAsyncIterable(this.source.body as AsyncIterable<Uint8Array>, (cause) => this.bodyError(cause))
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    // Read once, like every platform response: a second read gives the same text.
    if (this.readText !== undefined) return Effect.succeed(this.readText)
    if (this.readFailure !== undefined) return Effect.fail(this.bodyError(this.readFailure.cause))
    if (this.readBytes !== undefined) return Effect.succeed(this.readText = utf8Text(this.readBytes))
    // The same effect may be run again (a `json` taken before the first read): the body is read once.
    return this.cachedText ??= Effect.suspend(() =>
      this.readText !== undefined ?
        Effect.succeed(this.readText) :
        readBody(this, (body) =>
          body.text().then((text) => {
            this.readText = text
            return text
          }))
    )
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => (text === "" ? null : JSON.parse(text)) as unknown,
        catch: (cause) => decodeError(this, cause)
      }))
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.map(this.text, (text) => UrlParams.fromInput(new URLSearchParams(text)))
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    // undici's own body has no `formData()`: the bytes are parsed as fetch parses a form.
    const contentType = this.source.headers["content-type"]
    const headers: Record<string, string> = typeof contentType === "string" ? { "content-type": contentType } : {}
    return Effect.flatMap(this.arrayBuffer, (buffer) =>
      Effect.tryPromise({
        try: () => new Response(buffer, { headers }).formData(),
        catch: (cause) => this.bodyError(cause)
      }))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    if (this.readFailure !== undefined) return Effect.fail(this.bodyError(this.readFailure.cause))
    // A copy each time, of exactly the body: whoever takes it may write to it.
    if (this.readBytes !== undefined) return Effect.succeed(new Uint8Array(this.readBytes).buffer)
    return readBody(this, (body) => body.arrayBuffer())
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}
