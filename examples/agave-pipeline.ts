/**
 * Agave (Tapis v2) metadata and actors in one pipeline of Streams: store a few sequencing samples as
 * metadata typed by a `Schema`, find some with a typed MongoDB query, send each to an actor (Abaco)
 * that estimates its GC content, await the executions a few at a time and print their logs. The actor
 * and the documents are resources of the pipeline's scope: deleted when it ends, however it ends.
 *
 *   npm run demo:agave-pipeline   # against the embedded Agave test server on 127.0.0.1 (offline)
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Agave, AgaveActors, AgaveMeta, type MetadataDocument, MetaQuery } from "effect-research-sdk/agave"
import { AgaveTenant, type AgaveTestActorRows, AgaveTestServer } from "effect-research-sdk/testkit"
import * as Array from "effect/Array"
import * as Chunk from "effect/Chunk"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

// A sample's metadata: the documents' `value`, decoded from answers and encoded into requests with it.
const Sample = Schema.Struct({
  label: Schema.String,
  species: Schema.String,
  tissue: Schema.Literal("leaf", "root", "seed"),
  reads: Schema.Int,
  /** A fragment of its sequence, for the actor. */
  sequence: Schema.String
})
type Sample = typeof Sample.Type

const samples: ReadonlyArray<Sample> = [
  { label: "AT-leaf-1", species: "A. thaliana", tissue: "leaf", reads: 2_400_000, sequence: "ATGGCTTCCTCAATGCTCTC" },
  { label: "AT-root-2", species: "A. thaliana", tissue: "root", reads: 1_800_000, sequence: "ATGGCGNNNNAAGCTTTGGN" },
  { label: "AT-seed-3", species: "A. thaliana", tissue: "seed", reads: 3_100_000, sequence: "ATGAAGACTTTCTTTCTCAT" },
  { label: "OS-leaf-4", species: "O. sativa", tissue: "leaf", reads: 600_000, sequence: "ATGGCGCCGTCCGTGGCCGC" },
  { label: "ZM-root-5", species: "Z. mays", tissue: "root", reads: 2_900_000, sequence: "ATGGCGGAGGCCGCCCGGCT" }
]

// The samples worth analysing. The compiler checks each path against `Sample` and each operand against
// its field: `Q.gte("value.read", 1)` or `Q.in("value.tissue", ["stem"])` would not compile.
const Q = MetaQuery.of(Sample)
const worthAnalysing = Q.and(
  Q.eq("name", "sample"),
  Q.gte("value.reads", 1_000_000),
  Q.in("value.tissue", ["leaf", "root"])
)

// What the actor is sent, and what its image does with it.
const GcRequest = Schema.Struct({ label: Schema.String, sequence: Schema.String })
const image = "demo/gc-content"

// The embedded server runs every message through `program`: here, what the image would do. A
// fragment with unreadable bases (N) ends the execution in ERROR.
const gcContent: AgaveTestActorRows.ActorProgram = (input) =>
  Either.match(Schema.decodeUnknownEither(GcRequest)(input.message), {
    onLeft: (invalid) => ({ status: "ERROR", exitCode: 2, logs: `not a GC request: ${invalid.message}\n` }),
    onRight: ({ label, sequence }) => {
      const bases = sequence.toUpperCase()
      const unreadable = bases.replace(/[ACGT]/g, "").length
      if (unreadable > 0) {
        return { status: "ERROR", exitCode: 1, logs: `${label}: ${unreadable} of ${bases.length} bases unreadable\n` }
      }
      const gc = (bases.replace(/[AT]/g, "").length / bases.length) * 100
      return {
        status: "COMPLETE",
        exitCode: 0,
        logs: `${label}: ${bases.length} bases read\nGC content ${gc.toFixed(1)}%\n`
      }
    }
  })

// At most this many samples in flight at each stage of the pipeline.
const concurrency = 3

// Executions are polled every 100 ms, for so long at most: one still going then is reported as such.
const patience = Duration.seconds(10)
const polling = Schedule.spaced("100 millis").pipe(Schedule.upTo(patience))

// A sample sent to the actor.
interface Sent {
  readonly label: string
  readonly executionId: string
}

// How its execution ended.
interface Outcome {
  readonly label: string
  readonly status: string
  readonly logs: string
}

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "")

const report = ({ label, logs, status }: Outcome) =>
  Console.log(
    [`  ${status === "COMPLETE" ? "✓" : "✗"} ${label} ${status}`, ...lines(logs).map((line) => `      │ ${line}`)]
      .join("\n")
  )

