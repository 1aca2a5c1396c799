import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { Tenant } from "../../../src/testkit/agave/Tenant.js"
import { ok, query, read, refused, text } from "./helpers.js"

type Entry = { readonly name: string; readonly type: string; readonly path: string; readonly length: number }
const names = (entries: ReadonlyArray<unknown>) => (entries as ReadonlyArray<Entry>).map((entry) => entry.name)

describe("Agave test server: files", () => {
  it.effect("an upload answers 202 with the queued file, which appears in the listing after `.`", () =>
    Effect.gen(function*() {
      const tenant = new Tenant()
      const files = tenant.files
      const queued = yield* ok(
        files.upload("nryan", undefined, "nryan", { file: { filename: "in.txt", content: text("a b c\nd e\n") } }),
        202
      )
      assert.deepInclude(queued as object, {
        name: "in.txt",
        status: "STAGING_QUEUED",
        systemId: "data.agave.test",
        path: "/home/nryan/in.txt"
      })
      const listing = yield* ok(files.list("nryan", undefined, "nryan", query()))
      assert.deepStrictEqual(names(listing), [".", "in.txt"])
      assert.deepInclude(listing[0] as object, {
        name: ".",
        type: "dir",
        path: "/home/nryan",
        mimeType: "text/directory"
      })
      assert.deepInclude(listing[1] as object, { type: "file", length: 10 })
      // A file's listing is the file itself; the same on the named system.
      assert.deepStrictEqual(names(yield* ok(files.list("nryan", "data.agave.test", "nryan/in.txt", query()))), [
        "in.txt"
      ])
      assert.strictEqual(
        read(yield* ok(files.download("nryan", "data.agave.test", "/home/nryan/in.txt"))),
        "a b c\nd e\n"
      )
    }))

  it.effect("staging takes its time on the Clock: the file appears once staged, and so does its history", () =>
    Effect.gen(function*() {
      const tenant = new Tenant({ files: { stagingDelay: Duration.seconds(5) } })
      yield* ok(
        tenant.files.upload("nryan", undefined, "nryan", {
          fileName: "renamed.txt",
          file: { filename: "x.txt", content: text("x") }
        }),
        202
      )
      yield* refused(tenant.files.download("nryan", undefined, "nryan/renamed.txt"), 404)
      assert.deepStrictEqual(names(yield* ok(tenant.files.list("nryan", undefined, "nryan", query()))), ["."])
      yield* TestClock.adjust(Duration.seconds(5))
      assert.deepStrictEqual(names(yield* ok(tenant.files.list("nryan", undefined, "nryan", query()))), [
        ".",
        "renamed.txt"
      ])
      const history =
        (yield* ok(tenant.files.history("nryan", undefined, "nryan/renamed.txt", query()))) as ReadonlyArray<
          { status: string }
        >
      assert.deepStrictEqual(history.map((event) => event.status), ["STAGING_QUEUED", "STAGING_COMPLETED"])
    }))

  it.effect("mkdir, rename, copy, move, delete", () =>
    Effect.gen(function*() {
      const f = new Tenant().files
      yield* ok(f.manage("nryan", undefined, "nryan", { action: "mkdir", path: "project/data" }))
      yield* ok(
        f.upload("nryan", undefined, "nryan/project/data", { file: { filename: "a.csv", content: text("1,2\n") } }),
        202
      )
      yield* refused(f.manage("nryan", undefined, "nryan", { action: "mkdir", path: "project" }), 409)
      yield* ok(f.manage("nryan", undefined, "nryan/project/data/a.csv", { action: "rename", path: "b.csv" }))
      yield* ok(
        f.manage("nryan", undefined, "nryan/project/data/b.csv", { action: "copy", path: "nryan/project/c.csv" })
      )
      yield* ok(f.manage("nryan", undefined, "nryan/project/data", { action: "move", path: "nryan/moved" }))
      assert.deepStrictEqual(names(yield* ok(f.list("nryan", undefined, "nryan", query()))), [".", "moved", "project"])
      assert.deepStrictEqual(names(yield* ok(f.list("nryan", undefined, "nryan/moved", query()))), [".", "b.csv"])
      assert.deepStrictEqual(names(yield* ok(f.list("nryan", undefined, "nryan/project", query()))), [".", "c.csv"])
      // Copy with append onto an existing file.
      yield* ok(
        f.manage("nryan", undefined, "nryan/moved/b.csv", { action: "copy", path: "nryan/project/c.csv", append: true })
      )
      assert.strictEqual(read(yield* ok(f.download("nryan", undefined, "nryan/project/c.csv"))), "1,2\n1,2\n")
      yield* refused(f.manage("nryan", undefined, "nryan/moved", { action: "copy", path: "nryan/moved/inside" }), 400)
      yield* refused(f.manage("nryan", undefined, "nryan/moved", { action: "explode", path: "x" }), 400)
      yield* ok(f.delete("nryan", undefined, "nryan/project"))
      yield* refused(f.list("nryan", undefined, "nryan/project/c.csv", query()), 404)
      yield* refused(f.delete("nryan", undefined, "nryan"), 403)
      const statuses = (path: string) =>
        Effect.map(ok(f.history("nryan", undefined, path, query())), (events) =>
          (events as ReadonlyArray<{ readonly status: string }>).map((event) => event.status))
      assert.deepStrictEqual(yield* statuses("nryan/moved/b.csv"), ["STAGING_QUEUED", "STAGING_COMPLETED", "RENAME"])
      assert.deepStrictEqual(yield* statuses("nryan/moved"), ["CREATED", "MOVED"])
    }))

  it.effect("paths: from the home directory or the root, . and .. refused, unknown systems in Agave's words", () =>
    Effect.gen(function*() {
      const f = new Tenant().files
      assert.deepStrictEqual(names(yield* ok(f.list("nryan", undefined, "/home", query()))).slice(0, 1), ["."])
      yield* refused(f.list("nryan", undefined, "nryan/../rclemens", query()), 400)
      yield* refused(f.list("nryan", undefined, "./nryan", query()), 400)
      const unknown = yield* refused(f.list("nryan", "no.such.system", "x", query()), 404)
      assert.strictEqual(unknown.message, "No resource found for user with system id 'no.such.system'")
      const missing = yield* refused(f.download("nryan", undefined, "nryan/none.txt"), 404)
      assert.include(missing.message, "File/folder does not exist")
    }))

  it.effect("permissions: another user's home is closed until a grant opens it; NONE closes it again", () =>
    Effect.gen(function*() {
      const f = new Tenant().files
      yield* ok(f.upload("nryan", undefined, "nryan", { file: { filename: "shared.txt", content: text("hi") } }), 202)
      yield* refused(f.download("rclemens", undefined, "nryan/shared.txt"), 403)
      const granted = yield* ok(
        f.updatePermissions("nryan", undefined, "nryan/shared.txt", { username: "rclemens", permission: "READ" })
      )
      assert.deepStrictEqual(granted, [{
        username: "rclemens",
        internalUsername: null,
        permission: { read: true, write: false, execute: false },
        recursive: false,
        _links: {
          self: {
            href: "https://agave.test/files/v2/pems/system/data.agave.test/home/nryan/shared.txt?username.eq=rclemens"
          }
        }
      }])
      assert.strictEqual(read(yield* ok(f.download("rclemens", undefined, "nryan/shared.txt"))), "hi")
      yield* refused(f.delete("rclemens", undefined, "nryan/shared.txt"), 403)
      const listed = (yield* ok(f.listPermissions("nryan", undefined, "nryan/shared.txt", query()))) as ReadonlyArray<
        { username: string }
      >
      assert.deepStrictEqual(listed.map((p) => p.username), ["nryan", "rclemens"])
      yield* ok(
        f.updatePermissions("nryan", undefined, "nryan/shared.txt", { username: "rclemens", permission: "NONE" })
      )
      yield* refused(f.download("rclemens", undefined, "nryan/shared.txt"), 403)
      // A recursive grant on a directory opens what is under it.
      yield* ok(
        f.updatePermissions("nryan", undefined, "nryan", { username: "rclemens", permission: "READ", recursive: true })
      )
      assert.strictEqual(read(yield* ok(f.download("rclemens", undefined, "nryan/shared.txt"))), "hi")
      yield* ok(f.deletePermissions("nryan", "data.agave.test", "nryan"))
      yield* refused(f.download("rclemens", undefined, "nryan/shared.txt"), 403)
      yield* refused(
        f.updatePermissions("nryan", undefined, "nryan/shared.txt", { username: "x", permission: "OWN" }),
        400
      )
    }))

  it.effect("import from an agave:// URL copies a tenant file; other URLs and empty uploads are refused", () =>
    Effect.gen(function*() {
      const f = new Tenant().files
      yield* ok(f.upload("nryan", undefined, "nryan", { file: { filename: "src.txt", content: text("data") } }), 202)
      const imported = yield* ok(
        f.upload("nryan", undefined, "nryan", {
          urlToIngest: "agave://data.agave.test/nryan/src.txt",
          fileName: "copy.txt"
        }),
        202
      )
      assert.deepInclude(imported as object, { name: "copy.txt", source: "agave://data.agave.test/nryan/src.txt" })
      assert.strictEqual(read(yield* ok(f.download("nryan", undefined, "nryan/copy.txt"))), "data")
      yield* refused(f.upload("nryan", undefined, "nryan", { urlToIngest: "https://example.org/x" }), 400)
      yield* refused(f.upload("nryan", undefined, "nryan", {}), 400)
      yield* refused(f.upload("nryan", undefined, "nryan/src.txt", { file: { filename: "x", content: text("") } }), 400)
    }))

  it.effect("listings are paged: limit and offset, at most 250 a page", () =>
    Effect.gen(function*() {
      const f = new Tenant().files
      for (let i = 0; i < 300; i++) {
        yield* ok(
          f.upload("nryan", undefined, "nryan", {
            file: { filename: `f${String(i).padStart(3, "0")}`, content: text("") }
          }),
          202
        )
      }
      const first = yield* ok(f.list("nryan", undefined, "nryan", query({ limit: "1000" })))
      assert.strictEqual(first.length, 250)
      assert.strictEqual(names(first)[0], ".")
      const last = yield* ok(f.list("nryan", undefined, "nryan", query({ offset: "250" })))
      assert.strictEqual(last.length, 51)
      assert.deepStrictEqual(
        names(yield* ok(f.list("nryan", undefined, "nryan", query({ offset: "1", limit: "2" })))),
        ["f000", "f001"]
      )
      yield* refused(f.list("nryan", undefined, "nryan", query({ limit: "-1" })), 400)
      yield* refused(f.list("nryan", undefined, "nryan", query({ offset: "abc" })), 400)
    }))
})
