import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as ApiClient from "../../src/core/ApiClient.js"
import { InvalidRequest, SdkError } from "../../src/core/Errors.js"
import { makeClient } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"

describe("error codes from classifiers", () => {
  it.effect("a classification's code becomes the error's code", () => {
    const fake = fakeHttp(() => json(400, { reason: "badFilter", text: "no such attribute" }))
    return Effect.gen(function*() {
      const client = yield* makeClient({
        classifier: (response) => {
          const body = response.json as { reason: string; text: string }
          return { tag: "InvalidRequest", message: body.text, code: body.reason }
        }
      })
      const error = yield* Effect.flip(
        client.execute({ method: "GET", path: ["x"], success: Schema.Unknown, errors: ["InvalidRequest"] })
      )
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.strictEqual(error.code, "badFilter")
      assert.strictEqual(error.message, "no such attribute")
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("without a code the field is absent", () => {
    const fake = fakeHttp(() => json(400, {}))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(
        client.execute({ method: "GET", path: ["x"], success: Schema.Unknown, errors: ["InvalidRequest"] })
      )
      assert.isFalse("code" in error)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("the code survives serialisation", () =>
    Effect.gen(function*() {
      const error = new InvalidRequest({ message: "m", origin: "server", status: 400, code: "invalidFilter" })
      const encoded = JSON.parse(JSON.stringify(yield* Schema.encode(SdkError)(error)))
      const decoded = yield* Schema.decodeUnknown(SdkError)(encoded)
      assert.strictEqual(decoded._tag, "InvalidRequest")
      assert.strictEqual(decoded.code, "invalidFilter")
    }))
})

describe("JSON content type", () => {
  it.effect("bodies are sent as application/json by default", () => {
    const fake = fakeHttp(() => json(200, {}))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      yield* client.execute({ method: "POST", path: ["x"], body: { a: 1 }, success: Schema.Unknown, errors: [] })
      assert.strictEqual(fake.seen[0]!.headers["content-type"], "application/json")
      assert.strictEqual(fake.seen[0]!.body, "{\"a\":1}")
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("jsonContentType sets the media type of JSON bodies only", () => {
    const fake = fakeHttp(() => json(200, {}))
    return Effect.gen(function*() {
      const client = yield* makeClient({ jsonContentType: "application/scim+json" })
      yield* client.execute({ method: "POST", path: ["x"], body: { a: 1 }, success: Schema.Unknown, errors: [] })
      yield* client.execute({ method: "GET", path: ["x"], success: Schema.Unknown, errors: [] })
      assert.strictEqual(fake.seen[0]!.headers["content-type"], "application/scim+json")
      assert.strictEqual(fake.seen[0]!.body, "{\"a\":1}")
      assert.isUndefined(fake.seen[1]!.headers["content-type"])
    }).pipe(Effect.provide(fake.layer))
  })
})

describe("onNoContent", () => {
  const Thing = Schema.UndefinedOr(Schema.Struct({ id: Schema.String }))
  const patch = (client: ApiClient.ApiClient) =>
    client.execute({
      method: "PATCH",
      path: ["x"],
      body: {},
      success: Thing,
      onNoContent: () => undefined,
      errors: []
    })

  it.effect("a 204 succeeds with the operation's empty value; a body is decoded", () => {
    const fake = fakeHttp((_, index) => index === 0 ? new Response(null, { status: 204 }) : json(200, { id: "a" }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      assert.isUndefined(yield* patch(client))
      assert.deepStrictEqual(yield* patch(client), { id: "a" })
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("a 200 with an empty body counts as no content too", () => {
    const fake = fakeHttp(() => new Response("", { status: 200 }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      assert.isUndefined(yield* patch(client))
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("without onNoContent an empty body is still InvalidResponse", () => {
    const fake = fakeHttp(() => new Response(null, { status: 204 }))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(
        client.execute({ method: "PATCH", path: ["x"], body: {}, success: Thing, errors: [] })
      )
      assert.strictEqual(error._tag, "InvalidResponse")
    }).pipe(Effect.provide(fake.layer))
  })
})
