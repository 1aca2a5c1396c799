/**
 * What a call runs inside: no transport span, credential headers redacted, no redirect followed.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { ClientState } from "./ClientState.js"

/**
 * Runs a call of `client` with no transport span, its credential headers redacted and redirects not
 * followed; on the SDK's own transport, which does none of these, as it is.
 *
 * @since 0.1.0
 * @category combinators
 */
export const isolated = <A, E>(client: ClientState, self: Effect.Effect<A, E>): Effect.Effect<A, E> => {
  // The SDK's own transport opens no span, propagates no trace context, follows no redirect and runs
  // nobody else's code with the request: nothing to isolate it from.
  if (client.enforcesTimeout) return self
  // No span inside: @effect/platform's clients open an `http.client` span per request whose exit
  // holds the request, its credential headers in clear (redaction applies only inside the fiber, not
  // where an exporter serialises the span), and whose attributes copy response headers a server may
  // fill with anything. A user's own wrapper of the HttpClient gets no span either. Nor is a trace
  // context propagated in the request's headers.
  const quiet = Effect.locallyWith(
    Effect.withTracerEnabled(self, false),
    Headers.currentRedactedNames,
    client.withCredentialHeaders
  )
  return withoutRedirects(quiet)
}

// fetch follows redirects by itself, re-sending credential headers such as api_key to whatever
// origin it is sent to, and turning a redirected POST into a GET. The SDK's calls see the 3xx instead
// (an InvalidResponse naming the Location). Extends any RequestInit visible in the fiber.
const withoutRedirects = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(
    Effect.serviceOption(FetchHttpClient.RequestInit),
    (init) =>
      Effect.provideService(
        self,
        FetchHttpClient.RequestInit,
        Option.isNone(init) ? manualRedirects : { ...init.value, redirect: "manual" }
      )
  )

const manualRedirects: RequestInit = { redirect: "manual" }
