/** Runs SCIM tests against a real SCIMMY server on loopback, with every SCIM service pointed at it. */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import type { ScimClient, ScimClientOptions } from "../../src/scim/index.js"
import { Scim, ScimAuth } from "../../src/scim/index.js"
import type { Scimmy, ScimmyAuth } from "./scimmy.js"
import { scimmy } from "./scimmy.js"

export const scimmyToken = "scimmy-test-token-0123456789"

/** A fresh SCIMMY server and the SCIM services on it, for one test. */
export const withScimmy = <A, E>(
  test: (server: Scimmy) => Effect.Effect<A, E, Scim.Services | ScimClient>,
  options: { readonly auth?: ScimmyAuth; readonly client?: Partial<ScimClientOptions> } = {}
) =>
  Effect.scoped(
    Effect.flatMap(scimmy(options.auth ?? { type: "bearer", token: scimmyToken }), (server) =>
      test(server).pipe(
        Effect.provide(
          Scim.layer({
            url: server.url,
            auth: ScimAuth.bearer(Redacted.make(scimmyToken)),
            retry: { maxAttempts: 1 },
            timeout: "10 seconds",
            ...options.client
          }).pipe(Layer.provide(FetchHttpClient.layer))
        )
      ))
  )

export const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

/** The query parameters of the listing requests a server received. */
export const listingQueries = (
  requests: ReadonlyArray<{ readonly method: string; readonly url: string }>,
  path: string
) =>
  requests
    .filter((r) => r.method === "GET" && new URL(r.url, "http://x").pathname.endsWith(path))
    .map((r) => new URL(r.url, "http://x").searchParams)
