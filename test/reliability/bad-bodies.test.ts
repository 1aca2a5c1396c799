/**
 * Every malformed answer a server or proxy can give ends in a typed error with a short excerpt,
 * never a defect; a huge body is never read past the limit.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { excerptLength } from "../../src/core/Excerpt.js"
import * as Retry from "../../src/core/Retry.js"
import type { Fault as FaultType } from "../../src/testkit/faults/Fault.js"
import { Fault } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { faultySynthetic } from "../helpers/synthetic.js"

const getOnce = (fault: FaultType, maxResponseBytes = 64 * 1024) =>
  Effect.gen(function*() {
    const { client, faults } = yield* faultySynthetic(FaultPlan.sequence([fault]), {
      client: { retry: Retry.noRetries, maxResponseBytes, timeout: "2 seconds" }
    })
    const error = yield* Effect.flip(client.get("item-1"))
    return { error, forwarded: faults.forwarded() }
  })

describe("bad bodies", () => {
  const malformed: ReadonlyArray<readonly [string, FaultType, RegExp]> = [
    ["truncated JSON", Fault.TruncatedJson(), /expected JSON/],
    ["malformed JSON", Fault.MalformedJson(), /expected JSON/],
    ["an HTML page with status 200", Fault.HtmlPage({ status: 200 }), /HTML page/],
    ["a wrong content type", Fault.WrongContentType(), /received XML/],
    ["an empty body", Fault.EmptyBody(), /empty body/]
  ]
  for (const [name, fault, message] of malformed) {
    it.effect(`${name} is InvalidResponse (MalformedBody) with an excerpt`, () =>
      Effect.gen(function*() {
        const { error } = yield* getOnce(fault)
        assert.strictEqual(error._tag, "InvalidResponse")
        if (error._tag !== "InvalidResponse") return
        assert.strictEqual(error.reason, "MalformedBody")
        assert.match(error.message, message)
        assert.strictEqual(error.status, 200)
        if (fault._tag !== "EmptyBody") {
          assert.isDefined(error.excerpt)
          assert.isAtMost(error.excerpt!.length, excerptLength + 1)
        }
      }))
  }

  it.effect("an HTML 502 page is a ServerError quoting the page", () =>
    Effect.gen(function*() {
      const { error } = yield* getOnce(Fault.HtmlPage({ status: 502 }))
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(error.status, 502)
      assert.match(error.excerpt ?? "", /502 Bad Gateway/)
    }))

  for (const declareLength of [true, false]) {
    it.effect(`a 100 MB body (${declareLength ? "declared" : "undeclared"} length) is refused at the limit`, () =>
      Effect.gen(function*() {
        const { error } = yield* getOnce(Fault.HugeBody({ bytes: 100 * 1024 * 1024, declareLength }), 256 * 1024)
        assert.strictEqual(error._tag, "InvalidResponse")
        if (error._tag === "InvalidResponse") assert.strictEqual(error.reason, "BodyTooLarge")
      }))
  }

  for (const fault of [Fault.SlowHeaders({}), Fault.StalledBody()]) {
    it.effect(`${fault._tag}: the attempt times out on the clock, with a typed error`, () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(getOnce(fault))
        // The request is on its way once the fiber waits on the clock; step it in bounded increments.
        for (let i = 0; i < 10 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust("500 millis")
        const { error, forwarded } = yield* Fiber.join(fiber)
        assert.strictEqual(error._tag, "RequestTimeout")
        assert.strictEqual(forwarded, fault._tag === "StalledBody" ? 1 : 0)
      }))
  }
})
