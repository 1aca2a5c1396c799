/**
 * A file path left out names the system's home directory (the files guide: "$PATH (Optional)"): a
 * listing, an upload, `manage`, history and permissions reach it through the services, on a named
 * system and on the default one; `/` stays the root. Downloads and deletes still take a path: none is
 * refused before anything is sent.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { AgaveFiles } from "../../src/agave/Files.js"
import { AgaveSystems } from "../../src/agave/Systems.js"
import { agaveLayer, text } from "../helpers/agave.js"

const all = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)
const names = (list: ReadonlyArray<{ readonly name: string }>) => list.map((file) => file.name)

const systemId = "nryan.home"

// A storage system of nryan's own, whose home directory is /home/nryan, made nryan's default.
const ownSystem = Effect.gen(function*() {
  const systems = yield* AgaveSystems
  yield* systems.add({
    body: {
      id: systemId,
      name: "Home",
      type: "STORAGE",
      storage: {
        host: "example.org",
        port: 22,
        protocol: "SFTP",
        rootDir: "/",
        homeDir: "/home/nryan",
        auth: { type: "PASSWORD", username: "nr", password: Redacted.make("sftp-password-long") }
      }
    }
  })
  yield* systems.manage({ systemId, body: { action: "SETDEFAULT" } })
})

describe("Agave files: the home directory, without a path", () => {
  it.effect("is listed, uploaded into, and made directories in, on a named system and on the default one", () =>
    Effect.gen(function*() {
      yield* ownSystem
      const files = yield* AgaveFiles
      const queued = yield* files.importData({
        systemId,
        body: { fileToUpload: { content: text("one\n"), filename: "a.txt" } }
      })
      assert.strictEqual(queued.name, "a.txt")
      yield* files.importToDefaultSystem({ body: { fileToUpload: { content: text("two\n"), filename: "b.txt" } } })
      yield* files.manage({ systemId, body: { action: "mkdir", path: "work" } })
      yield* files.manageOnDefaultSystem({ body: { action: "mkdir", path: "data" } })

      // (The test server keeps a directory per user under every system's home: nryan's is there too.)
      const home = ["a.txt", "b.txt", "data", "nryan", "work"]
      assert.deepStrictEqual(names(yield* all(files.list({ systemId }))).sort(), home)
      assert.deepStrictEqual(names(yield* all(files.listOnDefaultSystem())).sort(), home)
      // One page as sent: the directory itself first, as `.`, at the home directory's path.
      const page = yield* files.listPage({ systemId, filePath: "" })
      assert.strictEqual(page[0]?.name, ".")
      assert.strictEqual(page[0]?.path, "/home/nryan")
      // The root is `/`, not the home directory.
      assert.deepStrictEqual(names(yield* all(files.list({ systemId, filePath: "/" }))), ["home"])
      // What lands in the home directory is found there by its path, too.
      assert.deepStrictEqual(names(yield* all(files.list({ systemId, filePath: "a.txt" }))), ["a.txt"])
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("has its history and permissions read and granted", () =>
    Effect.gen(function*() {
      yield* ownSystem
      const files = yield* AgaveFiles
      const owners = (yield* all(files.listPermissions({ systemId }))).map((p) => p.username)
      assert.include(owners, "nryan")
      yield* files.updatePermissions({ systemId, body: { username: "rclemens", permission: "READ" } })
      yield* files.updatePermissionsOnDefaultSystem({ body: { username: "guest", permission: "READ" } })
      const granted = (yield* all(files.listPermissionsOnDefaultSystem())).map((p) => p.username)
      assert.includeMembers(granted, ["rclemens", "guest"])
      const grants = (events: ReadonlyArray<{ readonly status?: string | null | undefined }>) =>
        events.filter((event) => event.status === "PERMISSION_GRANT").length
      assert.strictEqual(grants(yield* all(files.getHistory({ systemId }))), 2)
      assert.strictEqual(grants(yield* all(files.getHistoryOnDefaultSystem())), 2)
    }).pipe(Effect.provide(agaveLayer())))

  it.effect("is never deleted or downloaded for want of a path: an empty one is refused before sending", () =>
    Effect.gen(function*() {
      const files = yield* AgaveFiles
      const refusals = [
        yield* Effect.flip(files.delete({ systemId, filePath: "" })),
        yield* Effect.flip(files.deleteFromDefaultSystem({ sourcefilePath: "" })),
        yield* Effect.flip(files.deletePermissions({ systemId, filePath: "" })),
        yield* Effect.flip(Stream.runDrain(files.download({ systemId, filePath: "" }))),
        yield* Effect.flip(Stream.runDrain(files.downloadFromDefaultSystem({ sourcefilePath: "" })))
      ]
      for (const error of refusals) {
        assert.strictEqual(error._tag, "InvalidRequest")
        if (error._tag === "InvalidRequest") assert.strictEqual(error.origin, "client")
      }
    }).pipe(Effect.provide(agaveLayer())))
})
