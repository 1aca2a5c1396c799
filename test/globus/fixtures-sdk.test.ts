import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { BatchActions, Groups } from "../../src/globus/index.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"

// globus-sdk's recorded answers, served with status 200 (as its fixtures are) to the SDK's calls.
const fixtures = Path.resolve(import.meta.dirname, "../fixtures/globus")
const read = (name: string): string => Fs.readFileSync(Path.join(fixtures, name), "utf8")

const answers: ReadonlyArray<readonly [method: string, path: RegExp, fixture: string]> = [
  ["GET", /\/v2\/groups\/my_groups$/, "get_my_groups.json"],
  ["POST", /\/v2\/groups$/, "BASE_GROUP_DOC.json"],
  ["GET", /\/v2\/groups\/[^/]+\/policies$/, "functional_get_group_policies.json"],
  ["PUT", /\/v2\/groups\/[^/]+\/policies$/, "set_group_policies.json"],
  ["PUT", /\/v2\/groups\/[^/]+\/subscription_admin_verified$/, "set_subscription_admin_verified.json"],
  ["GET", /\/v2\/subscription_info\/[^/]+$/, "get_group_by_subscription_id.json"],
  ["POST", /\/v2\/groups\/[^/]+$/, "functional_add_member.json"],
  ["PUT", /\/v2\/groups\/[^/]+$/, "functional_updated_group.json"],
  ["GET", /\/v2\/groups\/[^/]+$/, "SUBSCRIPTION_GROUP_DOC.json"]
]

const handler = async (request: Request): Promise<Response> => {
  const path = new URL(request.url).pathname
  const found = answers.find(([method, pattern]) => method === request.method && pattern.test(path))
  return found === undefined
    ? new Response(JSON.stringify({ code: "NOT_FOUND", detail: "no fixture" }), { status: 404 })
    : new Response(read(found[2]), { status: 200, headers: { "content-type": "application/json" } })
}

const layer = Effect.provide(Groups.layer({ url: "https://groups.api.globus.org", token: Redacted.make("t") }))

describe("globus-sdk's recorded answers, through the SDK's calls", () => {
  it.effect("every fixture decodes as the answer of its call (create's 200 accepted)", () =>
    Effect.gen(function*() {
      const groups = yield* Groups
      const id = "d3974728-6458-11e4-b72d-123139141556"
      assert.isAbove((yield* groups.getMyGroups()).length, 0)
      assert.isString((yield* groups.createGroup({ body: { name: "x" } })).id)
      assert.isBoolean((yield* groups.getGroupPolicies({ groupId: id })).is_high_assurance)
      assert.isString(
        (yield* groups.setGroupPolicies({
          groupId: id,
          body: {
            is_high_assurance: false,
            group_visibility: "private",
            group_members_visibility: "managers",
            join_requests: false,
            signup_fields: []
          }
        })).group_visibility
      )
      assert.isString((yield* groups.getGroupBySubscriptionId({ subscriptionId: id })).group_id)
      assert.isString(
        (yield* groups.setSubscriptionAdminVerified({ groupId: id, body: { subscription_admin_verified_id: null } }))
          .group_id
      )
      assert.isString((yield* groups.updateGroup({ groupId: id, body: { name: "y" } })).name)
      assert.isString((yield* groups.getGroup({ groupId: id })).id)
      const outcome = yield* groups.batch(id, BatchActions.empty.add("ae332d86-d274-11e5-b885-b31714a110e9"))
      assert.isAbove(outcome.succeeded.length, 0)
    }).pipe(layer, Effect.provide(layerHttpClient(handler))))
})
