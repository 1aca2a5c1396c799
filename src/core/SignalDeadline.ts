/**
 * Per-attempt deadlines for `@effect/platform`'s clients (fetch, Node's http and undici clients) kept
 * by the request's own `AbortSignal` instead of a race against a timer fiber. The race forks two
 * fibers and interrupts the loser on every call, the largest cost of a call after the I/O itself;
 * a timer that aborts the signal the transport already listens to costs one `setTimeout`.
 *
 * The platform looks a request's `AbortController` up in a table `HttpClient.withScope` fills; the
 * attempt puts its own there, with a deadline. Whether a client really reads it (a client built with
 * `HttpClient.make`, reached through `preprocess`/`postprocess`) is learned on a client's first call,
 * which still races: a client that does not is raced from then on, so no deadline is ever lost.
 * Like the SDK's undici transport, this runs in real time: only under Effect's live `Clock`.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import { globalValue } from "effect/GlobalValue"

// The table @effect/platform's `HttpClient.make` reads each request's controller from (the one
// `HttpClient.withScope` fills). If a version of the platform stops reading it, clients are learned
// not to, and race.
const scopedRequests = globalValue(
  "@effect/platform/HttpClient/scopedRequests",
  () => new WeakMap<HttpClientRequest.HttpClientRequest, AbortController>()
)

/**
 * What a client has shown of itself: whether its transport takes the attempt's signal.
 *
 * @since 0.1.0
 * @category models
 */
export type Support = "unknown" | "supported" | "unsupported"

/**
 * One attempt's deadline on its request's signal.
 *
 * @since 0.1.0
 * @category models
 */
export interface Armed {
  /** Whether the deadline has passed (and the request been aborted). */
  readonly expired: () => boolean
  /** Whether the transport took the signal. */
  readonly taken: () => boolean
  /** Ends the timer; aborts the request unless `completed` (its body read to the end) and sent once. */
  readonly disarm: (completed: boolean) => void
}

interface Internals {
  readonly preprocess?: (request: HttpClientRequest.HttpClientRequest) => Effect.Effect<
    HttpClientRequest.HttpClientRequest,
    HttpClientError.HttpClientError
  >
  readonly postprocess?: (
    request: Effect.Effect<HttpClientRequest.HttpClientRequest, HttpClientError.HttpClientError>
  ) => Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>
}

/**
 * Sends `request` on `client` with a signal that aborts `millis` milliseconds from now, calling
 * `onArmed` with it before anything is sent. The request is registered as the platform's client sees
 * it, after the client's own request transformations.
 *
 * @since 0.1.0
 * @category sending
 */
export const execute = (
  client: HttpClient.HttpClient,
  request: HttpClientRequest.HttpClientRequest,
  millis: number,
  onArmed: (armed: Armed) => void
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> => {
  const { postprocess, preprocess } = client as unknown as Internals
  // A client may send more than once per execution (`HttpClient.retryTransient` runs its request
  // effect again): every request it sends takes the one signal, under the one deadline.
  let deadline: Deadline | undefined
  const arm = (sent: HttpClientRequest.HttpClientRequest) => {
    if (deadline === undefined) {
      deadline = armedFor(millis)
      onArmed(deadline.armed)
    }
    deadline.register(sent)
    return sent
  }
  if (typeof preprocess !== "function" || typeof postprocess !== "function") {
    return Effect.suspend(() => client.execute(arm(request)))
  }
  return postprocess(Effect.map(preprocess(request), arm))
}

let armedCount = 0

/**
 * How many attempts' deadlines are armed right now (for tests: none is left behind).
 *
 * @since 0.1.0
 * @category getters
 */
export const armedDeadlines = (): number => armedCount

interface Deadline {
  readonly armed: Armed
  /** Gives `request` the deadline's signal. */
  readonly register: (request: HttpClientRequest.HttpClientRequest) => void
}

const armedFor = (millis: number): Deadline => {
  const controller = new AbortController()
  const requests: Array<HttpClientRequest.HttpClientRequest> = []
  let taken = false
  let expired = false
  // The platform reads `signal` when it hands the request to its transport: that is how a client is
  // known to take it.
  const scoped = {
    get signal() {
      taken = true
      return controller.signal
    },
    abort: (reason?: unknown) => controller.abort(reason)
  } as AbortController
  armedCount++
  let armed = true
  const timer = setTimeout(() => {
    expired = true
    controller.abort(new Error(`no complete response within ${millis} ms`))
  }, millis)
  return {
    register: (request) => {
      if (!armed) return
      requests.push(request)
      scopedRequests.set(request, scoped)
    },
    armed: {
      expired: () => expired,
      taken: () => taken,
      disarm: (completed) => {
        if (armed) armedCount--
        armed = false
        clearTimeout(timer)
        for (const request of requests) scopedRequests.delete(request)
        // A body not read to its end is released: with its own controller in the table, the platform
        // leaves aborting it to whoever put it there. So are those of the responses a client sent
        // again after (a retried 503's), which nobody reads.
        if ((!completed || requests.length > 1) && !controller.signal.aborted) controller.abort()
      }
    }
  }
}
