import * as Headers from "@effect/platform/Headers"
import { assert, describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { AuthorizationParameters, GlobusErrors } from "../../src/globus/index.js"

// The classifier reads the parsed body only; the text is what the pipeline read, not needed here.
const classify = (status: number, json: unknown, text = "") =>
  GlobusErrors.classify({ status, method: "POST", headers: Headers.empty, text, json })

describe("Globus error classifier", () => {
  it("{code, detail}: the status decides the tag, detail is the message, code the code", () => {
    const body = (code: string) => ({ code, detail: `detail of ${code}` })
    assert.deepStrictEqual(classify(404, body("NOT_FOUND")), {
      tag: "NotFound",
      message: "detail of NOT_FOUND",
      code: "NOT_FOUND"
    })
    assert.deepStrictEqual(classify(409, body("CONFLICT")), {
      tag: "Conflict",
      message: "detail of CONFLICT",
      code: "CONFLICT"
    })
    assert.strictEqual(classify(500, body("UNKNOWN_ERROR"))?.tag, "ServerError")
    assert.strictEqual(classify(500, body("UNKNOWN_ERROR"))?.code, "UNKNOWN_ERROR")
    assert.strictEqual(classify(403, body("FORBIDDEN"))?.tag, "Forbidden")
    assert.strictEqual(classify(422, body("UNPROCESSABLE_ENTITY"))?.tag, "InvalidRequest")
  })

  it("401 with authorization_parameters: Unauthorized carrying every requirement", () => {
    const verdict = classify(401, {
      code: "AuthorizationParameters",
      detail: "Re-authentication required",
      authorization_parameters: {
        session_message: "This group requires a recent login",
        session_required_identities: ["ae332d86-d274-11e5-b885-b31714a110e9"],
        session_required_policies: "p1,p2, p3",
        session_required_single_domain: ["uchicago.edu"],
        session_required_mfa: true,
        required_scopes: ["urn:globus:auth:scope:groups.api.globus.org:all"],
        prompt: "login"
      }
    })
    assert.deepStrictEqual(verdict, {
      tag: "Unauthorized",
      message: "Re-authentication required",
      code: "AuthorizationParameters",
      authorization: {
        sessionMessage: "This group requires a recent login",
        requiredIdentities: ["ae332d86-d274-11e5-b885-b31714a110e9"],
        requiredPolicies: ["p1", "p2", "p3"],
        requiredSingleDomain: ["uchicago.edu"],
        requiredMfa: true,
        requiredScopes: ["urn:globus:auth:scope:groups.api.globus.org:all"],
        prompt: "login"
      },
      // The same, under the core's names, for the Unauthorized error to carry.
      authorizationParameters: {
        sessionMessage: "This group requires a recent login",
        sessionRequiredIdentities: ["ae332d86-d274-11e5-b885-b31714a110e9"],
        sessionRequiredPolicies: ["p1", "p2", "p3"],
        sessionRequiredSingleDomain: ["uchicago.edu"],
        sessionRequiredMfa: true,
        requiredScopes: ["urn:globus:auth:scope:groups.api.globus.org:all"],
        prompt: "login"
      }
    })
  })

  it("policies as a list or a comma-separated string; fields of the wrong type left out", () => {
    const params = (authorization_parameters: unknown) =>
      classify(401, { code: "X", detail: "d", authorization_parameters })?.authorization
    assert.deepStrictEqual(params({ session_required_policies: ["a", "b"] }), { requiredPolicies: ["a", "b"] })
    assert.deepStrictEqual(params({ session_required_policies: "a" }), { requiredPolicies: ["a"] })
    assert.deepStrictEqual(params({ session_required_policies: " , ," }), { requiredPolicies: [] })
    assert.deepStrictEqual(
      params({
        session_message: 7,
        session_required_identities: "not a list",
        session_required_mfa: "yes",
        required_scopes: [1, 2],
        session_required_single_domain: null
      }),
      {}
    )
    // An empty object is still a requirements error: log in again, nothing more specific.
    assert.deepStrictEqual(params({}), {})
    // Not an object: no requirements, a plain Unauthorized.
    assert.deepStrictEqual(classify(401, { code: "INVALID_TOKEN", detail: "expired", authorization_parameters: [] }), {
      tag: "Unauthorized",
      message: "expired",
      code: "INVALID_TOKEN",
      invalidToken: true,
      credentialRejected: true
    })
  })

  it("the documented 401 codes: INVALID_TOKEN is marked as a token to refresh, AUTHENTICATION_ERROR is not", () => {
    const invalid = classify(401, {
      code: "INVALID_TOKEN",
      detail: "token expired",
      authorization_parameters: { session_message: "log in again" }
    })
    assert.strictEqual(invalid?.tag, "Unauthorized")
    assert.isTrue(invalid?.invalidToken)
    assert.isTrue(invalid?.credentialRejected)
    const missing = classify(401, { code: "AUTHENTICATION_ERROR", detail: "no Authorization header" })
    assert.strictEqual(missing?.tag, "Unauthorized")
    assert.isUndefined(missing?.invalidToken)
    assert.isUndefined(missing?.credentialRejected)
  })

  it("ConsentRequired with required_scopes (or one required_scope): Unauthorized carrying the scopes", () => {
    assert.deepStrictEqual(
      classify(403, {
        code: "ConsentRequired",
        message: "Missing required data_access consent",
        required_scopes: ["s1", "s2"]
      }),
      {
        tag: "Unauthorized",
        message: "Missing required data_access consent",
        code: "ConsentRequired",
        authorization: { requiredScopes: ["s1", "s2"] },
        authorizationParameters: { requiredScopes: ["s1", "s2"] }
      }
    )
    assert.deepStrictEqual(
      classify(401, { code: "ConsentRequired", detail: "d", required_scope: "s" })?.authorization,
      { requiredScopes: ["s"] }
    )
    // The requirements' own scopes win over the top-level ones.
    assert.deepStrictEqual(
      classify(401, {
        code: "ConsentRequired",
        detail: "d",
        required_scopes: ["top"],
        authorization_parameters: { required_scopes: ["inner"] }
      })?.authorization,
      { requiredScopes: ["inner"] }
    )
    // Without scopes it is not a consent error.
    assert.strictEqual(classify(403, { code: "ConsentRequired", detail: "d", required_scopes: [] })?.tag, "Forbidden")
  })

  it("403 with provided_scopes: Forbidden, naming the token's scopes", () => {
    assert.deepStrictEqual(
      classify(403, { code: "FORBIDDEN", detail: "Insufficient scope", provided_scopes: ["openid", "email"] }),
      { tag: "Forbidden", message: "Insufficient scope (the token's scopes: openid, email)", code: "FORBIDDEN" }
    )
    assert.deepStrictEqual(classify(403, { code: "FORBIDDEN", detail: "no", provided_scopes: null }), {
      tag: "Forbidden",
      message: "no",
      code: "FORBIDDEN"
    })
  })

  it("400 with ambiguous_identities: InvalidRequest naming them", () => {
    assert.deepStrictEqual(
      classify(400, {
        code: "AMBIGUOUS_IDENTITIES",
        detail: "Identities may appear only once per request",
        ambiguous_identities: ["a", "b"]
      }),
      {
        tag: "InvalidRequest",
        message: "Identities may appear only once per request (ambiguous identities: a, b)",
        code: "AMBIGUOUS_IDENTITIES"
      }
    )
  })

  it("FastAPI 422: InvalidRequest with each complaint readable", () => {
    const verdict = classify(422, {
      detail: [
        { loc: ["body", "add", 0, "identity_id"], msg: "Input should be a valid UUID", type: "uuid_parsing" },
        { loc: ["query", "include"], msg: "Input should be 'memberships' or 'policies'", type: "enum" },
        { loc: [], msg: "Field required", type: "missing" }
      ]
    })
    assert.deepStrictEqual(verdict, {
      tag: "InvalidRequest",
      message:
        "body.add.0.identity_id: Input should be a valid UUID; query.include: Input should be 'memberships' or 'policies'; Field required"
    })
  })

  it("JSON:API errors documents: their messages, and their code when they agree", () => {
    assert.deepStrictEqual(
      classify(409, {
        errors: [
          { status: "409", code: "LOCKED", title: "Locked", detail: "the group is being changed" },
          { status: "409", code: "LOCKED", title: "Locked" }
        ]
      }),
      { tag: "Conflict", message: "the group is being changed; Locked", code: "LOCKED" }
    )
    assert.deepStrictEqual(
      classify(400, { errors: [{ code: "A", detail: "one" }, { code: "B", detail: "two" }] }),
      { tag: "InvalidRequest", message: "one; two" }
    )
    // The top-level code and detail come first.
    assert.deepStrictEqual(classify(404, { code: "NOT_FOUND", detail: "no group", errors: [{ code: "X" }] }), {
      tag: "NotFound",
      message: "no group",
      code: "NOT_FOUND"
    })
  })

  it("leaves bodies that are not Globus errors to the status rules", () => {
    assert.isUndefined(classify(502, undefined, "<html><title>502 Bad Gateway</title></html>"))
    assert.isUndefined(classify(404, [1, 2, 3]))
    assert.isUndefined(classify(500, { unrelated: true }))
    assert.isUndefined(classify(500, "a string"))
    assert.isUndefined(classify(500, null))
  })

  it("a code without a message still says something", () => {
    assert.deepStrictEqual(classify(409, { code: "ALREADY_EXISTS" }), {
      tag: "Conflict",
      message: "ALREADY_EXISTS (status 409)",
      code: "ALREADY_EXISTS"
    })
  })

  it("is bounded: huge and deeply nested bodies cost little and give short messages", () => {
    let nested: unknown = "deep"
    for (let i = 0; i < 100_000; i++) nested = { detail: nested, errors: [nested] }
    const deep = classify(400, { code: "X", detail: nested, errors: [nested], authorization_parameters: nested })
    assert.strictEqual(deep?.tag, "InvalidRequest")

    const many = Array.from({ length: 100_000 }, (_, i) => ({ loc: ["body", i], msg: "m".repeat(10_000), type: "t" }))
    const verdict = classify(422, { detail: many, code: "c".repeat(100_000) })
    assert.isBelow(verdict!.message.length, 5_000)
    assert.include(verdict!.message, "and 99990 more")
    assert.isBelow(verdict!.code!.length, 300)

    const scopes = Array.from({ length: 100_000 }, (_, i) => `scope-${i}`)
    const authorization = classify(401, {
      detail: "x".repeat(1_000_000),
      authorization_parameters: { required_scopes: scopes, session_message: "m".repeat(1_000_000) }
    })?.authorization
    assert.strictEqual(authorization?.requiredScopes?.length, 100)
    assert.isBelow(authorization!.sessionMessage!.length, 2_100)
    // A list with one absurd item is not trusted at all.
    const absurd = classify(401, { detail: "d", authorization_parameters: { required_scopes: ["x".repeat(100_000)] } })
    assert.deepStrictEqual(absurd?.authorization, {})
  })
})

describe("AuthorizationParameters", () => {
  it("serialises through its schema, so that it can travel inside an error", () => {
    const value: AuthorizationParameters.AuthorizationParameters = {
      sessionMessage: "m",
      requiredIdentities: ["i"],
      requiredPolicies: ["p"],
      requiredSingleDomain: ["d"],
      requiredMfa: false,
      requiredScopes: ["s"],
      prompt: "login"
    }
    const encoded = Schema.encodeSync(AuthorizationParameters.AuthorizationParameters)(value)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(encoded)), value)
  })

  it("toAuthorizeQuery: the Globus Auth parameters that satisfy the requirements", () => {
    assert.deepStrictEqual(
      AuthorizationParameters.toAuthorizeQuery({
        sessionMessage: "m",
        requiredIdentities: ["i1", "i2"],
        requiredPolicies: ["p"],
        requiredSingleDomain: ["a.edu", "b.edu"],
        requiredMfa: false,
        requiredScopes: ["s1", "s2"],
        prompt: "login"
      }),
      {
        session_message: "m",
        session_required_identities: "i1,i2",
        session_required_policies: "p",
        session_required_single_domain: "a.edu,b.edu",
        session_required_mfa: "false",
        prompt: "login",
        scope: "s1 s2"
      }
    )
    assert.deepStrictEqual(AuthorizationParameters.toAuthorizeQuery({}), {})
  })
})
