/** Runs a test against a fresh in-process flowserv test server with every service on it. */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { Users, withToken } from "../../src/flowserv/index.js"
import { FlowservTestServer } from "../../src/testkit/index.js"

export const withServer = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.provide(self, FlowservTestServer.layerFlowserv())

/** Registers and logs in a user; returns the user with their token. */
export const signUp = (username: string, password = `pw-${username}`) =>
  Effect.gen(function*() {
    const users = yield* Users
    yield* users.register(username, Redacted.make(password))
    return yield* users.login(username, Redacted.make(password))
  })

export const as = (user: { readonly token: Redacted.Redacted<string> }) => withToken(user.token)

/** The requests the test server saw, without the seeding ones. */
export const requestsSince = (count: number) =>
  Effect.map(FlowservTestServer, (server) => server.requests().slice(count))

export const requestCount = Effect.map(FlowservTestServer, (server) => server.requests().length)
