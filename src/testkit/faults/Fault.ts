/**
 * The faults the testkit can put in front of a server: what a flaky network, an overloaded
 * gateway or a misbehaving proxy does to real traffic.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * One fault, applied to one request.
 *
 * - `Status`: the request is answered with `status` (and `Retry-After` when given). With
 *   `reachServer` the server handles the request first and its answer is replaced, as when a
 *   gateway times out after forwarding; without it the server never sees the request.
 * - `ResetBeforeRequest` / `ResetAfterRequest`: the connection drops before the request reaches the
 *   server, or after the server has handled it (the client never sees the answer).
 * - `TruncatedJson`: the server's answer, cut in the middle of its body.
 * - `MalformedJson`: a 200 whose body is not JSON at all.
 * - `HtmlPage`: an HTML error page with status 200 or 502, as proxies and login walls send.
 * - `WrongContentType`: a 200 whose body is XML, served as `application/xml`.
 * - `EmptyBody`: a 200 with no body.
 * - `SlowHeaders`: the server's answer, sent after `millis` (real time; abortable). `millis`
 *   absent: never sent, until the client gives up.
 * - `StalledBody`: the server's status, headers and the first half of its body, then nothing more.
 * - `HugeBody`: a 200, `bytes` long, produced lazily as it is read: a JSON array of items that is only
 *   well-formed at its start (a client must stop at its limit long before the end).
 *
 * @since 0.1.0
 * @category models
 */
export type Fault = Data.TaggedEnum<{
  Status: {
    readonly status: number
    /** Seconds, or an HTTP date. */
    readonly retryAfter?: number | Date | undefined
    readonly reachServer?: boolean | undefined
  }
  ResetBeforeRequest: {}
  ResetAfterRequest: {}
  TruncatedJson: {}
  MalformedJson: {}
  HtmlPage: { readonly status: 200 | 502 }
  WrongContentType: {}
  EmptyBody: {}
  SlowHeaders: { readonly millis?: number | undefined }
  StalledBody: {}
  HugeBody: { readonly bytes: number; readonly declareLength?: boolean | undefined }
}>

/**
 * Constructors and matchers for {@link Fault}.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Fault } from "effect-research-sdk/testkit"
 * const faults = [Fault.Status({ status: 429, retryAfter: 2 }), Fault.ResetAfterRequest(), Fault.HtmlPage({ status: 502 })]
 * ```
 */
export const Fault = Data.taggedEnum<Fault>()

/**
 * Every kind of fault once, with the settings reliability tests use: a mix that a client must
 * survive (or fail on with a typed error) without losing or repeating data.
 *
 * @since 0.1.0
 * @category constructors
 */
export const catalogue = (options: { readonly hugeBytes?: number } = {}): ReadonlyArray<Fault> => [
  Fault.Status({ status: 429, retryAfter: 1 }),
  Fault.Status({ status: 429, retryAfter: new Date(0) }),
  Fault.Status({ status: 500 }),
  Fault.Status({ status: 502 }),
  Fault.Status({ status: 503, retryAfter: 1 }),
  Fault.Status({ status: 504, reachServer: true }),
  Fault.ResetBeforeRequest(),
  Fault.ResetAfterRequest(),
  Fault.TruncatedJson(),
  Fault.MalformedJson(),
  Fault.HtmlPage({ status: 200 }),
  Fault.HtmlPage({ status: 502 }),
  Fault.WrongContentType(),
  Fault.EmptyBody(),
  Fault.HugeBody({ bytes: options.hugeBytes ?? 8 * 1024 * 1024 })
]
