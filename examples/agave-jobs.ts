/**
 * Agave (Tapis v2) jobs: log in with the password grant, upload an input, submit a job of a registered
 * app, follow its status, list and download an output, search jobs by status — while the access token
 * expires and is refreshed without the program noticing.
 *
 *   npm run demo                                      # against the embedded Agave test server (offline)
 *   TAPIS_BASE_URL=https://api.tacc.utexas.edu TAPIS_API_KEY=… TAPIS_API_SECRET=… \
 *   TAPIS_USERNAME=… TAPIS_PASSWORD=… AGAVE_DEMO_APP=… tsx examples/agave-jobs.ts   # against a tenant
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Agave, AgaveFiles, AgaveJobs, AgaveProfiles, type Job, Search } from "effect-research-sdk/agave"
import { AgaveTenant, AgaveTestServer } from "effect-research-sdk/testkit"
import * as Chunk from "effect/Chunk"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"

const demo = Effect.gen(function*() {
  const profiles = yield* AgaveProfiles
  const files = yield* AgaveFiles
  const jobs = yield* AgaveJobs
  const appId = yield* Config.string("AGAVE_DEMO_APP").pipe(Config.withDefault("wc-1.00"))

  const me = yield* profiles.get()
  yield* Console.log(`✓ logged in as ${me.username} (${me.full_name ?? ""}) with the password grant`)

  const input = new TextEncoder().encode("the quick brown fox\njumps over the lazy dog\n")
  const queued = yield* files.importToDefaultSystem({
    sourcefilePath: me.username,
    body: { fileToUpload: { content: input, filename: "agave-demo-input.txt" } }
  })
  yield* Console.log(`✓ uploaded ${queued.name} to ${queued.systemId ?? queued.system}: ${queued.status}`)

  const job = yield* jobs.submit({
    body: {
      name: "agave-demo",
      appId,
      inputs: { query1: [`agave://${queued.systemId ?? queued.system}/${queued.path}`] },
      archive: true
    }
  })
  yield* Console.log(`✓ submitted job ${job.id} of ${appId}`)

  yield* jobs.watch(job.id, { schedule: Schedule.spaced("250 millis") }).pipe(
    Stream.runForEach((status) => Console.log(`  … ${status.status}`))
  )
  const done = yield* jobs.awaitSuccess(job.id)
  yield* Console.log(`✓ job ${done.id} ${done.status}`)

  const outputs = yield* Stream.runCollect(jobs.listOutputsRoot({ jobId: job.id }))
  yield* Console.log(`✓ outputs: ${Chunk.toReadonlyArray(outputs).map((file) => file.name).join(", ")}`)
  const counts = yield* jobs.downloadOutput({ jobId: job.id, filePath: "output.txt" }).pipe(
    Stream.decodeText(),
    Stream.mkString
  )
  yield* Console.log(`✓ output.txt: ${counts.trim()}`)

  const finished = yield* Stream.runCollect(
    jobs.list({ search: Search.make<Job>().eq("status", "FINISHED").orderBy("created", "desc") })
  )
  yield* Console.log(`✓ ${Chunk.size(finished)} FINISHED job(s) found by search`)
})

// TAPIS_BASE_URL set: that tenant, configured as AgavePy is. Otherwise: the embedded test server on
// 127.0.0.1, with four-second tokens and fast jobs, so that the token expires during the demo.
const Target = Layer.unwrapEffect(
  Effect.gen(function*() {
    const url = yield* Config.option(Config.string("TAPIS_BASE_URL"))
    if (Option.isSome(url)) {
      yield* Console.log(`Agave jobs demo — tenant at ${url.value}`)
      return Agave.layerConfig()
    }
    return Layer.unwrapEffect(
      Effect.gen(function*() {
        const server = yield* AgaveTestServer
        yield* Console.log(`Agave jobs demo — embedded Agave test server at ${server.url}`)
        const nryan = AgaveTenant.demoUsers[0]!
        return Agave.layer({
          url: server.url,
          apiKey: Redacted.make(AgaveTenant.demoClient.key),
          apiSecret: Redacted.make(AgaveTenant.demoClient.secret),
          username: nryan.username,
          password: Redacted.make(nryan.password)
        }).pipe(Layer.merge(Layer.succeed(AgaveTestServer, server)))
      })
    ).pipe(
      Layer.provide(
        AgaveTestServer.layerServer({
          tokenLifetimeSeconds: 4,
          jobs: { stepDelay: "150 millis", runDelay: "1 second" }
        })
      )
    )
  })
)

// On the embedded server, how often the token was renewed (the demo itself never noticed).
const renewals = Effect.serviceOption(AgaveTestServer).pipe(
  Effect.flatMap(Option.match({
    onNone: () => Effect.void,
    onSome: (server) => {
      const grants = server.tenant.tokens.grants.map((grant) => grant.grantType)
      return Console.log(
        `✓ tokens: ${grants.length} granted (${grants.join(", ")}): the access token expired during the demo ` +
          "and was refreshed without the program noticing"
      )
    }
  }))
)

const program = Effect.zipRight(demo, renewals).pipe(Effect.provide(Target.pipe(Layer.provide(FetchHttpClient.layer))))

Effect.runPromise(program).then(
  () => process.exit(0),
  (error) => {
    console.error("✗ Agave demo failed:", String(error))
    process.exit(1)
  }
)
