import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as SearchTerms from "../../../src/testkit/agave/SearchTerms.js"
import { Tenant, wordCountApp } from "../../../src/testkit/agave/Tenant.js"
import { ok, query, refused } from "./helpers.js"

const ids = (items: ReadonlyArray<unknown>) => (items as ReadonlyArray<{ readonly id: string }>).map((item) => item.id)

const form = (fields: Record<string, string>) => new URLSearchParams(fields)

describe("Agave test server: profiles", () => {
  it.effect("snake_case profiles; me, by username, search; managers create, users change their own", () =>
    Effect.gen(function*() {
      const profiles = new Tenant().profiles
      const me = yield* ok(profiles.me("nryan"))
      assert.deepInclude(me, {
        username: "nryan",
        first_name: "Nolan",
        last_name: "Ryan",
        full_name: "Nolan Ryan",
        status: "Active"
      })
      assert.match(me.create_time, /^\d{14}Z$/)
      yield* refused(profiles.get("nobody"), 404)
      const created = yield* ok(
        profiles.create(
          "nryan",
          form({ username: "testuser", password: "abcd123", email: "t@test.com", first_name: "Test" })
        ),
        201
      )
      assert.deepInclude(created as object, { username: "testuser", full_name: "Test", email: "t@test.com" })
      assert.isTrue(profiles.checkPassword("testuser", "abcd123"))
      yield* refused(profiles.create("nryan", form({ username: "testuser", password: "x", email: "y" })), 409)
      yield* refused(profiles.create("nryan", form({ username: "nopassword", email: "y" })), 400)
      yield* refused(profiles.create("rclemens", form({ username: "other", password: "x", email: "y" })), 403)
      const updated = yield* ok(
        profiles.update("testuser", "testuser", form({ last_name: "User", password: "new-pass" }))
      )
      assert.deepInclude(updated, { full_name: "Test User", last_name: "User" })
      assert.isTrue(profiles.checkPassword("testuser", "new-pass"))
      yield* refused(profiles.update("rclemens", "testuser", form({ last_name: "X" })), 403)
      const found = (yield* ok(profiles.list(query({ "last_name.eq": "User" })))) as ReadonlyArray<{ username: string }>
      assert.deepStrictEqual(found.map((p) => p.username), ["testuser"])
      const byName = (yield* ok(profiles.list(query({ name: "Roger Clemens" })))) as ReadonlyArray<{ username: string }>
      assert.deepStrictEqual(byName.map((p) => p.username), ["rclemens"])
      assert.notProperty(byName[0], "name")
      yield* ok(profiles.delete("nryan", "testuser"))
      yield* refused(profiles.get("testuser"), 404)
    }))
})

