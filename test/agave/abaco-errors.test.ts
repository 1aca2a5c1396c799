/**
 * Abaco's answers as errors: its messages decide what a 400 means (a permission failure, a missing
 * execution or nonce, a taken alias), a 404 names what is missing, a 405 is a request the API does not
 * take; anything else is left to Agave's classifier.
 */
import * as Headers from "@effect/platform/Headers"
import { assert, describe, it } from "@effect/vitest"
import { classifier, parseNotFound } from "../../src/agave/AbacoErrors.js"
import type { ErrorResponse } from "../../src/core/Classify.js"

const abaco = (status: number, message: string): ErrorResponse => {
  const json = { result: null, status: "error", version: "1.8.0", message }
  return { status, method: "GET", headers: Headers.empty, text: JSON.stringify(json), json }
}

describe("Abaco's errors", () => {
  it("permission failures under 400 are Forbidden, whatever their wording", () => {
    for (
      const message of [
        "Not authorized -- missing required role.",
        "Not authorized -- you do not have access to this actor.",
        "Not authorized -- only admins are authorized to update workers.",
        "Not authorized.",
        "Nonce does not exist.",
        "No remaining uses left for this nonce.",
        "Nonce does not have sufficient permissions level."
      ]
    ) {
      assert.deepStrictEqual(classifier(abaco(400, message)), { tag: "Forbidden", message }, message)
    }
  })

  it("no credential at all is Unauthorized; a taken alias Conflict; 405 InvalidRequest", () => {
    assert.strictEqual(classifier(abaco(400, "No JWT or nonce provided."))?.tag, "Unauthorized")
    assert.strictEqual(classifier(abaco(400, "Alias word-count already exists."))?.tag, "Conflict")
    assert.strictEqual(classifier(abaco(405, "Invalid HTTP method on requested resource."))?.tag, "InvalidRequest")
    const bare: ErrorResponse = { status: 405, method: "PATCH", headers: Headers.empty, text: "", json: undefined }
    assert.strictEqual(classifier(bare)?.tag, "InvalidRequest")
  })

  it("a missing actor, alias, execution, nonce or worker is NotFound with its resource and id, under 400 or 404", () => {
    const cases: ReadonlyArray<readonly [number, string, string, string | undefined]> = [
      [404, "No actor found with id: 6PlMbDLa4zlON.", "actor", "6PlMbDLa4zlON"],
      [404, "No actor found with identifier: word-count.", "actor", "word-count"],
      [404, "Actor with identifier 'word-count' not found", "actor", "word-count"],
      [404, "No alias found: word-count.", "alias", "word-count"],
      [404, "No actor or alias found with id: x1.", "actor", "x1"],
      [400, "No executions found with actor id of 6PlMbDLa4zlON and execution id of kBx8.", "execution", "kBx8"],
      [400, "Nonce not found.", "nonce", undefined],
      [404, "Worker not found.", "worker", undefined]
    ]
    for (const [status, message, resource, id] of cases) {
      const verdict = classifier(abaco(status, message))
      assert.deepStrictEqual([verdict?.tag, verdict?.resource, verdict?.id], ["NotFound", resource, id], message)
    }
  })

  it("anything else is left to Agave's classifier (a 400 is then InvalidRequest)", () => {
    assert.isUndefined(classifier(abaco(400, "Invalid actor description: Missing required parameter image")))
    assert.isUndefined(classifier(abaco(500, "Unrecognized exception type")))
    assert.isUndefined(classifier(abaco(404, "actor is stateless.")))
    // Not Abaco's envelope: Agave's reading applies.
    const fault: ErrorResponse = {
      status: 401,
      method: "GET",
      headers: Headers.empty,
      text: "{\"fault\":{\"code\":900901}}",
      json: { fault: { code: 900901 } }
    }
    assert.isUndefined(classifier(fault))
  })

  it("parseNotFound reads nothing into other messages, and bounds what it reads", () => {
    assert.isUndefined(parseNotFound("Not authorized."))
    assert.isUndefined(parseNotFound(`No actor found with id: ${"x".repeat(600)}.`))
  })
})
