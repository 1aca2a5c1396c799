/**
 * The README's example, kept here so that the type check covers it.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect, Redacted } from "effect"
import { Flowserv, Groups, Users, withToken } from "effect-research-sdk/flowserv"

const program = Effect.gen(function*() {
  const me = yield* (yield* Users).login("alice", Redacted.make("secret"))
  const groups = yield* Groups
  const team = yield* groups.create("helloworld", { name: "team-a" }).pipe(withToken(me.token))
  return yield* groups.get(team.id).pipe(withToken(me.token), Effect.catchTag("NotFound", () => Effect.void))
})

const Live = Flowserv.layer({ url: "http://localhost:5000/flowserv/api/v1" })
export const run = () => program.pipe(Effect.provide(Live), Effect.provide(FetchHttpClient.layer), Effect.runPromise)
