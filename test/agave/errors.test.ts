import * as Headers from "@effect/platform/Headers"
import { assert, describe, it } from "@effect/vitest"
import { classifier, parseFault, parseNotFound } from "../../src/agave/AgaveErrors.js"
import type { ErrorResponse } from "../../src/core/Classify.js"

const response = (status: number, body: string): ErrorResponse => {
  let json: unknown = undefined
  try {
    json = JSON.parse(body)
  } catch {
    json = undefined
  }
  return { status, method: "GET", headers: Headers.empty, text: body, json }
}

const envelope = (message: string | null) =>
  JSON.stringify({ status: "error", message, version: "2.2.27-r8265", result: null })

describe("Agave errors", () => {
  it("the envelope's status decides the tag and its message is the error's", () => {
    const cases: ReadonlyArray<readonly [number, string]> = [
      [400, "InvalidRequest"],
      [401, "Unauthorized"],
      [403, "Forbidden"],
      [404, "NotFound"],
      [409, "Conflict"],
      [500, "ServerError"],
      [502, "ServerError"],
      [503, "ServerError"]
    ]
    for (const [status, tag] of cases) {
      const verdict = classifier(response(status, envelope("Something went wrong here")))
      assert.strictEqual(verdict?.tag, tag, String(status))
      assert.strictEqual(verdict?.message, "Something went wrong here")
    }
  })

  it("an error envelope without a message still says so", () => {
    const verdict = classifier(response(400, envelope(null)))
    assert.strictEqual(verdict?.tag, "InvalidRequest")
    assert.include(verdict?.message ?? "", "error")
  })

  it("NotFound names the resource and id Agave's messages name", () => {
    const cases: ReadonlyArray<readonly [string, string | undefined, string | undefined]> = [
      ["No resource found for user with system id 'data.tacc'", "system", "data.tacc"],
      ["No resource found for user with system id stampede2.tacc.utexas.edu", "system", "stampede2.tacc.utexas.edu"],
      ["No job found with job id 0001409758089943-5056a550b8-0001-007", "job", "0001409758089943-5056a550b8-0001-007"],
      ["No system found matching data.agaveapi.co.", "system", "data.agaveapi.co"],
      ["No software found matching wc-1.00. Check the app id.", "app", "wc-1.00"],
      ["No default storage system found. Please register a system and set it as your default. ", "system", undefined],
      ["File/folder does not exist", "file", undefined],
      ["File does not exist: /home/nryan/missing.txt", "file", "/home/nryan/missing.txt"]
    ]
    for (const [message, resource, id] of cases) {
      const verdict = classifier(response(404, envelope(message)))
      assert.strictEqual(verdict?.tag, "NotFound", message)
      assert.strictEqual(verdict?.resource, resource, message)
      assert.strictEqual(verdict?.id, id, message)
    }
    assert.deepStrictEqual(parseNotFound("Something else entirely"), {})
  })

  it("a 200 carrying an error envelope is read from its message", () => {
    assert.strictEqual(classifier(response(200, envelope("No job found with job id 42")))?.tag, "NotFound")
    assert.strictEqual(
      classifier(response(200, envelope("Permission denied. User does not have access")))?.tag,
      "Forbidden"
    )
    assert.strictEqual(classifier(response(200, envelope("A system with id x already exists")))?.tag, "Conflict")
    assert.strictEqual(classifier(response(200, envelope("Invalid value for nodeCount")))?.tag, "InvalidRequest")
  })

  it("Agave's invalid-credentials envelope is a rejected credential, so a refreshing one refreshes", () => {
    const verdict = classifier(response(401, envelope("Permission denied. Invalid authentication credentials")))
    assert.strictEqual(verdict?.tag, "Unauthorized")
    assert.isTrue(verdict?.credentialRejected)
    assert.strictEqual(verdict?.message, "Permission denied. Invalid authentication credentials")
    // A plain 401 (a wrong password at a login, say) is not a token to refresh.
    assert.isUndefined(classifier(response(401, envelope("Login failed")))?.credentialRejected)
  })

  it("token words under any status but 401 are no reason to refresh and send again (the request may have acted)", () => {
    const storage = "Job accepted but archiving failed: the storage system's OAuth token is expired"
    for (const status of [200, 201, 202, 403]) {
      const verdict = classifier(response(status, envelope(storage)))
      assert.notStrictEqual(verdict?.credentialRejected, true, String(status))
    }
  })

  it("the gateway's JSON fault: invalid, expired and inactive tokens are rejected credentials", () => {
    for (
      const [code, message] of [[900901, "Invalid Credentials"], [900903, "Access Token Expired"], [
        900904,
        "Access Token Inactive"
      ]] as const
    ) {
      const verdict = classifier(
        response(
          401,
          JSON.stringify({ fault: { code, message, description: "Make sure you have given the correct access token" } })
        )
      )
      assert.strictEqual(verdict?.tag, "Unauthorized")
      assert.isTrue(verdict?.credentialRejected, message)
      assert.strictEqual(verdict?.code, String(code))
      assert.strictEqual(verdict?.message, `${message}: Make sure you have given the correct access token`)
    }
    const missing = classifier(
      response(401, JSON.stringify({ fault: { code: 900902, message: "Missing Credentials" } }))
    )
    assert.strictEqual(missing?.tag, "Unauthorized")
    assert.isUndefined(missing?.credentialRejected)
  })

  it("the older gateway's XML fault, codes 900903 and 900904", () => {
    const xml = (code: number, message: string) =>
      `<ams:fault xmlns:ams="http://wso2.org/apimanager/security"><ams:code>${code}</ams:code><ams:message>${message}</ams:message><ams:description>Access failure for API: /jobs/v2, version: v2 with key: …</ams:description></ams:fault>`
    for (const [code, message] of [[900903, "Access Token Expired"], [900904, "Access Token Inactive"]] as const) {
      const verdict = classifier(response(401, xml(code, message)))
      assert.strictEqual(verdict?.tag, "Unauthorized")
      assert.isTrue(verdict?.credentialRejected)
      assert.strictEqual(verdict?.code, String(code))
      assert.include(verdict?.message ?? "", message)
    }
    assert.deepStrictEqual(parseFault(undefined, xml(900903, "Access Token Expired"))?.code, "900903")
  })

  it("gateway faults other than credentials: throttling, forbidden resources, no such resource", () => {
    assert.strictEqual(
      classifier(response(503, JSON.stringify({ fault: { code: 900800, message: "Message throttled out" } })))?.tag,
      "RateLimited"
    )
    assert.strictEqual(
      classifier(response(403, JSON.stringify({ fault: { code: 900908, message: "Resource forbidden " } })))?.tag,
      "Forbidden"
    )
    assert.strictEqual(
      classifier(
        response(404, JSON.stringify({ fault: { code: 900906, message: "No matching resource found in the API" } }))
      )?.tag,
      "NotFound"
    )
  })

  it("an HTML page from a proxy is a typed error named by its title", () => {
    const page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    const verdict = classifier(response(502, page))
    assert.strictEqual(verdict?.tag, "ServerError")
    assert.include(verdict?.message ?? "", "502 Bad Gateway")
    assert.strictEqual(classifier(response(404, "<html><body>Not here</body></html>"))?.tag, "NotFound")
    const unauthorized = classifier(
      response(401, "<html><head><title>401 Authorization Required</title></head></html>")
    )
    assert.strictEqual(unauthorized?.tag, "Unauthorized")
    assert.isUndefined(unauthorized?.credentialRejected)
  })

  it("bodies it does not recognise are left to the status", () => {
    assert.isUndefined(classifier(response(404, JSON.stringify({ error: "nope" }))))
    assert.isUndefined(classifier(response(500, "")))
    assert.isUndefined(classifier(response(400, "plain words")))
  })

  it("a hostile message is bounded: a long id is cut, and parsing stays linear", () => {
    const long = "x".repeat(100_000)
    const verdict = classifier(response(404, envelope(`No job found with job id ${long}`)))
    assert.strictEqual(verdict?.tag, "NotFound")
    assert.isAtMost(verdict?.message.length ?? 0, 1000)
    const fault = classifier(response(401, JSON.stringify({ fault: { code: 900901, message: long } })))
    assert.isAtMost(fault?.message.length ?? 0, 1000)
  })
})
