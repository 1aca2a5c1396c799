/**
 * Every one of the 76 operations once, through the services, against the Agave test server: the
 * records' paths, queries, bodies and answers agree with a server that behaves like Agave's.
 */
import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { agaveLayer } from "../helpers/agave.js"
import * as Tour from "../helpers/agaveTour.js"

describe("Agave services against the test server: every operation", () => {
  it.effect("profiles (6)", () => Tour.profiles.pipe(Effect.provide(agaveLayer())))
  it.effect("systems (21)", () => Tour.systems.pipe(Effect.provide(agaveLayer())))
  it.effect("apps (17)", () => Tour.apps.pipe(Effect.provide(agaveLayer())))
  it.effect("files (17)", () => Tour.files.pipe(Effect.provide(agaveLayer())))
  it.effect("jobs (15), and waiting for one", () => Tour.jobs.pipe(Effect.provide(agaveLayer())))
})
