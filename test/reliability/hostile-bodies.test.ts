/**
 * Bodies built to break a parser or a formatter — nested thousands of levels deep, numbers JSON can
 * write but a double cannot hold — end in a typed error on every transport, over a real socket:
 * success bodies, error bodies and listing pages alike. Never a defect, never a stream that dies.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as ApiClient from "../../src/core/ApiClient.js"
import type { SdkError } from "../../src/core/Errors.js"
import * as Retry from "../../src/core/Retry.js"
import { Scim, ScimUsers } from "../../src/scim/index.js"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticItem } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import { testConfig } from "../helpers/client.js"
import { transports } from "../helpers/transports.js"

const deepArrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth)
const deepObjects = (depth: number) => "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)

// Bodies by name; `/items/<name>` answers one with status 200, `/items/status-<code>-<name>` with
// that status, and the listing's second page is the body named by `?page2=`.
const bodies: Record<string, string> = {
  "arrays-3000": deepArrays(3_000),
  "objects-3000": deepObjects(3_000),
  "arrays-200000": deepArrays(200_000),
  "objects-200000": deepObjects(200_000),
  "item-in-deep-field": JSON.stringify({ id: "x", index: 1, name: "n" }).replace("\"n\"", deepArrays(3_000)),
  "index-1e400": "{\"id\":\"x\",\"index\":1e400,\"name\":\"n\"}",
  "index-2^53+1": "{\"id\":\"x\",\"index\":9007199254740993,\"name\":\"n\"}",
  "index-1.5": "{\"id\":\"x\",\"index\":1.5,\"name\":\"n\"}",
  "total-1e400": `{"items":[],"total":1e400}`,
  "total-2^53+1": `{"items":[],"total":9007199254740993}`
}

// `/items` is a listing of 4 whose first page is fine and whose second is the body named `page2`.
const handler = (page2 = ""): Handler => (request) => {
  const url = new URL(request.url)
  const respond = (status: number, body: string) =>
    Promise.resolve(new Response(body, { status, headers: { "content-type": "application/json" } }))
  if (url.pathname === "/items") {
    const offset = Number(url.searchParams.get("offset"))
    if (offset === 0) return respond(200, JSON.stringify({ items: [syntheticItem(0), syntheticItem(1)], total: 4 }))
    return respond(200, bodies[page2] ?? "{}")
  }
  const name = decodeURIComponent(url.pathname.slice("/items/".length))
  const status = /^status-(\d{3})-(.*)$/.exec(name)
  return status === null ? respond(200, bodies[name] ?? "{}") : respond(Number(status[1]), bodies[status[2]!] ?? "{}")
}

// What a call ended in: its typed error, or the test fails on any defect or success.
const typedError = <A>(effect: Effect.Effect<A, SdkError>) =>
  Effect.flatMap(Effect.exit(effect), (exit) => {
    if (Exit.isSuccess(exit)) return Effect.dieMessage("expected a failure")
    const failure = Cause.failureOption(exit.cause)
    if (failure._tag === "None") return Effect.dieMessage(`expected a typed error, got ${Cause.pretty(exit.cause)}`)
    return Effect.succeed(failure.value)
  })

describe.each(transports.map((t) => [t.name, t.layer] as const))("hostile bodies on %s", (_name, transport) => {
  const setup = Effect.gen(function*() {
    const server = yield* serve(handler())
    return yield* makeSyntheticClient({ url: server.origin, retry: Retry.noRetries, timeout: "10 seconds" })
  })

  it.scoped(
    "a success body nested deep is InvalidResponse (SchemaMismatch), with short texts",
    () =>
      Effect.gen(function*() {
        const client = yield* setup
        for (const name of ["arrays-3000", "objects-3000", "arrays-200000", "objects-200000", "item-in-deep-field"]) {
          const error = yield* typedError(client.get(name))
          assert.strictEqual(error._tag, "InvalidResponse", name)
          assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "SchemaMismatch", name)
          assert.isAtMost(error.message.length, 1_000, name)
          assert.isAtMost(error.excerpt?.length ?? 0, 201, name)
          assert.isAtMost(JSON.stringify(error).length, 2_000, name)
        }
      }).pipe(Effect.provide(transport)),
    30_000
  )

  it.scoped("an error body nested deep is still the status's error", () =>
    Effect.gen(function*() {
      const client = yield* setup
      for (const name of ["arrays-3000", "objects-200000"]) {
        assert.strictEqual((yield* typedError(client.get(`status-500-${name}`)))._tag, "ServerError", name)
        assert.strictEqual((yield* typedError(client.get(`status-404-${name}`)))._tag, "NotFound", name)
        assert.strictEqual((yield* typedError(client.get(`status-400-${name}`)))._tag, "InvalidRequest", name)
      }
    }).pipe(Effect.provide(transport)), 30_000)

  it.scoped(
    "a listing whose second page is nested deep fails the stream with InvalidResponse, after the first",
    () =>
      Effect.gen(function*() {
        for (const page2 of ["arrays-3000", "objects-200000", "total-1e400", "total-2^53+1"]) {
          const server = yield* serve(handler(page2))
          const client = yield* makeSyntheticClient({ url: server.origin, retry: Retry.noRetries })
          const seen: Array<string> = []
          const stream = client.list(2).pipe(Stream.tap((item) => Effect.sync(() => seen.push(item.id))))
          const error = yield* typedError(Stream.runDrain(stream))
          assert.strictEqual(error._tag, "InvalidResponse", page2)
          assert.deepStrictEqual(seen, ["item-0", "item-1"], page2)
        }
      }).pipe(Effect.provide(transport)),
    30_000
  )

  it.scoped(
    "a SCIM listing whose second page is nested deep fails its stream with InvalidResponse",
    () =>
      Effect.gen(function*() {
        const server = yield* serve((request) => {
          const startIndex = Number(new URL(request.url).searchParams.get("startIndex") ?? "1")
          const body = startIndex === 1
            ? JSON.stringify({
              totalResults: 4,
              startIndex: 1,
              Resources: [{ id: "u1", userName: "a" }, { id: "u2", userName: "b" }]
            })
            : `{"totalResults":4,"startIndex":3,"Resources":[${deepObjects(100_000)}]}`
          return Promise.resolve(new Response(body, { headers: { "content-type": "application/scim+json" } }))
        })
        const users = yield* ScimUsers.pipe(
          Effect.provide(Scim.layer({ url: server.origin, retry: { maxAttempts: 1 } }))
        )
        const seen: Array<string> = []
        const error = yield* typedError(
          Stream.runForEach(users.list({ pageSize: 2 }), (user) => Effect.sync(() => seen.push(user.id)))
        )
        assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "SchemaMismatch")
        assert.deepStrictEqual(seen, ["u1", "u2"])
      }).pipe(Effect.provide(transport)),
    30_000
  )

  it.scoped("counts and indexes that are not safe integers are SchemaMismatch", () =>
    Effect.gen(function*() {
      const client = yield* setup
      for (const name of ["index-1e400", "index-2^53+1", "index-1.5"]) {
        const error = yield* typedError(client.get(name))
        assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "SchemaMismatch", name)
        assert.include(error.message, "[\"index\"]", name)
      }
    }).pipe(Effect.provide(transport)), 30_000)

  it.scoped(
    "a recursive schema of the caller's own, on a body deeper than the stack, is InvalidResponse",
    () =>
      Effect.gen(function*() {
        interface Nested {
          readonly a: Nested | number
        }
        const Nested: Schema.Schema<Nested> = Schema.Struct({
          a: Schema.Union(Schema.Number, Schema.suspend(() => Nested))
        })
        const server = yield* serve(() =>
          Promise.resolve(new Response(deepObjects(100_000), { headers: { "content-type": "application/json" } }))
        )
        const client = yield* Effect.map(
          HttpClient.HttpClient,
          (http) => ApiClient.makeWith(http, testConfig({ baseUrl: server.origin, retry: Retry.noRetries }))
        )
        const error = yield* typedError(client.execute({ method: "GET", path: ["deep"], success: Nested, errors: [] }))
        assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "SchemaMismatch")
        assert.include(error.message, "nested too deeply")
      }).pipe(Effect.provide(transport)),
    30_000
  )
})
