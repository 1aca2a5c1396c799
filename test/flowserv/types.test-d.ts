import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"
import type { Conflict, Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../../src/core/Errors.js"
import type {
  FlowservClient,
  GroupDescriptor,
  GroupHandle,
  GroupsService,
  LoggedInUser,
  User,
  UsersService
} from "../../src/flowserv/index.js"
import type { layerLogin } from "../../src/flowserv/index.js"

type ErrorOf<F extends (...args: any) => any> = ReturnType<F> extends Effect.Effect<any, infer E, any> ? E : never
type SuccessOf<F extends (...args: any) => any> = ReturnType<F> extends Effect.Effect<infer A, any, any> ? A : never

describe("error channels are exact", () => {
  it("Users", () => {
    expectTypeOf<ErrorOf<UsersService["register"]>>().toEqualTypeOf<Conflict | InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["activate"]>>().toEqualTypeOf<NotFound | InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["login"]>>().toEqualTypeOf<Unauthorized | InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["logout"]>>().toEqualTypeOf<Unauthorized | InfraError>()
    expectTypeOf<ErrorOf<UsersService["whoami"]>>().toEqualTypeOf<Unauthorized | InfraError>()
    expectTypeOf<ErrorOf<UsersService["list"]>>().toEqualTypeOf<Unauthorized | InfraError>()
    expectTypeOf<ErrorOf<UsersService["requestPasswordReset"]>>().toEqualTypeOf<InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["resetPassword"]>>().toEqualTypeOf<NotFound | InvalidRequest | InfraError>()
    expectTypeOf<SuccessOf<UsersService["login"]>>().toEqualTypeOf<LoggedInUser>()
    expectTypeOf<SuccessOf<UsersService["list"]>>().toEqualTypeOf<ReadonlyArray<User>>()
    expectTypeOf<SuccessOf<UsersService["requestPasswordReset"]>>().toEqualTypeOf<string>()
  })

  it("Groups", () => {
    expectTypeOf<ErrorOf<GroupsService["create"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<GroupsService["get"]>>().toEqualTypeOf<Unauthorized | NotFound | InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<GroupsService["list"]>>().toEqualTypeOf<
      Unauthorized | NotFound | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<GroupsService["update"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<GroupsService["delete"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    >()
    expectTypeOf<ReturnType<GroupsService["stream"]>>().toEqualTypeOf<
      Stream.Stream<GroupDescriptor, Unauthorized | NotFound | InvalidRequest | InfraError>
    >()
    expectTypeOf<SuccessOf<GroupsService["get"]>>().toEqualTypeOf<GroupHandle>()
    expectTypeOf<SuccessOf<GroupsService["delete"]>>().toEqualTypeOf<void>()
  })

  it("layerLogin", () => {
    expectTypeOf<ReturnType<typeof layerLogin>>().toEqualTypeOf<
      Layer.Layer<FlowservClient, Unauthorized | InvalidRequest | InfraError, FlowservClient>
    >()
  })

  it("the services need nothing from the environment per call", () => {
    type RequirementsOf<F extends (...args: any) => any> = ReturnType<F> extends Effect.Effect<any, any, infer R> ? R
      : never
    expectTypeOf<RequirementsOf<UsersService["whoami"]>>().toEqualTypeOf<never>()
    expectTypeOf<RequirementsOf<GroupsService["create"]>>().toEqualTypeOf<never>()
  })
})
