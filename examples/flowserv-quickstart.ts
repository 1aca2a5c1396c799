/**
 * flowserv quickstart: users and workflow groups, with failures caught by tag.
 *
 *   npm run demo:quickstart                        # against the embedded test server (offline)
 *   FLOWSERV_URL=http://host:5000/flowserv/api/v1 npm run demo:quickstart   # against a real flowserv server
 *
 * The real server must have a workflow `helloworld` (or set FLOWSERV_WORKFLOW).
 */
import { Groups, Users, withToken } from "effect-research-sdk/flowserv"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { runDemo } from "./run-demo.js"

const quickstart = Effect.gen(function*() {
  const users = yield* Users
  const groups = yield* Groups
  const workflowId = yield* Config.string("FLOWSERV_WORKFLOW").pipe(Config.withDefault("helloworld"))
  // Unique names, so the demo can run again and again against the same real server.
  const tag = Math.random().toString(16).slice(2, 6)

  const alice = yield* users.register(`alice-${tag}`, Redacted.make("alice-secret"))
  const bob = yield* users.register(`bob-${tag}`, Redacted.make("bob-secret"))
  yield* Console.log(`✓ registered ${alice.username} and ${bob.username}`)

  const session = yield* users.login(alice.username, Redacted.make("alice-secret"))
  yield* Console.log(`✓ logged in as ${session.username} (token ${session.token})`)

  // Everything below runs as alice.
  yield* Effect.gen(function*() {
    const group = yield* groups.create(workflowId, { name: `team-${tag}`, members: [bob.id] })
    yield* Console.log(
      `✓ created group "${group.name}" on ${group.workflowId} with ${group.members.map((m) => m.username).join(", ")}`
    )

    const mine = yield* groups.listPage({ workflowId })
    yield* Console.log(`✓ my groups on ${workflowId}: ${mine.map((g) => g.name).join(", ")}`)
    const all = yield* groups.listPage()
    yield* Console.log(`✓ my groups on every workflow: ${all.map((g) => `${g.workflowId}/${g.name}`).join(", ")}`)

    const renamed = yield* groups.update(group.id, { name: `team-${tag}-renamed` })
    yield* Console.log(`✓ renamed to "${renamed.name}"`)

    const conflict = yield* groups.create(workflowId, { name: renamed.name }).pipe(
      Effect.as("created a duplicate?!"),
      Effect.catchTag("Conflict", (error) => Effect.succeed(`caught Conflict: ${error.message}`))
    )
    yield* Console.log(`✓ ${conflict}`)

    yield* groups.delete(group.id)
    const gone = yield* groups.get(group.id).pipe(
      Effect.as("still there?!"),
      Effect.catchTag("NotFound", (error) => Effect.succeed(`caught NotFound: ${error.resource} ${error.id}`))
    )
    yield* Console.log(`✓ deleted; ${gone}`)
  }).pipe(withToken(session.token))

  yield* users.logout().pipe(withToken(session.token))
  yield* Console.log(`✓ logged out`)
})

runDemo("flowserv quickstart", quickstart)
