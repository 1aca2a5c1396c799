/**
 * A server that trickles a download (a byte every 250 ms) or streams it forever no longer holds it,
 * or its slot among the client's requests in flight: the minimum rate and the total deadline end it
 * in `RequestTimeout`, the request is aborted at the server, and the slot is free for the next call.
 * Real sockets on 127.0.0.1, real time (about a second per case).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Flowserv from "../../src/flowserv/Flowserv.js"
import { Uploads } from "../../src/flowserv/index.js"
import { serve } from "../../src/testkit/http/serve.js"
import { waitFor } from "../helpers/polling.js"
import { transports } from "../helpers/transports.js"

// `/drip`: a byte every 250 ms, forever; `/flood`: 1 KiB every 20 ms, forever; anything else: a small file.
const hostile = () =>
  serve(async (request) => {
    const path = new URL(request.url).pathname
    if (!path.endsWith("/drip") && !path.endsWith("/flood")) return new Response("ok")
    const [every, bytes] = path.endsWith("/drip") ? [250, 1] : [20, 1024]
    let timer: ReturnType<typeof setInterval> | undefined
    return new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          timer = setInterval(() => controller.enqueue(new Uint8Array(bytes)), every)
          request.signal.addEventListener("abort", () => clearInterval(timer), { once: true })
        },
        cancel: () => clearInterval(timer)
      })
    )
  })

for (const transport of transports) {
  describe(`hostile downloads over ${transport.name}`, () => {
    it.live(
      "a drip fails the minimum rate, a flood the deadline; each frees its request and its slot",
      () =>
        Effect.gen(function*() {
          const server = yield* hostile()
          const layer = Flowserv.layer({
            url: server.origin,
            token: Redacted.make("t0ken"),
            maxConcurrentRequests: 1,
            downloadTimeout: "1 second",
            downloadMinRate: { bytes: 64, per: "700 millis" }
          })
          const [drip, flood, after] = yield* Effect.gen(function*() {
            const uploads = yield* Uploads
            const drip = yield* Effect.flip(Stream.runDrain(uploads.download("g", "drip")))
            const flood = yield* Effect.flip(Stream.runDrain(uploads.download("g", "flood")))
            // The only slot is free again: a download of a file that ends goes through.
            const after = yield* Stream.runCollect(Stream.decodeText(uploads.download("g", "file")))
            return [drip, flood, after] as const
          }).pipe(Effect.provide(layer))
          assert.strictEqual(drip._tag, "RequestTimeout")
          assert.match(drip.message, /^the download was too slow: \d bytes in 700ms, below the minimum of 64$/)
          assert.strictEqual(flood._tag, "RequestTimeout")
          assert.strictEqual(flood.message, "the download did not complete within 1s")
          assert.strictEqual([...after].join(""), "ok")
          assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
        }).pipe(Effect.scoped, Effect.provide(transport.layer)),
      30_000
    )
  })
}
