import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { Environments } from "../../src/globus/index.js"
import * as S from "../../src/globus/schemas/index.js"

const fixtures = Path.resolve(import.meta.dirname, "../fixtures/globus")
const read = (name: string): unknown => JSON.parse(Fs.readFileSync(Path.join(fixtures, name), "utf8"))

// Every field of every fixture must be one the schema knows: an unknown field is an error here, so a
// fixture that decodes is fully modelled, not merely tolerated.
const strict = { onExcessProperty: "error" } as const

const decodes = <A, I>(schema: Schema.Schema<A, I>, name: string): A => {
  const result = Schema.decodeUnknownEither(schema, strict)(read(name))
  if (Either.isLeft(result)) assert.fail(`${name}: ${result.left.message}`)
  return result.right
}

const byFixture: ReadonlyArray<readonly [string, Schema.Schema<any, any>]> = [
  ["BASE_GROUP_DOC.json", S.Group],
  ["SUBSCRIPTION_GROUP_DOC.json", S.Group],
  ["functional_updated_group.json", S.Group],
  ["get_my_groups.json", Schema.Array(S.Group)],
  ["functional_add_member.json", S.BatchResponse],
  ["functional_approve_pending.json", S.BatchResponse],
  ["functional_get_group_policies.json", S.GroupPolicies],
  ["set_group_policies.json", S.GroupPolicies],
  ["get_group_by_subscription_id.json", S.GroupSubscription],
  ["set_subscription_admin_verified.json", S.SubscriptionVerified]
]

describe("Globus schemas", () => {
  it("decode every fixture of the contract folder, with no field left unmodelled", () => {
    const all = Fs.readdirSync(fixtures).filter((name) => name.endsWith(".json")).sort()
    assert.deepStrictEqual(all, byFixture.map(([name]) => name).sort())
    for (const [name, schema] of byFixture) decodes(schema, name)
  })

  it("decoded values are the JSON as sent (no renaming, nothing added)", () => {
    for (const [name, schema] of byFixture) {
      assert.deepStrictEqual(decodes(schema, name), read(name), name)
    }
  })

  it("reads what the fixtures say", () => {
    const group = decodes(S.Group, "SUBSCRIPTION_GROUP_DOC.json")
    assert.strictEqual(group.group_type, "plus")
    assert.strictEqual(group.subscription_info?.is_high_assurance, true)
    assert.strictEqual(Object.keys(group.subscription_info?.connectors ?? {}).length, 13)
    const groups = decodes(Schema.Array(S.Group), "get_my_groups.json")
    assert.strictEqual(groups.length, 7)
    assert.deepStrictEqual(groups.map((g) => g.my_memberships?.[0]?.role), [
      "member",
      "member",
      "member",
      "member",
      "admin",
      "member",
      "admin"
    ])
    const added = decodes(S.BatchResponse, "functional_add_member.json")
    assert.strictEqual(added.add?.[0]?.status, "active")
    assert.deepStrictEqual(decodes(S.GroupPolicies, "set_group_policies.json").signup_fields, ["address1"])
  })

  it("refuses values outside the enums", () => {
    const membership = {
      group_id: "g",
      identity_id: "i",
      username: "u",
      role: "owner",
      status: "active"
    }
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(S.Membership)(membership)))
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(S.Membership)({ ...membership, role: "manager" })))
    assert.isTrue(
      Either.isLeft(Schema.decodeUnknownEither(S.Membership)({ ...membership, role: "admin", status: "banned" }))
    )
    const policies = { group_visibility: "public", group_members_visibility: "managers" }
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(S.GroupPolicies)(policies)))
    assert.isTrue(
      Either.isLeft(
        Schema.decodeUnknownEither(S.GroupPolicies)({
          group_visibility: "private",
          group_members_visibility: "managers",
          signup_fields: ["shoe_size"]
        })
      )
    )
  })

  it("reads null where the service sends null for an absent field", () => {
    const group = Schema.decodeUnknownSync(S.Group)({
      name: "n",
      id: "g",
      group_type: "regular",
      enforce_session: false,
      session_timeouts: {},
      parent_id: null,
      description: null,
      terms_and_conditions: null,
      session_limit: null,
      child_ids: null,
      my_memberships: null,
      memberships: null,
      allowed_actions: null,
      subscription_id: null,
      subscription_info: null,
      subscription_admin_verified_id: null
    })
    assert.strictEqual(group.description, null)
    assert.strictEqual(group.memberships, null)
  })
})

describe("policies: authentication_assurance_timeout", () => {
  const base = {
    is_high_assurance: true,
    group_visibility: "private",
    group_members_visibility: "members",
    join_requests: false,
    signup_fields: []
  } as const

  it("keeps absent, null and a number apart when decoding", () => {
    const absent = Schema.decodeUnknownSync(S.GroupPolicies)(base)
    const none = Schema.decodeUnknownSync(S.GroupPolicies)({ ...base, authentication_assurance_timeout: null })
    const some = Schema.decodeUnknownSync(S.GroupPolicies)({ ...base, authentication_assurance_timeout: 3600 })
    assert.isFalse("authentication_assurance_timeout" in absent)
    assert.isTrue("authentication_assurance_timeout" in none)
    assert.strictEqual(none.authentication_assurance_timeout, null)
    assert.strictEqual(some.authentication_assurance_timeout, 3600)
  })

  it("keeps them apart in the JSON sent: left out, null, a number (and 0 is a number)", () => {
    const encode = (input: S.GroupPoliciesInput) =>
      JSON.parse(JSON.stringify(Schema.encodeSync(S.GroupPoliciesInput)(input)))
    assert.isFalse("authentication_assurance_timeout" in encode(base))
    assert.isFalse(
      "authentication_assurance_timeout" in encode({ ...base, authentication_assurance_timeout: undefined })
    )
    assert.deepStrictEqual(encode({ ...base, authentication_assurance_timeout: null }), {
      ...base,
      authentication_assurance_timeout: null
    })
    assert.strictEqual(encode({ ...base, authentication_assurance_timeout: 0 }).authentication_assurance_timeout, 0)
  })

  it("requires every other key, as globus-sdk's GroupPolicies does", () => {
    for (const key of Object.keys(base)) {
      const { [key]: _, ...rest } = base as Record<string, unknown>
      assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(S.GroupPoliciesInput)(rest)), key)
    }
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(S.GroupPoliciesInput)(base)))
  })
})

describe("Environments", () => {
  it("the Groups API of each environment, on globus-sdk's domains", () => {
    assert.deepStrictEqual(
      Environments.GlobusEnvironment.literals.map((name) => [name, Environments.groupsUrl(name)]),
      [
        ["production", "https://groups.api.globus.org"],
        ["preview", "https://groups.api.preview.globus.org"],
        ["sandbox", "https://groups.api.sandbox.globuscs.info"],
        ["integration", "https://groups.api.integration.globuscs.info"],
        ["test", "https://groups.api.test.globuscs.info"],
        ["staging", "https://groups.api.staging.globuscs.info"]
      ]
    )
  })
})
