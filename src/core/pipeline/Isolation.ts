/**
 * What a call runs inside: no transport span, credential headers redacted, no redirect followed.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as FiberId from "effect/FiberId"
import * as FiberRef from "effect/FiberRef"
import * as FiberRefs from "effect/FiberRefs"
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
  // The fiber's references are set for the call in one step, and put back as they were in one step
  // however it ends: two `Effect.locally`s and a provided service took about sixty steps of the
  // runtime a call on NodeHttpClient (219 steps against 161 now; 192 for the same call by hand).
  // What runs inside is the call: the SDK's pipeline, the transport, the credentials' effect. Nothing
  // of theirs set in the fiber's references outlives the call.
  return Effect.uninterruptibleMask((restore) =>
    Effect.withFiberRuntime<A, E>((fiber) => {
      const saved = fiber.getFiberRefs()
      return Effect.zipRight(
        Effect.updateFiberRefs((fiberId, refs) => quiet(client, fiberId, refs)),
        Effect.onExit(restore(self), () => Effect.updateFiberRefs(() => saved))
      )
    })
  )
}

// The fiber's references for a call on one of the platform's clients:
// - No span inside: @effect/platform's clients open an `http.client` span per request whose exit holds
//   the request, its credential headers in clear (redaction applies only inside the fiber, not where
//   an exporter serialises the span), and whose attributes copy response headers a server may fill
//   with anything. A user's own wrapper of the HttpClient gets no span either. Nor is a trace context
//   propagated in the request's headers.
// - The client's credential headers added to the names the platform redacts.
// - No redirect followed: fetch follows them by itself, re-sending credential headers such as api_key
//   to whatever origin it is sent to, and turning a redirected POST into a GET. The SDK's calls see
//   the 3xx instead (an InvalidResponse naming the Location). Extends any RequestInit in the fiber.
const quiet = (client: ClientState, fiberId: FiberId.Single, refs: FiberRefs.FiberRefs): FiberRefs.FiberRefs => {
  const context = FiberRefs.getOrDefault(refs, FiberRef.currentContext)
  const init = Context.getOption(context, FetchHttpClient.RequestInit)
  const redirects = Option.isNone(init) ? manualRedirects : { ...init.value, redirect: "manual" as const }
  const redacted = client.withCredentialHeaders(FiberRefs.getOrDefault(refs, Headers.currentRedactedNames))
  return FiberRefs.updateManyAs(refs, {
    entries: [
      [FiberRef.currentTracerEnabled, [[fiberId, false]]],
      [Headers.currentRedactedNames, [[fiberId, redacted]]],
      [FiberRef.currentContext, [[fiberId, Context.add(context, FetchHttpClient.RequestInit, redirects)]]]
    ]
  })
}

const manualRedirects: RequestInit = { redirect: "manual" }
