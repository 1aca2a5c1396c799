import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Filter from "../../src/agave/Filter.js"
import type { Paths } from "../../src/agave/Paths.js"
import type { JobSummary, System } from "../../src/agave/schemas/index.js"
import * as Search from "../../src/agave/Search.js"

describe("Agave search types", () => {
  it("attributes are the model's dotted paths", () => {
    expectTypeOf<"storage.protocol">().toMatchTypeOf<Paths<System>>()
    expectTypeOf<"queues.maxUserJobs">().toMatchTypeOf<Paths<System>>()
    expectTypeOf<"_links.self">().toMatchTypeOf<Paths<JobSummary>>()
    expectTypeOf<"storage.nope">().not.toMatchTypeOf<Paths<System>>()
    expectTypeOf<"nope">().not.toMatchTypeOf<Paths<JobSummary>>()
    Search.make<System>().eq("storage.protocol", "S3")
    // @ts-expect-error not an attribute of a system
    Search.make<System>().eq("storage.nope", "S3")
    // @ts-expect-error in takes a list
    Search.make<JobSummary>().in("status", "RUNNING")
  })

  it("a filtered answer is the model, deeply partial", () => {
    expectTypeOf<Filter.DeepPartial<System>["storage"]>().toEqualTypeOf<
      Filter.DeepPartial<NonNullable<System["storage"]>> | null | undefined
    >()
    expectTypeOf<Filter.DeepPartial<{ readonly id: string }>>().toEqualTypeOf<{ readonly id?: string }>()
  })
})
