/**
 * A successful call makes no error object, on every transport. Capturing an error's stack costs
 * microseconds, a large share of a small call; a failure made "just in case" on the success path (one
 * was, for every body taken with its headers) is a cost every call pays and no test of behaviour sees.
 * Here the global error constructors are wrapped for the length of the calls, and what they make
 * outside the test server is counted.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"
import { declaringLengths } from "../helpers/undici.js"

// The error constructors a "just in case" failure is made with, each looked up as a global when it
// is used. A class that extended one as its module loaded (a tagged error, undici's) is not seen.
const constructors = ["Error", "TypeError", "RangeError", "SyntaxError"] as const

/**
 * Runs `effect` with the global error constructors counting what they make (with `new` or without);
 * returns the stacks of those not made by the test server.
 */
const errorsMadeBy = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const originals = constructors.map((name) => [name, globalThis[name]] as const)
      const made: Array<string> = []
      const count = (error: Error) => {
        const stack = error.stack ?? ""
        if (!stack.includes("/testkit/")) made.push(stack)
        return error
      }
      for (const [name, original] of originals) {
        globalThis[name] = new Proxy(original, {
          construct: (target, args, newTarget) => count(Reflect.construct(target, args, newTarget) as Error),
          apply: (target, self, args) => count(Reflect.apply(target, self, args) as Error)
        }) as ErrorConstructor & TypeErrorConstructor
      }
      return { originals, made }
    }),
    ({ made }) => Effect.as(effect, made),
    ({ originals }) =>
      Effect.sync(() => {
        for (const [name, original] of originals) globalThis[name] = original as ErrorConstructor & TypeErrorConstructor
      })
  )

describe("a successful call", () => {
  const transports = [
    ["the SDK's undici transport", UndiciHttpClient.layer],
    ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici],
    ["FetchHttpClient", FetchHttpClient.layer]
  ] as const
  for (const [name, layer] of transports) {
    it.live(`makes no Error: single items and a listing on ${name}`, () =>
      Effect.gen(function*() {
        // Lengths declared: the small bodies are taken with their headers, the path that made one.
        const server = yield* serve(declaringLengths(syntheticApi({ total: 30 }).handler))
        const client = yield* makeSyntheticClient({ url: server.origin })
        // Warm: the first call opens the connection.
        assert.strictEqual((yield* client.get("item-1")).index, 1)
        const made = yield* errorsMadeBy(
          Effect.gen(function*() {
            for (let i = 0; i < 20; i++) assert.strictEqual((yield* client.get(`item-${i}`)).index, i)
            assert.strictEqual(yield* Stream.runCount(client.list(10)), 30)
          })
        )
        assert.deepStrictEqual(made, [])
      }).pipe(Effect.scoped, Effect.provide(layer)))
  }

  it.live("the count sees each kind of error made, with or without new (the check can fail)", () =>
    Effect.gen(function*() {
      const made = yield* errorsMadeBy(Effect.sync(() => [
        new Error("made here"),
        new TypeError("and here"),
        // Called without `new`: counted too.
        RangeError("and here")
      ]))
      assert.strictEqual(made.length, 3)
      assert.strictEqual(globalThis.Error.name, "Error")
      assert.isFalse(made.some((stack) => stack.includes("/testkit/")))
    }))
})
