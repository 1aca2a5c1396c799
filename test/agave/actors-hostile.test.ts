/**
 * Abaco's actors against hostile servers on 127.0.0.1: a listing whose pages repeat whatever `skip`
 * says, an HTML page, truncated and deeply nested JSON, a page that claims more than it brings, ids
 * with odd characters, and a server that echoes every request back in its errors. Each ends in a
 * tagged error (or an encoded request), never a defect, a hang, a secret in an error or a span.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { inspect } from "node:util"
import { AgaveActors, withNonce } from "../../src/agave/Actors.js"
import * as Agave from "../../src/agave/Agave.js"
import { serve } from "../../src/testkit/http/serve.js"
import { recordingTracer } from "../helpers/spans.js"

const token = "tok-3f9+/=secret"
const nonce = "TACC-PROD_n0nce+/=&?#%"

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

const envelope = (result: unknown, status = "success") => ({ status, message: "ok", version: "1.9", result })

const actor = (i: number) => ({ id: `actor-${i}`, name: "same", image: "demo/x", owner: "alice" })

const on = (answer: (request: Request, count: number) => Response | string) =>
  Effect.gen(function*() {
    let count = 0
    const seen: Array<string> = []
    const server = yield* serve((request) => {
      seen.push(request.url)
      const answered = answer(request, count++)
      return Promise.resolve(typeof answered === "string" ? new Response(answered) : answered)
    })
    const layer = Agave.layer({ url: server.origin, token: Redacted.make(token), retry: { maxAttempts: 1 } })
    const actors = yield* AgaveActors.pipe(Effect.provide(layer))
    return { actors, requests: () => count, seen }
  })

describe("Abaco's actors against hostile servers", () => {
  it.scoped("a listing whose page repeats whatever skip says: NoProgress, in a bounded number of requests", () =>
    Effect.gen(function*() {
      const page = { _metadata: { count_returned: 100, total_count: 100_000 }, search: [] as Array<unknown> }
      for (let i = 0; i < 100; i++) page.search.push(actor(i))
      const { actors, requests } = yield* on(() => json(envelope(page)))
      let items = 0
      const error = yield* actors.list().pipe(
        Stream.tap(() => Effect.sync(() => items++)),
        Stream.runDrain,
        Effect.flip
      )
      assert.strictEqual(error._tag, "InvalidResponse")
      if (error._tag === "InvalidResponse") assert.strictEqual(error.reason, "NoProgress")
      assert.strictEqual(items, 100)
      assert.isAtMost(requests(), 3)
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("an HTML page, truncated JSON, JSON nested 100,000 deep, a wrong type: InvalidResponse", () =>
    Effect.gen(function*() {
      const deep = "[".repeat(100_000) + "]".repeat(100_000)
      const bodies: ReadonlyArray<() => Response | string> = [
        () => new Response("<html><title>502 Bad Gateway</title></html>", { headers: { "content-type": "text/html" } }),
        () => "{\"status\": \"success\", \"result\": {\"id\": \"a",
        () => `{"status": "success", "result": ${deep}}`,
        () => json(envelope({ id: 42 }))
      ]
      for (const body of bodies) {
        const { actors } = yield* on(body)
        const error = yield* Effect.flip(actors.get({ actorId: "a1" }))
        assert.strictEqual(error._tag, "InvalidResponse")
      }
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("ids with odd characters are sent as one encoded segment, or refused before sending", () =>
    Effect.gen(function*() {
      const { actors, seen } = yield* on(() => json(envelope(actor(1))))
      for (const id of ["../etc", "a/b", "a%2Fb", "x?y#z", "é ✓"]) {
        yield* actors.get({ actorId: id })
        assert.strictEqual(new URL(seen.at(-1)!).pathname, `/actors/v2/${encodeURIComponent(id)}`)
      }
      const refused = yield* Effect.flip(actors.get({ actorId: "\ud800" }))
      assert.strictEqual(refused._tag, "InvalidRequest")
      assert.strictEqual(seen.length, 5)
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("a server that echoes the request back: no token or nonce in any error field or span", () =>
    Effect.gen(function*() {
      const received: Array<string | null> = []
      const echo = (request: Request) => {
        received.push(request.headers.get("authorization"), new URL(request.url).searchParams.get("x-nonce"))
        const sent = { url: request.url, auth: request.headers.get("authorization") }
        return json({ ...envelope(sent, "error"), message: `refused ${request.url} ${sent.auth}` }, 400)
      }
      const { actors } = yield* on(echo)
      const { spans, tracer } = yield* recordingTracer
      const errors = [
        yield* Effect.flip(actors.get({ actorId: "a1" })),
        yield* Effect.flip(actors.get({ actorId: "a1" }).pipe(withNonce(Redacted.make(nonce))))
      ]
      // The tracer sees the calls too.
      yield* Effect.flip(Effect.withTracer(actors.get({ actorId: "a1" }).pipe(withNonce(Redacted.make(nonce))), tracer))
      const texts = [
        ...errors.map((error) => JSON.stringify(error) + String(error) + (error as Error).stack),
        ...spans.map((span) => inspect([...span.attributes], { depth: 10 }) + inspect(span.status, { depth: 10 }))
      ]
      const forms = [token, nonce, encodeURIComponent(nonce), encodeURIComponent(token), "n0nce", "3f9+"]
      for (const text of texts) for (const form of forms) assert.notInclude(text, form)
      assert.isAbove(spans.length, 0)
      // The secrets did reach the server, which sent them back.
      assert.include(received, `Bearer ${token}`)
      assert.include(received, nonce)
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})
