/**
 * A core ApiClient authenticated by a refreshing credential, against a scripted resource server that
 * accepts only the bearer tokens it is told are valid, and a refresh effect that counts its calls.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as ApiClient from "../../src/core/ApiClient.js"
import type { Classifier } from "../../src/core/Classify.js"
import * as Credentials from "../../src/core/Credentials.js"
import type { RefreshingOptions, TokenGrant } from "../../src/core/RefreshingCredential.js"
import * as RefreshingCredential from "../../src/core/RefreshingCredential.js"
import { testConfig } from "./client.js"

/** A request the resource server saw: its path and the bearer token it carried. */
export interface Sent {
  readonly path: string
  readonly token: string | undefined
}

/** The server's reply to one request, by default 200 for a valid token and the gateway's 401 fault otherwise. */
export type Reply = (sent: Sent, valid: boolean) => Response | undefined

export const fault = (message = "Invalid Credentials") =>
  new Response(JSON.stringify({ fault: { code: 900901, message, description: "expired or invalid" } }), {
    status: 401,
    headers: { "content-type": "application/json" }
  })

/** The gateway's reading: its fault means a rejected token; any other 401 is a plain `Unauthorized`. */
export const classifier: Classifier = (response) =>
  response.status === 401 && /Invalid Credentials/.test(response.text)
    ? { tag: "Unauthorized", message: "Invalid Credentials", credentialRejected: true }
    : undefined

export interface ResourceServer {
  readonly valid: Set<string>
  readonly sent: Array<Sent>
  readonly httpClient: HttpClient.HttpClient
}

/** `gate`, when given, holds every response until it completes (so all calls meet the same state). */
export const resourceServer = (
  options: { readonly valid?: ReadonlyArray<string>; readonly reply?: Reply; readonly gate?: Effect.Effect<void> } = {}
): ResourceServer => {
  const valid = new Set(options.valid ?? [])
  const sent: Array<Sent> = []
  const httpClient = HttpClient.make((request, url) =>
    Effect.suspend(() => {
      const authorization = request.headers["authorization"]
      const entry: Sent = { path: url.pathname, token: authorization?.replace(/^Bearer /, "") }
      sent.push(entry)
      const ok = entry.token !== undefined && valid.has(entry.token)
      const reply = options.reply?.(entry, ok) ??
        (ok
          ? new Response(JSON.stringify({ path: entry.path, token: entry.token }), {
            status: 200,
            headers: { "content-type": "application/json" }
          })
          : fault())
      return Effect.as(options.gate ?? Effect.void, HttpClientResponse.fromWeb(request, reply))
    })
  )
  return { valid, sent, httpClient }
}

export const Echo = Schema.Struct({ path: Schema.String, token: Schema.String })

/** GET /items/{id}: what the server saw, or Unauthorized. */
export const getItem = (api: ApiClient.ApiClient, id: string | number) =>
  api.execute({ method: "GET", path: ["items", String(id)], success: Echo, errors: ["Unauthorized"] })

/** A refresh that hands out `new-1`, `new-2`, … (each made valid at the server), after `delay`. */
export const counting = (
  server: ResourceServer,
  options: { readonly delay?: Duration.DurationInput; readonly expiresIn?: Duration.DurationInput } = {}
) => {
  const calls: Array<string | undefined> = []
  const refresh = (current: RefreshingCredential.Token | undefined): Effect.Effect<TokenGrant> =>
    Effect.gen(function*() {
      calls.push(current === undefined ? undefined : Redacted.value(current.accessToken))
      if (options.delay !== undefined) yield* Effect.sleep(options.delay)
      const next = `new-token-${calls.length}-0123456789`
      server.valid.add(next)
      return {
        accessToken: Redacted.make(next),
        refreshToken: Redacted.make(`refresh-token-${calls.length}-abcdef`),
        ...(options.expiresIn === undefined ? {} : { expiresIn: options.expiresIn })
      }
    })
  return { calls, refresh }
}

/** An ApiClient on `server` whose credential is a refreshing one built from `options`. */
export const refreshingClient = <E>(server: ResourceServer, options: RefreshingOptions<E>) =>
  Effect.map(RefreshingCredential.make(options), (credential) => ({
    credential,
    api: ApiClient.makeWith(
      server.httpClient,
      testConfig({
        classifier,
        retry: { ...testConfig().retry, maxAttempts: 3 },
        ...Credentials.forPlatform({ platform: "test", auth: credential })
      })
    )
  }))

export const staleToken = {
  accessToken: Redacted.make("stale-token-0123456789"),
  refreshToken: Redacted.make("refresh-token-0-abcdef")
}
