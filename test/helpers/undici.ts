/**
 * The SDK's undici transport on an agent of its own, against a test server on 127.0.0.1: requests
 * sent straight to the transport under a deadline, as the SDK's pipeline sends them.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { Agent } from "undici"
import * as TransportTimeout from "../../src/core/TransportTimeout.js"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"

/** An undici `Agent` (or one of a subclass), destroyed with the scope. */
export const scopedAgent = <A extends Agent>(
  make: () => A = () => new Agent() as A
): Effect.Effect<A, never, Scope.Scope> =>
  Effect.acquireRelease(Effect.sync(make), (agent) => Effect.promise(() => agent.destroy()))

/** A GET of a path, sent straight to the transport under a deadline (to the last byte by default). */
export type Send = (
  path: string,
  deadline?: TransportTimeout.Deadline
) => Effect.Effect<HttpClientResponse.HttpClientResponse, unknown>

/** `handler` served on 127.0.0.1, and the transport on an agent of its own to send to it. */
export const undiciAgainst = (handler: Handler) =>
  Effect.gen(function*() {
    const server = yield* serve(handler)
    const client: HttpClient.HttpClient = UndiciHttpClient.make(yield* scopedAgent())
    const send: Send = (path, deadline = { millis: 10_000, includesBody: true }) =>
      TransportTimeout.executeWithin(client, HttpClientRequest.get(`${server.origin}${path}`), deadline)
    return { ...server, client, send }
  })

/** A response of exactly these bytes, its length declared, as most real servers send small JSON. */
export const exactly = (body: Uint8Array<ArrayBuffer> | string, init: ResponseInit = {}) => {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body
  return new Response(bytes, {
    ...init,
    headers: { ...init.headers as Record<string, string>, "content-length": String(bytes.length) }
  })
}

/** Every answer of `handler` with its length declared (see {@link exactly}). */
export const declaringLengths = (handler: Handler): Handler => async (request) => {
  const response = await handler(request)
  if (response.body === null) return response
  const headers = Object.fromEntries(response.headers)
  return exactly(new Uint8Array(await response.arrayBuffer()), {
    status: response.status,
    statusText: response.statusText,
    headers
  })
}
