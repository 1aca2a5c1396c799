/**
 * `layerHttpClient`: each layer answers with its own handler, also when several are built in one
 * layer graph (layers are memoized by reference, and the platform's fetch client layer is shared).
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"

class First extends Context.Tag("test/First")<First, HttpClient.HttpClient>() {}
class Second extends Context.Tag("test/Second")<Second, HttpClient.HttpClient>() {}

const answering = (text: string) => layerHttpClient(() => Promise.resolve(new Response(text)))
const as = <I>(tag: Context.Tag<I, HttpClient.HttpClient>, text: string) =>
  Layer.effect(tag, HttpClient.HttpClient).pipe(Layer.provide(answering(text)))

const textOf = (client: HttpClient.HttpClient) =>
  Effect.flatMap(client.get("http://in-process.test/"), (response) => response.text)

describe("layerHttpClient", () => {
  it.effect("two in one layer graph each answer with their own handler", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* textOf(yield* First), "first")
      assert.strictEqual(yield* textOf(yield* Second), "second")
      assert.strictEqual(yield* textOf(yield* HttpClient.HttpClient), "outer")
    }).pipe(Effect.provide(Layer.mergeAll(as(First, "first"), as(Second, "second"), answering("outer")))))
})
