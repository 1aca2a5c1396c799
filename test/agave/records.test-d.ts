/**
 * What the Agave records derive: inputs (a missing path parameter does not compile), error channels
 * and successes of a sample of them.
 */
import { describe, expectTypeOf, it } from "@effect/vitest"
import type { UploadBody } from "../../src/agave/records/Bodies.js"
import { AppRecords, FileRecords, JobRecords, ProfileRecords, SystemRecords } from "../../src/agave/records/index.js"
import type {
  FileImport,
  Job,
  JobStatusResult,
  Profile,
  StoredCredential,
  System
} from "../../src/agave/schemas/index.js"
import type * as Search from "../../src/agave/Search.js"
import type * as Endpoint from "../../src/core/Endpoint.js"
import type { Conflict, Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../../src/core/Errors.js"

describe("Agave records", () => {
  it("derive inputs from their paths, queries and bodies", () => {
    expectTypeOf<Endpoint.Input<typeof FileRecords.download>>().toEqualTypeOf<
      { readonly systemId: string; readonly filePath: string }
    >()
    // Left out, the file path of an upload, a listing, … is the caller's home directory.
    expectTypeOf<Endpoint.Input<typeof FileRecords.importData>>().toEqualTypeOf<
      { readonly systemId: string; readonly filePath?: string | undefined; readonly body: UploadBody }
    >()
    expectTypeOf<{}>().toMatchTypeOf<Endpoint.ListInput<typeof FileRecords.listOnDefaultSystem>>()
    expectTypeOf<Endpoint.ListInput<typeof FileRecords.list>["filePath"]>().toEqualTypeOf<string | undefined>()
    expectTypeOf<Endpoint.Input<typeof SystemRecords.list>>().toEqualTypeOf<{
      readonly limit?: number | undefined
      readonly offset?: number | undefined
      readonly type?: "STORAGE" | "EXECUTION" | undefined
      readonly default?: boolean | undefined
      readonly public?: boolean | undefined
      readonly search?: Search.Search<System> | undefined
    }>()
    expectTypeOf<Endpoint.Input<typeof ProfileRecords.get>>().toEqualTypeOf<{}>()
  })

  it("a missing path parameter does not compile", () => {
    const call = (_: Endpoint.Input<typeof JobRecords.downloadOutput>) => undefined
    // @ts-expect-error filePath is missing
    call({ jobId: "j-1" })
    call({ jobId: "j-1", filePath: "out/result.txt" })
    // Nor does a delete or a download without a path: left out, it would name the home directory.
    const remove = (_: Endpoint.Input<typeof FileRecords.delete>) => undefined
    // @ts-expect-error filePath is missing
    remove({ systemId: "s" })
    const download = (_: Endpoint.Input<typeof FileRecords.downloadFromDefaultSystem>) => undefined
    // @ts-expect-error sourcefilePath is missing
    download({})
  })

  it("derive error channels from their tags, InvalidRequest when they take input", () => {
    expectTypeOf<Endpoint.Error<typeof JobRecords.getStatus>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
    >()
    expectTypeOf<Endpoint.Error<typeof ProfileRecords.get>>().toEqualTypeOf<Unauthorized | InfraError>()
    expectTypeOf<Endpoint.Error<typeof AppRecords.manage>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError
    >()
    expectTypeOf<Endpoint.Error<typeof AppRecords.list>>().toEqualTypeOf<
      Unauthorized | Forbidden | InvalidRequest | InfraError
    >()
  })

  it("derive successes", () => {
    expectTypeOf<Endpoint.Success<typeof JobRecords.getStatus>>().toEqualTypeOf<JobStatusResult>()
    expectTypeOf<Endpoint.Success<typeof JobRecords.submit>>().toEqualTypeOf<Job>()
    expectTypeOf<Endpoint.Success<typeof FileRecords.importToDefaultSystem>>().toEqualTypeOf<FileImport>()
    expectTypeOf<Endpoint.Success<typeof ProfileRecords.listByUsername>>().toEqualTypeOf<Profile>()
    expectTypeOf<Endpoint.Success<typeof SystemRecords.listCredentials>>().toEqualTypeOf<
      ReadonlyArray<StoredCredential>
    >()
    expectTypeOf<Endpoint.Success<typeof FileRecords.download>>().toEqualTypeOf<Uint8Array>()
    expectTypeOf<Endpoint.Success<typeof JobRecords.delete>>().toEqualTypeOf<void>()
  })
})
