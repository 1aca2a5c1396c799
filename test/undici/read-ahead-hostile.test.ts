/**
 * Hostile answers on the undici transport's read-ahead path (the body's length declared, all of it
 * come with the headers): an HTML page, JSON nested deep or cut short, a listing whose pages repeat,
 * a server echoing the request's credential, and ids with odd characters. Each ends in a typed error
 * or the right answer, never a defect; no secret shows in any error, log line or span.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticItem } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"
import { recording, textsOf } from "../helpers/capture.js"

const token = "tok-3f9c\u00e9-SECRET-7d1a"

// Every answer with its length declared, as real servers send JSON: the read-ahead path.
const declared = (status: number, body: string, contentType = "application/json") => {
  const bytes = new TextEncoder().encode(body)
  return Promise.resolve(
    new Response(bytes, { status, headers: { "content-type": contentType, "content-length": String(bytes.length) } })
  )
}

const handler: Handler = (request) => {
  const url = new URL(request.url)
  const name = decodeURIComponent(url.pathname.slice("/items/".length))
  if (url.pathname === "/items") {
    // Every page is the first page again: a listing that never ends.
    return declared(200, JSON.stringify({ items: [syntheticItem(0), syntheticItem(1)], total: 1_000_000 }))
  }
  switch (name) {
    case "html":
      return declared(200, "<!doctype html><html><body>Sign in</body></html>", "text/html")
    case "html-502":
      return declared(502, "<html><body>Bad gateway</body></html>", "text/html")
    case "deep":
      return declared(200, "[".repeat(20_000) + "]".repeat(20_000))
    case "truncated":
      return declared(200, "{\"id\":\"x\",\"index\":1,\"na")
    case "echo":
      // Echoes the credential it was sent, in the body of an error.
      return declared(500, JSON.stringify({ error: `bad token ${request.headers.get("authorization")}` }))
    default:
      return declared(200, JSON.stringify({ id: name, index: 7, name: "odd" }))
  }
}

describe("hostile answers on the undici transport's read-ahead path", () => {
  it.live("typed errors or the right answer, never a defect, and no secret anywhere", () =>
    Effect.gen(function*() {
      const server = yield* serve(handler)
      const [outcomes, recorded] = yield* recording(Effect.gen(function*() {
        const client = yield* makeSyntheticClient({
          url: server.origin,
          token: Redacted.make(token),
          retry: { maxAttempts: 2, baseDelay: "1 millis", maxDelay: "2 millis" }
        })
        const calls = {
          html: client.get("html"),
          "html-502": client.get("html-502"),
          deep: client.get("deep"),
          truncated: client.get("truncated"),
          echo: client.get("echo"),
          repeating: Stream.runDrain(client.list(2)),
          odd: client.get("a b/é?&#%00\u202e")
        }
        const exits: Record<string, Exit.Exit<unknown, unknown>> = {}
        for (const [name, call] of Object.entries(calls)) {
          exits[name] = yield* Effect.exit(call as Effect.Effect<unknown, unknown>)
        }
        return exits
      }))
      const errors: Array<unknown> = []
      const tags: Record<string, string> = {}
      for (const [name, exit] of Object.entries(outcomes)) {
        if (Exit.isSuccess(exit)) {
          tags[name] = "Success"
          continue
        }
        assert.isFalse(Cause.isDie(exit.cause), `${name}: ${Cause.pretty(exit.cause)}`)
        const failure = Cause.failureOption(exit.cause)
        assert.strictEqual(failure._tag, "Some", name)
        if (failure._tag === "Some") {
          errors.push(failure.value)
          tags[name] = (failure.value as { readonly _tag: string })._tag
        }
      }
      assert.deepStrictEqual(tags, {
        html: "InvalidResponse",
        "html-502": "ServerError",
        deep: "InvalidResponse",
        truncated: "InvalidResponse",
        echo: "ServerError",
        repeating: "InvalidResponse",
        odd: "Success"
      })
      for (const text of textsOf(errors, recorded)) assert.notInclude(text, token)
      assert.isAbove(recorded.spans.length, 6)
      assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
    }).pipe(Effect.scoped, Effect.provide(UndiciHttpClient.layer)), 30_000)
})
