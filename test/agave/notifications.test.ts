/**
 * The notifications service against the Agave test server: what it checks (addresses, events,
 * resources, wildcards, retry policies) and how each refusal arrives, a fired notification that can
 * no longer change (`Conflict`), deleted ones (`NotFound`), who sees which, and persistence.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { AgaveMeta } from "../../src/agave/Meta.js"
import { AgaveNotifications } from "../../src/agave/Notifications.js"
import type { NotificationRequest } from "../../src/agave/schemas/index.js"
import { AgaveTestServer } from "../../src/testkit/agave/AgaveTestServer.js"
import { demoClient, demoUsers } from "../../src/testkit/agave/Tenant.js"
import { agaveLayer } from "../helpers/agave.js"

const all = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

const asRclemens = Effect.flatMap(AgaveTestServer, (server) =>
  AgaveNotifications.pipe(
    Effect.provide(AgaveNotifications.layer({
      url: server.url,
      apiKey: Redacted.make(demoClient.key),
      apiSecret: Redacted.make(demoClient.secret),
      username: "rclemens",
      password: Redacted.make(demoUsers[1]!.password)
    }))
  ))

// A document to watch, and a valid request about it.
const watched = Effect.gen(function*() {
  const meta = yield* AgaveMeta
  const document = yield* meta.addMetadata({ body: { name: "watched", value: 1 } })
  const request: NotificationRequest = {
    url: "https://example.org/hook",
    event: "UPDATED",
    associatedUuid: document.uuid
  }
  return { document, request }
})

describe("what the server checks", () => {
  it.effect("a web address (with ${…} templates) or an email address, an event, an existing resource", () =>
    Effect.gen(function*() {
      const notifications = yield* AgaveNotifications
      const { request } = yield* watched
      for (
        const url of [
          "https://example.org/hook?job=${JOB_ID}&status=${JOB_STATUS}",
          "http://127.0.0.1:8080/x",
          "someone@example.org"
        ]
      ) assert.strictEqual((yield* notifications.add({ body: { ...request, url } })).url, url)
      const refused = [
        { ...request, url: "not an address" },
        { ...request, url: "ftp://example.org/file" },
        { ...request, url: "javascript:alert(1)" },
        { ...request, url: "someone@" },
        { ...request, event: "FIN ISHED" },
        { ...request, event: "$where" },
        { ...request, associatedUuid: "not-a-uuid" },
        // A metadata UUID that names nothing.
        { ...request, associatedUuid: "999-242ac113-0001-012" }
      ]
      for (const body of refused) {
        const error = yield* Effect.flip(notifications.add({ body }))
        assert.strictEqual(error._tag, "InvalidRequest", JSON.stringify(body))
        if (error._tag === "InvalidRequest") assert.strictEqual(error.origin, "server")
      }
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("the wildcard resource is for administrators", () =>
    Effect.gen(function*() {
      const notifications = yield* AgaveNotifications
      const other = yield* asRclemens
      const body: NotificationRequest = { url: "ops@example.org", event: "*", associatedUuid: "*" }
      assert.strictEqual((yield* notifications.add({ body })).associatedUuid, "*")
      const error = yield* Effect.flip(other.add({ body }))
      assert.strictEqual(error._tag, "Forbidden")
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("a retry policy out of bounds is refused before sending, and by the server", () =>
    Effect.gen(function*() {
      const notifications = yield* AgaveNotifications
      const server = yield* AgaveTestServer
      const { request } = yield* watched
      const before = server.exchanges().length
      const policies = [
        { retryLimit: 1441 },
        { retryRate: -1 },
        { retryDelay: 86401 },
        { retryLimit: 1.5 },
        { retryStrategy: "SOMETIMES" as never }
      ]
      for (const policy of policies) {
        const error = yield* Effect.flip(notifications.add({ body: { ...request, policy } }))
        assert.strictEqual(error._tag, "InvalidRequest", JSON.stringify(policy))
        if (error._tag === "InvalidRequest") assert.strictEqual(error.origin, "client")
      }
      for (const body of [{ ...request, url: "" }, { ...request, event: "" }, { ...request, url: "x".repeat(2049) }]) {
        const error = yield* Effect.flip(notifications.add({ body }))
        if (error._tag === "InvalidRequest") assert.strictEqual(error.origin, "client")
        else assert.fail(error._tag)
      }
      assert.strictEqual(server.exchanges().length, before)
      // The server's own checks, for clients that send anything.
      for (const policy of [...policies, { saveOnFailure: "yes" }, "often"]) {
        const outcome = yield* server.tenant.notifications.add("nryan", { ...request, policy })
        assert.strictEqual(outcome._tag, "Refusal", JSON.stringify(policy))
        if (outcome._tag === "Refusal") {
          assert.strictEqual(outcome.status, 400)
          assert.include(outcome.message, "retry policy")
        }
      }
      for (const body of [null, [], "text", { ...request, persistent: "yes" }, { url: "a@b.org", event: "X" }]) {
        const outcome = yield* server.tenant.notifications.add("nryan", body)
        assert.strictEqual(outcome._tag === "Refusal" && outcome.status, 400, JSON.stringify(body))
      }
    }).pipe(Effect.provide(agaveLayer())))
})

describe("the life of a notification", () => {
  it.effect("a transient one fires once; it can no longer change (Conflict); a persistent one keeps firing", () =>
    Effect.gen(function*() {
      const notifications = yield* AgaveNotifications
      const meta = yield* AgaveMeta
      const { document, request } = yield* watched
      const transient = yield* notifications.add({ body: request })
      const persistent = yield* notifications.add({ body: { ...request, persistent: true } })
      assert.deepStrictEqual([transient.status, transient.attempts, transient.lastSent], ["ACTIVE", 0, null])
      for (const value of [2, 3]) yield* meta.updateMetadata({ uuid: document.uuid, body: { name: "watched", value } })
      const fired = yield* notifications.get({ uuid: transient.id })
      assert.deepStrictEqual([fired.status, fired.attempts, fired.success, fired.responseCode], [
        "COMPLETE",
        1,
        true,
        200
      ])
      assert.isString(fired.lastSent)
      const kept = yield* notifications.get({ uuid: persistent.id })
      assert.deepStrictEqual([kept.status, kept.attempts], ["ACTIVE", 2])
      const late = yield* Effect.flip(notifications.update({ uuid: transient.id, body: request }))
      assert.strictEqual(late._tag, "Conflict")
      assert.include(late.message, "already fired")
      const changed = yield* notifications.update({
        uuid: persistent.id,
        body: { ...request, event: "DELETED", persistent: true }
      })
      assert.strictEqual(changed.event, "DELETED")
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("a deleted notification is NotFound naming it; an unknown one too", () =>
    Effect.gen(function*() {
      const notifications = yield* AgaveNotifications
      const { request } = yield* watched
      const added = yield* notifications.add({ body: request })
      yield* notifications.delete({ uuid: added.id })
      for (const effect of [notifications.get({ uuid: added.id }), notifications.delete({ uuid: added.id })]) {
        const error = yield* Effect.flip(effect)
        assert.strictEqual(error._tag, "NotFound")
        if (error._tag === "NotFound") assert.deepStrictEqual([error.resource, error.id], ["notification", added.id])
      }
      const unknown = yield* Effect.flip(notifications.get({ uuid: "42-242ac113-0001-011" }))
      assert.strictEqual(unknown._tag, "NotFound")
      if (unknown._tag === "NotFound") {
        assert.deepStrictEqual([unknown.resource, unknown.id], ["notification", "42-242ac113-0001-011"])
      }
      assert.deepStrictEqual(yield* all(notifications.list({ associatedUuid: request.associatedUuid })), [])
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("users see their own; listings page and filter by resource", () =>
    Effect.gen(function*() {
      const notifications = yield* AgaveNotifications
      const other = yield* asRclemens
      const { request } = yield* watched
      const mine = yield* Effect.forEach(Array.from({ length: 3 }), () => notifications.add({ body: request }))
      const theirs = yield* other.add({ body: { ...request, url: "rclemens@example.org" } })
      assert.deepStrictEqual((yield* all(other.list())).map((n) => n.id), [theirs.id])
      assert.strictEqual((yield* Effect.flip(other.get({ uuid: mine[0]!.id })))._tag, "Forbidden")
      assert.strictEqual((yield* Effect.flip(other.delete({ uuid: mine[0]!.id })))._tag, "Forbidden")
      assert.strictEqual(
        (yield* all(notifications.list({ associatedUuid: request.associatedUuid, pageSize: 2 }))).length,
        4
      )
      assert.deepStrictEqual(
        (yield* notifications.listPage({ associatedUuid: request.associatedUuid, limit: 2, offset: 1 })).map((n) =>
          n.id
        ),
        [mine[1]!.id, mine[2]!.id]
      )
      assert.deepStrictEqual(yield* all(notifications.list({ associatedUuid: "1-242ac113-0001-007" })), [])
    }).pipe(Effect.provide(agaveLayer())))
})
