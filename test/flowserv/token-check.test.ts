/**
 * Issue 10, item 1: flowserv answers 403 "not authorized" both to a non-member and to a token it does
 * not know. The SDK reports `Unauthorized` for a missing, invalid, logged-out or expired token and
 * `Forbidden` only for a valid token that may not act: outright where "not authorized" can only mean
 * the token (creating a group), after one token check where it is ambiguous (the member operations).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import * as Flowserv from "../../src/flowserv/Flowserv.js"
import { Groups, RunArguments, Runs, UploadFile, Uploads, Users } from "../../src/flowserv/index.js"
import { Fault } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { injectFaults } from "../../src/testkit/faults/inject.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"
import { FlowservTestServer } from "../../src/testkit/index.js"
import { recording, textsOf } from "../helpers/capture.js"
import { as, benchmarkGroup, requestCount, requestsSince, signUp, withServer } from "../helpers/flowserv.js"

interface Caller {
  readonly token: Redacted.Redacted<string>
}

// A group of alice's with bob as a second member, an upload and a run that lasts a while.
const scene = Effect.gen(function*() {
  const { group, upload, user: alice } = yield* benchmarkGroup("alice")
  const bob = yield* signUp("bob")
  yield* Effect.flatMap(Groups, (groups) => groups.update(group.id, { members: [alice.id, bob.id] })).pipe(as(alice))
  const run = yield* Effect.flatMap(
    Runs,
    (runs) => runs.start(group.id, { names: RunArguments.file(upload.id), sleeptime: 600 })
  ).pipe(as(alice))
  return { alice, bob, group, upload, run }
})

// Every operation only a group's members may call, by name.
const memberCalls = (ids: { readonly group: string; readonly upload: string; readonly run: string }) =>
  Effect.gen(function*() {
    const groups = yield* Groups
    const runs = yield* Runs
    const uploads = yield* Uploads
    const calls: ReadonlyArray<readonly [string, Effect.Effect<unknown, { _tag: string; message: string }>]> = [
      ["Groups.update", groups.update(ids.group, { name: "hijack" })],
      ["Groups.delete", groups.delete(ids.group)],
      ["Runs.start", runs.start(ids.group, { names: RunArguments.file(ids.upload) })],
      ["Runs.get", runs.get(ids.run)],
      ["Runs.list", runs.listPage(ids.group)],
      ["Runs.cancel", runs.cancel(ids.run)],
      ["Runs.delete", runs.delete(ids.run)],
      ["Runs.await", runs.await(ids.run)],
      ["Uploads.upload", uploads.upload(ids.group, UploadFile.fromBytes("more.txt", "Carol\n"))],
      ["Uploads.list", uploads.listPage(ids.group)],
      ["Uploads.delete", uploads.delete(ids.group, ids.upload)]
    ]
    return calls
  })

const whoamiCalls = (requests: ReadonlyArray<{ readonly url: string }>) =>
  requests.filter((r) => new URL(r.url).pathname.endsWith("/users/whoami")).length

// Runs each member operation as `caller` and returns, per operation, the tag, the error and how many
// token checks it made.
const asCaller = (caller: Caller | undefined, ids: { group: string; upload: string; run: string }) =>
  Effect.gen(function*() {
    const results: Array<{ name: string; error: { _tag: string; message: string }; checks: number }> = []
    for (const [name, call] of yield* memberCalls(ids)) {
      const before = yield* requestCount
      const error = yield* Effect.flip(caller === undefined ? call : call.pipe(as(caller)))
      results.push({ name, error, checks: whoamiCalls(yield* requestsSince(before)) })
    }
    return results
  })

describe("flowserv: a bad token is Unauthorized, a refusal Forbidden (issue 10)", () => {
  it.effect("an unknown token: every member operation is Unauthorized, after exactly one token check", () =>
    Effect.gen(function*() {
      const { group, run, upload } = yield* scene
      const results = yield* asCaller({ token: Redacted.make("badtoken") }, {
        group: group.id,
        upload: upload.id,
        run: run.id
      })
      assert.strictEqual(results.length, 11)
      for (const { checks, error, name } of results) {
        assert.strictEqual(error._tag, "Unauthorized", name)
        assert.include(error.message, "not authorized", name)
        assert.include(error.message, "access token is not valid", name)
        assert.strictEqual(checks, 1, name)
      }
      // Nothing happened to the group, its run or its upload.
      const server = yield* FlowservTestServer
      assert.strictEqual(server.state.groupsOf("helloworld")[0]!.name, "team-alice")
      assert.strictEqual(server.state.runs.runsOf(group.id).length, 1)
      assert.strictEqual(server.state.runs.uploadsOf(group.id).length, 1)
    }).pipe(withServer))

  it.effect("a valid token of a non-member: Forbidden, after exactly one token check", () =>
    Effect.gen(function*() {
      const { group, run, upload } = yield* scene
      const eve = yield* signUp("eve")
      const results = yield* asCaller(eve, { group: group.id, upload: upload.id, run: run.id })
      for (const { checks, error, name } of results) {
        assert.deepStrictEqual([error._tag, error.message], ["Forbidden", "not authorized"], name)
        assert.strictEqual(checks, 1, name)
      }
    }).pipe(withServer))

  it.effect("no token at all: Unauthorized from the server's own answer, no check needed", () =>
    Effect.gen(function*() {
      const { group, run, upload } = yield* scene
      const results = yield* asCaller(undefined, { group: group.id, upload: upload.id, run: run.id })
      for (const { checks, error, name } of results) {
        assert.deepStrictEqual([error._tag, error.message], ["Unauthorized", "not logged in"], name)
        assert.strictEqual(checks, 0, name)
      }
    }).pipe(withServer))

  it.effect("a member who logged out is Unauthorized, not Forbidden", () =>
    Effect.gen(function*() {
      const { bob, group, run, upload } = yield* scene
      yield* Effect.flatMap(Users, (users) => users.logout()).pipe(as(bob))
      const results = yield* asCaller(bob, { group: group.id, upload: upload.id, run: run.id })
      for (const { error, name } of results) assert.strictEqual(error._tag, "Unauthorized", name)
    }).pipe(withServer))

  it.effect("an expired token (TestClock): Unauthorized; a fresh login works again", () =>
    Effect.gen(function*() {
      const { alice, group, run, upload } = yield* scene
      const runs = yield* Runs
      // Valid just before the TTL ends: the member reads her run.
      yield* TestClock.adjust("59 seconds")
      assert.strictEqual((yield* runs.get(run.id).pipe(as(alice))).id, run.id)
      yield* TestClock.adjust("2 seconds")
      const results = yield* asCaller(alice, { group: group.id, upload: upload.id, run: run.id })
      for (const { checks, error, name } of results) {
        assert.strictEqual(error._tag, "Unauthorized", name)
        assert.strictEqual(checks, 1, name)
      }
      // What code that logs in again on Unauthorized does: it now succeeds.
      const again = yield* runs.get(run.id).pipe(
        as(alice),
        Effect.catchTag("Unauthorized", () =>
          Effect.flatMap(
            Effect.flatMap(Users, (users) => users.login("alice", Redacted.make("pw-alice"))),
            (fresh) => runs.get(run.id).pipe(as(fresh))
          ))
      )
      assert.strictEqual(again.id, run.id)
    }).pipe(Effect.provide(FlowservTestServer.layerFlowserv({ tokenTtlSeconds: 60 }))))

  it.effect("create: any logged-in user may, so 'not authorized' is Unauthorized without a check", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      yield* signUp("alice")
      const before = yield* requestCount
      const error = yield* Effect.flip(
        groups.create("helloworld", { name: "G" }).pipe(as({ token: Redacted.make("badtoken") }))
      )
      assert.strictEqual(error._tag, "Unauthorized")
      assert.strictEqual(error.status, 403)
      assert.strictEqual(error.method, "POST")
      assert.include(error.message, "not authorized")
      const sent = yield* requestsSince(before)
      assert.deepStrictEqual(sent.map((r) => r.method), ["POST"])
    }).pipe(withServer))

  it.effect("the Unauthorized names the refused request, not the check", () =>
    Effect.gen(function*() {
      const { group } = yield* scene
      const error = yield* Effect.flip(
        Effect.flatMap(Groups, (groups) => groups.update(group.id, { name: "x" })).pipe(
          as({ token: Redacted.make("badtoken") })
        )
      )
      assert.strictEqual(error._tag, "Unauthorized")
      assert.strictEqual(error.method, "PUT")
      assert.strictEqual(error.status, 403)
      assert.isTrue(error.url?.endsWith(`/groups/${group.id}`))
      assert.include(error.excerpt, "not authorized")
    }).pipe(withServer))

  it.effect("the token appears in no error, log line or span of the check", () =>
    Effect.gen(function*() {
      const { group, run, upload } = yield* scene
      const secret = "0123456789abcdef0123456789abcdef"
      const [results, recorded] = yield* recording(
        asCaller({ token: Redacted.make(secret) }, { group: group.id, upload: upload.id, run: run.id })
      )
      assert.isTrue(recorded.spans.some((span) => span.name === "flowserv.verifyToken"))
      const server = yield* FlowservTestServer
      // The token did travel, to the check too.
      assert.isTrue(server.requests().some((r) => r.url.endsWith("/users/whoami") && r.headers.api_key === secret))
      for (const text of textsOf(results.map((r) => r.error), recorded)) assert.notInclude(text, secret)
    }).pipe(withServer))

  it.effect("a check that cannot answer leaves the server's Forbidden, after a bounded number of tries", () =>
    Effect.gen(function*() {
      const server = yield* FlowservTestServer
      const { group } = yield* scene
      const faults = injectFaults(
        server.handler,
        FaultPlan.route(
          { method: "GET", path: /\/users\/whoami$/ },
          FaultPlan.sequence([Fault.Status({ status: 500 })], { repeat: true })
        )
      )
      const faulty = Flowserv.layer({ url: server.url, retry: { maxAttempts: 3 } }).pipe(
        Layer.provide(layerHttpClient(faults.handler))
      )
      const fiber = yield* Effect.fork(
        Effect.flip(
          Effect.flatMap(Groups, (groups) => groups.delete(group.id)).pipe(
            as({ token: Redacted.make("badtoken") }),
            Effect.provide(faulty)
          )
        )
      )
      for (let i = 0; i < 40 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust("500 millis")
      const error = yield* Fiber.join(fiber)
      assert.deepStrictEqual([error._tag, error.message], ["Forbidden", "not authorized"])
      assert.strictEqual(faults.injected().length, 3)
      assert.strictEqual(server.state.groupsOf("helloworld").length, 1)
    }).pipe(withServer))
})
