/**
 * A nonce in the query (`Credentials.query`, Agave's `withNonce`) against servers that echo the
 * request's URL back every way — in an error body (verbatim, percent-encoded, JSON, base64), in a
 * redirect's `Location`, or by cutting the connection or stalling — over real sockets, on every
 * transport: it is sent, and found in no error field, span or log line.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { Buffer } from "node:buffer"
import { inspect } from "node:util"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Credentials from "../../src/core/Credentials.js"
import * as Retry from "../../src/core/Retry.js"
import { serve } from "../../src/testkit/http/serve.js"
import { testConfig } from "../helpers/client.js"
import { leakIn } from "../helpers/leaks.js"
import { renderEverything, serialisingTracer } from "../helpers/spans.js"
import { undiciLayer } from "../helpers/transports.js"

const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient", NodeHttpClient.layer],
  ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici],
  ["UndiciHttpClient", undiciLayer()]
]

const token = "tok-Vr1xEaXbLrBMKq9w"

// Characters a URL must encode, and ones it may leave alone.
const nonces = ["TACC-PROD_4b1f9Zq0xK7mQp2", "n0nce+/=&?#% é~'!*()Zq0xK7"]

const echoes = (url: string): string => {
  const b64 = Buffer.from(url).toString("base64")
  return JSON.stringify({
    message: `bad request ${url} / ${decodeURIComponent(url)} / ${decodeURI(url)} / ${b64}`,
    search: new URL(url).searchParams.get("x-nonce")
  })
}

// The path decides how the server answers; each answer echoes the URL it was sent.
const hostile = (received: Array<string>) => (request: Request): Promise<Response> => {
  const url = new URL(request.url)
  received.push(url.searchParams.get("x-nonce") ?? "")
  switch (url.pathname) {
    case "/redirect":
      return Promise.resolve(
        new Response(null, { status: 302, headers: { location: `/echo${url.search}` } })
      )
    case "/stall":
      return new Promise(() => {})
    default:
      return Promise.resolve(new Response(echoes(request.url), { status: 400, headers: { "x-echo": request.url } }))
  }
}

const get = (path: string) =>
  ({ method: "GET", path: [path], success: Schema.Unknown, errors: ["InvalidRequest"] }) as const

describe("a nonce in the query, against servers that echo the URL", () => {
  for (const [name, layer] of transports) {
    it.live(`${name}: no error, span or log line holds the nonce, in any form`, () =>
      Effect.gen(function*() {
        const received: Array<string> = []
        const server = yield* serve(hostile(received))
        const { log, tracer } = yield* serialisingTracer
        const lines: Array<string> = []
        const logger = Logger.make(({ annotations, cause, message }) => {
          lines.push(inspect({ message, cause, annotations }, { depth: Infinity }))
        })
        const client = ApiClient.makeWith(
          yield* HttpClient.HttpClient,
          testConfig({
            ...Credentials.forPlatform({ platform: "agave", auth: Credentials.bearer(Redacted.make(token)) }),
            baseUrl: server.origin,
            timeout: "300 millis",
            retry: Retry.policy({ jitter: false, baseDelay: "10 millis", maxAttempts: 2 })
          })
        )
        for (const nonce of nonces) {
          for (const path of ["echo", "redirect", "stall"]) {
            const error = yield* Effect.flip(
              Effect.withSpan(client.execute(get(path)), "test.call").pipe(
                Credentials.withAuth("agave", Credentials.query("x-nonce", Redacted.make(nonce))),
                Effect.withTracer(tracer),
                Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
                Effect.withLogSpan("call")
              )
            )
            // Sent as it is, and the error is the one the answer calls for.
            assert.strictEqual(received.at(-1), nonce)
            assert.strictEqual(
              error._tag,
              { echo: "InvalidRequest", redirect: "InvalidResponse", stall: "RequestTimeout" }[path]
            )
            const texts = [
              JSON.stringify(error),
              inspect(error, { depth: Infinity, showHidden: true }),
              String(error),
              error.message,
              ...renderEverything(log),
              ...lines
            ]
            for (const text of texts) {
              const leak = leakIn(text, nonce)
              assert.isUndefined(leak, `${path}: ${leak} in ${text.slice(0, 400)}`)
              assert.isUndefined(leakIn(text, token), `${path}: the token in ${text.slice(0, 400)}`)
            }
          }
        }
      }).pipe(Effect.scoped, Effect.provide(layer)))
  }
})
