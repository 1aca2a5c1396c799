/**
 * The Abaco test server's state, directly: executions on the Clock, nonces redeemed until spent, the
 * configured case on answers and requests, Abaco's refusals, and its search.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { inCase, underToCamel } from "../../../src/testkit/agave/ActorRows.js"
import { search } from "../../../src/testkit/agave/ActorSearchTerms.js"
import { Refusal } from "../../../src/testkit/agave/Outcome.js"
import { Tenant } from "../../../src/testkit/agave/Tenant.js"
import { ok, query, refused } from "./helpers.js"

type Row = Readonly<Record<string, unknown>>

const setup = (options: ConstructorParameters<typeof Tenant>[0] = {}) =>
  Effect.gen(function*() {
    const tenant = new Tenant(options)
    const actor = (yield* ok(tenant.actors.add("nryan", { image: "abacosamples/test", stateless: false }))) as Row
    return { tenant, actors: tenant.actors, id: String(actor["id"]) }
  })

const statusOf = (tenant: Tenant, actorId: string, executionId: string) =>
  Effect.map(ok(tenant.actors.getExecution("nryan", actorId, executionId)), (e) => (e as Row)["status"])

describe("Abaco test server", () => {
  it("names fields as Abaco's under_to_camel does", () => {
    assert.deepStrictEqual(
      ["last_execution_time", "_links", "id", "ch_name", "default_environment"].map(underToCamel),
      ["lastExecutionTime", "_links", "id", "chName", "defaultEnvironment"]
    )
    assert.deepStrictEqual(inCase({ max_uses: 1, _links: {} }, "camel"), { maxUses: 1, _links: {} })
    assert.deepStrictEqual(inCase({ max_uses: 1 }, "snake"), { max_uses: 1 })
  })

  it.effect("an execution is SUBMITTED, RUNNING after startDelay, COMPLETE after runDelay; its mailbox count", () =>
    Effect.gen(function*() {
      const { actors, id, tenant } = yield* setup({ actors: { startDelay: "2 seconds", runDelay: "5 seconds" } })
      const sent = (yield* ok(
        actors.send("nryan", id, { value: "hi", contentType: "str", size: 2 }, { A: "1" })
      )) as Row
      const executionId = String(sent["executionId"])
      assert.strictEqual(yield* statusOf(tenant, id, executionId), "SUBMITTED")
      assert.strictEqual(((yield* ok(actors.messageCount("nryan", id))) as Row)["messages"], 1)
      yield* TestClock.adjust(Duration.seconds(2))
      assert.strictEqual(yield* statusOf(tenant, id, executionId), "RUNNING")
      assert.strictEqual(((yield* ok(actors.messageCount("nryan", id))) as Row)["messages"], 0)
      yield* TestClock.adjust(Duration.seconds(5))
      assert.strictEqual(yield* statusOf(tenant, id, executionId), "COMPLETE")
      const logs = (yield* ok(actors.logs("nryan", id, executionId, query()))) as Row
      assert.include(String(logs["logs"]), "A=1")
    }))

  it.effect("a nonce is redeemed at its level until its uses are spent", () =>
    Effect.gen(function*() {
      const { actors, id } = yield* setup()
      const nonce = (yield* ok(actors.addNonce("nryan", id, { level: "EXECUTE", maxUses: 2 }))) as Row
      const nonceId = String(nonce["id"])
      assert.match(nonceId, /^AGAVE-TEST_/)
      const redeem = (level: "READ" | "EXECUTE" | "UPDATE") =>
        Effect.sync(() => {
          try {
            return actors.redeem(id, nonceId, level, 0)
          } catch (error) {
            return error
          }
        })
      assert.strictEqual(yield* redeem("EXECUTE"), "nryan")
      const tooHigh = yield* redeem("UPDATE")
      assert.instanceOf(tooHigh, Refusal)
      assert.strictEqual(yield* redeem("READ"), "nryan")
      const spent = yield* redeem("READ")
      assert.deepStrictEqual(
        spent instanceof Refusal ? [spent.status, spent.message] : spent,
        [400, "No remaining uses left for this nonce."]
      )
      const stored = (yield* ok(actors.getNonce("nryan", id, nonceId))) as Row
      assert.deepStrictEqual([stored["remainingUses"], stored["currentUses"]], [0, 2])
    }))

  it.effect("answers and reads requests in its configured case only", () =>
    Effect.gen(function*() {
      const snake = yield* setup({ actors: { case: "snake" } })
      const nonce = (yield* ok(snake.actors.addNonce("nryan", snake.id, { max_uses: 3 }))) as Row
      assert.deepStrictEqual([nonce["max_uses"], nonce["maxUses"]], [3, undefined])
      // A camelCase field is not read by a snake_case server (the SDK sends both spellings).
      const unread = (yield* ok(snake.actors.addNonce("nryan", snake.id, { maxUses: 3 }))) as Row
      assert.strictEqual(unread["max_uses"], -1)
      const camel = yield* setup()
      const actor = (yield* ok(camel.actors.get("nryan", camel.id))) as Row
      assert.isString(actor["createTime"])
      assert.isUndefined(actor["create_time"])
    }))

  it.effect("refuses as Abaco does: 400 for permissions, 404 for a missing actor", () =>
    Effect.gen(function*() {
      const { actors, id } = yield* setup({ actors: { roleless: ["rclemens"] } })
      assert.strictEqual(
        (yield* refused(actors.get("rclemens", id), 400)).message,
        "Not authorized -- missing required role."
      )
      const other = yield* setup()
      assert.strictEqual(
        (yield* refused(other.actors.get("rclemens", other.id), 400)).message,
        "Not authorized -- you do not have access to this actor."
      )
      assert.strictEqual((yield* refused(actors.get("nryan", "nope"), 404)).message, "No actor found with id: nope.")
      assert.strictEqual(
        (yield* refused(actors.getExecution("nryan", id, "e1"), 400)).message,
        `No executions found with actor id of ${id} and execution id of e1.`
      )
    }))

  it("search: terms on stored fields as Abaco reads them, paged with a total", () => {
    const rows = [
      { id: "a", status: "COMPLETE", io: 10, worker_id: null, start_time: "2024-01-01T00:00:00.000Z" },
      { id: "b", status: "ERROR", io: 30, worker_id: "w1", start_time: "2024-02-01T00:00:00.000Z" },
      { id: "c", status: "COMPLETE", io: 50, worker_id: "w2", start_time: "2024-03-01T00:00:00.000Z" }
    ]
    const ids = (params: Record<string, string>) => search(rows, query(params)).items.map((row) => row["id"])
    assert.deepStrictEqual(ids({ "status.eq": "COMPLETE" }), ["a", "c"])
    assert.deepStrictEqual(ids({ "status.in": "[\"ERROR\"]" }), ["b"])
    assert.deepStrictEqual(ids({ "io.between": "20,60" }), ["b", "c"])
    assert.deepStrictEqual(ids({ "worker_id.eq": "None" }), ["a"])
    assert.deepStrictEqual(ids({ "workerId.neq": "None" }), ["b", "c"])
    assert.deepStrictEqual(ids({ "start_time.gt": "2024-01-15T00:00:00.000Z" }), ["b", "c"])
    assert.deepStrictEqual(ids({ "id.like": "^[ab]$" }), ["a", "b"])
    assert.deepStrictEqual(ids({ search: "error" }), ["b"])
    const page = search(rows, query({ limit: "1", skip: "1" }))
    assert.deepStrictEqual([page.items.map((r) => r["id"]), page.metadata["total_count"]], [["b"], 3])
    assert.throws(() => search(rows, query({ limit: "-1" })))
  })
})
