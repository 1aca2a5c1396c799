import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import {
  BatchActions,
  BatchOutcome,
  BatchRequest,
  BatchResponse,
  MembershipActionFailed
} from "../../src/globus/index.js"

const A = "ae332d86-d274-11e5-b885-b31714a110e9"
const B = "c699d42e-d274-11e5-bf75-1fc5bf53bb24"
const C = "a7f8a7c4-d274-11e5-ba50-6b6bb4b8c2c6"
const D = "d0000000-0000-4000-8000-000000000004"
const G = "d3974728-6458-11e4-b72d-123139141556"

const request = (batch: BatchActions) => Either.getOrThrow(batch.toRequest())
const refusal = (batch: BatchActions) => {
  const result = batch.toRequest()
  if (Either.isRight(result)) return assert.fail("expected a refusal")
  assert.strictEqual(result.left._tag, "InvalidRequest")
  assert.strictEqual(result.left.origin, "client")
  return result.left.message
}

describe("BatchActions", () => {
  it("builds every action, for one id or many, in the service's wire format", () => {
    const batch = BatchActions.empty
      .accept(A)
      .add([B, C], { role: "manager" })
      .approve(["e0000000-0000-4000-8000-000000000001"], { reason: "welcome" })
      .changeRole("admin", "e0000000-0000-4000-8000-000000000002")
      .decline("e0000000-0000-4000-8000-000000000003")
      .invite("e0000000-0000-4000-8000-000000000004", { role: "member", email: "ada@example.org" })
      .invite(new Set(["e0000000-0000-4000-8000-000000000005"]))
      .join("e0000000-0000-4000-8000-000000000006")
      .leave("e0000000-0000-4000-8000-000000000007")
      .reject("e0000000-0000-4000-8000-000000000008", { reason: "no" })
      .remove("e0000000-0000-4000-8000-000000000009")
      .requestJoin("e0000000-0000-4000-8000-00000000000a")
    assert.strictEqual(batch.size, 13)
    assert.deepStrictEqual(request(batch), {
      accept: [{ identity_id: A }],
      add: [{ identity_id: B, role: "manager" }, { identity_id: C, role: "manager" }],
      approve: [{ identity_id: "e0000000-0000-4000-8000-000000000001", status_reason: "welcome" }],
      change_role: [{ identity_id: "e0000000-0000-4000-8000-000000000002", role: "admin" }],
      decline: [{ identity_id: "e0000000-0000-4000-8000-000000000003" }],
      invite: [
        {
          identity_id: "e0000000-0000-4000-8000-000000000004",
          role: "member",
          invite_email_address: "ada@example.org"
        },
        { identity_id: "e0000000-0000-4000-8000-000000000005" }
      ],
      join: [{ identity_id: "e0000000-0000-4000-8000-000000000006" }],
      leave: [{ identity_id: "e0000000-0000-4000-8000-000000000007" }],
      reject: [{ identity_id: "e0000000-0000-4000-8000-000000000008", status_reason: "no" }],
      remove: [{ identity_id: "e0000000-0000-4000-8000-000000000009" }],
      request_join: [{ identity_id: "e0000000-0000-4000-8000-00000000000a" }]
    })
  })

  it("the body it builds is a valid BatchRequest, and survives encoding unchanged", () => {
    const body = request(BatchActions.empty.add(A, { role: "admin" }).changeRole("member", [B, C]).join(D))
    const encoded = Schema.encodeSync(BatchRequest)(Schema.decodeUnknownSync(BatchRequest)(body))
    assert.deepStrictEqual(encoded, body)
  })

  it("is immutable: each call returns a new builder and leaves the old one as it was", () => {
    const base = BatchActions.empty.add(A)
    const one = base.remove(B)
    const two = base.invite(C)
    assert.strictEqual(BatchActions.empty.size, 0)
    assert.isTrue(BatchActions.empty.isEmpty)
    assert.strictEqual(base.size, 1)
    assert.deepStrictEqual(request(one), { add: [{ identity_id: A }], remove: [{ identity_id: B }] })
    assert.deepStrictEqual(request(two), { add: [{ identity_id: A }], invite: [{ identity_id: C }] })
    assert.throws(() => (base.entries as Array<unknown>).push({}))
  })

  it("an empty batch is an empty request", () => {
    assert.deepStrictEqual(request(BatchActions.empty), {})
    assert.deepStrictEqual(request(BatchActions.empty.add([])), {})
  })

  it("refuses an identity that appears twice across actions, naming it and both actions", () => {
    const message = refusal(BatchActions.empty.add(A).invite(B).remove(A))
    assert.include(message, A)
    assert.include(message, "in add and in remove")
  })

  it("refuses an identity twice in one action", () => {
    assert.include(refusal(BatchActions.empty.add([A, B, A])), `identity ${A} appears twice in add`)
  })

  it("compares ids as the service does: UUIDs in any spelling are one identity", () => {
    for (const spelling of [A.toUpperCase(), A.replaceAll("-", ""), `{${A}}`, `urn:uuid:${A}`]) {
      assert.include(refusal(BatchActions.empty.add(A).leave(spelling)), spelling)
    }
    // Ids that are not UUIDs are compared as they are (the service refuses them with a 422).
    assert.isTrue(Either.isRight(BatchActions.empty.add("alice").add("Alice").toRequest()))
  })

  it("refuses empty ids, unknown roles and empty e-mail addresses before sending", () => {
    assert.include(refusal(BatchActions.empty.add("")), "non-empty")
    assert.include(refusal(BatchActions.empty.join("  ")), "non-empty")
    assert.include(refusal(BatchActions.empty.add([A, 7 as unknown as string])), "got 7")
    assert.include(refusal(BatchActions.empty.add(A, { role: "owner" as "admin" })), "member, manager, admin")
    assert.include(refusal(BatchActions.empty.changeRole(undefined as unknown as "admin", A)), "a role is required")
    assert.include(refusal(BatchActions.empty.invite(A, { email: "" })), "e-mail")
  })
})

