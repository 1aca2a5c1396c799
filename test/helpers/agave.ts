/** The Agave services on the Agave test server, in process, logged in as nryan by the password grant. */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Agave from "../../src/agave/Agave.js"
import type { AgaveOptions } from "../../src/agave/AgaveConnection.js"
import type { AgaveTestServerOptions } from "../../src/testkit/agave/AgaveTestServer.js"
import { AgaveTestServer } from "../../src/testkit/agave/AgaveTestServer.js"
import { demoClient, demoUsers } from "../../src/testkit/agave/Tenant.js"

export const login = {
  apiKey: Redacted.make(demoClient.key),
  apiSecret: Redacted.make(demoClient.secret),
  username: "nryan",
  password: Redacted.make(demoUsers[0]!.password)
} satisfies Partial<AgaveOptions>

/** The five services, their connection and the test server. */
export const agaveLayer = (options: Partial<AgaveOptions> = login, server: AgaveTestServerOptions = {}) =>
  Layer.unwrapEffect(
    Effect.map(AgaveTestServer, (running) => Agave.layer({ url: running.url, retry: { maxAttempts: 2 }, ...options }))
  ).pipe(Layer.provideMerge(AgaveTestServer.layer(server)))

export const text = (value: string) => new TextEncoder().encode(value)
