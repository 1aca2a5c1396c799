/**
 * What a client computes once, when it is made, for every call it will run: the base headers, the
 * slots of its in-flight bound, the classifiers in order, whether its transport enforces deadlines,
 * and any problem with its configured headers.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpMethod from "@effect/platform/HttpMethod"
import * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type { ApiClientConfig } from "../ApiClient.js"
import type { Classifier } from "../Classify.js"
import type { Envelope } from "../Envelope.js"
import * as Envelopes from "../Envelope.js"
import { headerProblem } from "../HeaderValues.js"
import * as InFlight from "../InFlight.js"
import * as SignalDeadline from "../SignalDeadline.js"
import * as TransportTimeout from "../TransportTimeout.js"

/**
 * A client's state, shared by all its calls.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClientState {
  readonly httpClient: HttpClient.HttpClient
  readonly config: ApiClientConfig
  readonly requestIdHeaders: ReadonlyArray<string>
  /** Every request starts from these. */
  readonly baseHeaders: Headers.Headers
  /** A request by `method` to `url` with the base headers: one copy of a template per method, made
   *  once, instead of a new request and a copy of the headers per call. */
  readonly request: (method: HttpMethod.HttpMethod, url: string) => HttpClientRequest.HttpClientRequest
  /** The configured timeout, decoded once. */
  readonly timeout: Duration.Duration
  /** The largest error body read, to classify it. */
  readonly errorBodyLimit: number
  /** Whether the transport enforces a request's deadline itself (the SDK's undici client). */
  readonly enforcesTimeout: boolean
  /** Whether the transport takes an attempt's own abort signal (learned on the first call): then a
   *  deadline is a timer aborting it, not a race (see `SignalDeadline`). */
  signalDeadlines: SignalDeadline.Support
  /** The bound on requests in flight; `undefined` for none. */
  readonly inFlight: Effect.Semaphore | undefined
  /** A configured header that cannot be sent: every call is refused with it. */
  readonly configProblem: string | undefined
  readonly envelope: Envelope | undefined
  /** The names of headers redacted in the fiber, with the client's credential headers added: the
   *  same list as long as the fiber's is the same, not a new one per call. */
  readonly withCredentialHeaders: (names: ReadonlyArray<string | RegExp>) => ReadonlyArray<string | RegExp>
  /** The platform's classifier, then the envelope's. */
  readonly classifiers: ReadonlyArray<Classifier>
}

const defaultRequestIdHeaders = ["x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid"]

/**
 * The state of a client on `httpClient` configured with `config`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (httpClient: HttpClient.HttpClient, config: ApiClientConfig): ClientState => {
  const envelope = config.envelope
  const baseHeaders = Headers.fromInput({ accept: "application/json", ...config.headers })
  const templates = new Map<string, HttpClientRequest.HttpClientRequest>()
  return {
    httpClient,
    config,
    requestIdHeaders: config.requestIdHeaders ?? defaultRequestIdHeaders,
    baseHeaders,
    request: (method, url) => {
      let template = templates.get(method)
      if (template === undefined) {
        template = HttpClientRequest.setHeaders(HttpClientRequest.make(method)(""), baseHeaders)
        templates.set(method, template)
      }
      return HttpClientRequest.setUrl(template, url)
    },
    timeout: Duration.decode(config.timeout),
    errorBodyLimit: Math.min(config.maxResponseBytes, 1_048_576),
    enforcesTimeout: TransportTimeout.isEnforcing(httpClient),
    signalDeadlines: "unknown",
    // Requests in flight are bounded: each attempt takes a slot (after any backoff, before its timeout
    // starts) and gives it back when its response has been read, or for a stream, when its body ends.
    inFlight: config.slots ?? InFlight.slots(config.maxConcurrentRequests ?? InFlight.defaultMax),
    // Headers set from configuration are checked once: if one cannot be sent, every call says so.
    configProblem: staticHeadersProblem(config),
    envelope,
    withCredentialHeaders: adding(config.credentialHeaders),
    // An error envelope's message is read whatever the status, after the platform's own reading.
    classifiers: envelope === undefined ? [config.classifier] : [config.classifier, Envelopes.classifier(envelope)]
  }
}

const staticHeadersProblem = (config: ApiClientConfig): string | undefined => {
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    const problem = headerProblem(name, value, "the configured value")
    if (problem !== undefined) return problem
  }
  return config.jsonContentType === undefined
    ? undefined
    : headerProblem("content-type", config.jsonContentType, "the configured media type")
}

// `names.concat(extra)`, remembered for the last `names` seen.
const adding = (extra: ReadonlyArray<string>) => {
  let from: ReadonlyArray<string | RegExp> | undefined
  let to: ReadonlyArray<string | RegExp> = extra
  return (names: ReadonlyArray<string | RegExp>) => {
    if (names !== from) {
      from = names
      to = names.concat(extra)
    }
    return to
  }
}
