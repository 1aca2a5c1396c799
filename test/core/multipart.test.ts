import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Multipart from "../../src/core/Multipart.js"

const encoder = new TextEncoder()

// Reads a body back the way a server would: through the platform's own multipart parser.
const parse = (body: ReturnType<typeof Multipart.body>) =>
  Effect.gen(function*() {
    const bytes = body._tag === "Uint8Array"
      ? body.body
      : body._tag === "Stream"
      ? Chunk.toReadonlyArray(yield* Stream.runCollect(body.stream as Stream.Stream<Uint8Array>)).reduce(
        (all, chunk) => {
          const out = new Uint8Array(all.length + chunk.length)
          out.set(all)
          out.set(chunk, all.length)
          return out
        },
        new Uint8Array(0)
      )
      : assert.fail(`unexpected body ${body._tag}`)
    const length = body._tag === "Uint8Array" || body._tag === "Stream" ? body.contentLength : undefined
    const form = yield* Effect.promise(() =>
      new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": body.contentType! } }).formData()
    )
    return { form, bytes, length }
  })

describe("Multipart.body", () => {
  it.effect("bytes make one replayable body a server can parse", () =>
    Effect.gen(function*() {
      const body = Multipart.body([
        { _tag: "Field", name: "note", value: "hello" },
        {
          _tag: "File",
          name: "file",
          filename: "names.txt",
          contentType: "text/plain",
          content: encoder.encode("Alice\nBob\n")
        }
      ])
      assert.strictEqual(body._tag, "Uint8Array")
      const { form } = yield* parse(body)
      assert.strictEqual(form.get("note"), "hello")
      const file = form.get("file") as File
      assert.strictEqual(file.name, "names.txt")
      assert.strictEqual(file.type, "text/plain")
      assert.strictEqual(yield* Effect.promise(() => file.text()), "Alice\nBob\n")
    }))

  it.effect("a streamed part stays a stream of no declared length (fetch sends it chunked)", () =>
    Effect.gen(function*() {
      const content = Stream.make(encoder.encode("ab"), encoder.encode("cd"))
      const body = Multipart.body([
        { _tag: "Field", name: "note", value: "hi" },
        { _tag: "File", name: "file", filename: "x.bin", content }
      ])
      assert.strictEqual(body._tag, "Stream")
      const { form, length } = yield* parse(body)
      assert.isUndefined(length)
      assert.strictEqual(form.get("note"), "hi")
      assert.strictEqual(yield* Effect.promise(() => (form.get("file") as File).text()), "abcd")
    }))

  it.effect("quotes and line breaks cannot escape a file name", () =>
    Effect.gen(function*() {
      const body = Multipart.body([
        { _tag: "File", name: "file", filename: "a\"b\r\nX-Evil: 1.txt", content: encoder.encode("1") }
      ], "BOUNDARY")
      const text = new TextDecoder().decode(body._tag === "Uint8Array" ? body.body : new Uint8Array())
      assert.include(text, "filename=\"a%22b%0D%0AX-Evil: 1.txt\"")
      assert.notInclude(text, "\r\nX-Evil")
    }))

  it.effect("line breaks cannot escape a content type", () =>
    Effect.gen(function*() {
      const body = Multipart.body([
        {
          _tag: "File",
          name: "file",
          filename: "a.txt",
          contentType: "text/plain\r\nX-Evil: 1\r\n\r\nsmuggled",
          content: encoder.encode("1")
        }
      ], "BOUNDARY")
      const text = new TextDecoder().decode(body._tag === "Uint8Array" ? body.body : new Uint8Array())
      assert.include(text, "\r\nContent-Type: text/plainX-Evil: 1smuggled\r\n\r\n1\r\n--BOUNDARY--\r\n")
      assert.notInclude(text, "\r\nX-Evil")
      const file = (yield* parse(body)).form.get("file") as File
      assert.strictEqual(yield* Effect.promise(() => file.text()), "1")
    }))

  it("boundaries differ", () => {
    assert.notStrictEqual(Multipart.makeBoundary(), Multipart.makeBoundary())
  })
})
