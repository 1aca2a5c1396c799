/**
 * A successful call makes no `Error`, on every transport. Capturing an error's stack costs microseconds, a large share of
 * a small call; a failure made "just in case" on the success path (one was, for every body taken with
 * its headers) is a cost every call pays and no test of behaviour sees. Here the global `Error` is
 * wrapped for the length of the calls, and every construction outside the test server is counted.
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

/** Runs `effect` with `Error` counting its constructions; returns the stacks of those not made by the test server. */
const errorsMadeBy = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const original = globalThis.Error
      const made: Array<string> = []
      globalThis.Error = new Proxy(original, {
        construct(target, args, newTarget) {
          const error = Reflect.construct(target, args, newTarget) as Error
          const stack = error.stack ?? ""
          if (!stack.includes("/testkit/")) made.push(stack)
          return error
        }
      })
      return { original, made }
    }),
    ({ made }) => Effect.as(effect, made),
    ({ original }) => Effect.sync(() => void (globalThis.Error = original))
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

  it.live("the count sees an Error the client makes (the check can fail)", () =>
    Effect.gen(function*() {
      const made = yield* errorsMadeBy(Effect.sync(() => new Error("made here")))
      assert.strictEqual(made.length, 1)
    }))
})
