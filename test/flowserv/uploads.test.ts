import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Fs from "node:fs/promises"
import * as Path from "node:path"
import { Groups, UploadFile, Uploads } from "../../src/flowserv/index.js"
import { NodeUploadFile } from "../../src/node/index.js"
import { FlowservTestServer } from "../../src/testkit/index.js"
import { as, signUp, withServer } from "../helpers/flowserv.js"
import { failure, text } from "../helpers/outcomes.js"
import { tempDir } from "../helpers/tempDir.js"

const setup = Effect.gen(function*() {
  const alice = yield* signUp("alice")
  const group = yield* Effect.flatMap(Groups, (groups) => groups.create("helloworld", { name: "G" })).pipe(as(alice))
  return { alice, group, uploads: yield* Uploads }
})

describe("flowserv Uploads", () => {
  it.effect("upload from bytes: multipart field `file`, size reported as 0, listed, in the group handle", () =>
    Effect.gen(function*() {
      const { alice, group, uploads } = yield* setup
      const server = yield* FlowservTestServer
      const file = yield* uploads.upload(group.id, UploadFile.fromBytes("names.txt", "Alice\nBob\n")).pipe(as(alice))
      assert.strictEqual(file.name, "names.txt")
      assert.strictEqual(file.size, 0)
      const sent = server.requests().at(-1)!
      assert.strictEqual(sent.method, "POST")
      assert.match(sent.headers["content-type"]!, /^multipart\/form-data; boundary=/)
      assert.deepStrictEqual((yield* uploads.list(group.id).pipe(as(alice))).map((f) => f.id), [file.id])
      const handle = yield* Effect.flatMap(Groups, (groups) => groups.get(group.id)).pipe(as(alice))
      assert.deepStrictEqual(handle.files.map((f) => f.name), ["names.txt"])
      assert.strictEqual(yield* text(uploads.download(group.id, file.id)), "Alice\nBob\n")
    }).pipe(withServer))

  it.effect("the name comes back cleaned as the real server cleans it (Werkzeug's secure_filename)", () =>
    Effect.gen(function*() {
      const { alice, group, uploads } = yield* setup
      const stored: Array<string> = []
      for (
        const [sent, expected] of [
          ["../a b.txt", "a_b.txt"],
          ["Grüße.txt", "Grue.txt"],
          // The SDK sends a quote as %22 (the form encoding browsers use); Werkzeug keeps the escape.
          ["my \"best\" file.txt", "my_22best22_file.txt"],
          ["C:\\data\\names.txt", "Cdatanames.txt"]
        ] as const
      ) {
        const file = yield* uploads.upload(group.id, UploadFile.fromBytes(sent, sent)).pipe(as(alice))
        assert.strictEqual(file.name, expected, sent)
        assert.strictEqual(yield* text(uploads.download(group.id, file.id)), sent)
        stored.push(expected)
      }
      assert.deepStrictEqual((yield* uploads.list(group.id).pipe(as(alice))).map((f) => f.name), stored)
      // A name that cleans to nothing is the server's "invalid name".
      const nothing = yield* failure(uploads.upload(group.id, UploadFile.fromBytes("日本語", "x")).pipe(as(alice)))
      assert.deepStrictEqual(nothing, { tag: "InvalidRequest", message: "invalid name", origin: "server" })
    }).pipe(withServer))

  it.effect("upload from a stream and from a file path", () =>
    Effect.gen(function*() {
      const { alice, group, uploads } = yield* setup
      const encoder = new TextEncoder()
      const streamed = yield* uploads.upload(
        group.id,
        UploadFile.fromStream("stream.txt", Stream.make(encoder.encode("ab"), encoder.encode("cd")))
      ).pipe(as(alice))
      assert.strictEqual(yield* text(uploads.download(group.id, streamed.id)), "abcd")

      const dir = yield* tempDir("ers-upload-")
      const path = Path.join(dir, "data.csv")
      yield* Effect.promise(() => Fs.writeFile(path, "x,y\n1,2\n"))
      const fromPath = yield* NodeUploadFile.fromPath(path)
      const uploaded = yield* uploads.upload(group.id, fromPath).pipe(as(alice))
      assert.strictEqual(uploaded.name, "data.csv")
      assert.strictEqual(yield* text(uploads.download(group.id, uploaded.id)), "x,y\n1,2\n")
      const missing = yield* Effect.flip(NodeUploadFile.fromPath(Path.join(dir, "nope.csv")))
      assert.strictEqual(missing._tag, "FileError")
    }).pipe(withServer, Effect.scoped))

  it.effect("a stream that fails aborts the upload with the stream's own error; nothing is stored", () =>
    Effect.gen(function*() {
      const { alice, group, uploads } = yield* setup
      const broken = Stream.concat(Stream.make(new Uint8Array(10)), Stream.fail("disk gone" as const))
      const error = yield* Effect.flip(uploads.upload(group.id, UploadFile.fromStream("x.bin", broken)).pipe(as(alice)))
      assert.strictEqual(error, "disk gone")
      assert.deepStrictEqual(yield* uploads.list(group.id).pipe(as(alice)), [])
    }).pipe(withServer))

  it.effect("a local file that cannot be read as it is sent fails the upload with FileError", () =>
    Effect.gen(function*() {
      const { alice, group, uploads } = yield* setup
      const dir = yield* tempDir("ers-upload-")
      const path = Path.join(dir, "names.txt")
      yield* Effect.promise(() => Fs.writeFile(path, "Alice\n"))
      const file = yield* NodeUploadFile.fromPath(path)
      // Gone between the check and the upload: the read fails while the request is being sent.
      yield* Effect.promise(() => Fs.rm(path))
      const error = yield* Effect.flip(uploads.upload(group.id, file).pipe(as(alice)))
      assert.strictEqual(error._tag, "FileError")
      assert.deepStrictEqual(error._tag === "FileError" ? [error.path, error.code] : [], [path, "ENOENT"])
      assert.deepStrictEqual(yield* uploads.list(group.id).pipe(as(alice)), [])
    }).pipe(withServer, Effect.scoped))

  it.effect("failures: non-member, no token, unknown group or file, empty name, bad content type, too large", () =>
    Effect.gen(function*() {
      const { alice, group, uploads } = yield* setup
      const bob = yield* signUp("bob")
      const file = UploadFile.fromBytes("a.txt", "a")
      const tagOf = (call: Effect.Effect<unknown, { _tag: string; message: string }>) =>
        Effect.map(Effect.flip(call), (e) => `${e._tag}: ${e.message}`)
      assert.strictEqual(yield* tagOf(uploads.upload(group.id, file).pipe(as(bob))), "Forbidden: not authorized")
      assert.strictEqual(yield* tagOf(uploads.upload(group.id, file)), "Unauthorized: not logged in")
      assert.strictEqual(
        yield* tagOf(uploads.upload("nosuchgroup", file).pipe(as(alice))),
        "NotFound: unknown group 'nosuchgroup'"
      )
      assert.strictEqual(
        yield* tagOf(uploads.upload(group.id, UploadFile.fromBytes(" ", "a")).pipe(as(alice))),
        "InvalidRequest: an upload needs a non-empty file name"
      )
      const before = (yield* FlowservTestServer).requests().length
      assert.strictEqual(
        yield* tagOf(
          uploads.upload(group.id, UploadFile.fromBytes("a.txt", "a", "text/plain\r\nX-Evil: 1")).pipe(as(alice))
        ),
        "InvalidRequest: a file's content type holds a control character (such as a line break or NUL)"
      )
      assert.strictEqual((yield* FlowservTestServer).requests().length, before)
      const big = UploadFile.fromBytes("big.bin", new Uint8Array(2048))
      assert.match(yield* tagOf(uploads.upload(group.id, big).pipe(as(alice))), /^InvalidRequest: 413 Request Entity/)
      assert.strictEqual(
        yield* tagOf(uploads.delete(group.id, "nosuchfile").pipe(as(alice))),
        "NotFound: unknown file 'nosuchfile'"
      )
      assert.strictEqual(
        yield* tagOf(Stream.runDrain(uploads.download(group.id, "nosuchfile"))),
        "NotFound: unknown file 'nosuchfile'"
      )
    }).pipe(Effect.provide(FlowservTestServer.layerFlowserv({ maxContentLength: 1024 }))))

  it.effect("delete: gone from the listing; deleting the group removes its uploads", () =>
    Effect.gen(function*() {
      const { alice, group, uploads } = yield* setup
      const server = yield* FlowservTestServer
      const a = yield* uploads.upload(group.id, UploadFile.fromBytes("a.txt", "a")).pipe(as(alice))
      yield* uploads.upload(group.id, UploadFile.fromBytes("b.txt", "b")).pipe(as(alice))
      yield* uploads.delete(group.id, a.id).pipe(as(alice))
      assert.deepStrictEqual((yield* uploads.list(group.id).pipe(as(alice))).map((f) => f.name), ["b.txt"])
      yield* Effect.flatMap(Groups, (groups) => groups.delete(group.id)).pipe(as(alice))
      assert.strictEqual(server.state.runs.uploadsOf(group.id).length, 0)
    }).pipe(withServer))

  it.effect("the test server refuses a form without a `file` field as the real one does (probe #175)", () =>
    Effect.gen(function*() {
      const { alice, group } = yield* setup
      const server = yield* FlowservTestServer
      const form = new FormData()
      form.append("data", new Blob(["x"]), "names.txt")
      const response = yield* Effect.promise(() =>
        server.handler(
          new Request(`${server.url}/uploads/${group.id}/files`, {
            method: "POST",
            headers: { api_key: Redacted.value(alice.token) },
            body: form
          })
        )
      )
      assert.strictEqual(response.status, 400)
      assert.strictEqual(response.headers.get("content-type"), "application/json")
      assert.strictEqual(yield* Effect.promise(() => response.text()), `{"message":"no file request"}\n`)
    }).pipe(withServer))
})
