/**
 * SCIM groups on Genestack ODM: create groups, stream them with a filter, patch members, catch errors.
 *
 *   npm run demo                                          # against the embedded ODM test server (offline)
 *   ODM_HOST=https://odm.example.org ODM_TOKEN=… tsx examples/scim-groups.ts   # against a real ODM
 *
 * The member added is the user named by SCIM_DEMO_MEMBER (`curator` by default). Needs the
 * "Manage organization" permission to look the member up, as ODM's /Users requires.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Filter, Odm, Patch, ScimGroups, ScimUsers } from "effect-research-sdk/scim"
import { OdmTestServer } from "effect-research-sdk/testkit"
import * as Chunk from "effect/Chunk"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"

const demo = Effect.gen(function*() {
  const groups = yield* ScimGroups
  const users = yield* ScimUsers
  const memberName = yield* Config.string("SCIM_DEMO_MEMBER").pipe(Config.withDefault("curator"))
  // Unique names, so the demo can run again and again against the same real server.
  const tag = Math.random().toString(16).slice(2, 6)

  const curators = yield* groups.create({ displayName: `Curators ${tag}` })
  const reviewers = yield* groups.create({ displayName: `Reviewers ${tag}` })
  // ODM does not check names for uniqueness: a second "Curators" is a new group.
  const twin = yield* groups.create({ displayName: `Curators ${tag}` })
  yield* Console.log(
    `✓ created ${[curators, reviewers, twin].map((g) => `"${g.displayName}"`).join(", ")} ` +
      `(ODM allows duplicate names: the two "Curators ${tag}" are different groups)`
  )

  const named = yield* groups.list({ filter: Filter.eq("displayName", `Curators ${tag}`), pageSize: 1 }).pipe(
    Stream.map((g) => g.id),
    Stream.runCollect
  )
  yield* Console.log(`✓ streamed ${Chunk.size(named)} groups named "Curators ${tag}", one page each`)

  const member = yield* Stream.runHead(users.list({ filter: Filter.eq("userName", memberName) }))
  if (Option.isSome(member)) {
    const id = member.value.id
    yield* groups.patch(curators.id, [Patch.addMembers([id])])
    const withMember = yield* groups.get(curators.id)
    yield* Console.log(`✓ added ${memberName}: members are ${withMember.members?.map((m) => m.display).join(", ")}`)
    yield* groups.patch(curators.id, [Patch.rename(`Editors ${tag}`), ...Patch.removeMembers([id])])
    const renamed = yield* groups.get(curators.id)
    yield* Console.log(`✓ renamed to "${renamed.displayName}" and removed ${memberName} in one atomic PATCH`)
  }

  const unsupported = yield* Stream.runDrain(groups.list({ filter: Filter.sw("displayName", "Cur") })).pipe(
    Effect.as("ODM accepted a `sw` filter?!"),
    Effect.catchTag(
      "InvalidRequest",
      (error) => Effect.succeed(`caught InvalidRequest (${error.code}): ${error.message}`)
    )
  )
  yield* Console.log(`✓ ${unsupported}`)

  for (const group of [curators, reviewers, twin]) yield* groups.delete(group.id)
  const gone = yield* groups.get(curators.id).pipe(
    Effect.as("still there?!"),
    Effect.catchTag("NotFound", (error) => Effect.succeed(`caught NotFound: ${error.resource} ${error.id}`))
  )
  yield* Console.log(`✓ deleted the three groups; ${gone}`)
})

// ODM_HOST set: that ODM instance. Otherwise: the embedded ODM test server on 127.0.0.1.
const Target = Layer.unwrapEffect(
  Effect.gen(function*() {
    const host = yield* Config.option(Config.string("ODM_HOST"))
    if (Option.isSome(host)) {
      yield* Console.log(`SCIM groups demo — ODM at ${host.value}`)
      return Odm.layerConfig()
    }
    return Layer.unwrapEffect(
      Effect.gen(function*() {
        const server = yield* OdmTestServer
        yield* Console.log(`SCIM groups demo — embedded ODM test server at ${server.url}`)
        return Odm.layer({ host: server.host, token: Redacted.make("odm-admin-token") })
      })
    ).pipe(Layer.provide(OdmTestServer.layerServer()))
  })
)

const program = demo.pipe(Effect.provide(Target.pipe(Layer.provide(FetchHttpClient.layer))))

Effect.runPromise(program).then(
  () => process.exit(0),
  (error) => {
    console.error("✗ SCIM demo failed:", String(error))
    process.exit(1)
  }
)