describe("Agave test server: systems", () => {
  it.effect("the public default storage and execution systems; list filters; a user's own system", () =>
    Effect.gen(function*() {
      const systems = new Tenant().systems
      assert.deepStrictEqual(ids(yield* ok(systems.list("rclemens", query()))), ["data.agave.test", "exec.agave.test"])
      assert.deepStrictEqual(ids(yield* ok(systems.list("rclemens", query({ type: "EXECUTION" })))), [
        "exec.agave.test"
      ])
      assert.deepStrictEqual(ids(yield* ok(systems.list("rclemens", query({ default: "true" })))), ["data.agave.test"])
      const mine = {
        id: "rclemens.storage",
        name: "Mine",
        type: "STORAGE",
        storage: {
          host: "example.org",
          port: 22,
          protocol: "SFTP",
          auth: { type: "PASSWORD", username: "rc", password: "hunter2-secret" }
        }
      }
      const added = (yield* ok(systems.add("rclemens", mine), 201)) as Record<string, any>
      assert.deepStrictEqual(added["storage"]["auth"], { type: "PASSWORD", username: "rc" })
      assert.notInclude(JSON.stringify(added), "hunter2")
      yield* refused(systems.add("rclemens", mine), 409)
      yield* refused(systems.add("rclemens", { ...mine, id: "x y" }), 400)
      yield* refused(systems.add("rclemens", { ...mine, id: "exec2", type: "EXECUTION" }), 400)
      yield* refused(systems.get("nryan", "nope"), 404)
      yield* refused(systems.get("guest", "rclemens.storage"), 403)
      // Default: a user's own choice wins over the tenant's.
      yield* ok(systems.manage("rclemens", "rclemens.storage", { action: "SETDEFAULT" }))
      assert.strictEqual(systems.defaultStorage("rclemens"), "rclemens.storage")
      assert.strictEqual(systems.defaultStorage("nryan"), "data.agave.test")
      const listed = (yield* ok(systems.list("rclemens", query({ default: "true" })))) as ReadonlyArray<
        Record<string, unknown>
      >
      assert.deepStrictEqual(listed.map((s) => [s["id"], s["default"]]), [["rclemens.storage", true]])
      yield* refused(systems.manage("rclemens", "data.agave.test", { action: "SETGLOBALDEFAULT" }), 403)
      yield* refused(systems.manage("rclemens", "rclemens.storage", { action: "REBOOT" }), 400)
      const clone =
        (yield* ok(systems.manage("rclemens", "rclemens.storage", { action: "CLONE", id: "rclemens.copy" }))) as Record<
          string,
          unknown
        >
      assert.strictEqual(clone["id"], "rclemens.copy")
      assert.deepStrictEqual(
        ids(yield* ok(systems.list("rclemens", query({ "storage.protocol.eq": "SFTP", "id.like": "rclemens.*" })))),
        ["rclemens.storage", "rclemens.copy"]
      )
      yield* ok(systems.delete("rclemens", "rclemens.copy"))
      yield* refused(systems.get("rclemens", "rclemens.copy"), 404)
    }))

  it.effect("roles open a private system; credentials are stored without their secrets", () =>
    Effect.gen(function*() {
      const systems = new Tenant().systems
      yield* ok(systems.add("rclemens", { id: "priv", name: "p", type: "STORAGE", storage: {} }), 201)
      yield* ok(systems.updateRole("rclemens", "priv", "nryan-not-admin", { role: "USER" }))
      yield* ok(systems.updateRole("rclemens", "priv", undefined, { username: "guest", role: "GUEST" }))
      const roles = (yield* ok(systems.listRoles("rclemens", "priv", query()))) as ReadonlyArray<
        { username: string; role: string }
      >
      assert.deepStrictEqual(roles.map((r) => [r.username, r.role]), [["rclemens", "OWNER"], [
        "nryan-not-admin",
        "USER"
      ], ["guest", "GUEST"]])
      assert.deepInclude((yield* ok(systems.getRole("guest", "priv", "guest"))) as object, { role: "GUEST" })
      yield* refused(systems.updateRole("guest", "priv", "guest", { role: "ADMIN" }), 403)
      yield* refused(systems.updateRole("rclemens", "priv", "x", { role: "OWNER" }), 400)
      yield* ok(systems.deleteRoles("rclemens", "priv", "guest"))
      yield* refused(systems.get("guest", "priv"), 403)
      yield* ok(
        systems.updateCredentials("rclemens", "priv", "alice", "STORAGE", {
          type: "PASSWORD",
          username: "alice",
          password: "very-secret-password"
        })
      )
      const stored = yield* ok(systems.listCredentials("rclemens", "priv", undefined, undefined, query()))
      assert.strictEqual(stored.length, 1)
      assert.notInclude(JSON.stringify(stored), "very-secret")
      assert.deepInclude(stored[0] as object, { internalUsername: "alice", parentType: "STORAGE", type: "PASSWORD" })
      yield* refused(systems.listCredentials("rclemens", "priv", "alice", "LOGIN", query()), 404)
      yield* ok(systems.deleteCredentials("rclemens", "priv", "alice"))
      assert.deepStrictEqual(yield* ok(systems.listCredentials("rclemens", "priv", undefined, undefined, query())), [])
    }))
})

