import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import type * as Option from "effect/Option"
import type * as Stream from "effect/Stream"
import type { Conflict, Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../../src/core/Errors.js"
import type { FileError } from "../../src/core/FileError.js"
import type {
  FlowservClient,
  GroupDescriptor,
  GroupHandle,
  GroupsService,
  Leaderboard,
  LoggedInUser,
  RunDescriptor,
  RunFailed,
  RunHandle,
  RunsService,
  RunStillActive,
  ServiceApi,
  ServiceDescriptor,
  UploadedFile,
  UploadFile,
  UploadsService,
  User,
  UsersService,
  WorkflowDescriptor,
  WorkflowHandle,
  WorkflowsService
} from "../../src/flowserv/index.js"
import type { layerLogin } from "../../src/flowserv/index.js"
import type * as NodeFiles from "../../src/node/NodeFiles.js"
import type * as NodeUploadFile from "../../src/node/NodeUploadFile.js"

type ErrorOf<F extends (...args: any) => any> = ReturnType<F> extends Effect.Effect<any, infer E, any> ? E : never
type SuccessOf<F extends (...args: any) => any> = ReturnType<F> extends Effect.Effect<infer A, any, any> ? A : never

describe("error channels are exact", () => {
  it("Users", () => {
    expectTypeOf<ErrorOf<UsersService["register"]>>().toEqualTypeOf<Conflict | InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["activate"]>>().toEqualTypeOf<NotFound | InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["login"]>>().toEqualTypeOf<Unauthorized | InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["logout"]>>().toEqualTypeOf<Unauthorized | InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["whoami"]>>().toEqualTypeOf<Unauthorized | InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["list"]>>().toEqualTypeOf<Unauthorized | InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["requestPasswordReset"]>>().toEqualTypeOf<InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<UsersService["resetPassword"]>>().toEqualTypeOf<NotFound | InvalidRequest | InfraError>()
    expectTypeOf<SuccessOf<UsersService["login"]>>().toEqualTypeOf<LoggedInUser>()
    expectTypeOf<SuccessOf<UsersService["list"]>>().toEqualTypeOf<ReadonlyArray<User>>()
    expectTypeOf<SuccessOf<UsersService["requestPasswordReset"]>>().toEqualTypeOf<string>()
  })

  it("Groups", () => {
    // Any logged-in user may create a group: the server's 403 "not authorized" there can only mean a bad
    // token, so create has no Forbidden (issue 10).
    expectTypeOf<ErrorOf<GroupsService["create"]>>().toEqualTypeOf<
      Unauthorized | NotFound | Conflict | InvalidRequest | InfraError
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

  it("Workflows", () => {
    type E = NotFound | InvalidRequest | InfraError
    expectTypeOf<ErrorOf<WorkflowsService["list"]>>().toEqualTypeOf<InvalidRequest | InfraError>()
    expectTypeOf<ErrorOf<WorkflowsService["get"]>>().toEqualTypeOf<E>()
    expectTypeOf<ErrorOf<WorkflowsService["leaderboard"]>>().toEqualTypeOf<E>()
    expectTypeOf<SuccessOf<WorkflowsService["list"]>>().toEqualTypeOf<ReadonlyArray<WorkflowDescriptor>>()
    expectTypeOf<SuccessOf<WorkflowsService["get"]>>().toEqualTypeOf<WorkflowHandle>()
    expectTypeOf<SuccessOf<WorkflowsService["leaderboard"]>>().toEqualTypeOf<Option.Option<Leaderboard>>()
    expectTypeOf<ReturnType<WorkflowsService["downloadArchive"]>>().toEqualTypeOf<Stream.Stream<Uint8Array, E>>()
    expectTypeOf<ReturnType<WorkflowsService["downloadFile"]>>().toEqualTypeOf<Stream.Stream<Uint8Array, E>>()
  })

  it("Runs", () => {
    type E = Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    type Download = NotFound | InvalidRequest | InfraError
    expectTypeOf<ErrorOf<RunsService["start"]>>().toEqualTypeOf<E>()
    expectTypeOf<ErrorOf<RunsService["get"]>>().toEqualTypeOf<E>()
    expectTypeOf<ErrorOf<RunsService["list"]>>().toEqualTypeOf<E>()
    expectTypeOf<ErrorOf<RunsService["cancel"]>>().toEqualTypeOf<E>()
    expectTypeOf<ErrorOf<RunsService["delete"]>>().toEqualTypeOf<E>()
    expectTypeOf<ErrorOf<RunsService["await"]>>().toEqualTypeOf<E | RunStillActive>()
    expectTypeOf<ErrorOf<RunsService["awaitSuccess"]>>().toEqualTypeOf<E | RunStillActive | RunFailed>()
    expectTypeOf<SuccessOf<RunsService["start"]>>().toEqualTypeOf<RunHandle>()
    expectTypeOf<SuccessOf<RunsService["await"]>>().toEqualTypeOf<RunHandle>()
    expectTypeOf<SuccessOf<RunsService["list"]>>().toEqualTypeOf<ReadonlyArray<RunDescriptor>>()
    expectTypeOf<SuccessOf<RunsService["delete"]>>().toEqualTypeOf<void>()
    expectTypeOf<ReturnType<RunsService["watch"]>>().toEqualTypeOf<Stream.Stream<RunHandle, E>>()
    expectTypeOf<ReturnType<RunsService["downloadArchive"]>>().toEqualTypeOf<Stream.Stream<Uint8Array, Download>>()
    expectTypeOf<ReturnType<RunsService["downloadFile"]>>().toEqualTypeOf<Stream.Stream<Uint8Array, Download>>()
  })

  it("Uploads", () => {
    type E = Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    const upload = null as unknown as UploadsService["upload"]
    // The errors of the file's own stream are added, and nothing else.
    const fromBytes = null as unknown as ReturnType<typeof UploadFile.fromBytes>
    expectTypeOf(upload("g", fromBytes)).toEqualTypeOf<Effect.Effect<UploadedFile, E>>()
    const fromDisk = null as unknown as UploadFile.UploadFile<FileError>
    expectTypeOf(upload("g", fromDisk)).toEqualTypeOf<Effect.Effect<UploadedFile, E | FileError>>()
    const fromStream = null as unknown as typeof UploadFile.fromStream
    const streamed = fromStream("a.bin", null as unknown as Stream.Stream<Uint8Array, "gone">)
    expectTypeOf(streamed).toEqualTypeOf<UploadFile.UploadFile<"gone">>()
    expectTypeOf(upload("g", streamed)).toEqualTypeOf<Effect.Effect<UploadedFile, E | "gone">>()
    expectTypeOf<ErrorOf<UploadsService["list"]>>().toEqualTypeOf<E>()
    expectTypeOf<ErrorOf<UploadsService["delete"]>>().toEqualTypeOf<E>()
    expectTypeOf<SuccessOf<UploadsService["upload"]>>().toEqualTypeOf<UploadedFile>()
    expectTypeOf<ReturnType<UploadsService["download"]>>().toEqualTypeOf<
      Stream.Stream<Uint8Array, NotFound | InvalidRequest | InfraError>
    >()
    expectTypeOf<ReturnType<typeof NodeUploadFile.fromPath>>().toEqualTypeOf<
      Effect.Effect<UploadFile.UploadFile<FileError>, FileError>
    >()
  })

  it("Service", () => {
    expectTypeOf<ErrorOf<ServiceApi["describe"]>>().toEqualTypeOf<InvalidRequest | InfraError>()
    expectTypeOf<SuccessOf<ServiceApi["describe"]>>().toEqualTypeOf<ServiceDescriptor>()
  })

  it("writing a download to a file keeps its errors and adds FileError", () => {
    const download = null as unknown as Stream.Stream<Uint8Array, NotFound | InfraError>
    const writeStream = null as unknown as typeof NodeFiles.writeStream
    expectTypeOf(writeStream("out.bin")(download)).toEqualTypeOf<
      Effect.Effect<number, NotFound | InfraError | FileError>
    >()
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
    expectTypeOf<RequirementsOf<RunsService["await"]>>().toEqualTypeOf<never>()
    expectTypeOf<RequirementsOf<UploadsService["list"]>>().toEqualTypeOf<never>()
  })
})
