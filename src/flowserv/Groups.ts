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
import type { Conflict, Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../core/Errors.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import { FlowservClient } from "./FlowservClient.js"
import type { GroupDescriptor, GroupHandle } from "./schemas/Group.js"
import * as Schemas from "./schemas/Group.js"
import { WorkflowListing } from "./schemas/Workflow.js"
import { forbiddenOrBadToken, notAuthorizedIsBadToken, verifyToken } from "./tokenCheck.js"
import * as Validate from "./validate.js"

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

/**
 * The errors of listing groups.
 *
 * @since 0.1.0
 * @category models
 */
export type ListGroupsError = Unauthorized | NotFound | InvalidRequest | InfraError

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
  ) => Effect.Effect<GroupHandle, Unauthorized | NotFound | Conflict | InvalidRequest | InfraError>
  /** A group with its members, parameters and uploads. */
  readonly get: (groupId: string) => Effect.Effect<GroupHandle, Unauthorized | NotFound | InvalidRequest | InfraError>
  /** The caller's groups, of one workflow or of all. The token is verified alongside (flowserv would
   *  list every user's groups for an invalid one). */
  readonly list: (options?: ListGroups) => Effect.Effect<ReadonlyArray<GroupDescriptor>, ListGroupsError>
  /** The same as `list`, as a stream: each workflow's groups are emitted as their listing arrives. */
  readonly stream: (options?: ListGroups) => Stream.Stream<GroupDescriptor, ListGroupsError>
  /** Renames a group or replaces its members. Only members may: `Forbidden` for a valid token of a
   *  non-member, `Unauthorized` for an invalid one (told apart by one token check after the refusal).
   *  The server does not check names for duplicates here, and is not atomic: a change that fails
   *  half-way may be half applied. */
  readonly update: (
    groupId: string,
    changes: UpdateGroup
  ) => Effect.Effect<GroupHandle, Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError>
  /** Deletes a group with its runs and uploads. Only members may (`Forbidden` and `Unauthorized` as
   *  for `update`). */
  readonly delete: (
    groupId: string
  ) => Effect.Effect<void, Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError>
}

const make: Effect.Effect<GroupsService, never, FlowservClient> = Effect.gen(function*() {
  const { api } = yield* FlowservClient

  const create = Effect.fn("flowserv.Groups.create")(function*(workflowId: string, group: CreateGroup) {
    yield* Effect.annotateCurrentSpan("flowserv.workflow.id", workflowId)
    const body: Record<string, unknown> = { name: yield* Validate.name(group.name, "group name") }
    if (group.members !== undefined) body.members = yield* Validate.idList(group.members, "members")
    if (group.parameters !== undefined) body.parameters = group.parameters
    if (group.engineConfig !== undefined) body.config = group.engineConfig
    if (group.identifier !== undefined) body.id = group.identifier
    const created = yield* api.execute({
      method: "POST",
      path: ["workflows", workflowId, "groups"],
      body,
      success: Schemas.GroupHandle,
      errors: ["Unauthorized", "NotFound", "Conflict", "InvalidRequest"],
      classifier: notAuthorizedIsBadToken
    })
    yield* Effect.annotateCurrentSpan("flowserv.group.id", created.id)
    return created
  })

  const get = Effect.fn("flowserv.Groups.get")(function*(groupId: string) {
    yield* Effect.annotateCurrentSpan("flowserv.group.id", groupId)
    return yield* api.execute({
      method: "GET",
      path: ["groups", groupId],
      success: Schemas.GroupHandle,
      errors: ["Unauthorized", "NotFound", "InvalidRequest"]
    })
  })

  const listOf = (workflowId: string) =>
    Effect.map(
      api.execute({
        method: "GET",
        path: ["workflows", workflowId, "groups"],
        success: Schemas.GroupListing,
        errors: ["Unauthorized", "NotFound", "InvalidRequest"]
      }),
      (listing) => listing.groups
    )

  // For an invalid token the server lists every group of the workflow instead of refusing: the token
  // is checked alongside each listing, so `list` never passes other users' groups off as the caller's.
  const verified = <A, E>(listing: Effect.Effect<A, E>) =>
    Effect.flatMap(
      Effect.zipWith(verifyToken(api), Effect.either(listing), (_, result) => result, { concurrent: true }),
      (result) => result
    )

  // The server has no GET /groups (its descriptor and Swagger file promise one): list the workflows,
  // then each workflow's groups.
  const streamAll = (concurrency: number): Stream.Stream<GroupDescriptor, ListGroupsError> =>
    Stream.fromIterableEffect(
      verified(
        Effect.map(
          api.execute({ method: "GET", path: ["workflows"], success: WorkflowListing, errors: [] }),
          (listing) => listing.workflows
        )
      )
    ).pipe(
      Stream.mapEffect(
        (workflow) =>
          listOf(workflow.id).pipe(
            Effect.withSpan("flowserv.Groups.listOf", { attributes: { "flowserv.workflow.id": workflow.id } })
          ),
        { concurrency }
      ),
      Stream.flattenIterables
    )

  const stream = (options?: ListGroups): Stream.Stream<GroupDescriptor, ListGroupsError> =>
    (options?.workflowId === undefined
      ? streamAll(options?.concurrency ?? 4)
      : Stream.fromIterableEffect(verified(listOf(options.workflowId)))).pipe(
        Stream.withSpan("flowserv.Groups.stream", {
          attributes: options?.workflowId === undefined ? {} : { "flowserv.workflow.id": options.workflowId }
        })
      )

  const list = Effect.fn("flowserv.Groups.list")(function*(options?: ListGroups) {
    if (options?.workflowId !== undefined) {
      yield* Effect.annotateCurrentSpan("flowserv.workflow.id", options.workflowId)
      return yield* verified(listOf(options.workflowId))
    }
    return Chunk.toReadonlyArray(yield* Stream.runCollect(stream(options)))
  })

  const memberOnly = forbiddenOrBadToken(api)

  const update = Effect.fn("flowserv.Groups.update")(function*(groupId: string, changes: UpdateGroup) {
    yield* Effect.annotateCurrentSpan("flowserv.group.id", groupId)
    const body: Record<string, unknown> = {}
    if (changes.name !== undefined) body.name = yield* Validate.name(changes.name, "group name")
    // The server iterates a string member by member and empties the group: refuse it here.
    if (changes.members !== undefined) body.members = yield* Validate.idList(changes.members, "members")
    return yield* memberOnly(api.execute({
      method: "PUT",
      path: ["groups", groupId],
      body,
      success: Schemas.GroupHandle,
      errors: ["Unauthorized", "Forbidden", "NotFound", "InvalidRequest"]
    }))
  })

  const delete_ = Effect.fn("flowserv.Groups.delete")(function*(groupId: string) {
    yield* Effect.annotateCurrentSpan("flowserv.group.id", groupId)
    return yield* memberOnly(api.execute({
      method: "DELETE",
      path: ["groups", groupId],
      success: Schema.Void,
      idempotentDelete: true,
      errors: ["Unauthorized", "Forbidden", "NotFound", "InvalidRequest"]
    }))
  })

  return { create, get, list, stream, update, delete: delete_ }
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
