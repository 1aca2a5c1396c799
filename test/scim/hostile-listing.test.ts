/**
 * Hostile SCIM servers over real sockets: a proxy on 127.0.0.1 in front of a real implementation
 * (the ODM test server, SCIMMY) rewrites listings so the server repeats itself: the same page
 * whatever `startIndex` says (echoed back, with a total always ahead), or a loop between two pages,
 * or `startIndex` ignored outright. The listing must end with `InvalidResponse` (`NoProgress`)
 * naming the page's URL after the resources that were new, on every transport, instead of asking
 * for pages forever. Streams are capped so a regression fails instead of running on.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { Odm, Scim, ScimAuth, ScimGroups } from "../../src/scim/index.js"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { OdmTestServer } from "../../src/testkit/scim/OdmTestServer.js"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"
import { collect, scimmyToken } from "../helpers/scim.js"
import { scimmy } from "../helpers/scimmy.js"

const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient", NodeHttpClient.layer],
  ["UndiciHttpClient", UndiciHttpClient.layer]
]

type Mode = "same page, startIndex echoed" | "two pages in turn" | "startIndex ignored"

interface Hostile {
  readonly handler: Handler
  /** The listing requests the proxy received. */
  readonly listings: () => number
}

// In front of `upstream`: every group listing is answered as `mode` says; everything else passes.
const hostile = (upstream: Handler, mode: Mode): Hostile => {
  let listings = 0
  const handler: Handler = async (request) => {
    const url = new URL(request.url)
    if (request.method !== "GET" || !url.pathname.endsWith("/Groups")) return upstream(request)
    listings++
    const asked = Number(url.searchParams.get("startIndex") ?? "1")
    const count = Number(url.searchParams.get("count") ?? "2")
    const served = new URL(url)
    served.searchParams.set("startIndex", mode === "two pages in turn" && listings % 2 === 0 ? String(1 + count) : "1")
    const response = await upstream(new Request(served, { headers: request.headers }))
    const body = await response.json() as Record<string, unknown>
    const rewritten = mode === "startIndex ignored"
      ? { ...body, startIndex: 1, totalResults: asked + 1000 }
      : { ...body, startIndex: asked, totalResults: asked + 1000 }
    return new Response(JSON.stringify(rewritten), {
      status: response.status,
      headers: { "content-type": response.headers.get("content-type") ?? "application/scim+json" }
    })
  }
  return { handler, listings: () => listings }
}

const cases: ReadonlyArray<
  readonly [Mode, { readonly requests: number; readonly streamed: number; readonly message: RegExp }]
> = [
  ["same page, startIndex echoed", { requests: 2, streamed: 2, message: /startIndex 3 brought nothing new/ }],
  ["two pages in turn", { requests: 3, streamed: 4, message: /startIndex 5 brought nothing new/ }],
  ["startIndex ignored", {
    requests: 2,
    streamed: 2,
    message: /asked for the page at startIndex 3, received the one at 1/
  }]
]

// Creates five groups through the proxy, then lists them two at a time.
const listThroughProxy = Effect.gen(function*() {
  const groups = yield* ScimGroups
  for (let i = 0; i < 5; i++) yield* groups.create({ displayName: `Hostile ${i}` })
  const received: Array<string> = []
  const error = yield* Stream.take(groups.list({ pageSize: 2 }), 1000).pipe(
    Stream.runForEach((group) => Effect.sync(() => received.push(group.id))),
    Effect.flip
  )
  return { error, received }
})

const check = (
  outcome: { readonly error: { readonly _tag: string }; readonly received: ReadonlyArray<string> },
  proxy: { readonly origin: string; readonly listings: () => number },
  basePath: string,
  expected: { readonly requests: number; readonly streamed: number; readonly message: RegExp }
) => {
  const error = outcome.error as { _tag: string; reason?: string; url?: string; message: string }
  assert.strictEqual(error._tag, "InvalidResponse")
  assert.strictEqual(error.reason, "NoProgress")
  assert.match(error.message, expected.message)
  const startIndex = expected.requests === 3 ? 5 : 3
  assert.strictEqual(error.url, `${proxy.origin}${basePath}/Groups?startIndex=${startIndex}&count=2`)
  assert.strictEqual(proxy.listings(), expected.requests)
  assert.strictEqual(outcome.received.length, expected.streamed)
  assert.strictEqual(new Set(outcome.received).size, outcome.received.length, "a group was streamed twice")
}

