/** Runs an effect while recording every log line and span, and turns what was recorded into text to scan. */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import type * as Tracer from "effect/Tracer"
import { recordingTracer } from "./spans.js"

export interface Recorded {
  readonly lines: ReadonlyArray<string>
  readonly spans: ReadonlyArray<Tracer.Span>
}

export const recording = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<readonly [A, Recorded], E, R> =>
  Effect.gen(function*() {
    const lines: Array<string> = []
    const { spans, tracer } = yield* recordingTracer
    const logger = Logger.map(Logger.logfmtLogger, (line) => {
      lines.push(line)
    })
    const result = yield* self.pipe(
      Effect.withTracer(tracer),
      Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
      Logger.withMinimumLogLevel(LogLevel.All)
    )
    return [result, { lines, spans }] as const
  })

/** Every text an error, log line or span shows: rendered, serialised, and as a Cause. */
export const textsOf = (errors: ReadonlyArray<unknown>, recorded: Recorded): ReadonlyArray<string> => {
  const texts: Array<string> = []
  for (const error of errors) {
    texts.push(String(error), JSON.stringify(error), (error as Error).message, Cause.pretty(Cause.fail(error)))
  }
  texts.push(...recorded.lines)
  for (const span of recorded.spans) {
    texts.push(span.name)
    if (span.status._tag === "Ended" && span.status.exit._tag === "Failure") {
      texts.push(Cause.pretty(span.status.exit.cause))
    }
    for (const [key, value] of span.attributes) texts.push(`${key}=${String(value)}`)
  }
  return texts
}
