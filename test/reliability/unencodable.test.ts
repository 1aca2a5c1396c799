/**
 * A value the SDK cannot encode into a request — a string holding a lone surrogate, in a path
 * segment, a query name or value, a SCIM filter, a multipart name — ends in `InvalidRequest` (origin
 * client) before anything is sent, on every transport, whatever the operation declares: never a
 * defect (percent-encoding throws `URIError`), never a silently altered value (`URLSearchParams` and
 * `TextEncoder` turn lone halves into U+FFFD). Real sockets on 127.0.0.1.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Multipart from "../../src/core/Multipart.js"
import * as Url from "../../src/core/Url.js"
import { FlowservClient, UploadFile, Uploads } from "../../src/flowserv/index.js"
import { Filter, Scim, ScimAuth, ScimUsers } from "../../src/scim/index.js"
import { serve } from "../../src/testkit/http/serve.js"
import { testConfig } from "../helpers/client.js"
import { transports } from "../helpers/transports.js"

// Lone high, lone low, a high at the very end, a pair in the wrong order.
const unencodable = ["a\uD800b", "\uDC00", "x\uDBFF", "\uDC00\uD800"]

const recordingServer = Effect.gen(function*() {
  const urls: Array<string> = []
  const server = yield* serve(async (request) => {
    urls.push(request.url)
    return Response.json({ Resources: [], totalResults: 0, itemsPerPage: 0, startIndex: 1, id: "f", name: "n" })
  })
  return { server, urls }
})

// A failure that is the typed refusal, with nothing sent.
const assertRefused = (exit: Exit.Exit<unknown, unknown>, urls: ReadonlyArray<string>) => {
  assert.isTrue(Exit.isFailure(exit), "expected a failure")
  if (Exit.isFailure(exit)) {
    const failure = exit.cause._tag === "Fail" ? exit.cause.error as { _tag?: string; origin?: string } : undefined
    assert.strictEqual(failure?._tag, "InvalidRequest", String(exit.cause))
    assert.strictEqual(failure?.origin, "client")
  }
  assert.deepStrictEqual(urls, [])
}

for (const transport of transports) {
  describe(`unencodable values over ${transport.name}`, () => {
    it.live("in a path segment, a query value or a query name, even for an operation declaring no InvalidRequest", () =>
      Effect.gen(function*() {
        const { server, urls } = yield* recordingServer
        const client = ApiClient.makeWith(yield* HttpClient.HttpClient, testConfig({ baseUrl: server.origin }))
        const call = (path: ReadonlyArray<string>, query?: Record<string, string>) =>
          Effect.exit(client.execute({ method: "GET", path, query, success: Schema.Unknown, errors: [] }))
        for (const value of unencodable) {
          assertRefused(yield* call(["items", value]), urls)
          assertRefused(yield* call(["items"], { q: value }), urls)
          assertRefused(yield* call(["items"], { [value]: "1" }), urls)
        }
        // Well-formed text beyond the BMP (a surrogate pair) goes through intact.
        yield* client.execute({
          method: "GET",
          path: ["items", "😀"],
          query: { q: "😀" },
          success: Schema.Unknown,
          errors: []
        })
        assert.strictEqual(urls.length, 1)
        const url = new URL(urls[0]!)
        assert.strictEqual(decodeURIComponent(url.pathname), "/items/😀")
        assert.strictEqual(url.searchParams.get("q"), "😀")
      }).pipe(Effect.scoped, Effect.provide(transport.layer)))

    it.live("in a SCIM filter: a raw text is refused, a literal is sent JSON-escaped, unaltered", () =>
      Effect.gen(function*() {
        const { server, urls } = yield* recordingServer
        const run = <A, E>(self: Effect.Effect<A, E, Scim.Services>) =>
          Effect.provide(
            self,
            Scim.layer({ url: server.origin, auth: ScimAuth.bearer(Redacted.make("t0ken")), retry: { maxAttempts: 1 } })
          )
        for (const value of unencodable) {
          const raw = yield* Effect.exit(run(Effect.flatMap(ScimUsers, (users) => users.listPage({ filter: value }))))
          assertRefused(raw, urls)
          const streamed = yield* Effect.exit(
            run(Effect.flatMap(ScimUsers, (users) => Stream.runDrain(users.list({ filter: `userName eq "${value}"` }))))
          )
          assertRefused(streamed, urls)
        }
        yield* run(Effect.flatMap(ScimUsers, (users) => users.listPage({ filter: Filter.eq("userName", "a\uD800b") })))
        assert.strictEqual(urls.length, 1)
        // The literal's lone surrogate travels as a JSON escape: the server reads back the same string.
        const filter = new URL(urls[0]!).searchParams.get("filter")!
        assert.strictEqual(filter, "userName eq \"a\\ud800b\"")
        assert.strictEqual(JSON.parse(filter.slice("userName eq ".length)), "a\uD800b")
      }).pipe(Effect.scoped, Effect.provide(transport.layer)))

    it.live("in an upload's file name or content type", () =>
      Effect.gen(function*() {
        const { server, urls } = yield* recordingServer
        const uploads = yield* Uploads.make.pipe(
          Effect.provide(FlowservClient.layer({ url: server.origin, token: Redacted.make("t0ken") }))
        )
        for (const value of unencodable) {
          assertRefused(yield* Effect.exit(uploads.upload("g", UploadFile.fromBytes(value, "x"))), urls)
        }
        for (const contentType of ["text/plain\r\nX-Evil: 1", "text/plain\u0000", "text/\u2603"]) {
          assertRefused(yield* Effect.exit(uploads.upload("g", UploadFile.fromBytes("a.txt", "x", contentType))), urls)
        }
      }).pipe(Effect.scoped, Effect.provide(transport.layer)))
  })
}

describe("the encoders themselves", () => {
  it("Url.isWellFormed finds every lone half and accepts every pair", () => {
    for (const value of unencodable) assert.isFalse(Url.isWellFormed(value), JSON.stringify(value))
    for (const value of ["", "plain", "ünï", "😀", "a😀b", "\uD83D\uDE00"]) assert.isTrue(Url.isWellFormed(value))
  })

  it("Url.buildUrl and Url.encodeSegment return the refusal, never throw", () => {
    for (const value of unencodable) {
      assert.isTrue(Either.isLeft(Url.encodeSegment(value)))
      assert.isTrue(Either.isLeft(Url.buildUrl("http://h", [value])))
      assert.isTrue(Either.isLeft(Url.buildUrl("http://h", ["x"], { q: value })))
      assert.isTrue(Either.isLeft(Url.buildUrl("http://h", ["x"], { [value]: 1 })))
    }
  })

  it("Multipart.validate refuses lone surrogates in names, file names and values, and bad content types", () => {
    const file = { _tag: "File", name: "file", filename: "a.txt", content: new Uint8Array(0) } as const
    assert.isTrue(Either.isRight(Multipart.validate([file, { _tag: "Field", name: "ü😀", value: "😀" }])))
    for (const value of unencodable) {
      assert.isTrue(Either.isLeft(Multipart.validate([{ ...file, name: value }])))
      assert.isTrue(Either.isLeft(Multipart.validate([{ ...file, filename: value }])))
      assert.isTrue(Either.isLeft(Multipart.validate([{ _tag: "Field", name: "f", value }])))
    }
    assert.isTrue(Either.isLeft(Multipart.validate([{ ...file, contentType: "a\nb" }])))
  })
})
