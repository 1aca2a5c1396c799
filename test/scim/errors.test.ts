import * as Headers from "@effect/platform/Headers"
import { assert, describe, it } from "@effect/vitest"
import { ScimErrors } from "../../src/scim/index.js"

const classify = (status: number, json: unknown, text = JSON.stringify(json)) =>
  ScimErrors.classifier({ status, method: "GET", headers: Headers.empty, text, json })

const scimError = (status: string, detail?: string, scimType?: string) => ({
  schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
  status,
  ...(detail === undefined ? {} : { detail }),
  ...(scimType === undefined ? {} : { scimType })
})

describe("SCIM error classifier", () => {
  it("maps SCIM error bodies by status, with the detail as message and scimType as code", () => {
    assert.deepStrictEqual(classify(400, scimError("400", "bad filter", "invalidFilter")), {
      tag: "InvalidRequest",
      message: "bad filter",
      code: "invalidFilter"
    })
    assert.deepStrictEqual(classify(401, scimError("401", "Unauthorized")), {
      tag: "Unauthorized",
      message: "Unauthorized"
    })
    assert.strictEqual(classify(403, scimError("403", "no"))?.tag, "Forbidden")
    assert.strictEqual(classify(404, scimError("404", "Resource x not found"))?.tag, "NotFound")
    assert.deepStrictEqual(classify(409, scimError("409", "taken", "uniqueness")), {
      tag: "Conflict",
      message: "taken",
      code: "uniqueness"
    })
    assert.strictEqual(classify(412, scimError("412", "version"))?.tag, "Conflict")
    assert.deepStrictEqual(classify(413, scimError("413", undefined, "tooMany")), {
      tag: "InvalidRequest",
      message: "tooMany (status 413)",
      code: "tooMany"
    })
    assert.strictEqual(classify(500, scimError("500", "boom"))?.tag, "ServerError")
  })

  it("reads lax SCIM errors: numeric status, no schemas", () => {
    assert.deepStrictEqual(classify(400, { status: 400, scimType: "invalidValue", detail: "d" }), {
      tag: "InvalidRequest",
      message: "d",
      code: "invalidValue"
    })
  })

  it("reads ODM's non-SCIM bodies for 401 and 500", () => {
    assert.deepStrictEqual(classify(401, { error: { message: "Access token is not valid" } }), {
      tag: "Unauthorized",
      message: "Access token is not valid"
    })
    assert.deepStrictEqual(classify(500, { error: { message: "Internal error" } }), {
      tag: "ServerError",
      message: "Internal error"
    })
  })

  it("an unsupported method (405, 501) is InvalidRequest", () => {
    assert.strictEqual(classify(405, undefined, "")?.tag, "InvalidRequest")
    assert.strictEqual(classify(501, scimError("501", "PATCH not implemented"))?.tag, "InvalidRequest")
  })

  it("leaves other bodies to the status", () => {
    assert.isUndefined(classify(400, { message: "x" }))
    assert.isUndefined(classify(502, undefined, "<html>Bad Gateway</html>"))
    assert.isUndefined(classify(404, { status: "404" }))
  })
})
