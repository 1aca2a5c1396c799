import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Form from "../../src/core/Form.js"

describe("Form", () => {
  it("encodes fields in order, leaves out undefined ones, keeps secrets Redacted and listed", () => {
    const password = Redacted.make("p@ss word&=+%")
    const form = Either.getOrThrow(
      Form.encode({ grant_type: "password", username: "n ryan", password, scope: undefined, note: "a/b?c#d!'()*~" })
    )
    assert.strictEqual(
      Redacted.value(form.text),
      "grant_type=password&username=n+ryan&password=p%40ss+word%26%3D%2B%25&note=a%2Fb%3Fc%23d%21%27%28%29%2A~"
    )
    assert.deepStrictEqual(form.secrets, [password])
    assert.notInclude(String(form.text), "p@ss")
    assert.deepStrictEqual(
      Object.fromEntries(new URLSearchParams(Redacted.value(form.text))),
      { grant_type: "password", username: "n ryan", password: "p@ss word&=+%", note: "a/b?c#d!'()*~" }
    )
  })

  it("a lone surrogate is refused with InvalidRequest, naming the field but not the value", () => {
    const refused = Form.encode({ username: "ok", password: Redacted.make("bad\ud800secret") })
    assert.isTrue(Either.isLeft(refused))
    if (Either.isLeft(refused)) {
      assert.strictEqual(refused.left._tag, "InvalidRequest")
      assert.strictEqual(refused.left.origin, "client")
      assert.include(refused.left.message, "password")
      assert.notInclude(refused.left.message, "secret")
    }
    assert.isTrue(Either.isLeft(Form.encode({ ["\udc00"]: "x" })))
  })

  it("sends as application/x-www-form-urlencoded", () => {
    const body = Form.toHttpBody(Either.getOrThrow(Form.encode({ a: "1" })))
    assert.strictEqual(body.contentType, "application/x-www-form-urlencoded")
  })
})