const pipeline = Effect.gen(function*() {
  const meta = yield* AgaveMeta
  const actors = yield* AgaveActors
  const documents = meta.withValue(Sample)

  // Stored one after another (the listing, newest first, shows them in reverse); each is deleted when
  // the scope closes, whatever happened meanwhile.
  yield* Effect.forEach(samples, (value) =>
    Effect.acquireRelease(
      documents.addMetadata({ body: { name: "sample", value } }),
      (document) =>
        documents.deleteMetadata({ uuid: document.uuid }).pipe(
          Effect.catchAll((error) => Console.error(`! could not delete sample ${value.label}: ${error.message}`))
        )
    ), { discard: true })
  yield* Console.log(`✓ stored ${samples.length} samples as metadata, their values typed by the Sample schema`)

  const actor = yield* Effect.acquireRelease(
    actors.add({ body: { image, name: "gc-content", description: "GC content of a sample's fragment" } }),
    (actor) =>
      actors.delete({ actorId: actor.id }).pipe(
        Effect.catchAll((error) => Console.error(`! could not delete actor ${actor.id}: ${error.message}`))
      )
  )
  yield* Console.log(`✓ registered actor ${actor.name} (${image}) as ${actor.id}`)
  yield* Console.log(`✓ query: ${yield* MetaQuery.encode(worthAnalysing)}`)

  const send = (document: MetadataDocument<Sample>) =>
    actors.sendMessage({
      actorId: actor.id,
      body: GcRequest.make({ label: document.value.label, sequence: document.value.sequence })
    }).pipe(Effect.map((sent): Sent => ({ label: document.value.label, executionId: sent.executionId })))

  const finish = ({ executionId, label }: Sent) =>
    actors.awaitExecution(actor.id, executionId, { schedule: polling }).pipe(
      Effect.zip(actors.getExecutionLogs({ actorId: actor.id, executionId })),
      Effect.map(([execution, { logs }]): Outcome => ({ label, status: execution.status ?? "?", logs: logs ?? "" })),
      // The polling schedule ended first: reported, not fatal to the pipeline.
      Effect.catchTag(
        "ExecutionStillActive",
        (still) =>
          Effect.succeed({ label, status: `still ${still.status} after ${Duration.format(patience)}`, logs: "" })
      )
    )

  // The pipeline: the matching documents, page by page → messages → finished executions and their
  // logs. Each stage keeps up to `concurrency` samples in flight, in the listing's order.
  const outcomes = yield* documents.listMetadata({ q: worthAnalysing }).pipe(
    Stream.mapEffect(send, { concurrency }),
    Stream.mapEffect(finish, { concurrency }),
    Stream.tap(report),
    Stream.runCollect
  )
  const byStatus = Array.groupBy(outcomes, (outcome) => outcome.status)
  yield* Console.log(
    `✓ ${Chunk.size(outcomes)} of ${samples.length} samples analysed, ${concurrency} at a time: ` +
      Object.entries(byStatus).map(([status, group]) => `${group.length} ${status}`).join(", ")
  )
})

// The pipeline, then a look at what it left on the server: nothing.
const program = Effect.gen(function*() {
  yield* Effect.scoped(pipeline)
  const meta = yield* AgaveMeta
  const actors = yield* AgaveActors
  const documents = yield* Stream.runCount(meta.listMetadata({ q: Q.eq("name", "sample") }))
  const registered = yield* Stream.runCount(actors.list())
  yield* Console.log(`✓ cleaned up: ${documents} sample documents and ${registered} actors left`)
})

// The embedded test server on 127.0.0.1, its actors quick (100 ms to start, 400 ms to run) and
// running `gcContent`; the client logs in with the password grant.
const Target = Layer.unwrapEffect(
  Effect.gen(function*() {
    const server = yield* AgaveTestServer
    yield* Console.log(`Agave pipeline demo — embedded Agave test server at ${server.url}`)
    const nryan = AgaveTenant.demoUsers[0]!
    return Agave.layer({
      url: server.url,
      apiKey: Redacted.make(AgaveTenant.demoClient.key),
      apiSecret: Redacted.make(AgaveTenant.demoClient.secret),
      username: nryan.username,
      password: Redacted.make(nryan.password)
    })
  })
).pipe(
  Layer.provide(
    AgaveTestServer.layerServer({ actors: { startDelay: "100 millis", runDelay: "400 millis", program: gcContent } })
  ),
  Layer.provide(FetchHttpClient.layer)
)

NodeRuntime.runMain(program.pipe(Effect.provide(Target)))