describe("a hostile proxy in front of the ODM test server", () => {
  for (const [transport, layer] of transports) {
    for (const [mode, expected] of cases) {
      it.effect(`${transport}, ${mode}: InvalidResponse after ${expected.requests} listing requests`, () =>
        Effect.gen(function*() {
          const odm = yield* OdmTestServer
          const proxy = hostile(odm.handler, mode)
          const served = yield* serve(proxy.handler)
          const outcome = yield* listThroughProxy.pipe(
            Effect.provide(
              Odm.layer({ host: served.origin, token: Redacted.make("odm-admin-token"), retry: { maxAttempts: 1 } })
                .pipe(Layer.provide(layer))
            )
          )
          check(outcome, { origin: served.origin, listings: proxy.listings }, Odm.basePath, expected)
        }).pipe(Effect.scoped, Effect.provide(OdmTestServer.layer()), Effect.timeout("20 seconds")))
    }
  }
})

describe("a hostile proxy in front of SCIMMY", () => {
  for (const [mode, expected] of cases) {
    it.effect(`${mode}: InvalidResponse after ${expected.requests} listing requests`, () =>
      Effect.gen(function*() {
        const real = yield* scimmy({ type: "bearer", token: scimmyToken })
        const upstream: Handler = async (request) => {
          const url = new URL(request.url)
          const target = real.url.replace(/\/scim\/v2$/, "") + url.pathname + url.search
          const body = request.method === "GET" ? undefined : await request.arrayBuffer()
          // Only the headers that mean something end to end: no hop-by-hop ones.
          const pick = (headers: Headers, names: ReadonlyArray<string>) =>
            names.flatMap((name) => {
              const value = headers.get(name)
              return value === null ? [] : [[name, value] as [string, string]]
            })
          const response = await fetch(target, {
            method: request.method,
            headers: pick(request.headers, ["authorization", "content-type", "accept"]),
            ...(body === undefined ? {} : { body })
          })
          return new Response(await response.arrayBuffer(), {
            status: response.status,
            headers: pick(response.headers, ["content-type", "location", "etag"])
          })
        }
        const proxy = hostile(upstream, mode)
        const served = yield* serve(proxy.handler)
        const outcome = yield* listThroughProxy.pipe(
          Effect.provide(
            Scim.layer({
              url: `${served.origin}/scim/v2`,
              auth: ScimAuth.bearer(Redacted.make(scimmyToken)),
              retry: { maxAttempts: 1 }
            }).pipe(Layer.provide(FetchHttpClient.layer))
          )
        )
        check(outcome, { origin: served.origin, listings: proxy.listings }, "/scim/v2", expected)
      }).pipe(Effect.scoped, Effect.timeout("20 seconds")))
  }

  it.effect("without the proxy, SCIMMY's own listing is followed to its end", () =>
    Effect.gen(function*() {
      const real = yield* scimmy({ type: "bearer", token: scimmyToken })
      const ids = yield* Effect.gen(function*() {
        const groups = yield* ScimGroups
        for (let i = 0; i < 5; i++) yield* groups.create({ displayName: `Fine ${i}` })
        return yield* collect(Stream.map(groups.list({ pageSize: 2, prefetch: true }), (g) => g.id))
      }).pipe(
        Effect.provide(
          Scim.layer({ url: real.url, auth: ScimAuth.bearer(Redacted.make(scimmyToken)), retry: { maxAttempts: 1 } })
            .pipe(Layer.provide(FetchHttpClient.layer))
        )
      )
      assert.strictEqual(new Set(ids).size, 5)
      assert.deepStrictEqual([...real.store.Groups.keys()].sort(), [...ids].sort())
    }).pipe(Effect.scoped, Effect.timeout("20 seconds")))
})
