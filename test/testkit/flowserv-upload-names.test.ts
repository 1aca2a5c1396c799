/**
 * Issue 10, item 2: the test server stores an upload under the name the real server would: the part's
 * file name read as Werkzeug 2.2 reads a Content-Disposition header, cleaned by its secure_filename.
 * The expected values in the tables below were produced by running Werkzeug 2.2.2's own
 * `secure_filename` and `parse_options_header` (the version of the observed server) on each input.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { firstFilePart, FlowservTestServer, parseOptions, secureFilename } from "../../src/testkit/index.js"

const werkzeugSecureFilename: ReadonlyArray<readonly [string, string]> = [
  ["../a b.txt", "a_b.txt"],
  ["Grüße.txt", "Grue.txt"],
  ["My cool movie.mov", "My_cool_movie.mov"],
  ["../../../etc/passwd", "etc_passwd"],
  ["i contain cool ümläuts.txt", "i_contain_cool_umlauts.txt"],
  ["日本語", ""],
  ["日本語.txt", "txt"],
  ["...", ""],
  ["a\\b.txt", "ab.txt"],
  ["C:\\Windows\\x.txt", "CWindowsx.txt"],
  ["  spaced  name .txt", "spaced_name_.txt"],
  ["a\u00a0b.txt", "a_b.txt"],
  ["ﬁle.txt", "file.txt"],
  ["CON.txt", "CON.txt"],
  ["a\tb\nc.txt", "a_b_c.txt"],
  ["a\u001cb.txt", "a_b.txt"],
  ["_.hidden_.", "hidden"],
  ["a--b..txt", "a--b..txt"],
  ["résumé (final).pdf", "resume_final.pdf"],
  ["x/y/z", "x_y_z"],
  ["/etc/", "etc"],
  ["a%22b.txt", "a22b.txt"],
  ["a\"b.txt", "ab.txt"],
  ["100% ok?.csv", "100_ok.csv"],
  ["Ωmega.dat", "mega.dat"],
  ["²³.txt", "23.txt"],
  ["naïve café.md", "naive_cafe.md"],
  ["\u0000nul.txt", "nul.txt"],
  ["a\u2003b.txt", "a_b.txt"],
  ["emoji😀.png", "emoji.png"],
  ["ＡＢＣ.txt", "ABC.txt"],
  ["-_-", "-_-"],
  ["tab\t", "tab"],
  ["..\\..\\windows", "windows"],
  ["file\r\n.txt", "file_.txt"]
]

const werkzeugFilenameOption: ReadonlyArray<readonly [string, string | undefined]> = [
  [`form-data; name="file"; filename="names.txt"`, "names.txt"],
  [`form-data; name="file"; filename="a%22b.txt"`, "a%22b.txt"],
  [`form-data; name="file"; filename="a\\"b.txt"`, "a\"b.txt"],
  [`form-data; name="file"; filename="C:\\\\x\\\\y.txt"`, "C:\\x\\y.txt"],
  [`form-data; name="file"; filename="\\\\\\\\server\\\\share.txt"`, "\\\\\\\\server\\\\share.txt"],
  [`form-data; name="file"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.txt`, "Grüße.txt"],
  [`form-data; name="file"; filename*0="a"; filename*1="b.txt"`, "ab.txt"],
  [`form-data; name="file"; filename=plain.txt`, "plain.txt"],
  [`form-data; name="file"; filename=""`, ""],
  [`form-data; name=file; filename= spaced name.txt `, "spaced name.txt "],
  [`form-data; NAME="file"; FileName="Up.TXT"`, "Up.TXT"],
  [`form-data; name="file"; filename`, undefined],
  [`form-data; name="file"; filename="x.txt"; filename*=utf-8''y%20z.txt`, "y z.txt"],
  [`form-data; name="file"; filename="a;b.txt"`, "a;b.txt"],
  [`form-data; name="file"; filename="Grüße.txt"`, "Grüße.txt"]
]

// A multipart body built by hand, so the Content-Disposition header is exactly as given.
const multipart = (disposition: string, content = "Alice\n", boundary = "XyZ") => ({
  contentType: `multipart/form-data; boundary=${boundary}`,
  body: new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`
  )
})

describe("upload names as the real server stores them (issue 10)", () => {
  it("secureFilename is Werkzeug's secure_filename on Linux", () => {
    for (const [input, expected] of werkzeugSecureFilename) {
      assert.strictEqual(secureFilename(input), expected, JSON.stringify(input))
    }
  })

  it("parseOptions reads a Content-Disposition as Werkzeug's parse_options_header", () => {
    for (const [header, expected] of werkzeugFilenameOption) {
      const options = parseOptions(header)
      assert.strictEqual(options.get("name"), "file", header)
      assert.isTrue(options.has("filename"), header)
      assert.strictEqual(options.get("filename"), expected, header)
    }
  })

  it("firstFilePart: the first part named `file` with a file name; fields and other parts are passed over", () => {
    const boundary = "b0und"
    const encode = (text: string) => new TextEncoder().encode(text)
    const body = encode(
      `preamble\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="other"; filename="other.txt"\r\n\r\nx\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data;\r\n name="file"; filename="a%22b.txt"\r\n` +
        `Content-Type: text/plain\r\n\r\nline 1\r\n--${boundary}x\r\nline 3\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="second.txt"\r\n\r\nz\r\n` +
        `--${boundary}--\r\n`
    )
    const part = firstFilePart(body, boundary, "file")
    assert.strictEqual(part._tag, "File")
    if (part._tag === "File") {
      assert.strictEqual(part.filename, "a%22b.txt")
      // The content runs to the line break before the next delimiter; a look-alike line is content.
      assert.strictEqual(new TextDecoder().decode(part.content), `line 1\r\n--${boundary}x\r\nline 3`)
    }
    assert.deepStrictEqual(firstFilePart(body, boundary, "nosuch"), { _tag: "NoFile" })
    assert.deepStrictEqual(firstFilePart(body, "otherboundary", "file"), { _tag: "NoFile" })
    const binary = new Uint8Array([
      ...encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Grüße €.bin"\r\n\r\n`),
      0,
      0xff,
      13,
      10,
      0x80,
      ...encode(`\r\n--${boundary}--`)
    ])
    const bytes = firstFilePart(binary, boundary, "file")
    assert.deepStrictEqual(bytes._tag === "File" ? [bytes.filename, [...bytes.content]] : [], [
      "Grüße €.bin",
      [0, 0xff, 13, 10, 0x80]
    ])
    // What Werkzeug cannot read: a header that is not UTF-8, a body without its closing delimiter.
    const broken = new Uint8Array([
      ...encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
      0xff,
      ...encode(`.txt"\r\n\r\nx\r\n--${boundary}--\r\n`)
    ])
    assert.deepStrictEqual(firstFilePart(broken, boundary, "file"), { _tag: "Unreadable" })
    // A part Werkzeug cannot read after the file part still leaves no files at all.
    const laterBroken = encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nx\r\n` +
        `--${boundary}\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n--${boundary}--\r\n`
    )
    assert.deepStrictEqual(firstFilePart(laterBroken, boundary, "file"), { _tag: "Unreadable" })
    const unterminated = encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nx`)
    assert.deepStrictEqual(firstFilePart(unterminated, boundary, "file"), { _tag: "Unreadable" })
  })

  it.effect("the test server answers with the cleaned name, keeps it, and refuses a name cleaned to nothing", () =>
    Effect.gen(function*() {
      const server = yield* FlowservTestServer
      const call = (path: string, init: RequestInit) =>
        Effect.promise(async () => {
          const response = await server.handler(new Request(server.url + path, init))
          return { status: response.status, text: await response.text() }
        })
      const json = { "content-type": "application/json" }
      yield* call("/users/register", {
        method: "POST",
        headers: json,
        body: JSON.stringify({ username: "alice", password: "pwd", verify: false })
      })
      const token = JSON.parse(
        (yield* call("/users/login", {
          method: "POST",
          headers: json,
          body: JSON.stringify({ username: "alice", password: "pwd" })
        })).text
      ).token as string
      const group = JSON.parse(
        (yield* call("/workflows/helloworld/groups", {
          method: "POST",
          headers: { ...json, api_key: token },
          body: JSON.stringify({ name: "G" })
        })).text
      ).id as string
      const upload = (disposition: string, as = token) => {
        const { body, contentType } = multipart(disposition)
        return call(`/uploads/${group}/files`, {
          method: "POST",
          headers: { api_key: as, "content-type": contentType },
          body
        })
      }
      const stored: Array<string> = []
      for (
        const [disposition, expected] of [
          [`form-data; name="file"; filename="../a b.txt"`, "a_b.txt"],
          [`form-data; name="file"; filename="Grüße.txt"`, "Grue.txt"],
          // What a WHATWG FormData encoder (the SDK's, a browser's) sends for a quote: Werkzeug keeps %22.
          [`form-data; name="file"; filename="my %22best%22 file.txt"`, "my_22best22_file.txt"],
          [`form-data; name="file"; filename*=UTF-8''na%C3%AFve%20caf%C3%A9.md`, "naive_cafe.md"]
        ] as const
      ) {
        const response = yield* upload(disposition)
        assert.strictEqual(response.status, 201, disposition)
        assert.strictEqual(JSON.parse(response.text).name, expected, disposition)
        stored.push(expected)
      }
      const listing = yield* call(`/uploads/${group}/files`, { method: "GET", headers: { api_key: token } })
      assert.deepStrictEqual(JSON.parse(listing.text).files.map((f: { name: string }) => f.name), stored)

      // flowserv-core's validate_name comes after the member check: 403 first, then 400 "invalid name".
      const empty = `form-data; name="file"; filename="日本語"`
      assert.deepStrictEqual(yield* upload(empty, "badtoken"), { status: 403, text: `{"message":"not authorized"}\n` })
      assert.deepStrictEqual(yield* upload(empty), { status: 400, text: `{"message":"invalid name"}\n` })
      assert.deepStrictEqual(yield* upload(`form-data; name="file"; filename="..."`), {
        status: 400,
        text: `{"message":"invalid name"}\n`
      })
      // An empty file name is refused by the route itself, before any member check.
      assert.deepStrictEqual(yield* upload(`form-data; name="file"; filename=""`, "badtoken"), {
        status: 400,
        text: `{"message":"empty file name"}\n`
      })
      // A part header Werkzeug cannot decode: its form parser sees no file at all.
      const { contentType } = multipart("")
      const undecodable = new Uint8Array([
        ...new TextEncoder().encode(`--XyZ\r\nContent-Disposition: form-data; name="file"; filename="`),
        0xff,
        ...new TextEncoder().encode(`.txt"\r\n\r\nx\r\n--XyZ--\r\n`)
      ])
      assert.deepStrictEqual(
        yield* call(`/uploads/${group}/files`, {
          method: "POST",
          headers: { api_key: token, "content-type": contentType },
          body: undecodable
        }),
        { status: 400, text: `{"message":"no file request"}\n` }
      )
      assert.strictEqual(server.state.runs.uploadsOf(group).length, stored.length)
    }).pipe(Effect.provide(FlowservTestServer.layer())))
})
