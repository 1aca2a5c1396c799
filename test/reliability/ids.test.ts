/**
 * Hostile ids stay inside their own path segment, over a real socket; ids that cannot be a segment
 * are refused before anything is sent.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"

const recordingServer = () => {
  const paths: Array<string> = []
  const api = syntheticApi({ total: 10 })
  const handler: Handler = (request) => {
    paths.push(new URL(request.url).pathname)
    return api.handler(request)
  }
  return { paths, handler }
}

const hostile = [
  "../admin",
  "item-1/../../admin",
  "%2F",
  "a/b",
  "?limit=1000000",
  "#fragment",
  "item-1?x=1",
  "ünïcødé-✓",
  "..%2F",
  " ",
  "\\windows\\path",
  "item-1;param"
]

describe("hostile ids", () => {
  it.live("never change the request path outside their segment", () =>
    Effect.gen(function*() {
      const { handler, paths } = recordingServer()
      const server = yield* serve(handler)
      const client = yield* makeSyntheticClient({ url: `${server.origin}/` })
      for (const id of hostile) {
        const error = yield* Effect.flip(client.get(id))
        // The synthetic API answers "no such route" for any path but /items/{one segment}.
        assert.strictEqual(error._tag, "NotFound", id)
        assert.strictEqual(error.message, "unknown item", id)
        const path = paths.at(-1)!
        const segments = path.split("/").filter((segment) => segment.length > 0)
        assert.deepStrictEqual(segments.length, 2, path)
        assert.strictEqual(segments[0], "items")
        assert.strictEqual(decodeURIComponent(segments[1]!), id)
      }
      assert.strictEqual(paths.length, hostile.length)
      // A well-formed id still works.
      assert.strictEqual((yield* client.get("item-3")).index, 3)
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))

  it.live("empty, `.` and `..` fail with InvalidRequest before sending", () =>
    Effect.gen(function*() {
      const { handler, paths } = recordingServer()
      const server = yield* serve(handler)
      const client = yield* makeSyntheticClient({ url: server.origin })
      for (const id of ["", ".", ".."]) {
        const error = yield* Effect.flip(client.get(id))
        assert.strictEqual(error._tag, "InvalidRequest")
        if (error._tag === "InvalidRequest") assert.strictEqual(error.origin, "client")
      }
      assert.deepStrictEqual(paths, [])
    }).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))
})
