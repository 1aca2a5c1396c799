/**
 * An immutable builder of batch membership actions (`POST /v2/groups/{group_id}`): accept, add,
 * approve, change role, decline, invite, join, leave, reject, remove and request to join, each for one
 * identity or many, chained in one request.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { invalidInput } from "../core/Errors.js"
import type { InvalidRequest } from "../core/Errors.js"
import { canonical } from "./IdentityId.js"
import type { BatchAction, BatchRequest } from "./schemas/Batch.js"
import { Role } from "./schemas/Enums.js"

/**
 * One identity id, or many.
 *
 * @since 0.1.0
 * @category models
 */
export type IdentityIds = string | Iterable<string>

/**
 * One action on one identity, as the builder holds it.
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchEntry {
  readonly action: BatchAction
  readonly identityId: string
  readonly role?: Role | undefined
  /**
   * Recorded on the membership as its `status_reason`.
   *
   * @since 0.1.0
   */
  readonly reason?: string | undefined
  /**
   * For `invite`: the address the invitation is sent to.
   *
   * @since 0.1.0
   */
  readonly email?: string | undefined
}

/**
 * The reason recorded on the memberships an action changes.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReasonOptions {
  readonly reason?: string | undefined
}

/**
 * The role of members added or invited (the service's default is `member`), and the reason.
 *
 * @since 0.1.0
 * @category models
 */
export interface RoleOptions extends ReasonOptions {
  readonly role?: Role | undefined
}

/**
 * An invitation of one identity, which may be sent to an e-mail address.
 *
 * @since 0.1.0
 * @category models
 */
export interface InviteOptions extends RoleOptions {
  readonly email?: string | undefined
}

const idsOf = (ids: IdentityIds): ReadonlyArray<string> => typeof ids === "string" ? [ids] : Array.from(ids)

/**
 * Membership actions to send in one request. Every method returns a new builder; the builder it was
 * called on is unchanged, so a partly built batch can be shared and extended.
 *
 * An identity may appear only once in a batch (the service fails the whole request otherwise):
 * {@link BatchActions.toRequest} refuses a batch that names one twice, comparing ids as the service
 * does (UUIDs in any spelling).
 *
 * @example
 * import { BatchActions } from "effect-research-sdk/globus"
 *
 * const batch = BatchActions.empty
 *   .add(["ae332d86-d274-11e5-b885-b31714a110e9"], { role: "manager" })
 *   .invite("c699d42e-d274-11e5-bf75-1fc5bf53bb24", { email: "ada@example.org" })
 *   .remove("a7f8a7c4-d274-11e5-ba50-6b6bb4b8c2c6")
 *
 * @since 0.1.0
 * @category builders
 */
export class BatchActions {
  /**
   * No actions yet.
   *
   * @since 0.1.0
   */
  static readonly empty: BatchActions = new BatchActions([])

  private constructor(
    /**
     * The actions in the order they were added.
     *
     * @since 0.1.0
     */
    readonly entries: ReadonlyArray<BatchEntry>
  ) {
    Object.freeze(entries)
  }

  /**
   * This builder with one more action (internal: the public methods name the action).
   *
   * @since 0.1.0
   * @internal
   */
  private with(action: BatchAction, ids: IdentityIds, options: InviteOptions = {}): BatchActions {
    const { email, reason, role } = options
    const added = idsOf(ids).map((identityId): BatchEntry => ({
      action,
      identityId,
      ...(role === undefined ? {} : { role }),
      ...(reason === undefined ? {} : { reason }),
      ...(email === undefined ? {} : { email })
    }))
    return new BatchActions([...this.entries, ...added])
  }

  /**
   * Accepts invitations, for identities of the caller's own set whose membership is `invited`.
   *
   * @since 0.1.0
   */
  accept(ids: IdentityIds, options?: ReasonOptions): BatchActions {
    return this.with("accept", ids, options)
  }

  /**
   * Adds identities as active members, with a role (admins only may add admins and managers).
   *
   * @since 0.1.0
   */
  add(ids: IdentityIds, options?: RoleOptions): BatchActions {
    return this.with("add", ids, options)
  }

  /**
   * Approves `pending` requests to join (admins and managers).
   *
   * @since 0.1.0
   */
  approve(ids: IdentityIds, options?: ReasonOptions): BatchActions {
    return this.with("approve", ids, options)
  }

  /**
   * Gives `active` members a new role (admins only).
   *
   * @since 0.1.0
   */
  changeRole(role: Role, ids: IdentityIds): BatchActions {
    return this.with("change_role", ids, { role })
  }

  /**
   * Declines invitations, for identities of the caller's own set whose membership is `invited`.
   *
   * @since 0.1.0
   */
  decline(ids: IdentityIds, options?: ReasonOptions): BatchActions {
    return this.with("decline", ids, options)
  }

