/**
 * flowserv workflows (benchmarks): listing, details, leaderboards and the post-processing results.
 * Workflows are created on the server by its operator; the API only reads them.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Endpoint from "../core/Endpoint.js"
import type { InfraError, InvalidRequest, NotFound } from "../core/Errors.js"
import { invalidInput } from "../core/Errors.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import * as Traced from "../core/Traced.js"
import { FlowservClient } from "./FlowservClient.js"
import type { Leaderboard, WorkflowDescriptor, WorkflowHandle } from "./schemas/Workflow.js"
import * as Schemas from "./schemas/Workflow.js"

/**
 * One sort key of a leaderboard: a result column and its direction (the server's default is
 * descending).
 *
 * @since 0.1.0
 * @category models
 */
export interface SortColumn {
  readonly column: string
  readonly direction?: "asc" | "desc"
}

/**
 * Options of `Workflows.leaderboard`.
 *
 * @since 0.1.0
 * @category models
 */
export interface LeaderboardOptions {
  /** Sort keys, most significant first; the workflow's default order when absent. */
  readonly orderBy?: ReadonlyArray<SortColumn>
  /** Every successful run of every group, not only each group's best. */
  readonly includeAll?: boolean
}

/**
 * The errors of reading one workflow (or its files).
 *
 * @since 0.1.0
 * @category models
 */
export type WorkflowError = NotFound | InvalidRequest | InfraError

const workflowId = { workflowId: "flowserv.workflow.id" } as const
const download = ["NotFound", "InvalidRequest"] as const

/**
 * The workflow operations, as records.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const WorkflowEndpoints = {
  listPage: Endpoint.make({
    name: "flowserv.Workflows.list",
    method: "GET",
    path: "/workflows",
    success: Schemas.WorkflowListing,
    errors: ["InvalidRequest"]
  }),
  get: Endpoint.make({
    name: "flowserv.Workflows.get",
    method: "GET",
    path: "/workflows/{workflowId}",
    spanAttributes: workflowId,
    success: Schemas.WorkflowHandle,
    errors: ["NotFound", "InvalidRequest"]
  }),
  downloadArchive: Endpoint.make({
    name: "flowserv.Workflows.downloadArchive",
    method: "GET",
    path: "/workflows/{workflowId}/downloads/archive",
    spanAttributes: workflowId,
    success: Endpoint.streamed,
    errors: download
  }),
  downloadFile: Endpoint.make({
    name: "flowserv.Workflows.downloadFile",
    method: "GET",
    path: "/workflows/{workflowId}/downloads/files/{fileId}",
    spanAttributes: { ...workflowId, fileId: "flowserv.file.id" },
    success: Endpoint.streamed,
    errors: download
  })
}

/**
 * The errors of every download (a GET that needs no token, streamed).
 *
 * @since 0.1.0
 * @category models
 */
export type DownloadError = Endpoint.Error<typeof WorkflowEndpoints.downloadFile>

/**
 * The workflow operations.
 *
 * @since 0.1.0
 * @category models
 */
export interface WorkflowsService {
  /** Every workflow on the server, as a stream. */
  readonly list: () => Stream.Stream<WorkflowDescriptor, Endpoint.Error<typeof WorkflowEndpoints.listPage>>
  /** Every workflow on the server, in the one answer the server gives. */
  readonly listPage: () => Effect.Effect<
    ReadonlyArray<WorkflowDescriptor>,
    Endpoint.Error<typeof WorkflowEndpoints.listPage>
  >
  /** A workflow with its parameters, parameter groups and post-processing run; with a valid token, also
   *  the caller's groups. */
  readonly get: (workflowId: string) => Effect.Effect<WorkflowHandle, WorkflowError>
  /** The ranking of the workflow's successful runs; `None` for a workflow that declares no results. */
  readonly leaderboard: (
    workflowId: string,
    options?: LeaderboardOptions
  ) => Effect.Effect<Option.Option<Leaderboard>, WorkflowError>
  /** The post-processing results as a `tar.gz` archive. `NotFound` until a post-processing run exists. */
  readonly downloadArchive: (workflowId: string) => Stream.Stream<Uint8Array, WorkflowError>
  /** One file of the post-processing results. */
  readonly downloadFile: (workflowId: string, fileId: string) => Stream.Stream<Uint8Array, WorkflowError>
}

/**
 * Renders sort keys as the server reads them: `col:asc,col2:desc`.
 *
 * @since 0.1.0
 * @category encoding
 */
export const renderOrderBy = (orderBy: ReadonlyArray<SortColumn>): Effect.Effect<string, InvalidRequest> => {
  const keys: Array<string> = []
  for (const key of orderBy) {
    if (typeof key.column !== "string" || key.column.length === 0) {
      return Effect.fail(invalidInput("a sort column must be a non-empty string"))
    }
    if (/[,:]/.test(key.column)) return Effect.fail(invalidInput(`a sort column cannot contain ',' or ':'`))
    const direction = key.direction ?? "desc"
    if (direction !== "asc" && direction !== "desc") {
      return Effect.fail(invalidInput(`a sort direction is "asc" or "desc"`))
    }
    keys.push(`${key.column}:${direction}`)
  }
  return Effect.succeed(keys.join(","))
}

const make: Effect.Effect<WorkflowsService, never, FlowservClient> = Effect.gen(function*() {
  const { api } = yield* FlowservClient
  const records = Endpoint.service(api, WorkflowEndpoints)

  const listPage = () => Effect.map(records.listPage(), (listing) => listing.workflows)

  const leaderboard = Traced.fn("flowserv.Workflows.leaderboard")(
    function*(workflowId: string, options?: LeaderboardOptions) {
      yield* Effect.annotateCurrentSpan("flowserv.workflow.id", workflowId)
      const orderBy = options?.orderBy === undefined || options.orderBy.length === 0
        ? undefined
        : yield* renderOrderBy(options.orderBy)
      // Sent as before records (`%2C` between keys, not the `,` the core's query encoder keeps): the
      // one operation whose query is built here.
      return yield* api.execute({
        method: "GET",
        path: ["workflows", workflowId, "leaderboard"],
        // Only ever `true`: the server reads any non-empty value as true.
        query: { orderBy, includeAll: options?.includeAll === true ? "true" : undefined },
        success: Schema.OptionFromNullOr(Schemas.Leaderboard),
        errors: ["NotFound", "InvalidRequest"]
      })
    }
  )

  return {
    list: () => Stream.fromIterableEffect(listPage()),
    listPage,
    get: (workflowId) => records.get({ workflowId }),
    leaderboard,
    downloadArchive: (workflowId) => records.downloadArchive({ workflowId }),
    downloadFile: (workflowId, fileId) => records.downloadFile({ workflowId, fileId })
  }
})

/**
 * flowserv workflows.
 *
 * @since 0.1.0
 * @category services
 */
export class Workflows extends Context.Tag("effect-research-sdk/flowserv/Workflows")<Workflows, WorkflowsService>() {
  /** @since 0.1.0 */
  static readonly make = make
  static readonly #layers = serviceLayers(Workflows, make, FlowservClient)
  /** On the `FlowservClient` in context. @since 0.1.0 */
  static readonly Default = Workflows.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = Workflows.#layers.layer
  /** With its own connection, configured from `FLOWSERV_URL` / `FLOWSERV_TOKEN`. @since 0.1.0 */
  static readonly layerConfig = Workflows.#layers.layerConfig
}
