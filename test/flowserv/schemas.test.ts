import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import {
  GroupHandle,
  isParameterType,
  LoggedInUser,
  UploadListing,
  UserListing,
  WorkflowListing
} from "../../src/flowserv/index.js"

// Bodies as the real server sends them (server-behaviour.md, probes #46, #71, #74, #89).
describe("flowserv schemas decode the real server's bodies", () => {
  it.effect("a group handle: wire names mapped, null config absent, runs with timestamps", () =>
    Effect.gen(function*() {
      const handle = yield* Schema.decodeUnknown(GroupHandle)({
        config: null,
        files: [{ createdAt: "2026-11-22T08:11:54.967269+00:00", id: "f1", name: "names.txt", size: 0 }],
        id: "b99cdb1e",
        members: [{ id: "u1", username: "alice" }],
        name: "G1",
        parameters: [
          { dtype: "file", index: 0, isRequired: true, label: "Input file", name: "names", target: "data/names.txt" },
          { defaultValue: 2, dtype: "int", index: 1, isRequired: false, label: "Sleep time (s)", name: "sleeptime" },
          { dtype: "actor", index: 2, isRequired: false, name: "future", label: null }
        ],
        runs: [{ createdAt: "2026-11-22T08:11:55.056136+00:00", id: "r1", state: "SUCCESS" }],
        workflow: "helloworld"
      })
      assert.strictEqual(handle.workflowId, "helloworld")
      assert.isUndefined(handle.engineConfig)
      assert.strictEqual(DateTime.toEpochMillis(handle.files[0]!.createdAt), Date.parse("2026-11-22T08:11:54.967Z"))
      assert.strictEqual(handle.runs?.[0]?.state, "SUCCESS")
      assert.deepStrictEqual(handle.parameters.map((p) => isParameterType(p.dtype)), [true, true, false])
      assert.isUndefined(handle.parameters[2]!.label)
    }))

  it.effect("an uploaded file's size is 0 when the server leaves it out (server-behaviour.md §4.3, #176)", () =>
    Effect.gen(function*() {
      const listing = yield* Schema.decodeUnknown(UploadListing)({
        files: [
          { createdAt: "2026-11-22T08:11:54.967269+00:00", id: "f1", name: "names.txt", size: 0 },
          { createdAt: "2026-11-22T08:11:54.967269+00:00", id: "f2", name: "other.txt" },
          { createdAt: "2026-11-22T08:11:54.967269+00:00", id: "f3", name: "sized.txt", size: 12 }
        ]
      })
      assert.deepStrictEqual(listing.files.map((f) => [f.id, f.size]), [["f1", 0], ["f2", 0], ["f3", 12]])
      const wrong = yield* Effect.flip(
        Schema.decodeUnknown(UploadListing)({
          files: [{ createdAt: "2026-11-22T08:11:54.967269+00:00", id: "f1", name: "n", size: "0" }]
        })
      )
      assert.strictEqual(wrong._tag, "ParseError")
    }))

  it.effect("a user listing drops everyone's tokens; a login keeps its own, redacted", () =>
    Effect.gen(function*() {
      const listing = yield* Schema.decodeUnknown(UserListing)({
        users: [{ id: "1", username: "ALICE" }, { id: "2", token: "8fb5a163", username: "alfred" }]
      })
      assert.deepStrictEqual(listing.users, [{ id: "1", username: "ALICE" }, { id: "2", username: "alfred" }])
      const me = yield* Schema.decodeUnknown(LoggedInUser)({ id: "2", token: "8fb5a163", username: "alfred" })
      assert.strictEqual(Redacted.value(me.token), "8fb5a163")
      assert.notInclude(JSON.stringify(me), "8fb5a163")
    }))

  it.effect("workflows with and without optional fields", () =>
    Effect.gen(function*() {
      const listing = yield* Schema.decodeUnknown(WorkflowListing)({
        workflows: [
          { description: "Hello World Demo", id: "helloworld", name: "Hello World" },
          { id: "bare", name: "Bare", description: null }
        ]
      })
      assert.strictEqual(listing.workflows[0]!.description, "Hello World Demo")
      assert.isUndefined(listing.workflows[1]!.description)
    }))
})
