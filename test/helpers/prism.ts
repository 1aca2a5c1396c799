/**
 * Prism (Stoplight's mock server, `@stoplight/prism-cli`) serving an OpenAPI description on 127.0.0.1
 * at a port of its own choosing, for as long as the layer lives: a child process, ready once it prints
 * the address it listens on, killed with its process group on release. Static answers (no `--dynamic`),
 * so that every run sees the same ones.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Command from "@effect/platform/Command"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { createRequire } from "node:module"
import * as path from "node:path"

export interface PrismOptions {
  /** The OpenAPI description to serve. */
  readonly spec: string
  /** How long Prism may take to come up (30 seconds by default). */
  readonly startup?: Duration.DurationInput | undefined
}

export interface Prism {
  /** Where it listens, e.g. `http://127.0.0.1:40123`. */
  readonly url: string
  /** Its last lines of output (at most {@link keptLines}), to explain a failure. */
  readonly log: () => ReadonlyArray<string>
}

/** Prism's output is kept to its last lines: it logs every request, several lines each. */
export const keptLines = 300

const prismScript = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@stoplight/prism-cli/package.json")),
  "dist/index.js"
)

// Prism's logger colours its lines when it sees a terminal; it does not here, but a stray colour
// code must not hide the address.
const colours = /\u001b\[[0-9;]*m/g
const listening = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/

// Prism's own account of a failure (its fatal line) comes before its help text: both are shown.
const explain = (lines: ReadonlyArray<string>): ReadonlyArray<string> => [
  ...lines.filter((line) => /fatal|error/i.test(line)).slice(0, 5),
  ...lines.slice(-10)
]

const start = (options: PrismOptions) =>
  Effect.gen(function*() {
    const lines: Array<string> = []
    const keep = (line: string) => {
      lines.push(line)
      if (lines.length > keptLines) lines.splice(0, lines.length - keptLines)
    }
    const log = () => [...lines]
    const process = yield* Command.start(
      Command.make(globalThis.process.execPath, prismScript, "mock", "-h", "127.0.0.1", "-p", "0", options.spec)
    )
    // Killed before the platform's own finalizer waits for the exit: SIGTERM, then SIGKILL if Prism
    // has not gone within 5 seconds, so that releasing the layer cannot hang.
    yield* Effect.addFinalizer(() =>
      process.kill("SIGTERM").pipe(
        Effect.timeout("5 seconds"),
        Effect.catchAll(() => process.kill("SIGKILL").pipe(Effect.timeout("5 seconds"))),
        Effect.ignore
      )
    )
    const ready = yield* Deferred.make<string>()
    // Both outputs are read until the process ends (a full pipe would stall Prism).
    const drain = (output: Stream.Stream<Uint8Array, unknown>) =>
      output.pipe(
        Stream.decodeText(),
        Stream.splitLines,
        Stream.runForEach((raw) => {
          const line = raw.replace(colours, "")
          keep(line)
          const found = listening.exec(line)
          return found === null ? Effect.void : Deferred.succeed(ready, found[1]!)
        }),
        Effect.ignore
      )
    const drains = yield* Effect.forkScoped(Effect.all([drain(process.stdout), drain(process.stderr)], {
      concurrency: 2
    }))
    const startup = options.startup ?? "30 seconds"
    // Once Prism has exited, its last words are read (for a second at most) before they are shown.
    const exited = process.exitCode.pipe(
      Effect.tap(() => Fiber.join(drains).pipe(Effect.timeout("1 second"), Effect.ignore)),
      Effect.flatMap((code) => Effect.fail(`Prism exited (code ${code}) before listening`))
    )
    const url = yield* Deferred.await(ready).pipe(
      Effect.raceFirst(exited),
      Effect.timeoutFail({
        duration: startup,
        onTimeout: () => `Prism did not start within ${Duration.format(Duration.decode(startup))}`
      }),
      Effect.mapError((reason) => new Error(`${reason}; its output:\n${explain(log()).join("\n")}`))
    )
    return { url, log } satisfies Prism
  })

export class PrismMock extends Context.Tag("test/PrismMock")<PrismMock, Prism>() {
  /** Prism serving `options.spec` until the layer is released. */
  static readonly layer = (options: PrismOptions): Layer.Layer<PrismMock, Error> =>
    Layer.scoped(PrismMock, start(options)).pipe(Layer.provide(NodeContext.layer))
}
