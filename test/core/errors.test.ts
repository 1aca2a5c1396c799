import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { classifyByStatus } from "../../src/core/Classify.js"
import {
  Conflict,
  Forbidden,
  InvalidRequest,
  InvalidResponse,
  NotFound,
  RateLimited,
  RequestTimeout,
  SdkError,
  ServerError,
  TransportError,
  Unauthorized
} from "../../src/core/Errors.js"

describe("errors", () => {
  it("read every status that refuses the request as sent as InvalidRequest, and 412 as Conflict", () => {
    for (const status of [400, 405, 406, 411, 413, 414, 415, 422, 431]) {
      assert.strictEqual(classifyByStatus(status, "m").tag, "InvalidRequest", String(status))
    }
    assert.strictEqual(classifyByStatus(412, "m").tag, "Conflict")
    for (const status of [402, 407, 417, 418, 451, 302, 304]) {
      const classification = classifyByStatus(status, "m")
      assert.strictEqual(classification.tag, "InvalidResponse", String(status))
      assert.include(classification.message, `unexpected status ${status}`)
    }
  })

  it("map standard statuses", () => {
    const tags = [400, 401, 403, 404, 409, 410, 413, 422, 429, 500, 502, 503, 504, 418].map((s) =>
      classifyByStatus(s, "m").tag
    )
    assert.deepStrictEqual(tags, [
      "InvalidRequest",
      "Unauthorized",
      "Forbidden",
      "NotFound",
      "Conflict",
      "NotFound",
      "InvalidRequest",
      "InvalidRequest",
      "RateLimited",
      "ServerError",
      "ServerError",
      "ServerError",
      "ServerError",
      "InvalidResponse"
    ])
  })

  it.effect("serialise and deserialise through Schema, keeping their tag and fields", () =>
    Effect.gen(function*() {
      const http = { method: "GET", url: "http://h/x", status: 404, requestId: "r1", excerpt: "{}" }
      const errors = [
        new Unauthorized({ ...http, message: "a" }),
        new Forbidden({ ...http, message: "b" }),
        new NotFound({ ...http, message: "c", resource: "group", id: "g1" }),
        new Conflict({ ...http, message: "d" }),
        new InvalidRequest({ message: "e", origin: "client" }),
        new RateLimited({ ...http, message: "f", attempts: 4, retryAfterMillis: 1000 }),
        new ServerError({ ...http, message: "g", attempts: 4 }),
        new TransportError({ method: "GET", url: "http://h/x", message: "h", attempts: 1 }),
        new RequestTimeout({ method: "GET", url: "http://h/x", message: "i", attempts: 2, timeoutMillis: 5 }),
        new InvalidResponse({ ...http, message: "j", reason: "SchemaMismatch" })
      ]
      for (const error of errors) {
        const encoded = yield* Schema.encode(SdkError)(error)
        const json = JSON.parse(JSON.stringify(encoded))
        const decoded = yield* Schema.decodeUnknown(SdkError)(json)
        assert.strictEqual(decoded._tag, error._tag)
        assert.strictEqual(decoded.message, error.message)
        assert.instanceOf(decoded, error.constructor as new(...args: Array<any>) => unknown)
      }
    }))

  it.effect("can be caught by tag", () =>
    Effect.gen(function*() {
      const result = yield* Effect.fail(new NotFound({ message: "gone", resource: "group", id: "g" })).pipe(
        Effect.catchTag("NotFound", (e) => Effect.succeed(`${e.resource}:${e.id}`))
      )
      assert.strictEqual(result, "group:g")
    }))
})