  /**
   * Invites an identity, optionally sending the invitation to an e-mail address.
   *
   * @since 0.1.0
   */
  invite(id: string, options?: InviteOptions): BatchActions
  /**
   * Invites identities, with a role.
   *
   * @since 0.1.0
   */
  invite(ids: Iterable<string>, options?: RoleOptions): BatchActions
  invite(ids: IdentityIds, options?: InviteOptions): BatchActions {
    return this.with("invite", ids, options)
  }

  /**
   * Joins the group with identities of the caller's own set, where the group's policy allows it.
   *
   * @since 0.1.0
   */
  join(ids: IdentityIds): BatchActions {
    return this.with("join", ids)
  }

  /**
   * Leaves the group with `active` identities of the caller's own set (never its last admin).
   *
   * @since 0.1.0
   */
  leave(ids: IdentityIds, options?: ReasonOptions): BatchActions {
    return this.with("leave", ids, options)
  }

  /**
   * Rejects `pending` requests to join (admins and managers).
   *
   * @since 0.1.0
   */
  reject(ids: IdentityIds, options?: ReasonOptions): BatchActions {
    return this.with("reject", ids, options)
  }

  /**
   * Removes `active` or `invited` members (admins: anyone; managers: managers and members).
   *
   * @since 0.1.0
   */
  remove(ids: IdentityIds, options?: ReasonOptions): BatchActions {
    return this.with("remove", ids, options)
  }

  /**
   * Asks to join with identities of the caller's own set; their memberships become `pending`.
   *
   * @since 0.1.0
   */
  requestJoin(ids: IdentityIds): BatchActions {
    return this.with("request_join", ids)
  }

  /**
   * How many identity actions the batch holds.
   *
   * @since 0.1.0
   */
  get size(): number {
    return this.entries.length
  }

  /**
   * Whether the batch holds no action.
   *
   * @since 0.1.0
   */
  get isEmpty(): boolean {
    return this.entries.length === 0
  }

  /**
   * The request body, or `InvalidRequest` (origin `client`) naming the first identity that appears
   * twice, an empty id, or a role or e-mail that is not one.
   *
   * @since 0.1.0
   */
  toRequest(): Either.Either<BatchRequest, InvalidRequest> {
    return toRequest(this.entries)
  }
}

const roles: ReadonlyArray<string> = Role.literals

// A value from untyped code, shown in a message without throwing (a BigInt, a cycle) and bounded.
const shown = (value: unknown): string => {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = typeof value
  }
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}

const checkEntry = (entry: BatchEntry): string | undefined => {
  const id: unknown = entry.identityId
  if (typeof id !== "string" || id.trim().length === 0) {
    return `${entry.action}: an identity id must be a non-empty string, got ${shown(id)}`
  }
  if (entry.action === "change_role" && entry.role === undefined) return `change_role ${id}: a role is required`
  if (entry.role !== undefined && !roles.includes(entry.role)) {
    return `${entry.action} ${id}: the role must be one of ${roles.join(", ")}, got ${shown(entry.role)}`
  }
  if (entry.email !== undefined && (typeof entry.email !== "string" || entry.email.trim().length === 0)) {
    return `invite ${id}: the e-mail address must be a non-empty string`
  }
  return undefined
}

interface WireEntry {
  identity_id: string
  role?: Role
  status_reason?: string
  invite_email_address?: string
}

const toRequest = (entries: ReadonlyArray<BatchEntry>): Either.Either<BatchRequest, InvalidRequest> => {
  const seen = new Map<string, BatchEntry>()
  // checkEntry has made sure change_role entries have their role, so this is a BatchRequest.
  const body: Partial<Record<BatchAction, Array<WireEntry>>> = {}
  for (const entry of entries) {
    const problem = checkEntry(entry)
    if (problem !== undefined) return Either.left(invalidInput(problem))
    const key = canonical(entry.identityId)
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      const where = earlier.action === entry.action
        ? `twice in ${entry.action}`
        : `in ${earlier.action} and in ${entry.action}`
      return Either.left(
        invalidInput(
          `identity ${entry.identityId} appears ${where}: the service refuses a batch that names an identity more than once`
        )
      )
    }
    seen.set(key, entry)
    const list = body[entry.action] ?? (body[entry.action] = [])
    list.push({
      identity_id: entry.identityId,
      ...(entry.role === undefined ? {} : { role: entry.role }),
      ...(entry.reason === undefined ? {} : { status_reason: entry.reason }),
      ...(entry.email === undefined ? {} : { invite_email_address: entry.email })
    })
  }
  return Either.right(body as BatchRequest)
}
