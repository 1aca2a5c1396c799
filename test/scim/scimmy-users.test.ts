import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { Filter, Patch, ScimAuth, ScimGroups, ScimUsers } from "../../src/scim/index.js"
import { collect, listingQueries, withScimmy } from "../helpers/scim.js"

describe("SCIM users against SCIMMY", () => {
  it.effect("create, get, list by filter, patch, replace, delete", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const users = yield* ScimUsers
        const alice = yield* users.create({
          userName: "alice",
          displayName: "Alice A.",
          name: { givenName: "Alice", familyName: "A." },
          emails: [{ value: "alice@example.org", type: "work", primary: true }],
          active: true
        })
        assert.strictEqual(alice.userName, "alice")
        assert.strictEqual(alice.name?.givenName, "Alice")
        assert.strictEqual(alice.emails?.[0]?.value, "alice@example.org")
        assert.deepStrictEqual(yield* users.get(alice.id), alice)
        yield* users.create({ userName: "bob" })
        const found = yield* collect(users.list({ filter: Filter.eq("userName", "alice") }))
        assert.deepStrictEqual(found.map((u) => u.id), [alice.id])
        const byMail = yield* collect(
          users.list({ filter: Filter.where("emails", Filter.co("value", "@example.org")) })
        )
        assert.deepStrictEqual(byMail.map((u) => u.userName), ["alice"])
        const patched = yield* users.patch(alice.id, [Patch.replace({ displayName: "Alice B.", active: false })])
        assert.strictEqual(Option.getOrThrow(patched).displayName, "Alice B.")
        assert.strictEqual(Option.getOrThrow(patched).active, false)
        const replaced = yield* users.replace(alice.id, { userName: "alice", displayName: "Alice C." })
        assert.strictEqual(replaced.displayName, "Alice C.")
        assert.isUndefined(replaced.emails)
        yield* users.delete(alice.id)
        assert.strictEqual((yield* Effect.flip(users.get(alice.id)))._tag, "NotFound")
      })
    ))

  it.effect("a taken userName is Conflict (uniqueness)", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const users = yield* ScimUsers
        yield* users.create({ userName: "alice" })
        const error = yield* Effect.flip(users.create({ userName: "alice" }))
        assert.strictEqual(error._tag, "Conflict")
        assert.strictEqual(error.code, "uniqueness")
      })
    ))

  it.effect("25 users over page size 4: each once", () =>
    withScimmy((server) =>
      Effect.gen(function*() {
        const users = yield* ScimUsers
        const created = yield* Effect.forEach(
          Array.from({ length: 25 }, (_, i) => `user${i}`),
          (userName) => users.create({ userName })
        )
        const listed = yield* collect(users.list({ pageSize: 4 }))
        assert.deepStrictEqual(listed.map((u) => u.id).sort(), created.map((u) => u.id).sort())
        assert.strictEqual(listingQueries(server.requests, "/Users").length, 7)
      })
    ))
})

describe("SCIM credentials against SCIMMY", () => {
  it.effect("a wrong bearer token is Unauthorized; the token is in no error field", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const error = yield* Effect.flip((yield* ScimGroups).get("any"))
        assert.strictEqual(error._tag, "Unauthorized")
        assert.strictEqual(error.status, 401)
        assert.strictEqual(error.message, "Unauthorized")
        assert.notInclude(JSON.stringify(error), "wrong-token-abcdefghijk")
      }), { client: { auth: ScimAuth.bearer(Redacted.make("wrong-token-abcdefghijk")) } }))

  it.effect("no credential at all is Unauthorized", () =>
    withScimmy(() =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(collect((yield* ScimUsers).list()))
        assert.strictEqual(error._tag, "Unauthorized")
      }), { client: { auth: undefined } }))

  it.effect("basic auth: the right password works, a wrong one is Unauthorized", () =>
    Effect.gen(function*() {
      const auth = { type: "basic", username: "provisioner", password: "pässwörd-0123456789" } as const
      const created = yield* withScimmy(
        () => Effect.flatMap(ScimGroups, (groups) => groups.create({ displayName: "via basic" })),
        { auth, client: { auth: ScimAuth.basic("provisioner", Redacted.make("pässwörd-0123456789")) } }
      )
      assert.strictEqual(created.displayName, "via basic")
      const error = yield* withScimmy(
        () => Effect.flip(Effect.flatMap(ScimGroups, (groups) => groups.create({ displayName: "x" }))),
        { auth, client: { auth: ScimAuth.basic("provisioner", Redacted.make("wrong-password-0123")) } }
      )
      assert.strictEqual(error._tag, "Unauthorized")
      assert.notInclude(JSON.stringify(error), "wrong-password-0123")
    }))
})
