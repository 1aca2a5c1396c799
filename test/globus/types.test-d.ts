import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import type { Classifier } from "../../src/core/Classify.js"
import type * as Endpoint from "../../src/core/Endpoint.js"
import type { Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../../src/core/Errors.js"
import type { ActionSuccess } from "../../src/globus/BatchOutcome.js"
import type {
  BatchRequest,
  Group,
  GroupCreateInput,
  GroupInclude,
  GroupPolicies,
  GroupPoliciesInput,
  GroupsManagerService,
  GroupsService,
  Membership,
  MembershipActionFailed,
  Status
} from "../../src/globus/index.js"
import { BatchActions, BatchOutcome, GlobusErrors, GroupsEndpoints } from "../../src/globus/index.js"

type E = typeof GroupsEndpoints

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

  it("derived inputs: path parameters required, comma lists typed by their literals, bodies by their schemas", () => {
    expectTypeOf<Endpoint.Input<E["getMyGroups"]>>().toEqualTypeOf<{ readonly statuses?: ReadonlyArray<Status> }>()
    expectTypeOf<Endpoint.Input<E["getGroup"]>>().toEqualTypeOf<
      { readonly groupId: string; readonly include?: ReadonlyArray<GroupInclude> }
    >()
    expectTypeOf<Endpoint.Input<E["createGroup"]>>().toEqualTypeOf<{ readonly body: GroupCreateInput }>()
    expectTypeOf<Endpoint.Input<E["setGroupPolicies"]>>().toEqualTypeOf<
      { readonly groupId: string; readonly body: GroupPoliciesInput }
    >()
    expectTypeOf<Endpoint.Input<E["deleteGroup"]>>().toEqualTypeOf<{ readonly groupId: string }>()
    expectTypeOf<Endpoint.Input<E["getStatusCounts"]>>().toEqualTypeOf<{}>()
    expectTypeOf<Endpoint.Success<E["deleteGroup"]>>().toEqualTypeOf<Group>()
  })

  it("error unions: exactly the tags each call can produce", () => {
    type OnGroup = Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    expectTypeOf<Endpoint.Error<E["getGroup"]>>().toEqualTypeOf<OnGroup>()
    expectTypeOf<Endpoint.Error<E["batchMembershipAction"]>>().toEqualTypeOf<OnGroup>()
    // No input: InvalidRequest cannot happen.
    expectTypeOf<Endpoint.Error<E["getStatusCounts"]>>().toEqualTypeOf<Unauthorized | Forbidden | InfraError>()
    expectTypeOf<Endpoint.Error<E["getIdentityPreferences"]>>().toEqualTypeOf<Unauthorized | Forbidden | InfraError>()
    expectTypeOf<Endpoint.Error<E["getMyGroups"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | InvalidRequest | InfraError
    >()
  })

  it("the service and the manager: batch answers an outcome; helpers a membership or MembershipActionFailed", () => {
    expectTypeOf<ReturnType<GroupsService["batch"]>>().toEqualTypeOf<
      Effect.Effect<BatchOutcome.BatchOutcome, Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError>
    >()
    expectTypeOf<ReturnType<GroupsManagerService["leave"]>>().toEqualTypeOf<
      Effect.Effect<
        Membership,
        Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError | MembershipActionFailed
      >
    >()
    expectTypeOf<ReturnType<GroupsManagerService["setGroupPolicies"]>>().toEqualTypeOf<
      Effect.Effect<GroupPolicies, Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError>
    >()
  })
})
