/**
 * Mirrors a Globus group's active members into a SCIM group, as one Effect pipeline: stream the
 * group's memberships, keep the active ones, map each identity to a SCIM user (creating the users
 * that are missing), compute the difference with the SCIM group's members, apply it in one PATCH,
 * and print what changed. Running it twice changes nothing the second time.
 *
 * Offline: the embedded Globus test server and the ODM SCIM test server, both on 127.0.0.1.
 *
 *   npm run demo       # or: tsx examples/sync-globus-to-scim.ts
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Groups } from "effect-research-sdk/globus"
import { Filter, Odm, Patch, ScimGroups, ScimUsers } from "effect-research-sdk/scim"
import type { GlobusState } from "effect-research-sdk/testkit"
import { GlobusIdentities, GlobusTestServer, GlobusTokens, OdmTestServer } from "effect-research-sdk/testkit"
import * as Chunk from "effect/Chunk"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"

// The Globus group to mirror: three active members, one invitation still open.
let globusGroupId = ""
const seed = (state: GlobusState) => {
  globusGroupId = state.addGroup({
    name: "Imaging core",
    members: [
      { identityId: GlobusIdentities.alice, role: "admin" },
      { identityId: GlobusIdentities.bob, role: "member" },
      { identityId: GlobusIdentities.carol, role: "manager" },
      { identityId: GlobusIdentities.dave, role: "member", status: "invited" }
    ]
  }).id
}

// The SCIM user for a Globus identity: found by user name, or created.
const scimUserFor = (username: string, identityId: string) =>
  Effect.gen(function*() {
    const users = yield* ScimUsers
    const found = yield* Stream.runHead(users.list({ filter: Filter.eq("userName", username) }))
    if (Option.isSome(found)) return { id: found.value.id, created: false, username }
    const user = yield* users.create({ userName: username, displayName: username, externalId: identityId })
    return { id: user.id, created: true, username }
  })

// The SCIM group of the same name: found, or created.
const scimGroupNamed = (displayName: string) =>
  Effect.gen(function*() {
    const groups = yield* ScimGroups
    const found = yield* Stream.runHead(groups.list({ filter: Filter.eq("displayName", displayName) }))
    return Option.isSome(found) ? found.value : yield* groups.create({ displayName })
  })

const sync = (groupId: string) =>
  Effect.gen(function*() {
    const globus = yield* Groups
    const scimGroups = yield* ScimGroups
    const group = yield* globus.getGroup({ groupId, include: ["memberships"] })

    const wanted = yield* Stream.fromIterable(group.memberships ?? []).pipe(
      Stream.filter((membership) => membership.status === "active"),
      Stream.mapEffect((membership) => scimUserFor(membership.username, membership.identity_id), { concurrency: 4 }),
      Stream.runCollect,
      Effect.map(Chunk.toReadonlyArray)
    )

    const target = yield* scimGroupNamed(`Globus: ${group.name}`)
    // ODM makes a group's creator its first member: the difference removes whoever is not in Globus.
    const current = new Map(
      ((yield* scimGroups.get(target.id)).members ?? []).map((member) => [member.value, member.display ?? member.value])
    )
    const wantedIds = new Set(wanted.map((user) => user.id))
    const toAdd = wanted.filter((user) => !current.has(user.id))
    const toRemove = [...current.keys()].filter((id) => !wantedIds.has(id))

    if (toAdd.length > 0 || toRemove.length > 0) {
      yield* scimGroups.patch(target.id, [
        ...(toAdd.length > 0 ? [Patch.addMembers(toAdd.map((user) => user.id))] : []),
        ...Patch.removeMembers(toRemove)
      ])
    }
    const created = wanted.filter((user) => user.created).map((user) => user.username)
    return {
      group: target.displayName,
      created,
      added: toAdd.map((user) => user.username),
      removed: toRemove.map((id) => current.get(id) ?? id)
    }
  })

const report = (run: number, changes: Effect.Effect.Success<ReturnType<typeof sync>>) =>
  Console.log(
    changes.created.length + changes.added.length + changes.removed.length === 0
      ? `✓ run ${run}: "${changes.group}" already mirrors the Globus group; nothing changed`
      : `✓ run ${run}: "${changes.group}": created users ${changes.created.join(", ") || "none"}; ` +
        `added ${changes.added.join(", ") || "none"}; removed ${changes.removed.join(", ") || "none"} (one PATCH)`
  )

const demo = Effect.gen(function*() {
  yield* report(1, yield* sync(globusGroupId))
  yield* report(2, yield* sync(globusGroupId))
})

// Both test servers on loopback; the SDK's Globus and SCIM services pointed at them.
const Target = Layer.unwrapEffect(
  Effect.gen(function*() {
    const globus = yield* GlobusTestServer
    const odm = yield* OdmTestServer
    yield* Console.log(`Globus → SCIM sync demo — Globus test server at ${globus.url}, ODM at ${odm.url}`)
    return Layer.merge(
      Groups.layer({ url: globus.url, token: Redacted.make(GlobusTokens.alice) }),
      Odm.layer({ host: odm.host, token: Redacted.make("odm-admin-token") })
    )
  })
).pipe(Layer.provide(Layer.merge(GlobusTestServer.layerServer({ seed }), OdmTestServer.layerServer())))

const program = demo.pipe(Effect.provide(Target.pipe(Layer.provide(FetchHttpClient.layer))))

Effect.runPromise(program).then(
  () => process.exit(0),
  (error) => {
    console.error("✗ sync demo failed:", String(error))
    process.exit(1)
  }
)
