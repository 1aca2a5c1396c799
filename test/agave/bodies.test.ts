import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { formBody, profileForm, upload, uploadBody } from "../../src/agave/records/Bodies.js"

const text = new TextEncoder()
const decoder = new TextDecoder()

const bodyText = (body: ReturnType<typeof uploadBody.toHttpBody>) =>
  body._tag === "Uint8Array"
    ? Effect.succeed(decoder.decode(body.body))
    : body._tag === "Stream"
    ? Effect.map(
      Stream.runCollect(body.stream),
      (chunks) => Chunk.toArray(chunks).map((c) => decoder.decode(c)).join("")
    )
    : Effect.die("unexpected body")

describe("Agave bodies", () => {
  it.effect("upload: every field and the file in one multipart body", () =>
    Effect.gen(function*() {
      const body = Either.getOrThrow(upload({
        fileToUpload: { content: text.encode("a,b\n"), filename: "in.csv", contentType: "text/csv" },
        fileName: "renamed.csv",
        fileType: "raw",
        callbackURL: "nryan@example.org",
        notifications: [{ url: "https://example.org/hook", event: "STAGING_COMPLETED", persistent: true }]
      }))
      assert.isFalse(body.streamed)
      const http = uploadBody.toHttpBody(body)
      assert.match(http.contentType ?? "", /^multipart\/form-data; boundary=/)
      const sent = yield* bodyText(http)
      for (const name of ["fileName", "fileType", "callbackURL", "notifications"]) {
        assert.include(sent, `name="${name}"`)
      }
      assert.include(sent, `name="fileToUpload"; filename="in.csv"\r\nContent-Type: text/csv\r\n\r\na,b\n`)
      assert.include(
        sent,
        JSON.stringify([{ url: "https://example.org/hook", event: "STAGING_COMPLETED", persistent: true }])
      )
    }))

  it.effect("upload: a streamed file is sent as a stream, never held whole", () =>
    Effect.gen(function*() {
      const body = Either.getOrThrow(upload({
        fileToUpload: { content: Stream.make(text.encode("part1-"), text.encode("part2")), filename: "big.bin" }
      }))
      assert.isTrue(body.streamed)
      const http = uploadBody.toHttpBody(body)
      assert.strictEqual(http._tag, "Stream")
      assert.include(yield* bodyText(http), "part1-part2")
    }))

  it("upload: an import from a URL", () => {
    const body = Either.getOrThrow(upload({ urlToIngest: "https://example.org/data.csv", fileName: "data.csv" }))
    assert.deepStrictEqual(body.parts.map((part) => part.name), ["fileName", "urlToIngest"])
  })

  it("upload: refused before sending — neither or both of file and URL, bad names, lone surrogates", () => {
    const file = { content: text.encode("x"), filename: "x.txt" }
    const refused = [
      upload({}),
      upload({ fileToUpload: file, urlToIngest: "https://example.org/x" }),
      upload({ fileToUpload: { ...file, filename: "" } }),
      upload({ fileToUpload: { ...file, filename: "bad\ud800.txt" } }),
      upload({ fileToUpload: file, fileName: "\udfff" })
    ]
    for (const result of refused) {
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) assert.strictEqual(result.left.origin, "client")
    }
  })

  it("profile form: snake_case fields, the password Redacted and listed as a secret", () => {
    const password = Redacted.make("abcd1234-long")
    const form = Either.getOrThrow(
      profileForm({ username: "testuser", password, email: "t@test.com", first_name: "Test" })
    )
    assert.deepStrictEqual(form.secrets, [password])
    assert.strictEqual(formBody.toHttpBody(form).contentType, "application/x-www-form-urlencoded")
    assert.deepStrictEqual(Object.fromEntries(new URLSearchParams(Redacted.value(form.text))), {
      username: "testuser",
      password: "abcd1234-long",
      email: "t@test.com",
      first_name: "Test"
    })
  })
})
