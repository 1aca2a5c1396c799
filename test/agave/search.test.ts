import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Filter from "../../src/agave/Filter.js"
import { Job, JobSummary, Profile, System } from "../../src/agave/schemas/index.js"
import * as Search from "../../src/agave/Search.js"

const query = <A>(search: Search.Search<A>) => Either.getOrThrow(Search.toQuery(search))
const refusal = <A>(search: Search.Search<A>) => {
  const result = Search.toQuery(search)
  assert.isTrue(Either.isLeft(result))
  return Either.isLeft(result) ? result.left : undefined
}

describe("Agave search", () => {
  it("every operator, in the order the terms were given", () => {
    const s = Search.make<JobSummary>()
      .eq("status", "FINISHED")
      .neq("owner", "nryan")
      .lt("id", 5)
      .lte("id", 6)
      .gt("id", 7)
      .gte("id", 8)
      .like("appId", "*hadoop*")
      .nlike("name", "test*")
      .rlike("name", "^run-[0-9]+$")
      .in("status", ["PENDING", "ARCHIVING"])
      .nin("status", ["FAILED", "KILLED"])
      .on("created", "2024-01-02")
      .before("endTime", new Date(Date.UTC(2024, 0, 3, 4, 5, 6)))
      .after("startTime", "yesterday")
      .between("created", "2024-01-01", "2024-02-01")
    assert.strictEqual(
      query(s),
      [
        "status.eq=FINISHED",
        "owner.neq=nryan",
        "id.lt=5",
        "id.lte=6",
        "id.gt=7",
        "id.gte=8",
        "appId.like=*hadoop*",
        "name.nlike=test*",
        "name.rlike=%5Erun-%5B0-9%5D%2B%24",
        "status.in=PENDING,ARCHIVING",
        "status.nin=FAILED,KILLED",
        "created.on=2024-01-02",
        "endTime.before=2024-01-03T04%3A05%3A06.000Z",
        "startTime.after=yesterday",
        "created.between=2024-01-01,2024-02-01"
      ].join("&")
    )
  })

  it("nested attributes in dot notation; order of results", () => {
    const s = Search.make<System>().eq("storage.protocol", "S3").gt("queues.maxUserJobs", 10).orderBy("id", "desc")
    assert.strictEqual(query(s), "storage.protocol.eq=S3&queues.maxUserJobs.gt=10&orderBy=id&order=desc")
    assert.strictEqual(query(Search.make<System>().orderBy("name")), "orderBy=name&order=asc")
    assert.deepStrictEqual(Either.getOrThrow(Search.toPairs(Search.make<System>().eq("type", "STORAGE"))), [
      ["type.eq", "STORAGE"]
    ])
  })

  it("values are encoded so they cannot end their term or start another", () => {
    const s = Search.make().eq("name", "a&b=c#d e+f%g?h/i'\"é☃")
    const encoded = query(s)
    assert.strictEqual(encoded, "name.eq=a%26b%3Dc%23d%20e%2Bf%25g%3Fh%2Fi'%22%C3%A9%E2%98%83")
    const parsed = new URLSearchParams(encoded)
    assert.deepStrictEqual([...parsed.keys()], ["name.eq"])
    assert.strictEqual(parsed.get("name.eq"), "a&b=c#d e+f%g?h/i'\"é☃")
    assert.strictEqual(
      query(Search.make().eq("archive", false).eq("nodeCount", 1.5)),
      "archive.eq=false&nodeCount.eq=1.5"
    )
  })

  it("a value that cannot be sent is InvalidRequest, never a throw", () => {
    const refused = [
      Search.make().eq("name", "bad\ud800"),
      Search.make().in("status", ["ok", "\udc00"]),
      Search.make().in("name", ["a,b"]),
      Search.make().in("status", []),
      Search.make().eq("id", Number.NaN),
      Search.make().eq("id", Number.POSITIVE_INFINITY),
      Search.make().before("created", new Date(Number.NaN)),
      Search.make().where("name", "between", ["only-one"]),
      Search.make().where("name", "eq", ["a", "b"]),
      Search.make().where("name", "in", "not-a-list"),
      Search.make().where("name", "drop table" as any, "x"),
      Search.make().eq("a&b", "x"),
      Search.make().eq("", "x"),
      Search.make().eq("a..b", "x"),
      Search.make().eq("name=x", "y"),
      Search.make().eq("x".repeat(300), "y"),
      Search.make().orderBy("a b")
    ]
    for (const search of refused) {
      const error = refusal(search)
      assert.strictEqual(error?._tag, "InvalidRequest")
      assert.strictEqual(error?.origin, "client")
    }
    assert.notInclude(refusal(Search.make().eq("name", "secret\ud800"))?.message ?? "", "secret")
  })

  it("a search is immutable: each term makes a new one", () => {
    const base = Search.make<JobSummary>().eq("status", "RUNNING")
    const more = base.eq("owner", "nryan")
    assert.strictEqual(base.terms.length, 1)
    assert.strictEqual(more.terms.length, 2)
  })
})

describe("Agave response-field filter", () => {
  it("names the fields, comma-joined", () => {
    assert.strictEqual(
      Either.getOrThrow(Filter.toQueryValue(Filter.fields<JobSummary>("id", "status", "_links.archiveData"))),
      "id,status,_links.archiveData"
    )
    assert.isTrue(Either.isLeft(Filter.toQueryValue(Filter.fields())))
    assert.isTrue(Either.isLeft(Filter.toQueryValue(Filter.fields("a,b"))))
    assert.isTrue(Either.isLeft(Filter.toQueryValue(Filter.fields("ok", "\ud800"))))
  })

  it("a filtered answer decodes with every field, at every depth, optional", () => {
    const systems = Filter.partial(Schema.Array(System))
    const decoded = Schema.decodeUnknownSync(systems)([
      { type: "STORAGE", default: true, storage: { host: "dtn01.prod.agaveapi.co" } },
      { id: "docker.tacc.utexas.edu" },
      { queues: [{ maxUserJobs: 10 }] }
    ])
    assert.deepStrictEqual(decoded, [
      { type: "STORAGE", default: true, storage: { host: "dtn01.prod.agaveapi.co" } },
      { id: "docker.tacc.utexas.edu" },
      { queues: [{ maxUserJobs: 10 }] }
    ])
    // The full schema refuses the same answer: `id` and a queue's `name` are required there.
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Schema.Array(System))([{ type: "STORAGE" }])))
    // Wrong types are still refused.
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(systems)([{ default: "yes" }])))
  })

  it("a filtered profile still goes through the one normalising pass", () => {
    const profile = Schema.decodeUnknownSync(Filter.partial(Profile))({ firstName: "Nolan" })
    assert.deepStrictEqual(profile, { first_name: "Nolan" })
    const job = Schema.decodeUnknownSync(Filter.partial(Job))({ status: "RUNNING" })
    assert.deepStrictEqual(job, { status: "RUNNING" })
  })
})
