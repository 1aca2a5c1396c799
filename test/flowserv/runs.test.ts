import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { gunzipSync } from "node:zlib"
import { RunArguments, Runs } from "../../src/flowserv/index.js"
import { FlowservTestServer } from "../../src/testkit/index.js"
import { as, benchmarkGroup, signUp, withServer } from "../helpers/flowserv.js"
import { failure, text } from "../helpers/outcomes.js"

describe("flowserv Runs", () => {
  it.effect("start: the handle is already RUNNING, with the arguments as sent", () =>
    Effect.gen(function*() {
      const runs = yield* Runs
      const { group, upload, user } = yield* benchmarkGroup("alice")
      const run = yield* runs.start(group.id, { names: RunArguments.file(upload.id), greeting: "Hi", sleeptime: 1 })
        .pipe(as(user))
      assert.strictEqual(run.state, "RUNNING")
      assert.strictEqual(run.groupId, group.id)
      assert.strictEqual(run.workflowId, "helloworld")
      assert.isDefined(run.startedAt)
      assert.isUndefined(run.finishedAt)
      assert.deepStrictEqual(run.arguments, [
        { name: "names", value: { type: "$file", value: { fileId: upload.id } } },
        { name: "greeting", value: "Hi" },
        { name: "sleeptime", value: 1 }
      ])
      assert.deepStrictEqual(run.parameters.map((p) => p.name), ["names", "sleeptime", "greeting"])
    }).pipe(withServer))

  it.effect("start: arguments are checked against the group's parameters before sending", () =>
    Effect.gen(function*() {
      const runs = yield* Runs
      const server = yield* FlowservTestServer
      const { group, upload, user } = yield* benchmarkGroup("alice")
      const before = server.requests().length
      const start = (args: RunArguments.Arguments) => failure(runs.start(group.id, args).pipe(as(user)))
      assert.deepStrictEqual(yield* start({}), {
        tag: "InvalidRequest",
        message: "missing argument for 'names'",
        origin: "client"
      })
      assert.deepStrictEqual(yield* start({ names: RunArguments.file(upload.id), nosuch: 1 }), {
        tag: "InvalidRequest",
        message: "unknown parameter 'nosuch'",
        origin: "client"
      })
      assert.deepStrictEqual(yield* start({ names: RunArguments.file(upload.id), sleeptime: "5" }), {
        tag: "InvalidRequest",
        message: "invalid argument: 'sleeptime' expects an integer",
        origin: "client"
      })
      assert.deepStrictEqual(yield* start({ names: RunArguments.file(upload.id), sleeptime: 1.5 }), {
        tag: "InvalidRequest",
        message: "invalid argument: 'sleeptime' expects an integer",
        origin: "client"
      })
      assert.deepStrictEqual(yield* start({ names: "names.txt" }), {
        tag: "InvalidRequest",
        message: "invalid argument: 'names' expects a file argument (RunArguments.file(fileId))",
        origin: "client"
      })
      assert.deepStrictEqual(yield* start({ names: RunArguments.file(upload.id), greeting: 3 }), {
        tag: "InvalidRequest",
        message: "invalid argument: 'greeting' expects a string",
        origin: "client"
      })
      // Only the group was read (once per call); no run was started.
      const sent = server.requests().slice(before)
      assert.isTrue(sent.every((r) => r.method === "GET" && r.url.endsWith(`/groups/${group.id}`)))
      assert.strictEqual(server.state.runs.runsOf(group.id).length, 0)
    }).pipe(withServer))

  it.effect("start: a required parameter with a default may be left out (server rule, without validation)", () =>
    Effect.gen(function*() {
      const runs = yield* Runs
      const { group, user } = yield* benchmarkGroup("alice", "defaults")
      const run = yield* runs.start(group.id, {}, { validate: false }).pipe(as(user))
      assert.strictEqual(run.state, "RUNNING")
      assert.deepStrictEqual(run.arguments, [])
      const validated = yield* runs.start(group.id, {}).pipe(as(user))
      assert.strictEqual(validated.state, "RUNNING")
    }).pipe(Effect.provide(FlowservTestServer.layerFlowserv({
      workflows: [{
        id: "defaults",
        name: "Defaults",
        parameters: [{ name: "mode", index: 0, dtype: "string", isRequired: true, defaultValue: "x" }]
      }]
    }))))

  it.effect("start: without validation the server's own refusals come back as InvalidRequest", () =>
    Effect.gen(function*() {
      const runs = yield* Runs
      const { group, user } = yield* benchmarkGroup("alice")
      const start = (args: RunArguments.Arguments) =>
        failure(runs.start(group.id, args, { validate: false }).pipe(as(user)))
      assert.deepStrictEqual(yield* start({}), {
        tag: "InvalidRequest",
        message: "missing argument for 'names'",
        origin: "server"
      })
      assert.deepStrictEqual(yield* start({ nosuch: 1 }), {
        tag: "InvalidRequest",
        message: "unknown parameter 'nosuch'",
        origin: "server"
      })
      const unknownFile = yield* start({ names: RunArguments.file("nosuchfile") })
      assert.deepStrictEqual(unknownFile.tag, "NotFound")
      assert.deepStrictEqual(unknownFile.message, "unknown file 'nosuchfile'")
    }).pipe(withServer))

  it.effect("start: a caller's own parameter list skips reading the group", () =>
    Effect.gen(function*() {
      const runs = yield* Runs
      const server = yield* FlowservTestServer
      const { group, upload, user } = yield* benchmarkGroup("alice")
      const before = server.requests().length
      yield* runs.start(group.id, { names: RunArguments.file(upload.id, "data/names.txt") }, {
        parameters: group.parameters
      }).pipe(as(user))
      assert.deepStrictEqual(server.requests().slice(before).map((r) => r.method), ["POST"])
    }).pipe(withServer))

  it.effect("only members see, list, cancel or delete runs", () =>
    Effect.gen(function*() {
      const runs = yield* Runs
      const { group, upload, user } = yield* benchmarkGroup("alice")
      const bob = yield* signUp("bob")
      const run = yield* runs.start(group.id, { names: RunArguments.file(upload.id) }).pipe(as(user))
      const asBob = <A, E extends { _tag: string; message: string }>(call: Effect.Effect<A, E>) =>
        failure(call.pipe(as(bob)))
      assert.deepStrictEqual(yield* asBob(runs.get(run.id)), {
        tag: "Forbidden",
        message: "not authorized",
        origin: undefined
      })
      assert.strictEqual((yield* asBob(runs.listPage(group.id))).tag, "Forbidden")
      assert.strictEqual((yield* asBob(runs.cancel(run.id))).tag, "Forbidden")
      assert.strictEqual((yield* asBob(runs.delete(run.id))).tag, "Forbidden")
      assert.strictEqual((yield* failure(runs.get(run.id))).tag, "Unauthorized")
      // The server says "not authorized" to an unknown token too; the SDK checks the token and tells.
      const bad = as({ token: Redacted.make("badtoken") })
      assert.strictEqual((yield* failure(runs.get(run.id).pipe(bad))).tag, "Unauthorized")
      assert.strictEqual((yield* failure(runs.listPage(group.id).pipe(bad))).tag, "Unauthorized")
      const unknown = yield* failure(runs.get("nosuchrun").pipe(as(user)))
      assert.deepStrictEqual(unknown, { tag: "NotFound", message: "unknown run 'nosuchrun'", origin: undefined })
    }).pipe(withServer))

  it.effect("a run's life: RUNNING, then SUCCESS with files; listed; downloadable; deleted", () =>
    Effect.gen(function*() {
      const runs = yield* Runs
      const { group, upload, user } = yield* benchmarkGroup("alice", "helloworld", "Alice\nBob\n")
      const run = yield* runs.start(group.id, { names: RunArguments.file(upload.id), greeting: "Hi", sleeptime: 2 })
        .pipe(as(user))
      // The helloworld template sleeps `sleeptime` seconds per name after a start-up: 300 ms + 2 × 2 s.
      yield* TestClock.adjust("4299 millis")
      assert.strictEqual((yield* runs.get(run.id).pipe(as(user))).state, "RUNNING")
      yield* TestClock.adjust("1 millis")
      const done = yield* runs.get(run.id).pipe(as(user))
      assert.strictEqual(done.state, "SUCCESS")
      assert.isDefined(done.finishedAt)
      assert.deepStrictEqual(done.files?.map((f) => f.name), ["results/greetings.txt", "results/analytics.json"])
      assert.deepStrictEqual(yield* runs.listPage(group.id).pipe(as(user)), [
        { id: run.id, state: "SUCCESS", createdAt: run.createdAt }
      ])
      const greetings = done.files![0]!
      // Downloads need no token.
      assert.strictEqual(yield* text(runs.downloadFile(run.id, greetings.id)), "Hi Alice!\nHi Bob!\n")
      const archive = yield* Stream.runCollect(runs.downloadArchive(run.id))
      const bytes = Buffer.concat(Chunk.toReadonlyArray(archive))
      const tar = gunzipSync(bytes)
      assert.include(tar.subarray(0, 100).toString("latin1"), "results/greetings.txt")
      assert.include(tar.toString("latin1"), "Hi Alice!")
      const missing = yield* failure(Stream.runDrain(runs.downloadFile(run.id, "nosuchfile")))
      assert.deepStrictEqual(missing, { tag: "NotFound", message: "unknown file 'nosuchfile'", origin: undefined })
      yield* runs.delete(run.id).pipe(as(user))
      assert.strictEqual((yield* failure(runs.get(run.id).pipe(as(user)))).tag, "NotFound")
    }).pipe(withServer))

  it.effect("cancel: an active run is CANCELED with the reason; a finished one is InvalidRequest", () =>
    Effect.gen(function*() {
      const runs = yield* Runs
      const { group, upload, user } = yield* benchmarkGroup("alice")
      const run = yield* runs.start(group.id, { names: RunArguments.file(upload.id) }).pipe(as(user))
      const canceled = yield* runs.cancel(run.id, "wrong input").pipe(as(user))
      assert.strictEqual(canceled.state, "CANCELED")
      assert.deepStrictEqual(canceled.messages, ["wrong input"])
      assert.isDefined(canceled.finishedAt)
      // probe #194: the message names a Python bound method instead of the state.
      const again = yield* failure(runs.cancel(run.id, "test").pipe(as(user)))
      assert.strictEqual(again.tag, "InvalidRequest")
      assert.strictEqual(again.origin, "server")
      assert.match(
        again.message,
        /^invalid operation for run in state <bound method RunObject\.state of <flowserv\.model\.base\.RunObject object at 0x[0-9a-f]+>>$/
      )
      const other = yield* runs.start(group.id, { names: RunArguments.file(upload.id) }).pipe(as(user))
      const busy = yield* failure(runs.delete(other.id).pipe(as(user)))
      assert.strictEqual(busy.tag, "InvalidRequest")
      const plain = yield* runs.cancel(other.id).pipe(as(user))
      assert.deepStrictEqual(plain.messages, ["canceled at user request"])
      yield* runs.delete(other.id).pipe(as(user))
    }).pipe(withServer))

  it.effect("downloads fail with ServerError where the real server answers 500", () =>
    Effect.gen(function*() {
      const runs = yield* Runs
      const { group, upload, user } = yield* benchmarkGroup("alice")
      const run = yield* runs.start(group.id, { names: RunArguments.file(upload.id), sleeptime: 0 }).pipe(as(user))
      yield* TestClock.adjust("300 millis")
      const done = yield* runs.get(run.id).pipe(as(user))
      assert.strictEqual(done.state, "SUCCESS")
      const fiber = yield* Effect.fork(Effect.flip(Stream.runDrain(runs.downloadFile(run.id, done.files![0]!.id))))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(error.status, 500)
      assert.include(error.message, "500 Internal Server Error")
    }).pipe(Effect.provide(FlowservTestServer.layerFlowserv({ failDownloads: true }))))
})
