/**
 * A call interrupted while its body is being read, on fetch (whose reads cannot be cancelled: the
 * body stays locked by the read), ends interrupted and its body released by its request's abort. When
 * the interruption comes from a sibling's failure (a listing's pages fetched concurrently, say), the
 * siblings' outcome is that failure: a tagged error, never a defect from releasing the locked body.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"

// `/items/slow`: a 200 whose JSON body arrives in two parts, 200 ms apart; anything else: an HTML
// page with status 200, which the SDK refuses (InvalidResponse) as soon as it has read it.
const handler: Handler = async (request) => {
  if (new URL(request.url).pathname.endsWith("/slow")) {
    const encoder = new TextEncoder()
    let timer: ReturnType<typeof setTimeout> | undefined
    return new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(encoder.encode("{\"id\":\"slow\","))
          timer = setTimeout(() => {
            controller.enqueue(encoder.encode("\"index\":1,\"name\":\"slow\"}"))
            controller.close()
          }, 200)
        },
        cancel() {
          clearTimeout(timer)
        }
      }),
      { headers: { "content-type": "application/json" } }
    )
  }
  return new Response("<html><body>Sign in</body></html>", { headers: { "content-type": "text/html" } })
}

describe("releasing a body whose read was interrupted", () => {
  it.live("a sibling's failure is the outcome, with no defect from the locked body", () =>
    Effect.gen(function*() {
      const client = yield* makeSyntheticClient({ url: "http://in-process.test" })
      for (let round = 0; round < 5; round++) {
        const exit = yield* Effect.exit(
          Effect.all([client.get("slow"), Effect.delay(client.get("html"), "50 millis")], { concurrency: 2 })
        )
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isFailure(exit)) {
          if (Cause.isDie(exit.cause)) {
            console.log(
              "DIE",
              Cause.pretty(exit.cause),
              Array.from(Cause.defects(exit.cause)).map((d: any) => d.stack).join("\n")
            )
          }
          assert.strictEqual(Option.getOrThrow(Cause.failureOption(exit.cause))._tag, "InvalidResponse")
        }
      }
    }).pipe(Effect.provide(layerHttpClient(handler))))

  it.live("interrupted on its own while the body arrives, a call ends interrupted", () =>
    Effect.gen(function*() {
      const client = yield* makeSyntheticClient({ url: "http://in-process.test" })
      const exit = yield* Effect.exit(Effect.timeoutOption(client.get("slow"), "50 millis"))
      assert.isTrue(Exit.isSuccess(exit) && Option.isNone(exit.value))
      // The client is still usable.
      const answer = yield* client.get("slow")
      assert.strictEqual(answer.name, "slow")
    }).pipe(Effect.provide(layerHttpClient(handler))))
})
