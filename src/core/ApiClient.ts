/**
 * The request pipeline every platform client is built on: URL building, credentials, per-attempt
 * timeout, retries, bounded body reading, error classification and Schema decoding, in one place.
 * A platform describes each call as an {@link Operation} record — method, path, body, the success
 * schema and the domain errors it can end in — and the client runs it.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect, Schema } from "effect"
 * import { ApiClient, Retry } from "effect-research-sdk"
 * import { layerHttpClient } from "effect-research-sdk/testkit"
 *
 * // A small JSON API, answered in process: one item, 404 for any other.
 * const Http = layerHttpClient(async (request) =>
 *   new URL(request.url).pathname === "/v1/items/a%20b"
 *     ? Response.json({ id: "a b", name: "first" })
 *     : Response.json({ message: "no such item" }, { status: 404 }))
 *
 * const Item = Schema.Struct({ id: Schema.String, name: Schema.String })
 * // The operation record: the request, the success body's schema, the errors it can end in.
 * const getItem = (id: string): ApiClient.Operation<typeof Item.Type, typeof Item.Encoded, "NotFound"> => ({
 *   method: "GET",
 *   path: ["items", id], // each segment percent-encoded
 *   success: Item,
 *   errors: ["NotFound"]
 * })
 *
 * const program = Effect.gen(function*() {
 *   const client = yield* ApiClient.make({
 *     baseUrl: "http://api.test/v1",
 *     retry: Retry.defaultPolicy,
 *     timeout: "5 seconds",
 *     maxResponseBytes: 1024 * 1024,
 *     classifier: () => undefined, // the status alone decides
 *     credentials: Effect.succeed([]),
 *     credentialHeaders: []
 *   })
 *   const item = yield* client.execute(getItem("a b")) // Effect<Item, NotFound | InfraError>
 *   const missing = yield* Effect.flip(client.execute(getItem("other")))
 *   return [item.name, missing._tag]
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Http))).then((result) =>
 *   assert.deepStrictEqual(result, ["first", "NotFound"])
 * )
 * ```
 */
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as Tracer from "effect/Tracer"
import type { Classifier } from "./Classify.js"
import type * as Credentials from "./Credentials.js"
import type * as DownloadLimits from "./DownloadLimits.js"
import type { Envelope } from "./Envelope.js"
import type { DomainErrorOf, DomainTag, InfraError } from "./Errors.js"
import { InvalidRequest } from "./Errors.js"
import * as InFlight from "./InFlight.js"
import { buildRequest, currentOperationSpan } from "./pipeline/BuildRequest.js"
import * as ClientState from "./pipeline/ClientState.js"
import { isolated } from "./pipeline/Isolation.js"
import type { OnSuccess } from "./pipeline/ReadBody.js"
import { decodeSuccess } from "./pipeline/ReadBody.js"
import { retryLoop } from "./pipeline/RetryLoop.js"
import { streamSuccess } from "./pipeline/StreamBody.js"
import type { CredentialUnavailable } from "./RefreshingCredential.js"
import { RequestOptions } from "./RequestOptions.js"
import type { RetryPolicy } from "./Retry.js"

/**
 * A credential sent as a header. Its value stays `Redacted` until the moment the header is set; one
 * that cannot be sent as a header value is refused before sending (see `Credentials.problem`).
 *
 * @since 0.1.0
 * @category models
 */
export type Credential = Credentials.Credential

