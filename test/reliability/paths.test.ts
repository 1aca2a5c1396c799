/**
 * Multi-segment path parameters over a real socket: a hostile file path is refused before sending or
 * arrives, under the template's prefix, as exactly the value given — read back by the router that
 * matches the same template.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Connection from "../../src/core/Connection.js"
import * as Endpoint from "../../src/core/Endpoint.js"
import * as Retry from "../../src/core/Retry.js"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"

const Echo = Schema.Struct({ systemId: Schema.String, filePath: Schema.String })

const Files = {
  get: Endpoint.make({
    name: "agave.Files.get",
    method: "GET",
    path: "/files/v2/media/system/{systemId}/{filePath+}",
    success: Echo,
    errors: ["NotFound"]
  })
}

class Files_ extends Connection.Tag<Files_, Connection.ConnectionOptions>()("test/paths/Files", {
  classifier: () => undefined,
  credentials: () => ({ credentials: Effect.succeed([]), headers: [] }),
  config: Connection.config("PATHS")
}) {}

// Answers what the router read from the path, or 404 for a path the template does not match.
const router = () => {
  const pathnames: Array<string> = []
  const handler: Handler = async (request) => {
    const pathname = new URL(request.url).pathname
    pathnames.push(pathname)
    const params = Files.get.path.match(pathname)
    return params === undefined
      ? new Response(JSON.stringify({ message: "no route" }), { status: 404 })
      : new Response(JSON.stringify(params), { status: 200, headers: { "content-type": "application/json" } })
  }
  return { handler, pathnames }
}

const sent = [
  "dir/sub/file.txt",
  "%2e%2e",
  "%2e%2e/%2e%2e/etc/passwd",
  ".%2e/x",
  "%2E%2E%2Fadmin",
  "a/%2F/b",
  "nul\u0000byte",
  "a/\u0000/b",
  "\\..\\..\\windows",
  "a/b?x=1#y",
  "/home/u/abs.txt",
  "dir/",
  "/",
  "ünï/cødé ✓",
  "..."
]

const refused = ["", ".", "..", "../etc", "a/../../b", "a/./b", "a//b", "//a", "a/..", "x\uD800"]

describe("multi-segment path parameters over a socket", () => {
  it.live("arrive as exactly the value given, under the template's prefix", () =>
    Effect.gen(function*() {
      const { handler, pathnames } = router()
      const server = yield* serve(handler)
      const files = Endpoint.service(yield* Files_.make({ url: `${server.origin}/` }), Files)
      for (const filePath of sent) {
        const echoed = yield* files.get({ systemId: "data.tacc", filePath })
        assert.deepStrictEqual(echoed, { systemId: "data.tacc", filePath }, filePath)
        assert.isTrue(pathnames.at(-1)!.startsWith("/files/v2/media/system/data.tacc/"), pathnames.at(-1))
      }
      assert.strictEqual(pathnames.length, sent.length)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))

  it.live("are refused before sending when they hold dot segments, empty segments or bad Unicode", () =>
    Effect.gen(function*() {
      const { handler, pathnames } = router()
      const server = yield* serve(handler)
      const files = Endpoint.service(yield* Files_.make({ url: server.origin }), Files)
      for (const filePath of refused) {
        const error = yield* Effect.flip(files.get({ systemId: "data.tacc", filePath }))
        assert.strictEqual(error._tag, "InvalidRequest", filePath)
        if (error._tag === "InvalidRequest") assert.strictEqual(error.origin, "client")
      }
      assert.deepStrictEqual(pathnames, [])
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))

  it.live("a 1 MB id ends in a tagged error, not a defect or a hang, and reaches no route", () =>
    Effect.gen(function*() {
      const { handler, pathnames } = router()
      const server = yield* serve(handler)
      const connection = yield* Files_.make({ url: server.origin, retry: Retry.noRetries, timeout: "5 seconds" })
      const files = Endpoint.service(connection, Files)
      const error = yield* Effect.flip(files.get({ systemId: "s", filePath: `${"a".repeat(1 << 20)}/b` }))
      assert.include(["InvalidResponse", "TransportError", "InvalidRequest"], error._tag)
      // Servers refuse such a request line (431 here); the error quotes the URL cut short.
      assert.isBelow(error.message.length, 2100)
      assert.isBelow(error.url!.length, 2100)
      assert.deepStrictEqual(pathnames, [])
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))
})
