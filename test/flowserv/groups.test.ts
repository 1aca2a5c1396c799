import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { Groups, Users } from "../../src/flowserv/index.js"
import { FlowservTestServer } from "../../src/testkit/index.js"
import { as, requestCount, requestsSince, signUp, withServer } from "../helpers/flowserv.js"

const badToken = { token: Redacted.make("badtoken") }

describe("flowserv Groups", () => {
  it.effect("create: the creator and the given members, the workflow's parameters", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      const alice = yield* signUp("alice")
      const bob = yield* signUp("bob")
      const group = yield* groups.create("helloworld", { name: "G1", members: [bob.id] }).pipe(as(alice))
      assert.strictEqual(group.name, "G1")
      assert.strictEqual(group.workflowId, "helloworld")
      assert.deepStrictEqual(group.members.map((m) => m.username).sort(), ["alice", "bob"])
      assert.deepStrictEqual(group.parameters.map((p) => p.name), ["names", "sleeptime", "greeting"])
      assert.deepStrictEqual(group.files, [])
      assert.isUndefined(group.engineConfig)
      assert.isUndefined(group.runs)
    }).pipe(withServer))

  it.effect("create: every failure has its tag", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      const alice = yield* signUp("alice")
      yield* groups.create("helloworld", { name: "G1" }).pipe(as(alice))
      const fail = (call: Effect.Effect<unknown, { _tag: string; message: string }>) =>
        Effect.map(Effect.flip(call), (e) => [e._tag, e.message])
      assert.deepStrictEqual(yield* fail(groups.create("helloworld", { name: "G2" })), [
        "Unauthorized",
        "not logged in"
      ])
      // Any logged-in user may create a group: the server's "not authorized" can only mean the token.
      assert.deepStrictEqual(yield* fail(groups.create("helloworld", { name: "G2" }).pipe(as(badToken))), [
        "Unauthorized",
        "not authorized: the access token is not valid (unknown, expired or logged out)"
      ])
      assert.deepStrictEqual(yield* fail(groups.create("nosuchwf", { name: "G2" }).pipe(as(alice))), [
        "NotFound",
        "unknown workflow 'nosuchwf'"
      ])
      assert.deepStrictEqual(yield* fail(groups.create("helloworld", { name: "G1" }).pipe(as(alice))), [
        "Conflict",
        "group 'G1' exists"
      ])
      assert.deepStrictEqual(
        yield* fail(groups.create("helloworld", { name: "G3", members: ["nosuchuser"] }).pipe(as(alice))),
        ["InvalidRequest", "unknown user 'nosuchuser'"]
      )
      // The server accepts only name and members: the rest is passed through and refused by it.
      assert.deepStrictEqual(
        yield* fail(groups.create("helloworld", { name: "G4", parameters: [] }).pipe(as(alice))),
        ["InvalidRequest", "unknown element 'parameters'"]
      )
      assert.deepStrictEqual(
        yield* fail(groups.create("helloworld", { name: "G4", engineConfig: { workers: 2 } }).pipe(as(alice))),
        ["InvalidRequest", "unknown element 'config'"]
      )
      // The same name on another workflow is fine.
      yield* groups.create("helloworld2", { name: "G1" }).pipe(as(alice))
    }).pipe(withServer))

  it.effect("create: names and member lists are checked before sending", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      const alice = yield* signUp("alice")
      const before = yield* requestCount
      for (
        const call of [
          groups.create("helloworld", { name: "" }),
          groups.create("helloworld", { name: "x".repeat(600) }),
          groups.create("helloworld", { name: "G", members: "abc" as unknown as Array<string> }),
          groups.create("helloworld", { name: "G", members: [""] }),
          groups.create("", { name: "G" }),
          groups.create("..", { name: "G" })
        ]
      ) {
        const error = yield* Effect.flip(call.pipe(as(alice)))
        assert.strictEqual(error._tag, "InvalidRequest")
      }
      assert.strictEqual((yield* requestsSince(before)).length, 0)
    }).pipe(withServer))

  it.effect("get: any token reads a group; runs only for a valid one", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      const alice = yield* signUp("alice")
      const created = yield* groups.create("helloworld", { name: "G1" }).pipe(as(alice))
      const mine = yield* groups.get(created.id).pipe(as(alice))
      assert.deepStrictEqual(mine.runs, [])
      const theirs = yield* groups.get(created.id).pipe(as(badToken))
      assert.isUndefined(theirs.runs)
      assert.strictEqual(theirs.name, "G1")
      assert.strictEqual((yield* Effect.flip(groups.get(created.id)))._tag, "Unauthorized")
      const missing = yield* Effect.flip(groups.get("nosuchgroup").pipe(as(alice)))
      assert.strictEqual(missing._tag, "NotFound")
      assert.strictEqual(missing._tag === "NotFound" && missing.resource, "group")
      assert.strictEqual(missing._tag === "NotFound" && missing.id, "nosuchgroup")
    }).pipe(withServer))

  it.effect("list: one workflow's groups of the caller, or every workflow's", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      const alice = yield* signUp("alice")
      const bob = yield* signUp("bob")
      yield* groups.create("helloworld", { name: "A1" }).pipe(as(alice))
      yield* groups.create("helloworld", { name: "B1" }).pipe(as(bob))
      yield* groups.create("helloworld2", { name: "A2", members: [bob.id] }).pipe(as(alice))
      const one = yield* groups.listPage({ workflowId: "helloworld" }).pipe(as(alice))
      assert.deepStrictEqual(one.map((g) => g.name), ["A1"])
      const all = yield* groups.listPage().pipe(as(alice))
      assert.deepStrictEqual(all.map((g) => `${g.workflowId}/${g.name}`), ["helloworld/A1", "helloworld2/A2"])
      const streamed = yield* Stream.runCollect(groups.list({ concurrency: 1 }).pipe(as(bob)))
      assert.deepStrictEqual(Chunk.toReadonlyArray(streamed).map((g) => g.name), ["B1", "A2"])
      // The server has no GET /groups: the SDK never asks for it.
      const server = yield* FlowservTestServer
      assert.isFalse(
        server.requests().some((r) =>
          new URL(r.url).pathname.endsWith("/groups") && r.method === "GET" &&
          !r.url.includes("/workflows/")
        )
      )
      // An unknown workflow lists nothing for a valid token.
      assert.deepStrictEqual(yield* groups.listPage({ workflowId: "nosuchwf" }).pipe(as(alice)), [])
      // The server would list everyone's groups for an invalid token: the SDK refuses instead.
      for (const options of [{ workflowId: "helloworld" }, { workflowId: "nosuchwf" }, {}]) {
        const error = yield* Effect.flip(groups.listPage(options).pipe(as(badToken)))
        assert.strictEqual(error._tag, "Unauthorized")
      }
      const loggedOut = yield* signUp("dave")
      yield* (yield* Users).logout().pipe(as(loggedOut))
      assert.strictEqual((yield* Effect.flip(groups.listPage().pipe(as(loggedOut))))._tag, "Unauthorized")
      assert.strictEqual((yield* Effect.flip(groups.listPage()))._tag, "Unauthorized")
    }).pipe(withServer))

  it.effect("update: rename and replace members with PUT; only members may", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      const alice = yield* signUp("alice")
      const bob = yield* signUp("bob")
      const carol = yield* signUp("carol")
      const group = yield* groups.create("helloworld", { name: "G1", members: [bob.id] }).pipe(as(alice))
      const before = yield* requestCount
      const renamed = yield* groups.update(group.id, { name: "G1-renamed" }).pipe(as(bob))
      assert.strictEqual(renamed.name, "G1-renamed")
      assert.strictEqual((yield* requestsSince(before))[0]!.method, "PUT")
      const replaced = yield* groups.update(group.id, { members: [alice.id, carol.id] }).pipe(as(alice))
      assert.deepStrictEqual(replaced.members.map((m) => m.username).sort(), ["alice", "carol"])
      const forbidden = yield* Effect.flip(groups.update(group.id, { name: "hijack" }).pipe(as(bob)))
      assert.strictEqual(forbidden._tag, "Forbidden")
      const missing = yield* Effect.flip(groups.update("nosuchgroup", { name: "x" }).pipe(as(alice)))
      assert.strictEqual(missing._tag, "NotFound")
      const noHeader = yield* Effect.flip(groups.update(group.id, { name: "x" }))
      assert.strictEqual(noHeader._tag, "Unauthorized")
      const invalid = yield* Effect.flip(groups.update(group.id, { name: "x" }).pipe(as(badToken)))
      assert.strictEqual(invalid._tag, "Unauthorized")
      const unknownMember = yield* Effect.flip(groups.update(group.id, { members: ["nosuchuser"] }).pipe(as(alice)))
      assert.strictEqual(unknownMember._tag, "NotFound")
      assert.strictEqual(unknownMember._tag === "NotFound" && unknownMember.resource, "user")
    }).pipe(withServer))

  it.effect("update: a member list that is not an array is refused before it can empty the group", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      const alice = yield* signUp("alice")
      const bob = yield* signUp("bob")
      const group = yield* groups.create("helloworld", { name: "G1", members: [bob.id] }).pipe(as(alice))
      const error = yield* Effect.flip(
        groups.update(group.id, { members: bob.id as unknown as Array<string> }).pipe(as(alice))
      )
      assert.strictEqual(error._tag, "InvalidRequest")
      const server = yield* FlowservTestServer
      assert.strictEqual(server.state.groupsOf("helloworld")[0]!.members.length, 2)
      const empty = yield* Effect.flip(groups.update(group.id, { name: " " }).pipe(as(alice)))
      assert.strictEqual(empty._tag, "InvalidRequest")
    }).pipe(withServer))

  it.effect("delete: 204 for a member, then NotFound; Forbidden for others, Unauthorized for bad tokens", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      const alice = yield* signUp("alice")
      const bob = yield* signUp("bob")
      const group = yield* groups.create("helloworld", { name: "G1" }).pipe(as(alice))
      assert.strictEqual((yield* Effect.flip(groups.delete(group.id).pipe(as(bob))))._tag, "Forbidden")
      assert.strictEqual((yield* Effect.flip(groups.delete(group.id)))._tag, "Unauthorized")
      assert.strictEqual((yield* Effect.flip(groups.delete(group.id).pipe(as(badToken))))._tag, "Unauthorized")
      assert.isUndefined(yield* groups.delete(group.id).pipe(as(alice)))
      const gone = yield* Effect.flip(groups.get(group.id).pipe(as(alice)))
      assert.strictEqual(gone._tag, "NotFound")
      assert.strictEqual((yield* Effect.flip(groups.delete(group.id).pipe(as(alice))))._tag, "NotFound")
    }).pipe(withServer))

  it.effect("errors are caught by tag", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      const users = yield* Users
      const alice = yield* signUp("alice")
      const outcome = yield* groups.get("nosuchgroup").pipe(
        as(alice),
        Effect.map(() => "found"),
        Effect.catchTags({ NotFound: (e) => Effect.succeed(`no ${e.resource} ${e.id}`) })
      )
      assert.strictEqual(outcome, "no group nosuchgroup")
      yield* users.whoami().pipe(as(alice))
    }).pipe(withServer))
})
