/**
 * Every one of the 30 metadata and notifications operations once, through the services, against the
 * Agave test server: in process, and over 127.0.0.1.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Agave from "../../src/agave/Agave.js"
import { AgaveTestServer } from "../../src/testkit/agave/AgaveTestServer.js"
import { agaveLayer, login } from "../helpers/agave.js"
import * as Tour from "../helpers/agaveMetaTour.js"

// The services on the test server at a free port of 127.0.0.1, over the fetch client.
const loopback = Layer.unwrapEffect(
  Effect.map(AgaveTestServer, (running) => Agave.layer({ url: running.url, retry: { maxAttempts: 2 }, ...login }))
).pipe(Layer.provideMerge(AgaveTestServer.layerServer()), Layer.provide(FetchHttpClient.layer))

describe("Agave metadata and notifications against the test server: every operation", () => {
  it.effect("metadata (25)", () => Tour.meta.pipe(Effect.provide(agaveLayer())))
  it.effect("notifications (5)", () => Tour.notifications.pipe(Effect.provide(agaveLayer())))
  it.effect("both over 127.0.0.1", () => Effect.zipRight(Tour.meta, Tour.notifications).pipe(Effect.provide(loopback)))
})
