/**
 * flowserv benchmark: upload an input file, start a run, follow it until it finishes, read the
 * leaderboard and download a result file.
 *
 *   npm run demo:benchmark                                  # against the embedded test server (offline)
 *   FLOWSERV_URL=http://host:5000/flowserv/api/v1 npm run demo:benchmark   # against a real flowserv server
 *
 * The real server must have the `helloworld` workflow (or set FLOWSERV_WORKFLOW to one with the same
 * parameters). Its downloads answer 500 (a Flask 2.2 incompatibility of rob-webapi-flask 0.6.0): the
 * demo shows the typed ServerError instead of the file there.
 */
import {
  Groups,
  RunArguments,
  Runs,
  Service,
  UploadFile,
  Uploads,
  Users,
  withToken,
  Workflows
} from "effect-research-sdk/flowserv"
import { NodeFiles } from "effect-research-sdk/node"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { runDemo } from "./run-demo.js"

const benchmark = Effect.gen(function*() {
  const users = yield* Users
  const workflows = yield* Workflows
  const runs = yield* Runs
  const uploads = yield* Uploads
  const workflowId = yield* Config.string("FLOWSERV_WORKFLOW").pipe(Config.withDefault("helloworld"))
  const tag = Math.random().toString(16).slice(2, 6)

  const service = yield* (yield* Service).describe()
  yield* Console.log(`✓ ${service.name} ${service.version}`)

  yield* users.register(`runner-${tag}`, Redacted.make("runner-secret"))
  const me = yield* users.login(`runner-${tag}`, Redacted.make("runner-secret"))
  yield* Console.log(`✓ logged in as ${me.username}`)

  yield* Effect.gen(function*() {
    const workflow = yield* workflows.get(workflowId)
    yield* Console.log(`✓ workflow "${workflow.name}": ${workflow.parameters.map((p) => p.name).join(", ")}`)
    const group = yield* (yield* Groups).create(workflowId, { name: `bench-${tag}` })

    const input = yield* uploads.upload(group.id, UploadFile.fromBytes("names.txt", "Alice\nBob\nCarol\n"))
    yield* Console.log(`✓ uploaded ${input.name} (${input.id})`)

    // `sleeptime` is seconds per name (three here); 0 keeps the demo short, and the run still takes a
    // moment to start, so it is RUNNING first.
    const started = yield* runs.start(group.id, {
      names: RunArguments.file(input.id),
      greeting: "Hi",
      sleeptime: 0
    })
    yield* Console.log(`✓ started run ${started.id}`)

    // Every state change as it happens; the last one is the final handle.
    const final = yield* runs.watch(started.id, { schedule: Schedule.spaced("300 millis") }).pipe(
      Stream.tap((run) => Console.log(`  … ${run.state}`)),
      Stream.runLast,
      Effect.map(Option.getOrThrow)
    )
    if (final.state !== "SUCCESS") {
      return yield* Console.log(`✗ run ended in ${final.state}: ${(final.messages ?? []).join("; ")}`)
    }

    const board = yield* workflows.leaderboard(workflowId, { orderBy: [{ column: "max_len", direction: "desc" }] })
    yield* Option.match(board, {
      onNone: () => Console.log("✓ this workflow has no leaderboard"),
      onSome: (leaderboard) =>
        Console.log(
          "✓ leaderboard:\n" + leaderboard.ranking.slice(0, 5).map((entry, rank) =>
            `  ${rank + 1}. ${entry.group.name}: ` +
            entry.results.map((result) => `${result.name}=${JSON.stringify(result.value)}`).join(" ")
          ).join("\n")
        )
    })

    const file = final.files?.find((f) => f.name.endsWith("greetings.txt")) ?? final.files?.[0]
    if (file !== undefined) {
      // Into a temporary directory of its own, removed when the download is done with.
      yield* Effect.acquireUseRelease(
        Effect.sync(() => Fs.mkdtempSync(Path.join(Os.tmpdir(), "flowserv-demo-"))),
        (dir) => {
          const target = Path.join(dir, Path.basename(file.name))
          return runs.downloadFile(final.id, file.id).pipe(
            NodeFiles.writeStream(target),
            Effect.flatMap((bytes) =>
              Console.log(
                `✓ downloaded ${file.name} (${bytes} bytes): ${JSON.stringify(Fs.readFileSync(target, "utf8"))}`
              )
            ),
            Effect.catchTag(
              "ServerError",
              (error) =>
                Console.log(`✓ caught ServerError on download (status ${error.status}): this server cannot send files`)
            )
          )
        },
        (dir) => Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true }))
      )
    }

    // flowserv 0.8.1 names a Python method instead of the run's state here (the test server copies it).
    const refused = yield* runs.cancel(final.id).pipe(
      Effect.as("canceled a finished run?!"),
      Effect.catchTag(
        "InvalidRequest",
        (error) => Effect.succeed(`caught InvalidRequest, the server's own (garbled) text: ${error.message}`)
      )
    )
    yield* Console.log(`✓ ${refused}`)
    yield* runs.delete(final.id)
    yield* Console.log(`✓ deleted the run`)
  }).pipe(withToken(me.token))
})

runDemo("flowserv benchmark", benchmark)
