/**
 * Where the undici transport sends a request agrees with the URL parser, on its fast path (URLs
 * split without parsing) and off it: a URL the parser refuses is refused, one it accepts goes to the
 * origin it names. No socket: the dispatcher records what it is asked and sends nothing.
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type * as Undici from "undici"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"

const recording = () => {
  const seen: Array<{ readonly origin: string; readonly path: string }> = []
  const dispatcher = {
    request: (options: { readonly origin: string; readonly path: string }) => {
      seen.push({ origin: String(options.origin), path: options.path })
      return Promise.reject(new Error("recorded, not sent"))
    }
  } as unknown as Undici.Dispatcher
  return { seen, client: UndiciHttpClient.make(dispatcher) }
}

const urls = [
  "http://127.0.0.1:0/x",
  "http://127.0.0.1:1/x",
  "http://127.0.0.1:80/x",
  "http://127.0.0.1:8080/a/b?c=d",
  "http://127.0.0.1:65535/x",
  "http://127.0.0.1:65536/x",
  "http://127.0.0.1:99999/x",
  "http://127.0.0.1:080/x",
  "http://127.0.0.1:00000/x",
  "https://example.org:443/x",
  "http://example.org:/x",
  "http://example.org/x"
]

describe("UndiciHttpClient URLs", () => {
  it.effect("refuses what the URL parser refuses and sends the rest to the origin the parser reads", () =>
    Effect.gen(function*() {
      for (const url of urls) {
        const { client, seen } = recording()
        const error = yield* Effect.flip(client.execute(HttpClientRequest.get(url)))
        const parsed = URL.canParse(url) ? new URL(url) : undefined
        if (parsed === undefined) {
          assert.strictEqual(error.reason, "InvalidUrl", url)
          assert.deepStrictEqual(seen, [], url)
        } else {
          assert.strictEqual(error.reason, "Transport", url)
          assert.strictEqual(seen.length, 1, url)
          // The fast path may keep a default port (":80") that the parser drops: the same origin.
          assert.strictEqual(new URL(seen[0]!.origin).origin, parsed.origin, url)
          assert.strictEqual(seen[0]!.path, parsed.pathname + parsed.search, url)
        }
      }
    }))

  it.effect("ports above 65535 are refused before anything is sent", () =>
    Effect.gen(function*() {
      const { client, seen } = recording()
      for (const port of [65536, 70000, 99999]) {
        const error = yield* Effect.flip(client.execute(HttpClientRequest.get(`http://127.0.0.1:${port}/x`)))
        assert.strictEqual(error.reason, "InvalidUrl")
        assert.match(String(error.cause), /invalid URL/)
      }
      assert.deepStrictEqual(seen, [])
    }))
})
