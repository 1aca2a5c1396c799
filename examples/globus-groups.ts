/**
 * Globus Groups, offline: the embedded Globus test server on 127.0.0.1, its seeded people (alice,
 * bob, carol, dave, erin) and their tokens. Alice creates a group, sets its policies, invites two
 * people (one accepts), sends a batch in which one action fails, changes a role, tries to leave as
 * the last admin (caught by tag), and deletes the group.
 *
 *   npm run demo       # or: tsx examples/globus-groups.ts
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Credentials } from "effect-research-sdk"
import { BatchActions, Globus, Groups, GroupsManager } from "effect-research-sdk/globus"
import { GlobusIdentities, GlobusTestServer, GlobusTokens } from "effect-research-sdk/testkit"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

const { bob, carol, dave, erin } = GlobusIdentities
const names: Record<string, string> = { [bob]: "bob", [carol]: "carol", [dave]: "dave", [erin]: "erin" }
const name = (id: string) => names[id] ?? id

// What one person does, with their own token.
const as = (token: string) => Credentials.withToken("globus", Redacted.make(token))

const demo = Effect.gen(function*() {
  const groups = yield* Groups
  const manager = yield* GroupsManager

  const group = yield* manager.createGroup("Demo lab", "A group made by the demo")
  yield* Console.log(`✓ alice created "${group.name}" (${group.id})`)

  const policies = yield* manager.setGroupPolicies(group.id, {
    isHighAssurance: false,
    groupVisibility: "authenticated",
    groupMembersVisibility: "managers",
    joinRequests: true,
    signupFields: ["institution"]
  })
  yield* Console.log(
    `✓ policies: visible to ${policies.group_visibility} users, members seen by ${policies.group_members_visibility}, ` +
      `join requests ${policies.join_requests ? "on" : "off"}, timeout ${policies.authentication_assurance_timeout}`
  )

  const invited = yield* groups.batch(group.id, BatchActions.empty.invite([bob, carol]))
  yield* Console.log(`✓ invited ${invited.succeeded.map((s) => name(s.identity_id)).join(" and ")}`)

  const accepted = yield* as(GlobusTokens.bob)(manager.acceptInvite(group.id, bob))
  yield* Console.log(`✓ bob accepted: his membership is ${accepted.status}`)

  // erin's preferences forbid adding her, and bob is already a member: two failures inside a 200.
  const outcome = yield* groups.batch(group.id, BatchActions.empty.add([dave, erin]).add(carol).invite(bob))
  yield* Console.log("✓ a batch with a partial failure, per identity:")
  for (const success of outcome.succeeded) {
    yield* Console.log(`    ${success.action} ${name(success.identity_id)}: ${success.membership.status}`)
  }
  for (const failure of outcome.failed) {
    yield* Console.log(
      `    ${failure.action} ${name(failure.identity_id)}: failed, ${failure.code} (${failure.detail})`
    )
  }

  const promoted = yield* manager.changeRole(group.id, bob, "manager")
  yield* Console.log(`✓ bob is now a ${promoted.role}`)

  const leaving = yield* manager.leave(group.id, GlobusIdentities.alice).pipe(
    Effect.as("alice left?!"),
    Effect.catchTag(
      "MembershipActionFailed",
      (error) => Effect.succeed(`caught MembershipActionFailed (${error.code})`)
    )
  )
  yield* Console.log(`✓ the last admin cannot leave: ${leaving}`)

  const deleted = yield* groups.deleteGroup({ groupId: group.id })
  const gone = yield* groups.getGroup({ groupId: group.id }).pipe(
    Effect.as("still there?!"),
    Effect.catchTag("NotFound", () => Effect.succeed("now NotFound"))
  )
  yield* Console.log(`✓ deleted "${deleted.name}": ${gone}`)
})

// Every Globus service on the embedded test server, as alice.
const Target = Layer.unwrapEffect(
  Effect.gen(function*() {
    const server = yield* GlobusTestServer
    yield* Console.log(`Globus Groups demo — embedded test server at ${server.url}`)
    return Globus.layer({ url: server.url, token: Redacted.make(GlobusTokens.alice) })
  })
).pipe(Layer.provide(GlobusTestServer.layerServer()))

const program = demo.pipe(Effect.provide(Target.pipe(Layer.provide(FetchHttpClient.layer))))

Effect.runPromise(program).then(
  () => process.exit(0),
  (error) => {
    console.error("✗ Globus demo failed:", String(error))
    process.exit(1)
  }
)
