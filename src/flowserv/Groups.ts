/**
 * flowserv workflow groups ("submissions"): create, read, list, rename, change members, delete.
 * The counterpart of flowserv's `RemoteWorkflowGroupService`.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Endpoint from "../core/Endpoint.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import * as Traced from "../core/Traced.js"
import { FlowservClient } from "./FlowservClient.js"
import type { GroupDescriptor, GroupHandle } from "./schemas/Group.js"
import * as Schemas from "./schemas/Group.js"
import { forbiddenOrBadToken, memberErrors, memberOnly, notAuthorizedIsBadToken, verifyToken } from "./tokenCheck.js"
import * as Validate from "./validate.js"
import { WorkflowEndpoints } from "./Workflows.js"

/**
 * What `Groups.create` sends. The real server accepts only `name` and `members` and refuses the
 * other fields with `InvalidRequest`; they are passed through for servers that accept them.
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateGroup {
  readonly name: string
  /** User ids (not names). The creator is always a member. */
  readonly members?: ReadonlyArray<string>
  readonly parameters?: ReadonlyArray<unknown>
  readonly engineConfig?: unknown
  readonly identifier?: string
}

/**
 * What `Groups.update` changes. A `members` list replaces the whole list, the caller included.
 *
 * @since 0.1.0
 * @category models
 */
export interface UpdateGroup {
  readonly name?: string
  readonly members?: ReadonlyArray<string>
}

/**
 * Which groups `Groups.list` returns.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListGroups {
  /** One workflow's groups; without it, the groups of every workflow. */
  readonly workflowId?: string
  /** How many workflows' listings are fetched at once when listing every workflow; 4 by default. */
  readonly concurrency?: number
}

const groupId = { groupId: "flowserv.group.id" } as const
const workflowId = { workflowId: "flowserv.workflow.id" } as const

/**
 * The group operations, as records.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const GroupEndpoints = {
  create: Endpoint.make({
    name: "flowserv.Groups.create",
    method: "POST",
    path: "/workflows/{workflowId}/groups",
    spanAttributes: workflowId,
    body: Schema.Struct({
      name: Schema.String,
      members: Schema.optional(Schema.Array(Schema.String)),
      parameters: Schema.optional(Schema.Array(Schema.Unknown)),
      config: Schema.optional(Schema.Unknown),
      id: Schema.optional(Schema.String)
    }),
    success: Schemas.GroupHandle,
    errors: ["Unauthorized", "NotFound", "Conflict", "InvalidRequest"],
    classifier: notAuthorizedIsBadToken
  }),
  get: Endpoint.make({
    name: "flowserv.Groups.get",
    method: "GET",
    path: "/groups/{groupId}",
    spanAttributes: groupId,
    success: Schemas.GroupHandle,
    errors: ["Unauthorized", "NotFound", "InvalidRequest"]
  }),
  /** One workflow's groups (for an invalid token, every group of it: see `list`). */
  listOf: Endpoint.make({
    name: "flowserv.Groups.listOf",
    method: "GET",
    path: "/workflows/{workflowId}/groups",
    spanAttributes: workflowId,
    success: Schemas.GroupListing,
    errors: ["Unauthorized", "NotFound", "InvalidRequest"]
  }),
  update: Endpoint.make({
    name: "flowserv.Groups.update",
    method: "PUT",
    path: "/groups/{groupId}",
    spanAttributes: groupId,
    body: Schema.Struct({
      name: Schema.optional(Schema.String),
      members: Schema.optional(Schema.Array(Schema.String))
    }),
    success: Schemas.GroupHandle,
    errors: memberErrors
  }),
  delete: Endpoint.make({
    name: "flowserv.Groups.delete",
    method: "DELETE",
    path: "/groups/{groupId}",
    spanAttributes: groupId,
    success: Endpoint.noContent,
    idempotentDelete: true,
    errors: memberErrors
  })
}

/**
 * The errors of listing groups.
 *
 * @since 0.1.0
 * @category models
 */
export type ListGroupsError = Endpoint.Error<typeof GroupEndpoints.listOf>

/**
 * The group operations.
 *
 * @since 0.1.0
 * @category models
 */
export interface GroupsService {
  /** Creates a group on a workflow, with the caller as a member. A taken name is `Conflict`. Any
   *  logged-in user may create one, so the server's 403 `not authorized` here means an invalid or
   *  expired token: `Unauthorized`. */
  readonly create: (
    workflowId: string,
    group: CreateGroup
  ) => Effect.Effect<GroupHandle, Endpoint.Error<typeof GroupEndpoints.create>>
  /** A group with its members, parameters and uploads. */
  readonly get: (groupId: string) => Effect.Effect<GroupHandle, Endpoint.Error<typeof GroupEndpoints.get>>
  /** The caller's groups, of one workflow or of all, as a stream: each workflow's groups are emitted
   *  as their listing arrives. The token is verified alongside (flowserv would list every user's
   *  groups for an invalid one). */
  readonly list: (options?: ListGroups) => Stream.Stream<GroupDescriptor, ListGroupsError>
  /** The same as `list`, collected. */
  readonly listPage: (options?: ListGroups) => Effect.Effect<ReadonlyArray<GroupDescriptor>, ListGroupsError>
  /** Renames a group or replaces its members. Only members may: `Forbidden` for a valid token of a
   *  non-member, `Unauthorized` for an invalid one (told apart by one token check after the refusal).
   *  The server does not check names for duplicates here, and is not atomic: a change that fails
   *  half-way may be half applied. */
  readonly update: (
    groupId: string,
    changes: UpdateGroup
  ) => Effect.Effect<GroupHandle, Endpoint.Error<typeof GroupEndpoints.update>>
  /** Deletes a group with its runs and uploads. Only members may (`Forbidden` and `Unauthorized` as
   *  for `update`). */
  readonly delete: (groupId: string) => Effect.Effect<void, Endpoint.Error<typeof GroupEndpoints.delete>>
}

