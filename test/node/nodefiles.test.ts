import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as Fs from "node:fs/promises"
import * as Path from "node:path"
import * as NodeFiles from "../../src/node/NodeFiles.js"
import { tempDir } from "../helpers/tempDir.js"

// A temp dir holding result.json with "old" in it; `untouched` checks that it still does, alone.
const existingFile = Effect.gen(function*() {
  const dir = yield* tempDir("ers-files-")
  const path = Path.join(dir, "result.json")
  yield* Effect.promise(() => Fs.writeFile(path, "old"))
  const untouched = Effect.gen(function*() {
    assert.strictEqual(yield* Effect.promise(() => Fs.readFile(path, "utf8")), "old")
    assert.deepStrictEqual(yield* Effect.promise(() => Fs.readdir(dir)), ["result.json"])
  })
  return { dir, path, untouched }
})

describe("NodeFiles", () => {
  it.scoped("writes a stream to a file and reads it back in chunks", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir("ers-files-")
      const path = Path.join(dir, "out.bin")
      const data = Stream.range(0, 99).pipe(Stream.map((i) => new Uint8Array(1000).fill(i % 256)))
      assert.strictEqual(yield* data.pipe(NodeFiles.writeStream(path)), 100_000)
      assert.strictEqual(yield* NodeFiles.size(path), 100_000)
      const chunks = yield* Stream.runCollect(NodeFiles.readStream(path, { chunkSize: 16_384 }))
      assert.strictEqual(Chunk.size(chunks), Math.ceil(100_000 / 16_384))
      assert.strictEqual(Chunk.toReadonlyArray(chunks).reduce((sum, c) => sum + c.length, 0), 100_000)
    }))

  it.scoped("a failing stream leaves no partial file behind", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir("ers-files-")
      const path = Path.join(dir, "partial.bin")
      const failing = Stream.concat(Stream.make(new Uint8Array(10)), Stream.fail("broken" as const))
      const error = yield* Effect.flip(failing.pipe(NodeFiles.writeStream(path)))
      assert.strictEqual(error, "broken")
      assert.deepStrictEqual(yield* Effect.promise(() => Fs.readdir(dir)), [])
    }))

  it.scoped("a failing stream leaves an existing file as it was", () =>
    Effect.gen(function*() {
      const { path, untouched } = yield* existingFile
      const failing = Stream.concat(Stream.make(new TextEncoder().encode("new and")), Stream.fail("500" as const))
      assert.strictEqual(yield* Effect.flip(failing.pipe(NodeFiles.writeStream(path))), "500")
      yield* untouched
    }))

  it.scoped("an interrupted write leaves an existing file as it was", () =>
    Effect.gen(function*() {
      const { dir, path, untouched } = yield* existingFile
      const written = yield* Deferred.make<void>()
      const endless = Stream.make(new TextEncoder().encode("new")).pipe(
        Stream.concat(Stream.drain(Stream.fromEffect(Deferred.succeed(written, undefined)))),
        Stream.concat(Stream.never)
      )
      const fiber = yield* Effect.fork(endless.pipe(NodeFiles.writeStream(path)))
      yield* Deferred.await(written)
      assert.strictEqual((yield* Effect.promise(() => Fs.readdir(dir))).length, 2)
      yield* Fiber.interrupt(fiber)
      yield* untouched
    }))

  it.scoped("a successful write replaces an existing file whole, by a rename", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir("ers-files-")
      const path = Path.join(dir, "result.json")
      yield* Effect.promise(() => Fs.writeFile(path, "an older and longer content"))
      const before = yield* Effect.promise(() => Fs.stat(path))
      const encoder = new TextEncoder()
      assert.strictEqual(
        yield* Stream.make(encoder.encode("ne"), encoder.encode("w")).pipe(NodeFiles.writeStream(path)),
        3
      )
      assert.strictEqual(yield* Effect.promise(() => Fs.readFile(path, "utf8")), "new")
      // A new inode: the old file was replaced, not truncated and rewritten in place.
      assert.notStrictEqual((yield* Effect.promise(() => Fs.stat(path))).ino, before.ino)
      assert.deepStrictEqual(yield* Effect.promise(() => Fs.readdir(dir)), ["result.json"])
    }))

  it.effect("a missing file is a FileError with its code", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(NodeFiles.readStream("/nonexistent/dir/file")))
      assert.strictEqual(error._tag, "FileError")
      assert.strictEqual(error.code, "ENOENT")
      const sizeError = yield* Effect.flip(NodeFiles.size("/nonexistent/dir/file"))
      assert.strictEqual(sizeError.code, "ENOENT")
    }))

  it.scoped("a directory is not a file to upload", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir("ers-files-")
      const error = yield* Effect.flip(NodeFiles.size(dir))
      assert.include(error.message, "not a regular file")
    }))
})
