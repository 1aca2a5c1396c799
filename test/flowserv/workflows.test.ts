import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { gunzipSync } from "node:zlib"
import type { Leaderboard } from "../../src/flowserv/index.js"
import { Groups, RunArguments, Runs, Service, Workflows } from "../../src/flowserv/index.js"
import type { WorkflowSeed } from "../../src/testkit/index.js"
import { FlowservTestServer, helloworld, helloworldParameters } from "../../src/testkit/index.js"
import { as, benchmarkGroup, signUp, withServer } from "../helpers/flowserv.js"

// A workflow whose runs report the `score` and `time` given as arguments.
const contest: WorkflowSeed = {
  id: "contest",
  name: "Contest",
  parameters: [
    { name: "score", index: 0, dtype: "float", isRequired: true },
    { name: "time", index: 1, dtype: "int", isRequired: true }
  ],
  results: [
    { name: "score", label: "Score", dtype: "float" },
    { name: "time", label: "Time", dtype: "int" }
  ],
  run: (context) => ({
    runningMillis: 100,
    results: { score: context.argument("score"), time: context.argument("time") }
  })
}

const noResults: WorkflowSeed = { id: "plain", name: "Plain", parameters: helloworldParameters }

const withWorkflows = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.provide(self, FlowservTestServer.layerFlowserv({ workflows: [helloworld, contest, noResults] }))

const rows = (board: Option.Option<Leaderboard>) =>
  Option.getOrThrow(board).ranking.map((entry) => [
    entry.group.name,
    ...entry.results.map((result) => result.value)
  ])