const membership = (identity_id: string, status: "active" | "left" = "active") => ({
  group_id: G,
  identity_id,
  username: `${identity_id.slice(0, 4)}@example.org`,
  role: "member" as const,
  status
})

describe("BatchOutcome", () => {
  const sent = BatchActions.empty.add([A, B]).leave(C).remove(D)
  const response: BatchResponse = Schema.decodeUnknownSync(BatchResponse)({
    add: [membership(A)],
    leave: [membership(C.toUpperCase(), "left")],
    remove: [],
    errors: {
      add: [{
        identity_id: B,
        code: "ALREADY_ACTIVE",
        detail: "The identity is already an active member of the group."
      }]
    }
  })

  it("reads successes and failures by identity and action, and what the answer left out", () => {
    const outcome = BatchOutcome.fromResponse(response, sent)
    assert.deepStrictEqual(outcome.succeeded.map((s) => [s.action, s.identity_id, s.membership.status]), [
      ["add", A, "active"],
      ["leave", C.toUpperCase(), "left"]
    ])
    assert.deepStrictEqual(outcome.failed, [{
      action: "add",
      identity_id: B,
      code: "ALREADY_ACTIVE",
      detail: "The identity is already an active member of the group."
    }])
    assert.deepStrictEqual(outcome.unanswered, [{ action: "remove", identity_id: D }])
    assert.isFalse(BatchOutcome.isComplete(outcome))
    assert.strictEqual(BatchOutcome.forIdentity(outcome, C)?.action, "leave")
    assert.strictEqual((BatchOutcome.forIdentity(outcome, B) as { code: string }).code, "ALREADY_ACTIVE")
    assert.isUndefined(BatchOutcome.forIdentity(outcome, D))
  })

  it("without the request, nothing is known to be left out", () => {
    assert.deepStrictEqual(BatchOutcome.fromResponse(response).unanswered, [])
  })

  it.effect("orFail: all or nothing, with every failure named in a typed error", () =>
    Effect.gen(function*() {
      const outcome = BatchOutcome.fromResponse(response, sent)
      const error = yield* Effect.flip(BatchOutcome.orFail(outcome, G))
      assert.instanceOf(error, MembershipActionFailed)
      assert.strictEqual(error._tag, "MembershipActionFailed")
      assert.strictEqual(error.code, "ALREADY_ACTIVE")
      assert.strictEqual(error.groupId, G)
      assert.strictEqual(error.failures.length, 1)
      assert.deepStrictEqual(error.unanswered, [{ action: "remove", identity_id: D }])
      assert.include(error.message, "2 of 4 membership actions")
      assert.include(error.message, `add ${B}: ALREADY_ACTIVE`)
      assert.include(error.message, `remove ${D}: not in the answer`)

      const complete = BatchOutcome.fromResponse(
        Schema.decodeUnknownSync(BatchResponse)({ add: [membership(A)] }),
        BatchActions.empty.add(A)
      )
      const done = yield* BatchOutcome.orFail(complete)
      assert.strictEqual(done.length, 1)
    }))

  it("the error serialises through its schema", () => {
    const error = Either.getLeft(BatchOutcome.orFail(BatchOutcome.fromResponse(response, sent)))
    if (error._tag === "None") return assert.fail("expected an error")
    const encoded = Schema.encodeSync(MembershipActionFailed)(error.value)
    assert.deepStrictEqual(Schema.decodeSync(MembershipActionFailed)(encoded), error.value)
  })

  it("the message stays short however many identities failed", () => {
    const failures = Array.from({ length: 500 }, (_, i) => ({
      identity_id: `e0000000-0000-4000-8000-${i.toString().padStart(12, "0")}`,
      code: "NO_MEMBERSHIP",
      detail: "x".repeat(10_000)
    }))
    const outcome = BatchOutcome.fromResponse(Schema.decodeUnknownSync(BatchResponse)({ errors: { remove: failures } }))
    const error = Either.getLeft(BatchOutcome.orFail(outcome))
    if (error._tag === "None") return assert.fail("expected an error")
    assert.isBelow(error.value.message.length, 2_000)
    assert.include(error.value.message, "and 495 more")
    assert.strictEqual(error.value.failures.length, 500)
  })

  it("membershipOf: one identity's membership, or its failure as a typed error", () => {
    const outcome = BatchOutcome.fromResponse(response, sent)
    assert.strictEqual(Either.getOrThrow(BatchOutcome.membershipOf(outcome, "add", A.toUpperCase())).status, "active")
    const failed = BatchOutcome.membershipOf(outcome, "add", B)
    assert.isTrue(Either.isLeft(failed) && failed.left.code === "ALREADY_ACTIVE")
    const missing = BatchOutcome.membershipOf(outcome, "remove", D)
    assert.isTrue(Either.isLeft(missing) && missing.left.unanswered.length === 1 && missing.left.code === undefined)
    // The identity succeeded under another action: not an answer to this one.
    assert.isTrue(Either.isLeft(BatchOutcome.membershipOf(outcome, "remove", A)))
  })

  it("untyped ids that cannot even be shown (a BigInt, a cycle) are InvalidRequest, never a throw", () => {
    const cyclic: Record<string, unknown> = {}
    cyclic["self"] = cyclic
    for (const id of [1n, cyclic]) {
      const request = BatchActions.empty.add([id as unknown as string]).toRequest()
      assert.isTrue(Either.isLeft(request))
    }
  })
})