/**
 * What a platform tells the pipeline about itself.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiClientConfig {
  /** The base URL every path is appended to. */
  readonly baseUrl: string
  readonly retry: RetryPolicy
  /** Per-attempt timeout, from sending the request to the last byte of the body. */
  readonly timeout: Duration.DurationInput
  /** The largest response body read into memory. */
  readonly maxResponseBytes: number
  /** The platform's reading of its error bodies. */
  readonly classifier: Classifier
  /** The credentials for one attempt; read as each attempt is sent, so a region of code can switch
   *  them and a retry carries a token refreshed meanwhile. A failure ends the call (`Unauthorized`,
   *  or `InvalidRequest` for a credential that cannot be sent). See `Credentials.forPlatform`. */
  readonly credentials: Effect.Effect<ReadonlyArray<Credential>, CredentialUnavailable>
  /** Renews credentials the server rejected as expired or invalid (a classification with
   *  `credentialRejected`); the request is then sent once more. Without it, such a 401 ends the call. */
  readonly renewCredentials?:
    | ((sent: ReadonlyArray<Credential>) => Effect.Effect<void, CredentialUnavailable>)
    | undefined
  /** Names of the headers that may carry credentials: redacted in spans and logs. */
  readonly credentialHeaders: ReadonlyArray<string>
  /** The media type JSON request bodies are sent as; `application/json` by default (SCIM servers
   *  declare `application/scim+json`). */
  readonly jsonContentType?: string | undefined
  /** Headers sent with every request (e.g. `accept`). */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Response headers that carry the platform's request id, first match wins. */
  readonly requestIdHeaders?: ReadonlyArray<string> | undefined
  /** The most requests the client has in flight at once ({@link defaultMaxConcurrentRequests} by
   *  default; `Infinity` for no bound). Further calls wait for a slot, and their timeouts start only
   *  once they have one. */
  readonly maxConcurrentRequests?: number | undefined
  /** The slots themselves, to share one bound between clients (one made with {@link slots});
   *  `maxConcurrentRequests` is then not read. */
  readonly slots?: Effect.Semaphore | undefined
  /** The longest a streamed download's body may take, from its response headers to its last byte;
   *  no limit by default. */
  readonly downloadTimeout?: Duration.DurationInput | undefined
  /** The least a streamed download's body must bring: `DownloadLimits.defaultMinRate` (1 KiB in
   *  every 30 s) by default; `{ bytes: 0, per: … }` for no minimum. */
  readonly downloadMinRate?: DownloadLimits.DownloadRate | undefined
  /** The platform's response envelope, if it wraps its JSON answers in one (Agave): success schemas
   *  then describe the envelope's result, and an error envelope is classified with its message. */
  readonly envelope?: Envelope | undefined
}

/**
 * How many requests a client has in flight at once unless configured otherwise (64).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultMaxConcurrentRequests: number = InFlight.defaultMax

/**
 * Slots for `max` requests in flight, to share between clients ({@link ApiClientConfig.slots});
 * `undefined` for no bound (`Infinity`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const slots: (max?: number) => Effect.Semaphore | undefined = InFlight.slots

/**
 * HTTP methods the pipeline sends.
 *
 * @since 0.1.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD"

/**
 * One API operation's request and contract.
 *
 * @since 0.1.0
 * @category models
 */
export interface Operation<A, I, T extends DomainTag> {
  readonly method: Method
  /** Path segments below the base URL; each is percent-encoded and may not be empty, `.` or `..`.
   *  Or the path already encoded, starting with `/`, as a `PathTemplate` builds it. */
  readonly path: ReadonlyArray<string> | string
  /** Query parameters, or the query already encoded (without `?`), as `Query.compile` builds it. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>> | string | undefined
  /** A JSON body. */
  readonly body?: unknown
  /** A body other than JSON (multipart form data, a stream), sent instead of `body`. A streamed body
   *  can be sent once only: a request carrying one is never retried. */
  readonly requestBody?: HttpBody.HttpBody | undefined
  /** The success body's schema; `Schema.Void` when the response has no content worth reading. */
  readonly success: Schema.Schema<A, I, never>
  /** The domain errors this operation can end in. A classification outside them is reported as
   *  `InvalidResponse` (`UnexpectedStatus`), so the error channel's type never lies. */
  readonly errors: ReadonlyArray<T>
  /** An operation's own reading of error responses, consulted before the platform's. */
  readonly classifier?: Classifier | undefined
  /** Secrets the request carries in its body (passwords): scrubbed from any error, like credentials. */
  readonly secrets?: ReadonlyArray<Redacted.Redacted> | undefined
  /** Whether sending the request twice does no more than sending it once. By default, its method says
   *  (GET, PUT, DELETE… are); set `false` for an operation whose repetition is not harmless, such as a
   *  PUT that cancels a run, so that it is never sent again after it may have reached the server. */
  readonly idempotent?: boolean | undefined
  /** For a success that may come without content (a 204, or 200 with an empty body) as well as
   *  with a body (SCIM's PATCH): the value of an empty one. Without it, an empty body where `success`
   *  expects one is `InvalidResponse`. */
  readonly onNoContent?: (() => A) | undefined
  /** For a DELETE: a retry answered with `NotFound` means an earlier attempt deleted the resource. */
  readonly idempotentDelete?: boolean | undefined
  /** `false` for an operation whose answer is not wrapped in the platform's envelope (a token
   *  endpoint). */
  readonly envelope?: boolean | undefined
}

/**
 * An operation whose successful response body is streamed to the caller rather than decoded
 * (file downloads).
 *
 * @since 0.1.0
 * @category models
 */
export interface StreamOperation<T extends DomainTag> extends Omit<Operation<void, void, T>, "success"> {}

/**
 * What a call of an operation declaring the domain errors `T` can fail with: those, the errors any
 * call can end in, and `InvalidRequest`, which every operation can end in when the SDK refuses its
 * input before sending (an id or query value that cannot be encoded, a credential that cannot be
 * sent as a header).
 *
 * @since 0.1.0
 * @category models
 */
