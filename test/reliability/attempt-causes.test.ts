/**
 * What an attempt ends with when reading its response ends otherwise than by a failure: an
 * interrupted read whose body then cannot be released ends interrupted, the release's problem logged
 * at Debug level, never a defect of the call's.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Retry from "../../src/core/Retry.js"
import { testConfig } from "../helpers/client.js"

const get = { method: "GET", path: ["x"], success: Schema.Unknown, errors: [] } as const

// A 200 whose body stream is `streams[n]` on its n-th read.
const withStreams = (streams: ReadonlyArray<() => Stream.Stream<Uint8Array, unknown>>) =>
  HttpClient.make((request) =>
    Effect.sync(() => {
      const base = HttpClientResponse.fromWeb(request, new Response(null, { status: 200 }))
      let reads = 0
      return Object.create(base, {
        stream: { get: () => streams[Math.min(reads++, streams.length - 1)]!() }
      }) as HttpClientResponse.HttpClientResponse
    })
  )

describe("an attempt's cause", () => {
  it.effect("an interrupted read whose body cannot be released ends interrupted; the release's problem is logged", () =>
    Effect.gen(function*() {
      const logged: Array<string> = []
      const logger = Logger.make(({ logLevel, message }) => {
        if (logLevel === LogLevel.Debug) logged.push(String(message))
      })
      const client = ApiClient.makeWith(
        withStreams([() => Stream.fromEffect(Effect.interrupt), () => Stream.die("release failed")]),
        testConfig({ timeout: "1 minute", retry: Retry.noRetries })
      )
      const exit = yield* Effect.exit(client.execute(get)).pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.Debug)
      )
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit)) {
        assert.isTrue(Cause.isInterruptedOnly(exit.cause), "the interruption, and nothing else")
        assert.isFalse(Cause.isDie(exit.cause))
      }
      assert.isTrue(logged.some((line) => line.includes("could not be released (a defect)")), logged.join("; "))
    }))
})
