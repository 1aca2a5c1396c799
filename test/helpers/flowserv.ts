/** Runs a test against a fresh in-process flowserv test server with every service on it. */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { Groups, UploadFile, Uploads, Users, withToken } from "../../src/flowserv/index.js"
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

/** Signs up `username`, creates a group on `workflowId` and uploads a names file to it, as that user. */
export const benchmarkGroup = (username: string, workflowId = "helloworld", names = "Alice\nBob\n") =>
  Effect.gen(function*() {
    const user = yield* signUp(username)
    const group = yield* Effect.flatMap(Groups, (groups) => groups.create(workflowId, { name: `team-${username}` }))
      .pipe(as(user))
    const upload = yield* Effect.flatMap(
      Uploads,
      (uploads) => uploads.upload(group.id, UploadFile.fromBytes("names.txt", names))
    ).pipe(as(user))
    return { user, group, upload }
  })
