import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Stream from "effect/Stream"
import type * as Endpoint from "../../src/core/Endpoint.js"
import type { Conflict, Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../../src/core/Errors.js"
import { Filter, Odm, Patch } from "../../src/scim/index.js"
import type { Resources } from "../../src/scim/index.js"
import type {
  CreateError,
  DeleteError,
  GetError,
  Group,
  ListError,
  ListResponse,
  ScimGroupsService,
  ScimUsersService,
  UpdateError,
  User
} from "../../src/scim/index.js"

type ErrorOf<F extends (...args: any) => any> = ReturnType<F> extends Effect.Effect<any, infer E, any> ? E : never
type SuccessOf<F extends (...args: any) => any> = ReturnType<F> extends Effect.Effect<infer A, any, any> ? A : never

describe("SCIM error channels are exact", () => {
  it("the named unions", () => {
    expectTypeOf<CreateError>().toEqualTypeOf<Unauthorized | Forbidden | Conflict | InvalidRequest | InfraError>()
    expectTypeOf<GetError>().toEqualTypeOf<Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError>()
    expectTypeOf<ListError>().toEqualTypeOf<Unauthorized | Forbidden | InvalidRequest | InfraError>()
    expectTypeOf<UpdateError>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError
    >()
    expectTypeOf<DeleteError>().toEqualTypeOf<Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError>()
  })

  it("ScimGroups", () => {
    expectTypeOf<ErrorOf<ScimGroupsService["create"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | Conflict | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<ScimGroupsService["get"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<ScimGroupsService["listPage"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | InvalidRequest | InfraError
    >()
    expectTypeOf<ReturnType<ScimGroupsService["list"]>>().toEqualTypeOf<
      Stream.Stream<Group, Unauthorized | Forbidden | InvalidRequest | InfraError>
    >()
    expectTypeOf<ErrorOf<ScimGroupsService["patch"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<ScimGroupsService["replace"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<ScimGroupsService["delete"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    >()
    expectTypeOf<SuccessOf<ScimGroupsService["create"]>>().toEqualTypeOf<Group>()
    expectTypeOf<SuccessOf<ScimGroupsService["listPage"]>>().toEqualTypeOf<ListResponse<Group>>()
    expectTypeOf<SuccessOf<ScimGroupsService["patch"]>>().toEqualTypeOf<Option.Option<Group>>()
    expectTypeOf<SuccessOf<ScimGroupsService["delete"]>>().toEqualTypeOf<void>()
  })

  it("ScimUsers", () => {
    expectTypeOf<ErrorOf<ScimUsersService["create"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | Conflict | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<ScimUsersService["get"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    >()
    expectTypeOf<ReturnType<ScimUsersService["list"]>>().toEqualTypeOf<
      Stream.Stream<User, Unauthorized | Forbidden | InvalidRequest | InfraError>
    >()
    expectTypeOf<ErrorOf<ScimUsersService["patch"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<ScimUsersService["replace"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<ScimUsersService["delete"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    >()
    expectTypeOf<SuccessOf<ScimUsersService["get"]>>().toEqualTypeOf<User>()
  })
})

describe("Patch paths", () => {
  it("take attribute paths and value paths, no other filter", () => {
    expectTypeOf(Patch.remove(Filter.where("members", Filter.eq("value", "u1")))).toEqualTypeOf<Patch.Operation>()
    expectTypeOf(Patch.replace("displayName", "x")).toEqualTypeOf<Patch.Operation>()
    // @ts-expect-error a comparison is not a path
    Patch.remove(Filter.eq("displayName", "x"))
    // @ts-expect-error nor is a combination
    Patch.replace(Filter.or(Filter.pr("a"), Filter.pr("b")), 1)
  })
})

describe("Odm options", () => {
  it("take a token or an access token, not both", () => {
    const secret = Redacted.make("t")
    expectTypeOf(Odm.options({ host: "https://odm", token: secret })).toMatchTypeOf<{ readonly url: string }>()
    Odm.options({ host: "https://odm", accessToken: secret })
    Odm.options({ host: "https://odm" })
    // @ts-expect-error one credential only
    Odm.options({ host: "https://odm", token: secret, accessToken: secret })
  })
})

describe("SCIM records' derived inputs", () => {
  it("an operation on one resource needs its id; a listing's page takes only query parameters", () => {
    type Table = Resources.Records<Group>
    expectTypeOf<Endpoint.Input<Table["get"]>>().toEqualTypeOf<{
      readonly id: string
      readonly attributes?: ReadonlyArray<string> | undefined
      readonly excludedAttributes?: ReadonlyArray<string> | undefined
    }>()
    // @ts-expect-error the id is required
    const input: Endpoint.Input<Table["delete"]> = {}
    expectTypeOf<Endpoint.Input<Table["listPage"]>["sortOrder"]>().toEqualTypeOf<
      "ascending" | "descending" | undefined
    >()
    expectTypeOf<Endpoint.Success<Table["patch"]>>().toEqualTypeOf<Group | undefined>()
    void input
  })
})
