/**
 * A scripted HttpClient for core tests: each request is answered by a function of the request and
 * of how many requests came before, and every request is recorded.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

export interface Seen {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/** What a script answers: a Response, a transport failure, or `"hang"` (never answers). */
export type Reply = Response | { readonly fail: unknown } | "hang"

export interface Fake {
  readonly seen: Array<Seen>
  readonly layer: Layer.Layer<HttpClient.HttpClient>
}

const bodyText = (request: HttpClientRequest.HttpClientRequest): string | undefined => {
  const body = request.body
  if (body._tag === "Uint8Array") return new TextDecoder().decode(body.body)
  if (body._tag === "Raw") return String(body.body)
  return undefined
}

export const fakeHttp = (script: (seen: Seen, index: number) => Reply): Fake => {
  const seen: Array<Seen> = []
  const client = HttpClient.make((request, url) =>
    Effect.suspend(() => {
      const entry: Seen = { method: request.method, url, headers: { ...request.headers }, body: bodyText(request) }
      seen.push(entry)
      const reply = script(entry, seen.length - 1)
      if (reply === "hang") return Effect.never
      if (reply instanceof Response) return Effect.succeed(HttpClientResponse.fromWeb(request, reply))
      return Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: reply.fail }))
    })
  )
  return { seen, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

export const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers })
