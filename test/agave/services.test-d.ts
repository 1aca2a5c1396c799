/**
 * The error unions of the Agave services, pinned: derived from the records once, and what the
 * hand-written methods add.
 */
import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { AgaveFiles } from "../../src/agave/Files.js"
import type { AgaveJobs } from "../../src/agave/Jobs.js"
import type { JobFailed, JobStillActive } from "../../src/agave/JobWaiting.js"
import type { AgaveProfiles } from "../../src/agave/Profiles.js"
import type { FileImport, JobStatusResult, JobSummary, Profile, RemoteFile } from "../../src/agave/schemas/index.js"
import type { AgaveSystems } from "../../src/agave/Systems.js"
import type { Conflict, Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../../src/core/Errors.js"

type Jobs = AgaveJobs["Type"]
type Files = AgaveFiles["Type"]
type ErrorOf<T> = T extends (...args: any) => Effect.Effect<any, infer E, any> | Stream.Stream<any, infer E, any> ? E
  : never

describe("Agave service error unions", () => {
  it("calls: the record's tags, InvalidRequest when they take input, and the infrastructure errors", () => {
    expectTypeOf<ErrorOf<Jobs["get"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    >()
    expectTypeOf<ErrorOf<AgaveProfiles["Type"]["get"]>>().toEqualTypeOf<Unauthorized | InfraError>()
    expectTypeOf<ErrorOf<AgaveSystems["Type"]["manage"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError
    >()
    expectTypeOf<ReturnType<AgaveProfiles["Type"]["create"]>>().toEqualTypeOf<
      Effect.Effect<Profile, Unauthorized | Forbidden | Conflict | InvalidRequest | InfraError>
    >()
    expectTypeOf<ReturnType<Files["importData"]>>().toEqualTypeOf<
      Effect.Effect<FileImport, Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError>
    >()
  })

  it("listings are streams of items with the same errors; …Page is one page", () => {
    expectTypeOf<ReturnType<Jobs["list"]>>().toEqualTypeOf<
      Stream.Stream<JobSummary, Unauthorized | Forbidden | InvalidRequest | InfraError>
    >()
    expectTypeOf<ReturnType<Jobs["listPage"]>>().toEqualTypeOf<
      Effect.Effect<ReadonlyArray<JobSummary>, Unauthorized | Forbidden | InvalidRequest | InfraError>
    >()
    expectTypeOf<ReturnType<Files["list"]>>().toEqualTypeOf<
      Stream.Stream<RemoteFile, Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError>
    >()
    expectTypeOf<ReturnType<Files["download"]>>().toEqualTypeOf<
      Stream.Stream<Uint8Array, Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError>
    >()
  })

  it("waiting adds JobStillActive, and JobFailed for awaitSuccess", () => {
    type Get = Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    expectTypeOf<ReturnType<Jobs["await"]>>().toEqualTypeOf<Effect.Effect<JobStatusResult, Get | JobStillActive>>()
    expectTypeOf<ReturnType<Jobs["awaitSuccess"]>>().toEqualTypeOf<
      Effect.Effect<JobStatusResult, Get | JobStillActive | JobFailed>
    >()
    expectTypeOf<ReturnType<Jobs["watch"]>>().toEqualTypeOf<Stream.Stream<JobStatusResult, Get>>()
  })
})