describe("Agave test server: apps", () => {
  it.effect("the public word-count app; a private one, shared by permission; listings by name, tag, ontology, system", () =>
    Effect.gen(function*() {
      const apps = new Tenant().apps
      const app = (yield* ok(apps.get("rclemens", "wc-1.00"))) as Record<string, unknown>
      assert.deepInclude(app, { id: "wc-1.00", isPublic: true, executionSystem: "exec.agave.test" })
      const mine = { ...wordCountApp, name: "mywc", version: "0.1" }
      yield* ok(apps.add("rclemens", mine), 201)
      yield* refused(apps.add("rclemens", mine), 409)
      yield* refused(apps.add("rclemens", { ...mine, version: "one" }), 400)
      yield* refused(apps.add("rclemens", { ...mine, name: "x", executionSystem: "data.agave.test" }), 400)
      yield* refused(apps.get("nryan-not-here", "mywc-0.1"), 403)
      assert.deepStrictEqual(ids(yield* ok(apps.list("rclemens", query({ privateOnly: "true" })))), ["mywc-0.1"])
      assert.deepStrictEqual(ids(yield* ok(apps.list("rclemens", query({ publicOnly: "true" })))), ["wc-1.00"])
      assert.deepStrictEqual(ids(yield* ok(apps.list("rclemens", query(), { field: "name", value: "mywc" }))), [
        "mywc-0.1"
      ])
      assert.deepStrictEqual(ids(yield* ok(apps.list("rclemens", query(), { field: "tags", value: "demo" }))), [
        "wc-1.00",
        "mywc-0.1"
      ])
      assert.deepStrictEqual(
        ids(yield* ok(apps.list("guest", query(), { field: "executionSystem", value: "exec.agave.test" }))),
        ["wc-1.00"]
      )
      yield* ok(apps.updatePermission("rclemens", "mywc-0.1", "guest", { permission: "READ_EXECUTE" }))
      assert.deepInclude((yield* ok(apps.getPermission("rclemens", "mywc-0.1", "guest"))) as object, {
        username: "guest",
        permission: { read: true, write: false, execute: true }
      })
      assert.deepStrictEqual(ids(yield* ok(apps.list("guest", query({ "id.like": "my*" })))), ["mywc-0.1"])
      yield* refused(apps.update("guest", "mywc-0.1", mine), 403)
      const form = (yield* ok(apps.form("guest", "mywc-0.1"))) as {
        inputs: ReadonlyArray<{ id: string; required: boolean }>
      }
      assert.deepStrictEqual(form.inputs.map((i) => [i.id, i.required]), [["query1", true]])
      yield* ok(apps.deletePermissions("rclemens", "mywc-0.1"))
      yield* refused(apps.get("guest", "mywc-0.1"), 403)
    }))

  it.effect("manage: publish (administrators), clone, disable, erase", () =>
    Effect.gen(function*() {
      const apps = new Tenant().apps
      yield* ok(apps.add("rclemens", { ...wordCountApp, name: "tool", version: "2.0" }), 201)
      yield* refused(apps.manage("rclemens", "tool-2.0", { action: "publish" }), 403)
      const published = (yield* ok(apps.manage("nryan", "tool-2.0", { action: "publish" }))) as Record<string, unknown>
      assert.deepInclude(published, { id: "tool-2.0u1", isPublic: true })
      const clone = (yield* ok(apps.manage("rclemens", "tool-2.0", { action: "clone", name: "tool-copy" }))) as Record<
        string,
        unknown
      >
      assert.strictEqual(clone["id"], "tool-copy-2.0")
      yield* ok(apps.manage("rclemens", "tool-copy-2.0", { action: "disable" }))
      assert.isFalse(((yield* ok(apps.get("rclemens", "tool-copy-2.0"))) as Record<string, unknown>)["available"])
      yield* ok(apps.manage("rclemens", "tool-copy-2.0", { action: "erase" }))
      yield* refused(apps.get("rclemens", "tool-copy-2.0"), 404)
      const missing = yield* refused(apps.get("rclemens", "tool-copy-2.0"), 404)
      assert.strictEqual(missing.message, "No software found matching tool-copy-2.0")
    }))
})

describe("Agave test server: search terms", () => {
  const items = [
    {
      id: "a",
      n: 5,
      created: "2024-01-01T10:00:00.000Z",
      storage: { protocol: "S3" },
      queues: [{ maxUserJobs: 5 }, { maxUserJobs: 20 }]
    },
    { id: "b", n: 15, created: "2024-01-02T10:00:00.000Z", storage: { protocol: "SFTP" }, queues: [{ maxUserJobs: 1 }] }
  ]
  const fields = new Set(["id", "n", "created", "storage.protocol", "queues.maxUserJobs"])
  const found = (params: Record<string, string>) =>
    SearchTerms.apply(items, SearchTerms.parse(query(params), fields)).map((item) => item.id)

  it("every operator", () => {
    assert.deepStrictEqual(found({ id: "a" }), ["a"])
    assert.deepStrictEqual(found({ "id.neq": "a" }), ["b"])
    assert.deepStrictEqual(found({ "n.lt": "10" }), ["a"])
    assert.deepStrictEqual(found({ "n.lte": "15" }), ["a", "b"])
    assert.deepStrictEqual(found({ "n.gt": "5" }), ["b"])
    assert.deepStrictEqual(found({ "n.gte": "5" }), ["a", "b"])
    assert.deepStrictEqual(found({ "storage.protocol.like": "s*" }), ["a", "b"])
    assert.deepStrictEqual(found({ "storage.protocol.nlike": "*FTP" }), ["a"])
    assert.deepStrictEqual(found({ "storage.protocol.rlike": "^S3$" }), ["a"])
    assert.deepStrictEqual(found({ "id.in": "b,c" }), ["b"])
    assert.deepStrictEqual(found({ "id.nin": "b,c" }), ["a"])
    assert.deepStrictEqual(found({ "created.on": "2024-01-02" }), ["b"])
    assert.deepStrictEqual(found({ "created.before": "2024-01-02T00:00:00Z" }), ["a"])
    assert.deepStrictEqual(found({ "created.after": "2024-01-01T12:00:00Z" }), ["b"])
    assert.deepStrictEqual(found({ "n.between": "1,10" }), ["a"])
    assert.deepStrictEqual(found({ "queues.maxUserJobs.gt": "10" }), ["a"])
    assert.deepStrictEqual(found({ orderBy: "n", order: "desc" }), ["b", "a"])
  })

  it("unknown fields, bad dates, bad expressions and bad orders are 400s", () => {
    for (
      const params of [{ "secret.eq": "x" }, { "created.on": "someday" }, { "id.rlike": "(" }, { "n.between": "1" }, {
        orderBy: "secret"
      }, { order: "sideways" }]
    ) {
      try {
        found(params)
        assert.fail(`accepted ${JSON.stringify(params)}`)
      } catch (error) {
        assert.strictEqual((error as { status?: number }).status, 400, JSON.stringify(params))
      }
    }
  })
})
