/**
 * An Agave server that ignores `offset` and answers the same full page forever (jobs whose statuses
 * change between requests, so no two pages are byte-identical): the listing stops with `NoProgress`
 * instead of running forever, because every Agave listing keys its items.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Agave from "../../src/agave/Agave.js"
import { AgaveJobs } from "../../src/agave/Jobs.js"
import { serve } from "../../src/testkit/http/serve.js"

const page = (request: number) =>
  JSON.stringify({
    status: "success",
    message: null,
    version: "2.2.27",
    result: Array.from({ length: 250 }, (_, i) => ({
      id: `job-${i}`,
      name: `job ${i}`,
      owner: "alice",
      appId: "app-1.0",
      status: request % 2 === 0 ? "RUNNING" : "QUEUED"
    }))
  })

describe("Agave listings against a server that ignores offset", () => {
  it.scoped("end with InvalidResponse NoProgress, naming the page, after the first page's items", () =>
    Effect.gen(function*() {
      let requests = 0
      const server = yield* serve(() =>
        Promise.resolve(
          new Response(page(requests++), { headers: { "content-type": "application/json" } })
        )
      )
      const jobs = yield* AgaveJobs.pipe(
        Effect.provide(Agave.layer({ url: server.origin, token: Redacted.make("a-valid-looking-token") }))
      )
      const streamed: Array<string> = []
      const error = yield* jobs.list().pipe(
        Stream.tap((job) => Effect.sync(() => streamed.push(job.id))),
        Stream.runDrain,
        Effect.flip
      )
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.strictEqual(error._tag === "InvalidResponse" && error.reason, "NoProgress")
      assert.include(error.url ?? "", "offset=250")
      assert.strictEqual(streamed.length, 250)
      assert.isAtMost(requests, 3)
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})
