/**
 * Counts, indexes and sizes are safe integers or the answer is InvalidResponse (SchemaMismatch):
 * `1e400` (which JSON.parse reads as Infinity), a total past 2^53 (which a double cannot hold
 * exactly), a fraction or a negative count. Over a socket, on SCIM listings and flowserv responses.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Numbers from "../../src/core/Numbers.js"
import { Flowserv, Uploads, Workflows } from "../../src/flowserv/index.js"
import { Scim, ScimUsers } from "../../src/scim/index.js"
import { Urn } from "../../src/scim/schemas/Common.js"
import { serve } from "../../src/testkit/http/serve.js"

const unsafe = ["1e400", "-1e400", "9007199254740993", "9007199254740992", "1.5", "-1", "\"3\"", "null"]

describe("Numbers", () => {
  it("Count, Index and Size take safe integers ≥ 0 only; SafeInteger takes either sign", () => {
    for (const schema of [Numbers.Count, Numbers.Index, Numbers.Size, Numbers.SafeInteger]) {
      const decode = Schema.decodeUnknownEither(schema)
      for (const ok of [0, 1, 42, Number.MAX_SAFE_INTEGER]) assert.isTrue(Either.isRight(decode(ok)), String(ok))
      for (const bad of [Infinity, -Infinity, Number.NaN, 2 ** 53, 1.5, -0.5, "1", null]) {
        assert.isTrue(Either.isLeft(decode(bad)), String(bad))
      }
      assert.strictEqual(Either.isRight(decode(-1)), schema === Numbers.SafeInteger)
    }
  })
})

const json = (body: string) => new Response(body, { headers: { "content-type": "application/json" } })

describe("numbers over a socket", () => {
  it.scoped("a SCIM listing with a total that is not a safe count fails with InvalidResponse", () =>
    Effect.gen(function*() {
      for (const total of unsafe) {
        const server = yield* serve(() =>
          Promise.resolve(
            json(`{"schemas":["${Urn.ListResponse}"],"totalResults":${total},"startIndex":1,"Resources":[]}`)
          )
        )
        const users = yield* ScimUsers.pipe(
          Effect.provide(Scim.layer({ url: server.origin, retry: { maxAttempts: 1 } }))
        )
        for (const call of [users.listPage(), Stream.runDrain(users.list())]) {
          const error = yield* Effect.flip(call)
          assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "SchemaMismatch", total)
          assert.include(error.message, "totalResults", total)
        }
      }
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("SCIM startIndex too; itemsPerPage, which the SDK never reads, is no reason to refuse a page", () =>
    Effect.gen(function*() {
      const page = (body: string) =>
        Effect.gen(function*() {
          const server = yield* serve(() => Promise.resolve(json(body)))
          const users = yield* ScimUsers.pipe(
            Effect.provide(Scim.layer({ url: server.origin, retry: { maxAttempts: 1 } }))
          )
          return yield* Effect.either(users.listPage())
        })
      const error = yield* Effect.flip(Effect.flatten(page(`{"totalResults":0,"startIndex":1e400,"Resources":[]}`)))
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "SchemaMismatch")
      assert.include(error.message, "startIndex")
      // Issue 11 §3: a non-finite itemsPerPage reads as absent rather than failing the page.
      const tolerated = yield* Effect.flatten(page(`{"totalResults":0,"itemsPerPage":1e400,"Resources":[]}`))
      assert.strictEqual(tolerated.itemsPerPage, undefined)
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("a flowserv upload size or parameter index that is not a safe integer fails with InvalidResponse", () =>
    Effect.gen(function*() {
      for (const value of unsafe) {
        const server = yield* serve((request) =>
          Promise.resolve(
            new URL(request.url).pathname.startsWith("/api/uploads/")
              ? json(`{"files":[{"id":"f","name":"a.txt","createdAt":"2024-01-01T00:00:00Z","size":${value}}]}`)
              : json(
                `{"id":"w","name":"W","parameters":[{"name":"p","index":${value},"dtype":"string","isRequired":false}]}`
              )
          )
        )
        const layer = Flowserv.layer({ url: `${server.origin}/api`, retry: { maxAttempts: 1 } })
        const [uploads, workflows] = yield* Effect.all([Uploads, Workflows]).pipe(Effect.provide(layer))
        const sizeError = yield* Effect.flip(uploads.list("g"))
        assert.strictEqual(sizeError._tag === "InvalidResponse" && sizeError.reason, "SchemaMismatch", value)
        assert.include(sizeError.message, "size", value)
        // A display order may be negative.
        const indexed = yield* Effect.either(workflows.get("w"))
        if (value === "-1") {
          assert.isTrue(Either.isRight(indexed))
        } else {
          assert.isTrue(Either.isLeft(indexed), value)
          if (Either.isLeft(indexed)) assert.include(indexed.left.message, "index", value)
        }
      }
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})
