import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Url from "../../src/core/Url.js"
import { makeClient } from "../helpers/client.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"

const hostile = ["../", "..%2F..", "a/b", "%2F", "x?admin=1", "x#frag", "ünïcødé ✓", " ", "a;b", "%", "\\..\\"]

describe("ids never leave their path segment", () => {
  for (const id of hostile) {
    it.effect(`id ${JSON.stringify(id)}`, () => {
      const fake = fakeHttp(() => json(200, {}))
      return Effect.gen(function*() {
        const client = yield* makeClient({ baseUrl: "http://api.test/base/v1/" })
        yield* client.execute({
          method: "GET",
          path: ["groups", id, "runs"],
          success: Schema.Struct({}),
          errors: ["InvalidRequest"]
        })
        const url = fake.seen[0]!.url
        const segments = url.pathname.split("/")
        assert.deepStrictEqual(segments.slice(0, 4), ["", "base", "v1", "groups"])
        assert.strictEqual(segments.length, 6)
        assert.strictEqual(decodeURIComponent(segments[4]!), id)
        assert.strictEqual(segments[5], "runs")
        assert.strictEqual(url.search, "")
        assert.strictEqual(url.hash, "")
      }).pipe(Effect.provide(fake.layer))
    })
  }

  for (const id of ["", ".", ".."]) {
    it.effect(`id ${JSON.stringify(id)} is refused before sending`, () => {
      const fake = fakeHttp(() => json(200, {}))
      return Effect.gen(function*() {
        const client = yield* makeClient()
        const error = yield* Effect.flip(
          client.execute({ method: "DELETE", path: ["groups", id], success: Schema.Void, errors: ["InvalidRequest"] })
        )
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.strictEqual(error._tag === "InvalidRequest" && error.origin, "client")
        assert.strictEqual(fake.seen.length, 0)
      }).pipe(Effect.provide(fake.layer))
    })
  }

  it("query values are encoded and undefined ones left out", () => {
    const url = Url.buildUrl("http://h/api", ["users"], { query: "a&b=c d", skip: undefined, n: 3 })
    assert.deepStrictEqual(url, Either.right("http://h/api/users?query=a%26b%3Dc+d&n=3"))
  })

  it("user-info never reaches an error message", () => {
    assert.strictEqual(Url.displayUrl("https://user:pw@host.test/x"), "https://host.test/x")
    assert.strictEqual(Url.displayUrl("https://host.test/x"), "https://host.test/x")
  })

  it("a URL in an error is cut to 2,048 characters", () => {
    const long = Url.displayUrl(`https://host.test/${"x".repeat(1 << 20)}`)
    assert.strictEqual(long.length, 2049)
    assert.isTrue(long.startsWith("https://host.test/xxx") && long.endsWith("…"))
  })
})