export type CallError<T extends DomainTag> = DomainErrorOf<T | "InvalidRequest"> | InfraError

/**
 * A platform client: runs {@link Operation}s.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiClient {
  readonly config: ApiClientConfig
  /**
   * Runs `operation`. Given `span`, the operation's span its caller opened (with `Effect.useSpan`)
   * without making it the current span, the call annotates that one; otherwise the current span.
   */
  readonly execute: <A, I, const T extends DomainTag = never>(
    operation: Operation<A, I, T>,
    span?: Tracer.Span | undefined
  ) => Effect.Effect<A, CallError<T>>
  /**
   * The body of a successful response as a stream of chunks, never held whole. Everything up to the
   * response headers goes through the pipeline like {@link execute} (credentials, timeout, retries,
   * error classification); once the first byte has been handed over nothing is retried, and a body
   * that breaks off fails the stream with `TransportError`. The per-request timeout ends at the
   * headers; after that, the body fails the stream with `RequestTimeout` if it brings nothing for as
   * long as the timeout, falls below the minimum rate, or outlasts the download deadline (see
   * `DownloadLimits`). Ending the stream early (or interrupting it) aborts the request. The request
   * holds its slot among the client's requests in flight until the stream ends.
   */
  readonly stream: <const T extends DomainTag = never>(
    operation: StreamOperation<T>
  ) => Stream.Stream<Uint8Array, CallError<T>>
}

/**
 * Builds a platform client on the `HttpClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (config: ApiClientConfig): Effect.Effect<ApiClient, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (httpClient) => makeWith(httpClient, config))

/**
 * Builds a platform client on the given `HttpClient`.
 *
 * A call goes through named steps (`src/core/pipeline`): `buildRequest` (URL, headers, body, the
 * timeout and retry policy in force), then `retryLoop`, which reads the credentials for each attempt
 * and runs `sendAttempt` (in a slot, under the timeout), whose success is read by `decodeSuccess`
 * (`ReadBody`) or handed over as a stream (`StreamBody`); all of it `isolated` from transport spans
 * and redirects.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (httpClient: HttpClient.HttpClient, config: ApiClientConfig): ApiClient => {
  const client = ClientState.make(httpClient, config)
  const withSlot = InFlight.perAttempt(client.inFlight)

  const execute = <A, I, T extends DomainTag>(
    operation: Operation<A, I, T>,
    span?: Tracer.Span | undefined
  ): Effect.Effect<A, CallError<T>> =>
    send(
      client,
      operation,
      decodeSuccess(
        client,
        operation.success,
        operation.onNoContent,
        client.envelope !== undefined && operation.envelope !== false
      ),
      true,
      withSlot,
      span
    )

  const stream = <T extends DomainTag>(
    operation: StreamOperation<T>
  ): Stream.Stream<Uint8Array, CallError<T>> =>
    Stream.unwrapScoped(Effect.gen(function*() {
      const scope = yield* Effect.scope
      const overrides = yield* RequestOptions
      const download = {
        deadline: overrides.downloadTimeout ?? config.downloadTimeout,
        rate: overrides.downloadMinRate ?? config.downloadMinRate
      }
      return yield* send(
        client,
        operation,
        streamSuccess(download),
        false,
        InFlight.untilClosed(client.inFlight, scope),
        undefined
      )
    }))

  return { config, execute, stream }
}

// A call: its request built, then its attempts, isolated from transport spans and redirects.
const send = <A, T extends DomainTag>(
  client: ClientState.ClientState,
  operation: StreamOperation<T>,
  onSuccess: OnSuccess<A>,
  /** Whether the timeout runs to the last byte of the body (or only to the headers, for streams). */
  timeoutIncludesBody: boolean,
  /** Runs one attempt in a slot of the in-flight bound. */
  inSlot: InFlight.InSlot,
  span: Tracer.Span | undefined
): Effect.Effect<A, CallError<T>> => {
  const run = (annotated: Tracer.Span | undefined): Effect.Effect<A, CallError<T>> =>
    isolated(
      client,
      Effect.withFiberRuntime<A, CallError<T>>((fiber) => {
        const call = buildRequest(client, operation, onSuccess, timeoutIncludesBody, inSlot, fiber, annotated)
        return call instanceof InvalidRequest ? Effect.fail(call) : retryLoop(call, 1, 0, false, undefined)
      })
    )
  // A span not handed over is the current one, read outside the isolation (which turns tracing off).
  return span !== undefined
    ? run(span)
    : Effect.withFiberRuntime<A, CallError<T>>((fiber) => run(currentOperationSpan(fiber)))
}
