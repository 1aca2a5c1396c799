import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Either from "effect/Either"
import type { Classifier } from "../../src/core/Classify.js"
import type { InvalidRequest } from "../../src/core/Errors.js"
import type { ActionSuccess } from "../../src/globus/BatchOutcome.js"
import type { BatchRequest, Membership, MembershipActionFailed } from "../../src/globus/index.js"
import { BatchActions, BatchOutcome, GlobusErrors } from "../../src/globus/index.js"

describe("Globus types", () => {
  it("the builder's request is the body or InvalidRequest, nothing else", () => {
    expectTypeOf(BatchActions.empty.add("a").toRequest()).toEqualTypeOf<Either.Either<BatchRequest, InvalidRequest>>()
  })

  it("all-or-nothing answers fail with MembershipActionFailed only", () => {
    expectTypeOf(BatchOutcome.orFail).returns.toEqualTypeOf<
      Either.Either<ReadonlyArray<ActionSuccess>, MembershipActionFailed>
    >()
    expectTypeOf(BatchOutcome.membershipOf).returns.toEqualTypeOf<Either.Either<Membership, MembershipActionFailed>>()
  })

  it("changeRole needs a role; invite's e-mail is for one identity only", () => {
    // @ts-expect-error a role is required
    BatchActions.empty.changeRole("a")
    // @ts-expect-error not a role
    BatchActions.empty.add("a", { role: "owner" })
    // @ts-expect-error one e-mail address cannot be sent to many identities
    BatchActions.empty.invite(["a", "b"], { email: "x@example.org" })
    BatchActions.empty.invite("a", { email: "x@example.org" })
  })

  it("the classifier fits the core's pipeline", () => {
    expectTypeOf(GlobusErrors.classifier).toEqualTypeOf<Classifier>()
  })
})
