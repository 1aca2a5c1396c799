/** Runs SCIM tests against the ODM test server, checking every exchange against ODM's OpenAPI description. */
import type * as HttpClient from "@effect/platform/HttpClient"
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { Scim } from "../../src/scim/index.js"
import { Odm } from "../../src/scim/index.js"
import type { OdmExchange, OdmTestServerOptions } from "../../src/testkit/index.js"
import { OdmTestServer } from "../../src/testkit/index.js"
import { exchangeProblems } from "./odmOpenApi.js"

/** Every request the ODM test server received and its response must match ODM's description, and
 *  none may have been dropped for the server's `recordLimit` (they would go unchecked). */
export const checkOdmExchanges = (undeclared?: (exchange: OdmExchange) => boolean) =>
  Effect.gen(function*() {
    const server = yield* OdmTestServer
    const exchanges = server.exchanges()
    assert.strictEqual(server.dropped(), 0, "exchanges dropped for recordLimit went unchecked: raise it")
    assert.isAbove(exchanges.length, 0)
    assert.deepStrictEqual(exchangeProblems(exchanges, undeclared), [])
  })

/** A fresh ODM test server with the SCIM services on it as the seeded admin; afterwards, every
 *  request and response must match ODM's description. */
export const withOdm = <A, E>(
  test: Effect.Effect<A, E, Scim.Services | OdmTestServer | HttpClient.HttpClient>,
  options: OdmTestServerOptions & {
    /** Responses ODM's prose promises that its description does not declare. */
    readonly undeclared?: (exchange: OdmExchange) => boolean
  } = {}
) =>
  Effect.gen(function*() {
    const result = yield* test
    yield* checkOdmExchanges(options.undeclared)
    return result
  }).pipe(Effect.provide(OdmTestServer.layerScim({ ...options, client: { retry: { jitter: false } } })))

/** Runs an effect as another ODM user (by token), on the same test server. */
export const asToken = (token: string) => <A, E>(self: Effect.Effect<A, E, Scim.Services>) =>
  Effect.flatMap(
    OdmTestServer,
    (server) =>
      Effect.provide(self, Odm.layer({ host: server.host, token: Redacted.make(token), retry: { maxAttempts: 1 } }))
  )
