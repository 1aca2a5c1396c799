/**
 * Abaco's models: either spelling read, camelCase exposed, in one pass that copies nothing for a
 * camelCase answer; request bodies in both spellings; pages as a search or as the whole list; message
 * bodies Abaco would misread refused; and Abaco's search terms as Abaco reads them.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as ActorSearch from "../../src/agave/ActorSearch.js"
import { environment } from "../../src/agave/records/Actors.js"
import {
  Actor,
  ActorNonce,
  ActorRequest,
  actorsPage,
  AddAliasRequest,
  AddNonceRequest,
  Execution,
  ExecutionsSummary,
  MessageBody
} from "../../src/agave/schemas/Actor.js"
import { cased, toSnake } from "../../src/agave/schemas/Cases.js"
import { Refused } from "../../src/core/Query.js"

const decode = <A, I>(schema: Schema.Schema<A, I>) => Schema.decodeUnknownSync(schema)

describe("Abaco's models", () => {
  it("read camelCase and snake_case alike, expose camelCase", () => {
    const camel = decode(ActorNonce)({ id: "n1", actorId: "a1", maxUses: 3, remainingUses: 2, lastUseTime: "None" })
    const snake = decode(ActorNonce)({
      id: "n1",
      actor_id: "a1",
      max_uses: 3,
      remaining_uses: 2,
      last_use_time: "None"
    })
    assert.deepStrictEqual(snake, camel)
    assert.deepStrictEqual(camel, { id: "n1", actorId: "a1", maxUses: 3, remainingUses: 2, lastUseTime: "None" })
    const execution = decode(Execution)({ id: "e1", status: "COMPLETE", worker_id: "w1", final_state: { ExitCode: 0 } })
    assert.deepStrictEqual([execution.workerId, execution.finalState], ["w1", { ExitCode: 0 }])
  })

  it("camelCase wins over snake_case unless it is null; null values are kept as null", () => {
    assert.strictEqual(decode(Actor)({ id: "a", createTime: "camel", create_time: "snake" }).createTime, "camel")
    assert.strictEqual(decode(Actor)({ id: "a", createTime: null, create_time: "snake" }).createTime, "snake")
    assert.strictEqual(decode(Actor)({ id: "a", lastUpdateTime: null }).lastUpdateTime, null)
  })

  it("nested models and summaries are read the same way; unknown statuses are kept", () => {
    const summary = decode(ExecutionsSummary)({
      actor_id: "a1",
      total_executions: 2,
      executions: [{ id: "e1", status: "COMPLETE", start_time: "s" }, { id: "e2", status: "QUEUED_SOMEWHERE" }]
    })
    assert.deepStrictEqual(summary.executions?.map((e) => [e.id, e.status, e.startTime]), [
      ["e1", "COMPLETE", "s"],
      ["e2", "QUEUED_SOMEWHERE", undefined]
    ])
  })

  it("the normalising pass leaves what the server sent as it was, and names fields as Abaco does", () => {
    const Model = cased("Model", { id: Schema.String, createTime: Schema.optional(Schema.String) })
    const sent = { id: "x", create_time: "t", extra: 1 }
    const copy = structuredClone(sent)
    assert.deepStrictEqual(decode(Model)(sent), { id: "x", createTime: "t" })
    assert.deepStrictEqual(sent, copy)
    assert.deepStrictEqual(
      ["useContainerUid", "_links", "id", "lastHealthCheckTime"].map(toSnake),
      ["use_container_uid", "_links", "id", "last_health_check_time"]
    )
  })

  it("refuse what is not the model: a missing id, a wrong type, not an object", () => {
    for (const wrong of [{ createTime: "t" }, { id: 3 }, { id: "a", max_uses: "three" }, [], null, "actor"]) {
      assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(ActorNonce)(wrong)), JSON.stringify(wrong))
    }
  })

  it("requests name every multi-word field both ways, so either configuration reads them", () => {
    const body = Schema.encodeSync(ActorRequest)({ image: "x", defaultEnvironment: { A: "1" }, maxWorkers: 2 })
    assert.deepStrictEqual(body, {
      image: "x",
      defaultEnvironment: { A: "1" },
      default_environment: { A: "1" },
      maxWorkers: 2,
      max_workers: 2
    })
    assert.deepStrictEqual(Schema.encodeSync(AddAliasRequest)({ alias: "wc", actorId: "a1" }), {
      alias: "wc",
      actorId: "a1",
      actor_id: "a1"
    })
    for (const maxUses of [0, -2, 1.5]) {
      assert.isTrue(Either.isLeft(Schema.encodeEither(AddNonceRequest)({ maxUses })), String(maxUses))
    }
  })

  it("a page is a search page or the whole list", () => {
    const Page = actorsPage(Actor)
    const searched = decode(Page)({
      _metadata: { total_count: 7, records_skipped: 5, record_limit: 2, count_returned: 2 },
      search: [{ id: "a", create_time: "t" }, { id: "b" }]
    })
    assert.deepStrictEqual(searched.items.map((a) => [a.id, a.createTime]), [["a", "t"], ["b", undefined]])
    assert.deepStrictEqual(searched.metadata, { totalCount: 7, recordsSkipped: 5, recordLimit: 2, countReturned: 2 })
    assert.isFalse(searched.whole)
    const whole = decode(Page)([{ id: "a" }])
    assert.deepStrictEqual(whole, { items: [{ id: "a" }], whole: true })
    assert.deepStrictEqual(decode(Page)({ search: [] }), { items: [], whole: false })
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Page)({ search: "not a list" })))
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Page)({ result: [] })))
  })

  it("a message is text alone or JSON without a `message` field", () => {
    const check = Schema.decodeUnknownEither(MessageBody)
    for (const good of [{ message: "hi" }, { words: ["a"] }, [1, 2], "text", 3, null, {}]) {
      assert.isTrue(Either.isRight(check(good)), JSON.stringify(good))
    }
    for (const bad of [{ message: 3 }, { message: { a: 1 } }, { message: "hi", more: 1 }]) {
      assert.isTrue(Either.isLeft(check(bad)), JSON.stringify(bad))
    }
  })

  it("environment variables: names and text values; names Abaco reads itself refused", () => {
    const pairs = environment.pairs!
    assert.deepStrictEqual(pairs({ RUNS: "3", MODE: "a b" }), [["RUNS", "3"], ["MODE", "a b"]])
    for (const bad of [{ "x-nonce": "n" }, { message: "m" }, { _abaco_username: "u" }, { "": "v" }, { A: 1 as any }]) {
      assert.instanceOf(pairs(bad), Refused, JSON.stringify(bad))
    }
  })
})

describe("Abaco's search terms", () => {
  it("written as Abaco reads them: snake_case names, JSON lists, between, None, ISO dates", () => {
    const terms = ActorSearch.make<Execution>()
      .eq("status", "COMPLETE")
      .neq("workerId", null)
      .in("executor", ["nryan", "rclemens"])
      .between("runtime", 10, 20)
      .gt("messageReceivedTime", new Date("2024-01-02T03:04:05Z"))
      .like("actorId", "^wc-")
    assert.deepStrictEqual(
      ActorSearch.toPairs(terms),
      Either.right([
        ["status.eq", "COMPLETE"],
        ["worker_id.neq", "None"],
        ["executor.in", "[\"nryan\",\"rclemens\"]"],
        ["runtime.between", "10,20"],
        ["message_received_time.gt", "2024-01-02T03:04:05.000Z"],
        ["actor_id.like", "^wc-"]
      ])
    )
    assert.deepStrictEqual(
      ActorSearch.toPairs(ActorSearch.make<Execution>().eq("_links.owner" as any, "x")),
      Either.right([["_links.owner.eq", "x"]])
    )
  })

  it("what Abaco would misread is refused with InvalidRequest, never thrown", () => {
    const refused = [
      ActorSearch.make<Execution>().in("executor", ["o'brien"]),
      ActorSearch.make<Execution>().in("executor", []),
      ActorSearch.make<Execution>().between("runtime", 1, new Date(0) as any),
      ActorSearch.make<Execution>().gt("runtime", Number.NaN),
      ActorSearch.make<Execution>().eq("status", "bad\uD800"),
      ActorSearch.make<Execution>().eq("status;drop" as any, "x"),
      new ActorSearch.ActorSearch<Execution>([{ attribute: "status", operator: "rlike" as any, value: "x" }])
    ]
    for (const search of refused) {
      const result = ActorSearch.toPairs(search)
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) {
        assert.strictEqual(result.left._tag, "InvalidRequest")
        assert.strictEqual(result.left.origin, "client")
      }
    }
  })
})
