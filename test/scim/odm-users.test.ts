import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { Filter, Odm, Patch, Scim, ScimUsers } from "../../src/scim/index.js"
import { OdmTestServer } from "../../src/testkit/index.js"
import { asToken, withOdm } from "../helpers/odm.js"
import { collect } from "../helpers/scim.js"

// ODM's description requires active, displayName and emails on create.
const newUser = (userName: string, email = `${userName}@odm.test`) => ({
  userName,
  displayName: userName.toUpperCase(),
  emails: [{ type: "work", value: email, primary: true }],
  active: true
})

describe("SCIM users on the ODM test server (every exchange checked against ODM's OpenAPI)", () => {
  it.effect("create, get, filter by userName and by work e-mail, patch (200 with the user), deactivate", () =>
    withOdm(Effect.gen(function*() {
      const users = yield* ScimUsers
      const bob = yield* users.create(newUser("bob"))
      assert.deepStrictEqual([bob.userName, bob.displayName, bob.active], ["bob", "BOB", true])
      assert.deepStrictEqual(yield* users.get(bob.id), bob)
      const byName = yield* collect(users.list({ filter: Filter.eq("userName", "bob") }))
      assert.deepStrictEqual(byName.map((u) => u.id), [bob.id])
      const byMail = yield* collect(users.list({
        filter: Filter.and(
          Filter.where("emails", Filter.and(Filter.eq("type", "work"), Filter.eq("value", "bob@odm.test"))),
          Filter.eq("userName", "bob")
        )
      }))
      assert.deepStrictEqual(byMail.map((u) => u.id), [bob.id])
      const patched = yield* users.patch(bob.id, [Patch.replace({ displayName: "Robert", nickName: "ignored" })])
      assert.strictEqual(Option.getOrThrow(patched).displayName, "Robert")
      yield* users.delete(bob.id)
      assert.strictEqual((yield* Effect.flip(users.get(bob.id)))._tag, "NotFound")
      const active = yield* collect(users.list({ pageSize: 1 }))
      assert.deepStrictEqual(active.map((u) => u.userName), ["admin", "curator"])
    })))

  it.effect("create with an existing login updates that user; a taken e-mail is Conflict", () =>
    withOdm(Effect.gen(function*() {
      const users = yield* ScimUsers
      const first = yield* users.create(newUser("carol"))
      const again = yield* users.create({ ...newUser("carol"), displayName: "Carol C." })
      assert.strictEqual(again.id, first.id)
      assert.strictEqual(again.displayName, "Carol C.")
      const taken = yield* Effect.flip(users.create(newUser("dave", "carol@odm.test")))
      assert.strictEqual(taken._tag, "Conflict")
      assert.strictEqual(taken.code, "uniqueness")
    })))

  it.effect("unsupported filters and read-only attributes are InvalidRequest with their scimType", () =>
    withOdm(Effect.gen(function*() {
      const users = yield* ScimUsers
      const filter = yield* Effect.flip(collect(users.list({ filter: Filter.co("userName", "a") })))
      assert.strictEqual(filter.code, "invalidFilter")
      const admin = (yield* collect(users.list({ filter: Filter.eq("userName", "admin") })))[0]!
      const readOnly = yield* Effect.flip(users.patch(admin.id, [Patch.replace({ emails: [] })]))
      assert.strictEqual(readOnly.code, "mutability")
    })))

  it.effect("users need the \"Manage organization\" permission: Forbidden otherwise", () =>
    withOdm(Effect.gen(function*() {
      const error = yield* asToken("odm-curator-token")(
        Effect.flatMap(ScimUsers, (u) => Effect.flip(collect(u.list())))
      )
      assert.strictEqual(error._tag, "Forbidden")
    })))
})

describe("configuration", () => {
  it.effect("Odm.layerConfig reads ODM_HOST and ODM_TOKEN; Scim.layerConfig SCIM_URL and SCIM_TOKEN", () =>
    Effect.gen(function*() {
      const viaOdm = yield* Effect.flatMap(ScimUsers, (users) => collect(users.list())).pipe(
        Effect.provide(Odm.layerConfig()),
        Effect.withConfigProvider(
          ConfigProvider.fromMap(new Map([["ODM_HOST", "http://odm.test"], ["ODM_TOKEN", "odm-admin-token"]]))
        )
      )
      assert.strictEqual(viaOdm.length, 2)
      // The generic client's bearer token: ODM takes it as an access token.
      const viaScim = yield* Effect.flatMap(ScimUsers, (users) => collect(users.list())).pipe(
        Effect.provide(Scim.layerConfig()),
        Effect.withConfigProvider(
          ConfigProvider.fromMap(
            new Map([["SCIM_URL", "http://odm.test/api/v1/scim"], ["SCIM_TOKEN", "odm-admin-token"]])
          )
        )
      )
      assert.strictEqual(viaScim.length, 2)
      const missing = yield* Effect.flip(
        Layer.build(Odm.layerConfig()).pipe(
          Effect.scoped,
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map()))
        )
      )
      assert.strictEqual(missing._tag, "ConfigError")
      assert.include(String(missing), "ODM_HOST")
    }).pipe(Effect.provide(OdmTestServer.layer())))
})
