/**
 * Every one of the 30 actors operations through `AgaveActors`, against the Agave test server: in
 * process with Abaco answering in camelCase (its default) and in snake_case, and over 127.0.0.1.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Agave from "../../src/agave/Agave.js"
import { AgaveTestServer } from "../../src/testkit/agave/AgaveTestServer.js"
import { tour } from "../helpers/actorsTour.js"
import { agaveLayer, login } from "../helpers/agave.js"

const loopback = Layer.unwrapEffect(
  Effect.map(AgaveTestServer, (running) => Agave.layer({ url: running.url, retry: { maxAttempts: 2 }, ...login }))
).pipe(
  Layer.provideMerge(AgaveTestServer.layerServer()),
  Layer.provide(FetchHttpClient.layer)
)

describe("Agave actors against the test server: every operation", () => {
  it.effect("Abaco answering in camelCase (30)", () => tour.pipe(Effect.provide(agaveLayer())))
  it.effect("Abaco answering in snake_case (30)", () =>
    tour.pipe(Effect.provide(agaveLayer(login, { actors: { case: "snake" } }))))
  it.effect("over 127.0.0.1 (30)", () => tour.pipe(Effect.provide(loopback)))
})