describe("flowserv Workflows", () => {
  it.effect("list and get; the caller's groups only with a valid token", () =>
    Effect.gen(function*() {
      const workflows = yield* Workflows
      assert.deepStrictEqual((yield* workflows.listPage()).map((w) => w.id), ["helloworld", "helloworld2"])
      const alice = yield* signUp("alice")
      const group = yield* Effect.flatMap(Groups, (groups) => groups.create("helloworld", { name: "G" })).pipe(
        as(alice)
      )
      const anonymous = yield* workflows.get("helloworld")
      assert.strictEqual(anonymous.name, "Hello World")
      assert.deepStrictEqual(anonymous.parameters.map((p) => p.name), ["names", "sleeptime", "greeting"])
      assert.isUndefined(anonymous.groups)
      assert.isUndefined(anonymous.postproc)
      const mine = yield* workflows.get("helloworld").pipe(as(alice))
      assert.deepStrictEqual(mine.groups, [{ id: group.id, name: "G", workflowId: "helloworld" }])
      const error = yield* Effect.flip(workflows.get("nosuchwf"))
      assert.strictEqual(error._tag, "NotFound")
      assert.strictEqual(error._tag === "NotFound" && error.resource, "workflow")
    }).pipe(withServer))

  it.effect("leaderboard: the result schema, an empty ranking, None for a workflow without results", () =>
    Effect.gen(function*() {
      const workflows = yield* Workflows
      const board = Option.getOrThrow(yield* workflows.leaderboard("helloworld"))
      assert.deepStrictEqual(board.schema.map((c) => c.name), ["avg_count", "max_len", "max_line"])
      assert.deepStrictEqual(board.ranking, [])
      assert.isTrue(Option.isNone(yield* workflows.leaderboard("plain")))
      assert.strictEqual((yield* Effect.flip(workflows.leaderboard("nosuchwf")))._tag, "NotFound")
    }).pipe(withWorkflows))

  it.effect("leaderboard: ranked by the first column descending, best run per group, or all; orderBy", () =>
    Effect.gen(function*() {
      const workflows = yield* Workflows
      const runs = yield* Runs
      const server = yield* FlowservTestServer
      const teams = yield* Effect.forEach(["ann", "ben", "cat"], (name) =>
        Effect.gen(function*() {
          const user = yield* signUp(name)
          const group = yield* Effect.flatMap(Groups, (groups) => groups.create("contest", { name })).pipe(as(user))
          return { user, group }
        }))
      const submit = (team: number, score: number, time: number) =>
        runs.start(teams[team]!.group.id, { score, time }).pipe(as(teams[team]!.user))
      yield* submit(0, 0.5, 30)
      yield* submit(0, 0.9, 50)
      yield* submit(1, 0.9, 20)
      yield* submit(2, 0.7, 10)
      // Not finished yet: not ranked.
      assert.deepStrictEqual(rows(yield* workflows.leaderboard("contest")), [])
      yield* TestClock.adjust("100 millis")

      assert.deepStrictEqual(rows(yield* workflows.leaderboard("contest")), [
        ["ann", 0.9, 50],
        ["ben", 0.9, 20],
        ["cat", 0.7, 10]
      ])
      assert.deepStrictEqual(
        rows(
          yield* workflows.leaderboard("contest", {
            orderBy: [{ column: "score" }, { column: "time", direction: "asc" }]
          })
        ),
        [["ben", 0.9, 20], ["ann", 0.9, 50], ["cat", 0.7, 10]]
      )
      assert.deepStrictEqual(
        rows(
          yield* workflows.leaderboard("contest", { orderBy: [{ column: "time", direction: "asc" }], includeAll: true })
        ),
        [["cat", 0.7, 10], ["ben", 0.9, 20], ["ann", 0.5, 30], ["ann", 0.9, 50]]
      )
      const sent = server.requests().filter((r) => r.url.includes("leaderboard")).map((r) => new URL(r.url).search)
      assert.include(sent, "?orderBy=score%3Adesc%2Ctime%3Aasc")
      assert.include(sent, "?orderBy=time%3Aasc&includeAll=true")
    }).pipe(withWorkflows))

  it.effect("leaderboard: sort keys are checked; an unknown column is the server's 500", () =>
    Effect.gen(function*() {
      const workflows = yield* Workflows
      const bad = yield* Effect.flip(workflows.leaderboard("contest", { orderBy: [{ column: "a:b" }] }))
      assert.strictEqual(bad._tag === "InvalidRequest" && bad.origin, "client")
      const empty = yield* Effect.flip(workflows.leaderboard("contest", { orderBy: [{ column: "" }] }))
      assert.strictEqual(empty._tag, "InvalidRequest")
      const fiber = yield* Effect.fork(
        Effect.flip(workflows.leaderboard("contest", { orderBy: [{ column: "nosuch" }] }))
      )
      yield* TestClock.adjust("1 minute")
      assert.strictEqual((yield* Fiber.join(fiber))._tag, "ServerError")
    }).pipe(withWorkflows))

  it.effect("a successful run: on the leaderboard, with the post-processing run and its downloads", () =>
    Effect.gen(function*() {
      const workflows = yield* Workflows
      const runs = yield* Runs
      const before = yield* Effect.flip(Stream.runDrain(workflows.downloadArchive("helloworld")))
      assert.strictEqual(before.message, "unknown file 'no post-processing workflow'")
      const { group, upload, user } = yield* benchmarkGroup("alice", "helloworld", "Alice\nBob\n")
      const run = yield* runs.start(group.id, { names: RunArguments.file(upload.id), greeting: "Hi", sleeptime: 1 })
        .pipe(as(user))
      // Start-up, then one second per name.
      yield* TestClock.adjust("2300 millis")
      const board = Option.getOrThrow(yield* workflows.leaderboard("helloworld"))
      assert.deepStrictEqual(board.ranking.map((e) => [e.run.id, e.group.name]), [[run.id, "team-alice"]])
      assert.deepStrictEqual(board.ranking[0]!.results, [
        { name: "avg_count", value: 8 },
        { name: "max_len", value: 9 },
        { name: "max_line", value: "Hi Alice!" }
      ])
      const postproc = board.postproc!
      assert.strictEqual(postproc.state, "SUCCESS")
      assert.isUndefined(postproc.groupId)
      assert.deepStrictEqual(postproc.files?.map((f) => [f.name, f.title]), [["results/compare.json", "Results"]])
      assert.strictEqual((yield* workflows.get("helloworld")).postproc?.id, postproc.id)
      const file = yield* Stream.runCollect(workflows.downloadFile("helloworld", postproc.files![0]!.id))
      assert.strictEqual(Buffer.concat(Chunk.toReadonlyArray(file)).toString(), "{\"runs\": []}\n")
      const archive = Buffer.concat(
        Chunk.toReadonlyArray(yield* Stream.runCollect(workflows.downloadArchive("helloworld")))
      )
      assert.include(gunzipSync(archive).toString("latin1"), "results/compare.json")
    }).pipe(withServer))
})

describe("flowserv Service", () => {
  it.effect("describe: name, version, routes; the username only with a valid token", () =>
    Effect.gen(function*() {
      const service = yield* Service
      const anonymous = yield* service.describe()
      assert.strictEqual(anonymous.version, "0.8.1")
      assert.strictEqual(anonymous.url, "http://localhost:5000/flowserv/api/v1")
      assert.include(anonymous.routes.map((r) => r.id), "runs:start")
      assert.isUndefined(anonymous.username)
      const alice = yield* signUp("alice")
      assert.strictEqual((yield* service.describe().pipe(as(alice))).username, "alice")
      assert.isUndefined((yield* service.describe().pipe(as({ token: Redacted.make("badtoken") }))).username)
    }).pipe(withServer))
})
