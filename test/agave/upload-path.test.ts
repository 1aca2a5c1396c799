/** An upload from a local file, read as it is sent, through the files service to the test server. */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AgaveFiles } from "../../src/agave/Files.js"
import { fromUploadFile } from "../../src/agave/records/Bodies.js"
import * as NodeUploadFile from "../../src/node/NodeUploadFile.js"
import { agaveLayer } from "../helpers/agave.js"

describe("Agave upload from a file path", () => {
  it.effect("streams the file into one multipart body; the file appears with its bytes", () =>
    Effect.gen(function*() {
      const dir = mkdtempSync(join(tmpdir(), "agave-upload-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
      const path = join(dir, "names.txt")
      const content = "alice\nbob\n".repeat(10_000)
      writeFileSync(path, content)
      const files = yield* AgaveFiles
      const local = yield* NodeUploadFile.fromPath(path)
      const queued = yield* files.importToDefaultSystem({
        sourcefilePath: "nryan",
        body: { fileToUpload: fromUploadFile(local) }
      })
      assert.strictEqual(queued.name, "names.txt")
      const back = yield* Stream.runCollect(
        files.download({ systemId: "data.agave.test", filePath: "nryan/names.txt" })
      )
      assert.strictEqual(new TextDecoder().decode(Buffer.concat(Chunk.toReadonlyArray(back))), content)
      const missing = yield* Effect.flip(NodeUploadFile.fromPath(join(dir, "none.txt")))
      assert.strictEqual(missing._tag, "FileError")
    }).pipe(Effect.scoped, Effect.provide(agaveLayer())))
})
