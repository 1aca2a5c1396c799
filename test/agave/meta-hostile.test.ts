/**
 * Metadata and notifications against hostile servers on 127.0.0.1: one that ignores `offset`, one that
 * answers the 1.2 description's nested envelope, an HTML page, truncated JSON, a document without a
 * uuid, and a notification without an id. Each ends in a tagged error, never a defect or a hang.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Agave from "../../src/agave/Agave.js"
import { AgaveMeta } from "../../src/agave/Meta.js"
import { AgaveNotifications } from "../../src/agave/Notifications.js"
import { serve } from "../../src/testkit/http/serve.js"

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

const envelope = (result: unknown) => ({ status: "success", message: null, version: "2.2.27", result })

const document = (i: number) => ({ uuid: `${i}-242ac113-0001-012`, name: "same", value: { i }, owner: "alice" })

// The two services on a server answering every request with `answer`.
const on = (answer: (request: Request, count: number) => Response) =>
  Effect.gen(function*() {
    let count = 0
    const server = yield* serve((request) => Promise.resolve(answer(request, count++)))
    const layer = Agave.layer({
      url: server.origin,
      token: Redacted.make("a-valid-looking-token"),
      retry: { maxAttempts: 1 }
    })
    const meta = yield* AgaveMeta.pipe(Effect.provide(layer))
    const notifications = yield* AgaveNotifications.pipe(Effect.provide(layer))
    return { meta, notifications, requests: () => count }
  })

describe("Agave metadata against hostile servers", () => {
  it.scoped("a server that ignores offset: NoProgress after the first page, in a bounded number of requests", () =>
    Effect.gen(function*() {
      const { meta, requests } = yield* on(() => json(envelope(Array.from({ length: 250 }, (_, i) => document(i)))))
      const seen: Array<string> = []
      const error = yield* meta.listMetadata().pipe(
        Stream.tap((d) => Effect.sync(() => seen.push(d.uuid))),
        Stream.runDrain,
        Effect.flip
      )
      assert.strictEqual(error._tag, "InvalidResponse")
      if (error._tag === "InvalidResponse") assert.strictEqual(error.reason, "NoProgress")
      assert.strictEqual(seen.length, 250)
      assert.isAtMost(requests(), 3)
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("the 1.2 description's nested envelope, an HTML page, truncated JSON, a document without uuid", () =>
    Effect.gen(function*() {
      const bodies: ReadonlyArray<() => Response> = [
        () => json(envelope([envelope(document(1))])),
        () =>
          new Response("<html><title>502 Bad Gateway</title></html>", {
            status: 200,
            headers: { "content-type": "text/html" }
          }),
        () =>
          new Response("{\"status\":\"success\",\"result\":[{\"uuid\":\"1", {
            headers: { "content-type": "application/json" }
          }),
        () => json(envelope([{ name: "no uuid", value: 1 }])),
        () => json(envelope({ not: "a list" }))
      ]
      for (const body of bodies) {
        const { meta } = yield* on(body)
        const error = yield* Effect.flip(meta.listMetadataPage())
        assert.strictEqual(error._tag, "InvalidResponse")
      }
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("a notification without id or uuid is InvalidResponse; one with only uuid is read as its id", () =>
    Effect.gen(function*() {
      const missing = yield* on(() => json(envelope({ url: "a@b.org", event: "*" })))
      assert.strictEqual((yield* Effect.flip(missing.notifications.get({ uuid: "x" })))._tag, "InvalidResponse")
      const legacy = yield* on(() => json(envelope({ uuid: "7-242ac113-0001-011", url: "a@b.org", event: "*" })))
      assert.strictEqual((yield* legacy.notifications.get({ uuid: "x" })).id, "7-242ac113-0001-011")
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scoped("a bulk answer is kept as sent, whatever JSON it is", () =>
    Effect.gen(function*() {
      for (const result of ["Created 1 item", ["1-a-0001-012"], { created: 1 }, null]) {
        const { meta } = yield* on(() => json(envelope(result), 201))
        assert.deepStrictEqual(yield* meta.bulkCreate({ body: [{ name: "x", value: 1 }] }), result)
      }
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})
