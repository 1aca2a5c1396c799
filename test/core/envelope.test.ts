/**
 * A platform's response envelope (Agave's `{status, message, version, result}`): success schemas
 * describe the result, error envelopes are classified with their message whatever the status, and an
 * operation can opt out.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { Classifier } from "../../src/core/Classify.js"
import * as Envelope from "../../src/core/Envelope.js"
import { makeClient } from "../helpers/client.js"
import { fakeHttp, json, text } from "../helpers/fakeHttp.js"

const App = Schema.Struct({ id: Schema.String })
const success = (result: unknown) => ({ status: "success", message: null, version: "2.2.27", result })
const failure = (message: string) => ({ status: "error", message, version: "2.2.27", result: null })

const get = { method: "GET", path: ["apps", "a1"], success: App, errors: ["NotFound", "Unauthorized"] } as const

// Agave says "... does not exist" for what is missing, with status 200 as often as 404.
const agaveClassifier: Classifier = (response) => {
  const opened = Envelope.agave.open(response.json)
  return opened._tag === "Failure" && opened.message.includes("does not exist")
    ? { tag: "NotFound", message: opened.message }
    : undefined
}

const run = <A, E>(
  reply: Response,
  call: (client: Effect.Effect.Success<ReturnType<typeof makeClient>>) => Effect.Effect<A, E>,
  classifier?: Classifier
) => {
  const fake = fakeHttp(() => reply.clone())
  return Effect.gen(function*() {
    const client = yield* makeClient({ envelope: Envelope.agave, ...(classifier ? { classifier } : {}) })
    return yield* call(client)
  }).pipe(Effect.provide(fake.layer))
}

describe("response envelopes", () => {
  it.effect("a success envelope's result is decoded with the operation's schema", () =>
    Effect.gen(function*() {
      const app = yield* run(json(200, success({ id: "a1", extra: 1 })), (client) => client.execute(get))
      assert.deepStrictEqual(app, { id: "a1" })
    }))

  it.effect("a result that does not fit is InvalidResponse, quoting the body", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(run(json(200, success({ name: "x" })), (client) => client.execute(get)))
      assert.strictEqual(error._tag, "InvalidResponse")
      if (error._tag === "InvalidResponse") {
        assert.strictEqual(error.reason, "SchemaMismatch")
        assert.include(error.excerpt ?? "", "\"status\":\"success\"")
      }
    }))

  it.effect("an error envelope with a success status is classified with its message", () =>
    Effect.gen(function*() {
      const plain = yield* Effect.flip(
        run(json(200, failure("Permission denied on a1")), (client) => client.execute(get))
      )
      assert.strictEqual(plain._tag, "InvalidResponse")
      assert.include(plain.message, "Permission denied on a1")
      const classified = yield* Effect.flip(
        run(json(200, failure("App a1 does not exist")), (client) => client.execute(get), agaveClassifier)
      )
      assert.strictEqual(classified._tag, "NotFound")
      assert.strictEqual(classified.message, "App a1 does not exist")
      assert.strictEqual(classified.status, 200)
    }))

  it.effect("an error envelope with an error status gives its message to the status's tag", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(run(json(401, failure("Invalid Credentials")), (client) => client.execute(get)))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.strictEqual(error.message, "Invalid Credentials")
    }))

  it.effect("a body that is no envelope is InvalidResponse, and one that is not JSON says so", () =>
    Effect.gen(function*() {
      const bare = yield* Effect.flip(run(json(200, { id: "a1" }), (client) => client.execute(get)))
      assert.strictEqual(bare._tag, "InvalidResponse")
      assert.include(bare.message, "envelope")
      const html = yield* Effect.flip(run(text(200, "<html>down</html>"), (client) => client.execute(get)))
      assert.strictEqual(html._tag, "InvalidResponse")
      if (html._tag === "InvalidResponse") assert.strictEqual(html.reason, "MalformedBody")
    }))

  it.effect("an operation that opts out reads the bare body", () =>
    Effect.gen(function*() {
      const token = yield* run(
        json(200, { access_token: "t" }),
        (client) =>
          client.execute({
            method: "POST",
            path: ["token"],
            success: Schema.Struct({ access_token: Schema.String }),
            errors: [],
            envelope: false
          })
      )
      assert.strictEqual(token.access_token, "t")
    }))

  it.effect("an operation with no content still has its envelope read: an error envelope fails it", () =>
    Effect.gen(function*() {
      const remove = (client: Effect.Effect.Success<ReturnType<typeof makeClient>>) =>
        client.execute({ method: "DELETE", path: ["apps", "a1"], success: Schema.Void, errors: ["NotFound"] })
      assert.isUndefined(yield* run(json(200, success({})), remove))
      assert.isUndefined(yield* run(new Response(null, { status: 204 }), remove))
      assert.isUndefined(yield* run(text(200, ""), remove))
      const error = yield* Effect.flip(run(json(200, failure("App a1 does not exist")), remove, agaveClassifier))
      assert.strictEqual(error._tag, "NotFound")
    }))

  it.effect("without an envelope declared, nothing changes", () => {
    const fake = fakeHttp(() => json(200, success({ id: "a1" })))
    return Effect.gen(function*() {
      const client = yield* makeClient()
      const error = yield* Effect.flip(client.execute(get))
      assert.strictEqual(error._tag, "InvalidResponse")
    }).pipe(Effect.provide(fake.layer))
  })
})