const make: Effect.Effect<GroupsService, never, FlowservClient> = Effect.gen(function*() {
  const { api } = yield* FlowservClient
  const records = Endpoint.service(api, GroupEndpoints)
  const workflows = Endpoint.service(api, WorkflowEndpoints)

  const create = Traced.fn(GroupEndpoints.create.name)(function*(workflowId: string, group: CreateGroup) {
    yield* Effect.annotateCurrentSpan("flowserv.workflow.id", workflowId)
    const name = yield* Validate.name(group.name, "group name")
    const members = group.members === undefined ? undefined : yield* Validate.idList(group.members, "members")
    const body = {
      name,
      ...(members === undefined ? {} : { members }),
      ...(group.parameters === undefined ? {} : { parameters: group.parameters }),
      ...(group.engineConfig === undefined ? {} : { config: group.engineConfig }),
      ...(group.identifier === undefined ? {} : { id: group.identifier })
    }
    const created = yield* Endpoint.untraced(api, GroupEndpoints.create)({ workflowId, body })
    yield* Effect.annotateCurrentSpan("flowserv.group.id", created.id)
    return created
  })

  const listOf = (workflowId: string) => Effect.map(records.listOf({ workflowId }), (listing) => listing.groups)

  // For an invalid token the server lists every group of the workflow instead of refusing: the token
  // is checked alongside each listing, so `list` never passes other users' groups off as the caller's.
  const verified = <A, E>(listing: Effect.Effect<A, E>) =>
    Effect.flatMap(
      Effect.zipWith(verifyToken(api), Effect.either(listing), (_, result) => result, { concurrent: true }),
      (result) => result
    )

  // The server has no GET /groups (its descriptor and Swagger file promise one): list the workflows,
  // then each workflow's groups.
  const listAll = (concurrency: number): Stream.Stream<GroupDescriptor, ListGroupsError> =>
    Stream.fromIterableEffect(verified(Effect.map(workflows.listPage(), (listing) => listing.workflows))).pipe(
      Stream.mapEffect((workflow) => listOf(workflow.id), { concurrency }),
      Stream.flattenIterables
    )

  const list = (options?: ListGroups): Stream.Stream<GroupDescriptor, ListGroupsError> =>
    (options?.workflowId === undefined
      ? listAll(options?.concurrency ?? 4)
      : Stream.fromIterableEffect(verified(listOf(options.workflowId)))).pipe(
        Stream.withSpan("flowserv.Groups.stream", {
          attributes: options?.workflowId === undefined ? {} : { "flowserv.workflow.id": options.workflowId }
        })
      )

  const listPage = Traced.fn("flowserv.Groups.list")(function*(options?: ListGroups) {
    if (options?.workflowId !== undefined) {
      yield* Effect.annotateCurrentSpan("flowserv.workflow.id", options.workflowId)
      return yield* verified(listOf(options.workflowId))
    }
    return Chunk.toReadonlyArray(yield* Stream.runCollect(list(options)))
  })

  const update = Traced.fn(GroupEndpoints.update.name)(function*(groupId: string, changes: UpdateGroup) {
    yield* Effect.annotateCurrentSpan("flowserv.group.id", groupId)
    const name = changes.name === undefined ? undefined : yield* Validate.name(changes.name, "group name")
    // The server iterates a string member by member and empties the group: refuse it here.
    const members = changes.members === undefined ? undefined : yield* Validate.idList(changes.members, "members")
    const body = { ...(name === undefined ? {} : { name }), ...(members === undefined ? {} : { members }) }
    return yield* forbiddenOrBadToken(api)(Endpoint.untraced(api, GroupEndpoints.update)({ groupId, body }))
  })

  const delete_ = memberOnly(api, GroupEndpoints.delete)

  return {
    create,
    get: (groupId) => records.get({ groupId }),
    list,
    listPage,
    update,
    delete: (groupId) => delete_({ groupId })
  }
})

/**
 * flowserv workflow groups.
 *
 * @since 0.1.0
 * @category services
 */
export class Groups extends Context.Tag("effect-research-sdk/flowserv/Groups")<Groups, GroupsService>() {
  /** @since 0.1.0 */
  static readonly make = make
  static readonly #layers = serviceLayers(Groups, make, FlowservClient)
  /** On the `FlowservClient` in context. @since 0.1.0 */
  static readonly Default = Groups.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = Groups.#layers.layer
  /** With its own connection, configured from `FLOWSERV_URL` / `FLOWSERV_TOKEN`. @since 0.1.0 */
  static readonly layerConfig = Groups.#layers.layerConfig
}
