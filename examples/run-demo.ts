/**
 * What both flowserv demos share: the server they talk to — the one at FLOWSERV_URL if set,
 * otherwise the embedded test server on 127.0.0.1 — and how they end.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type { FlowservClient } from "effect-research-sdk/flowserv"
import { Flowserv } from "effect-research-sdk/flowserv"
import { FlowservTestServer } from "effect-research-sdk/testkit"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

const target = (title: string) =>
  Layer.unwrapEffect(
    Effect.gen(function*() {
      const url = yield* Config.option(Config.string("FLOWSERV_URL"))
      if (Option.isSome(url)) {
        yield* Console.log(`${title} — server at ${url.value}`)
        return Flowserv.layerConfig()
      }
      return Layer.unwrapEffect(
        Effect.gen(function*() {
          const server = yield* FlowservTestServer
          yield* Console.log(`${title} — embedded test server at ${server.url}`)
          return Flowserv.layer({ url: server.url })
        })
      ).pipe(Layer.provide(FlowservTestServer.layerServer()))
    })
  )

/** Runs a demo against its target and exits with its outcome. */
export const runDemo = <E>(title: string, demo: Effect.Effect<void, E, Flowserv.Services | FlowservClient>) =>
  Effect.runPromise(demo.pipe(Effect.provide(target(title).pipe(Layer.provide(FetchHttpClient.layer))))).then(
    () => process.exit(0),
    (error) => {
      console.error(`✗ ${title} failed:`, String(error))
      process.exit(1)
    }
  )
