import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { makeClient } from "../helpers/client.js"
import { fakeHttp, json, text } from "../helpers/fakeHttp.js"

const Thing = Schema.Struct({ id: Schema.String, count: Schema.Number })
const getThing = { method: "GET", path: ["thing"], success: Thing, errors: ["NotFound"] } as const

const failWith = (response: () => Response, maxResponseBytes = 1024 * 1024) => {
  const fake = fakeHttp(response)
  return Effect.gen(function*() {
    const client = yield* makeClient({ maxResponseBytes })
    return yield* Effect.flip(client.execute(getThing))
  }).pipe(Effect.provide(fake.layer))
}

describe("bad bodies become InvalidResponse, never a defect", () => {
  it.effect("an HTML page with status 200", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() =>
        text(200, "<!doctype html><title>Oops</title>", { "content-type": "text/html" })
      )
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "MalformedBody")
      assert.include(error.message, "HTML")
      assert.include(error.excerpt, "<title>Oops</title>")
      assert.strictEqual(error.status, 200)
      assert.strictEqual(error.method, "GET")
      assert.strictEqual(error.url, "http://api.test/v1/thing")
    }))

  it.effect("truncated JSON", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => text(200, "{\"id\":\"x\",\"co", { "content-type": "application/json" }))
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "MalformedBody")
      assert.include(error.message, "expected JSON")
    }))

  it.effect("an empty body where JSON was expected", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => text(200, ""))
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "MalformedBody")
      assert.include(error.message, "empty body")
    }))

  it.effect("a wrong type is summarised with its path", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => json(200, { id: "x", count: "three" }))
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "SchemaMismatch")
      assert.include(error.message, "count")
      assert.include(error.message, "expected a number, received \"three\"")
    }))

  it.effect("unknown extra fields are tolerated", () => {
    const fake = fakeHttp(() => json(200, { id: "x", count: 2, extra: { deep: true } }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      assert.deepStrictEqual(yield* client.execute(getThing), { id: "x", count: 2 })
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a 100 MB body is refused at the limit without being read whole", () => {
    let produced = 0
    const chunk = new Uint8Array(64 * 1024).fill(32)
    const huge = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (produced >= 100 * 1024 * 1024) return controller.close()
        produced += chunk.length
        controller.enqueue(chunk)
      }
    })
    return Effect.gen(function*() {
      const error = yield* failWith(() => new Response(huge, { status: 200 }), 1024 * 1024)
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "BodyTooLarge")
      assert.isBelow(produced, 4 * 1024 * 1024)
    })
  })

  it.effect("a declared Content-Length over the limit is refused before reading", () =>
    Effect.gen(function*() {
      const error = yield* failWith(
        () => new Response("x".repeat(2048), { status: 200, headers: { "content-length": "2048" } }),
        1024
      )
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "BodyTooLarge")
    }))
})

describe("error statuses", () => {
  it.effect("map by status when the platform does not recognise the body", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => json(404, { detail: "nope" }, { "x-request-id": "req-42" }))
      assert.strictEqual(error._tag, "NotFound")
      assert.strictEqual(error.requestId, "req-42")
      assert.strictEqual(error.status, 404)
      assert.include(error.excerpt, "nope")
    }))

  it.effect("a domain error the operation does not declare is an UnexpectedStatus InvalidResponse", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => json(409, { detail: "taken" }))
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "UnexpectedStatus")
      assert.include(error.message, "Conflict")
    }))

  it.effect("a redirect status is an InvalidResponse too", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => text(302, "moved"))
      assert.strictEqual(error._tag, "InvalidResponse")
    }))

  it.effect("the platform classifier comes first, the operation's before it", () => {
    const fake = fakeHttp(() => json(400, { message: "dup" }))
    return Effect.gen(function*() {
      const client = yield* makeClient({
        classifier: (r) => (r.status === 400 ? { tag: "Conflict", message: "platform says conflict" } : undefined)
      })
      const platform = yield* Effect.flip(
        client.execute({ method: "POST", path: ["x"], success: Thing, errors: ["Conflict", "InvalidRequest"] })
      )
      assert.strictEqual(platform._tag, "Conflict")
      assert.strictEqual(platform.message, "platform says conflict")
      const operation = yield* Effect.flip(
        client.execute({
          method: "POST",
          path: ["x"],
          success: Thing,
          errors: ["Conflict", "InvalidRequest"],
          classifier: () => ({ tag: "InvalidRequest", message: "operation says invalid" })
        })
      )
      assert.strictEqual(operation._tag, "InvalidRequest")
      assert.strictEqual(operation._tag === "InvalidRequest" && operation.origin, "server")
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("Schema.Void operations ignore the body of a 204", () => {
    const fake = fakeHttp(() => new Response(null, { status: 204, headers: { "content-type": "application/json" } }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const result = yield* client.execute({ method: "DELETE", path: ["x"], success: Schema.Void, errors: [] })
      assert.isUndefined(result)
    }).pipe(Effect.provide(fake.layer))
  })
})
