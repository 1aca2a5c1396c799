import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { Tenant } from "../../../src/testkit/agave/Tenant.js"
import { ok, query, read, refused, text } from "./helpers.js"

type Job = {
  readonly id: string
  readonly status: string
  readonly startTime: string | null
  readonly endTime: string | null
}

const setup = (options: ConstructorParameters<typeof Tenant>[0] = {}) =>
  Effect.gen(function*() {
    const tenant = new Tenant(options)
    yield* ok(
      tenant.files.upload("nryan", undefined, "nryan", {
        file: { filename: "words.txt", content: text("one two three\nfour\n") }
      }),
      202
    )
    const job = (yield* ok(
      tenant.jobs.submit("nryan", {
        name: "count",
        appId: "wc-1.00",
        inputs: { query1: ["agave://data.agave.test/nryan/words.txt"] },
        parameters: { printLongestLine: false }
      }),
      201
    )) as Job
    return { tenant, job }
  })

const status = (tenant: Tenant, id: string) =>
  Effect.map(ok(tenant.jobs.getStatus("nryan", id)), (result) => (result as { status: string }).status)

describe("Agave test server: jobs", () => {
  it.effect("a job moves through Agave's statuses on the Clock, with its history", () =>
    Effect.gen(function*() {
      const { job, tenant } = yield* setup()
      assert.strictEqual(job.status, "PENDING")
      assert.isNull(job.startTime)
      const seen: Array<string> = [yield* status(tenant, job.id)]
      for (let i = 0; i < 20; i++) {
        yield* TestClock.adjust(Duration.seconds(1))
        const now = yield* status(tenant, job.id)
        if (now !== seen[seen.length - 1]) seen.push(now)
      }
      assert.deepStrictEqual(seen, [
        "PENDING",
        "PROCESSING_INPUTS",
        "STAGING_INPUTS",
        "STAGED",
        "STAGING_JOB",
        "SUBMITTING",
        "QUEUED",
        "RUNNING",
        "CLEANING_UP",
        "ARCHIVING",
        "ARCHIVING_FINISHED",
        "FINISHED"
      ])
      const history = (yield* ok(tenant.jobs.history("nryan", job.id, query()))) as ReadonlyArray<{ status: string }>
      assert.deepStrictEqual(history.map((event) => event.status), seen)
      const done = (yield* ok(tenant.jobs.get("nryan", job.id))) as Job
      assert.isString(done.startTime)
      assert.isString(done.endTime)
    }))

  it.effect("it writes its outputs when it stops running and archives them to the default storage", () =>
    Effect.gen(function*() {
      const { job, tenant } = yield* setup()
      yield* TestClock.adjust(Duration.seconds(12))
      assert.strictEqual(yield* status(tenant, job.id), "CLEANING_UP")
      const working = (yield* ok(tenant.jobs.listOutputs("nryan", job.id, "", query()))) as ReadonlyArray<
        { name: string; path: string }
      >
      assert.deepStrictEqual(working.map((entry) => entry.name), [
        ".",
        `count-${job.id}.err`,
        `count-${job.id}.out`,
        "output.txt"
      ])
      assert.strictEqual(working[3]!.path, "output.txt")
      assert.strictEqual(
        read(yield* ok(tenant.jobs.downloadOutput("nryan", job.id, "output.txt"))),
        "2 4 19 words.txt\n"
      )
      yield* TestClock.adjust(Duration.seconds(10))
      assert.strictEqual(yield* status(tenant, job.id), "FINISHED")
      const archived = yield* ok(tenant.files.list("nryan", undefined, `nryan/archive/jobs/job-${job.id}`, query()))
      assert.strictEqual(archived.length, 4)
      assert.strictEqual(
        read(yield* ok(tenant.files.download("nryan", undefined, `nryan/archive/jobs/job-${job.id}/output.txt`))),
        "2 4 19 words.txt\n"
      )
      assert.strictEqual(
        read(yield* ok(tenant.jobs.downloadOutput("nryan", job.id, "output.txt"))),
        "2 4 19 words.txt\n"
      )
      yield* refused(tenant.jobs.downloadOutput("nryan", job.id, "../x"), 400)
      yield* refused(tenant.jobs.downloadOutput("nryan", job.id, "none.txt"), 404)
    }))

  it.effect("stop, resubmit, a failing outcome, delete", () =>
    Effect.gen(function*() {
      const { job, tenant } = yield* setup({
        jobs: { outcome: (request) => (request["name"] === "doomed" ? "FAILED" : "FINISHED") }
      })
      yield* TestClock.adjust(Duration.seconds(8))
      const stopped = (yield* ok(tenant.jobs.manage("nryan", job.id, { action: "stop" }))) as Job
      assert.strictEqual(stopped.status, "STOPPED")
      yield* TestClock.adjust(Duration.seconds(30))
      assert.strictEqual(yield* status(tenant, job.id), "STOPPED")
      yield* refused(tenant.jobs.manage("nryan", job.id, { action: "stop" }), 400)
      const again = (yield* ok(tenant.jobs.manage("nryan", job.id, { action: "resubmit" }))) as Job
      assert.notStrictEqual(again.id, job.id)
      assert.strictEqual(again.status, "PENDING")
      const doomed = (yield* ok(
        tenant.jobs.submit("nryan", {
          name: "doomed",
          appId: "wc-1.00",
          archive: false,
          inputs: { query1: "nryan/words.txt" }
        }),
        201
      )) as Job
      yield* TestClock.adjust(Duration.seconds(30))
      assert.strictEqual(yield* status(tenant, doomed.id), "FAILED")
      yield* ok(tenant.jobs.delete("nryan", job.id))
      const gone = yield* refused(tenant.jobs.get("nryan", job.id), 404)
      assert.strictEqual(gone.message, `No job found with job id ${job.id}`)
    }))

  it.effect("submission is checked: the app, its required inputs, inputs that exist", () =>
    Effect.gen(function*() {
      const tenant = new Tenant()
      yield* refused(tenant.jobs.submit("nryan", { name: "x", appId: "nope-1.0" }), 404)
      yield* refused(tenant.jobs.submit("nryan", { name: "x", appId: "wc-1.00" }), 400)
      yield* refused(
        tenant.jobs.submit("nryan", { name: "x", appId: "wc-1.00", inputs: { query1: "nryan/missing.txt" } }),
        400
      )
      yield* refused(tenant.jobs.submit("nryan", { name: "x", appId: "wc-1.00", inputs: { other: "nryan/x" } }), 400)
      yield* refused(tenant.jobs.submit("nryan", "not an object"), 400)
    }))

  it.effect("jobs are their owner's unless shared; search and paging over them", () =>
    Effect.gen(function*() {
      const { job, tenant } = yield* setup()
      yield* refused(tenant.jobs.get("rclemens", job.id), 403)
      assert.deepStrictEqual(yield* ok(tenant.jobs.list("rclemens", query())), [])
      yield* ok(tenant.jobs.updatePermission("nryan", job.id, "rclemens", { permission: "READ" }))
      assert.strictEqual(((yield* ok(tenant.jobs.get("rclemens", job.id))) as Job).id, job.id)
      yield* refused(tenant.jobs.manage("rclemens", job.id, { action: "stop" }), 403)
      const pems = (yield* ok(tenant.jobs.listPermissions("nryan", job.id, query()))) as ReadonlyArray<
        { username: string }
      >
      assert.deepStrictEqual(pems.map((p) => p.username), ["nryan", "rclemens"])
      yield* ok(tenant.jobs.deletePermissions("nryan", job.id, "rclemens"))
      yield* refused(tenant.jobs.get("rclemens", job.id), 403)

      yield* TestClock.adjust(Duration.seconds(30))
      const second = (yield* ok(
        tenant.jobs.submit("nryan", {
          name: "second",
          appId: "wc-1.00",
          archive: false,
          inputs: { query1: "nryan/words.txt" }
        }),
        201
      )) as Job
      const ids = (items: ReadonlyArray<unknown>) => (items as ReadonlyArray<Job>).map((item) => item.id)
      assert.deepStrictEqual(ids(yield* ok(tenant.jobs.list("nryan", query({ "status.eq": "FINISHED" })))), [job.id])
      assert.deepStrictEqual(ids(yield* ok(tenant.jobs.list("nryan", query({ "status.in": "PENDING,QUEUED" })))), [
        second.id
      ])
      assert.deepStrictEqual(ids(yield* ok(tenant.jobs.list("nryan", query({ "name.like": "sec*" })))), [second.id])
      assert.deepStrictEqual(ids(yield* ok(tenant.jobs.list("nryan", query({ orderBy: "created", order: "desc" })))), [
        second.id,
        job.id
      ])
      assert.deepStrictEqual(ids(yield* ok(tenant.jobs.list("nryan", query({ limit: "1", offset: "1" })))), [second.id])
      yield* refused(tenant.jobs.list("nryan", query({ "password.eq": "x" })), 400)
    }))
})
