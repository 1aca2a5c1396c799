/**
 * The Globus Groups test server's state and rules, with no HTTP: identities and tokens, groups with
 * policies and memberships, and `handle`, which answers one request (already split into its path,
 * query and JSON body) with a status and a JSON body, as the service would.
 *
 * @since 0.1.0
 */
import { canonical, isUuid } from "../../globus/IdentityId.js"
import type { GroupType, Role, Status } from "../../globus/schemas/Enums.js"
import type { SubscriptionInfo } from "../../globus/schemas/Subscription.js"
import { callerMemberships, canSee } from "./globusAccess.js"
import { batch } from "./globusBatch.js"
import { GlobusRequestCode } from "./globusCodes.js"
import { children, createGroup, deleteGroup, getGroup, myGroups, updateGroup } from "./globusGroups.js"
import type {
  GlobusCaller,
  GlobusGroupRecord,
  GlobusIdentityRecord,
  GlobusMembershipRecord,
  GlobusPoliciesRecord
} from "./globusModel.js"
import { globusDefaultPolicies, GlobusScopes } from "./globusModel.js"
import type { GlobusReply } from "./globusReplies.js"
import { complaint, forbidden, GlobusFailure, invalid, notFound, unauthorized } from "./globusReplies.js"
import {
  getMembershipFields,
  getPolicies,
  getPreferences,
  setMembershipFields,
  setPolicies,
  setPreferences,
  setSubscriptionAdminVerified,
  statusCounts,
  subscriptionInfo
} from "./globusSettings.js"

/**
 * One request to the Groups API, as the routes pass it on: the operation, its path parameters, its
 * query values (repeated or comma-separated, as sent) and its JSON body (`undefined` when none).
 *
 * @since 0.1.0
 * @category models
 */
export type GlobusRequest =
  | { readonly op: "myGroups"; readonly statuses?: ReadonlyArray<string> | undefined }
  | { readonly op: "getGroup"; readonly groupId: string; readonly include?: ReadonlyArray<string> | undefined }
  | { readonly op: "createGroup"; readonly body: unknown }
  | { readonly op: "updateGroup"; readonly groupId: string; readonly body: unknown }
  | { readonly op: "deleteGroup"; readonly groupId: string }
  | { readonly op: "getPolicies"; readonly groupId: string }
  | { readonly op: "setPolicies"; readonly groupId: string; readonly body: unknown }
  | { readonly op: "getPreferences" }
  | { readonly op: "setPreferences"; readonly body: unknown }
  | { readonly op: "getMembershipFields"; readonly groupId: string }
  | { readonly op: "setMembershipFields"; readonly groupId: string; readonly body: unknown }
  | { readonly op: "batch"; readonly groupId: string; readonly body: unknown }
  | { readonly op: "subscriptionInfo"; readonly subscriptionId: string }
  | { readonly op: "setSubscriptionAdminVerified"; readonly groupId: string; readonly body: unknown }
  | { readonly op: "statusCounts" }
  | { readonly op: "children"; readonly groupId: string; readonly include?: ReadonlyArray<string> | undefined }

/**
 * The operations.
 *
 * @since 0.1.0
 * @category models
 */
export type GlobusOp = GlobusRequest["op"]

/**
 * How one operation is answered.
 *
 * @since 0.1.0
 * @category models
 */
export type GlobusOpHandler<K extends GlobusOp> = (
  state: GlobusState,
  caller: GlobusCaller,
  request: Extract<GlobusRequest, { readonly op: K }>
) => GlobusReply

const handlers: { readonly [K in GlobusOp]: GlobusOpHandler<K> } = {
  myGroups,
  getGroup,
  createGroup,
  updateGroup,
  deleteGroup,
  getPolicies,
  setPolicies,
  getPreferences,
  setPreferences,
  getMembershipFields,
  setMembershipFields,
  batch,
  subscriptionInfo,
  setSubscriptionAdminVerified,
  statusCounts,
  children
}

/**
 * An identity to seed.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusIdentitySeed {
  readonly username: string
  /** A UUID; one is made up when left out. */
  readonly id?: string
  /** The identity's `allow_add` preference; `true` when left out. */
  readonly allowAdd?: boolean
}

/**
 * A token to seed: the identity set it stands for (the first is the primary identity).
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusTokenSeed {
  readonly identities: ReadonlyArray<string>
  /** `all` when left out. */
  readonly scopes?: ReadonlyArray<string>
  /** The token's authentication is too old for high-assurance groups: their calls answer 401 with
   *  the identities to log in with again. */
  readonly staleSession?: boolean
}

/**
 * A group to seed, with its memberships.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusGroupSeed {
  readonly name: string
  readonly description?: string
  readonly parentId?: string
  readonly groupType?: GroupType
  readonly policies?: Partial<GlobusPoliciesRecord>
  /** GlobusIdentities may `join` directly (with `join_requests` on and not high assurance). */
  readonly joinWithoutApproval?: boolean
  readonly members?: ReadonlyArray<{ readonly identityId: string; readonly role: Role; readonly status?: Status }>
}

/**
 * The test server's data.
 *
 * @since 0.1.0
 * @category models
 */
export class GlobusState {
  readonly identities = new Map<string, GlobusIdentityRecord>()
  readonly tokens = new Map<string, GlobusCaller>()
  readonly groups = new Map<string, GlobusGroupRecord>()
  #sequence = 0

  constructor(readonly now: () => number) {}

  /** A new id: UUID-shaped and deterministic (a counter), so that runs are reproducible. */
  newId(): string {
    this.#sequence++
    return `9c000000-0000-4000-8000-${this.#sequence.toString(16).padStart(12, "0")}`
  }

  /** Adds an identity (for seeding). */
  addIdentity(seed: GlobusIdentitySeed): GlobusIdentityRecord {
    const identity: GlobusIdentityRecord = {
      id: canonical(seed.id ?? this.newId()),
      username: seed.username,
      allowAdd: seed.allowAdd ?? true
    }
    this.identities.set(identity.id, identity)
    return identity
  }

  /** Makes a token stand for an identity set (for seeding). */
  addToken(token: string, seed: GlobusTokenSeed): GlobusCaller {
    const caller: GlobusCaller = {
      identities: seed.identities.map(canonical),
      scopes: seed.scopes ?? [GlobusScopes.all],
      staleSession: seed.staleSession ?? false
    }
    this.tokens.set(token, caller)
    return caller
  }

  /** Adds a group with its memberships, bypassing the API's rules (for seeding). */
  addGroup(seed: GlobusGroupSeed): GlobusGroupRecord {
    const group = this.newGroup({
      name: seed.name,
      description: seed.description ?? null,
      termsAndConditions: null,
      parentId: seed.parentId === undefined ? null : canonical(seed.parentId),
      policies: { ...globusDefaultPolicies(), ...seed.policies }
    })
    group.groupType = seed.groupType ?? "regular"
    group.joinWithoutApproval = seed.joinWithoutApproval ?? false
    for (const member of seed.members ?? []) {
      this.setMembership(group, canonical(member.identityId), member.role, member.status ?? "active")
    }
    return group
  }

  /** Makes a group the one that provides a subscription (for seeding). */
  addSubscription(groupId: string, subscriptionId: string, info: SubscriptionInfo): void {
    const group = this.groups.get(canonical(groupId))
    if (group === undefined) throw new Error(`no group ${groupId}`)
    group.subscriptionId = canonical(subscriptionId)
    group.subscriptionInfo = info
    group.groupType = "plus"
  }

  /** A new group with no memberships. */
  newGroup(fields: Pick<GlobusGroupRecord, "name" | "description" | "termsAndConditions" | "parentId" | "policies">) {
    const group: GlobusGroupRecord = {
      id: this.newId(),
      ...fields,
      groupType: "regular",
      joinWithoutApproval: false,
      subscriptionId: null,
      subscriptionInfo: null,
      subscriptionAdminVerifiedId: null,
      memberships: new Map()
    }
    this.groups.set(group.id, group)
    return group
  }

  /** Sets an identity's membership, creating it if needed. */
  setMembership(group: GlobusGroupRecord, identityId: string, role: Role, status: Status): GlobusMembershipRecord {
    const now = this.now()
    const existing = group.memberships.get(identityId)
    if (existing !== undefined) {
      existing.role = role
      existing.status = status
      existing.updated = now
      return existing
    }
    const membership: GlobusMembershipRecord = {
      identityId,
      role,
      status,
      statusReason: null,
      inviteEmail: null,
      inviteTime: status === "invited" ? now : null,
      updated: now,
      fields: {}
    }
    group.memberships.set(identityId, membership)
    return membership
  }

  /** The identity set an `Authorization` header stands for; 401 otherwise. */
  authenticate(authorization: string | undefined): GlobusCaller {
    const match = /^Bearer +(\S+)\s*$/i.exec(authorization ?? "")
    if (match === null) {
      throw unauthorized(GlobusRequestCode.AuthenticationError, "Missing or malformed Authorization header", {
        session_message: "Log in to Globus to use Groups"
      })
    }
    const caller = this.tokens.get(match[1]!)
    if (caller === undefined) {
      throw unauthorized(GlobusRequestCode.InvalidToken, "The token is invalid, expired or revoked", {
        session_message: "Your Globus login has expired; log in again"
      })
    }
    return caller
  }

  /** A group by a path parameter: 422 for an id that is not a UUID, 404 for an unknown one. */
  group(id: string): GlobusGroupRecord {
    if (!isUuid(id)) throw invalid([complaint(["path", "group_id"], "Input should be a valid UUID", "uuid_parsing")])
    const group = this.groups.get(canonical(id))
    if (group === undefined) throw notFound(`Group ${id} not found`)
    return group
  }

  /** A group the caller sees (404 otherwise, so that private groups stay secret); for a
   *  high-assurance group the caller belongs to, 401 when its authentication is too old. */
  visibleGroup(caller: GlobusCaller, id: string): GlobusGroupRecord {
    const group = this.group(id)
    if (!canSee(group, caller)) throw notFound(`Group ${id} not found`)
    if (group.policies.is_high_assurance && caller.staleSession) {
      const identities = callerMemberships(group, caller).map((m) => m.identityId)
      if (identities.length > 0) {
        throw unauthorized(
          GlobusRequestCode.AuthorizationParameters,
          "This high-assurance group requires a recent login",
          {
            session_message: `Log in again to use the high-assurance group ${group.name}`,
            session_required_identities: identities
          }
        )
      }
    }
    return group
  }

  /** Answers a request from a caller. */
  handle(caller: GlobusCaller, request: GlobusRequest): GlobusReply {
    try {
      const enough = caller.scopes.includes(GlobusScopes.all) ||
        (request.op === "myGroups" && caller.scopes.includes(GlobusScopes.viewMyGroupsAndMemberships))
      if (!enough) {
        throw forbidden(`The token's scopes do not allow this call; it needs ${GlobusScopes.all}`, caller.scopes)
      }
      const handler = handlers[request.op] as GlobusOpHandler<GlobusOp>
      return handler(this, caller, request)
    } catch (error) {
      if (error instanceof GlobusFailure) return error.reply
      throw error
    }
  }

  /** Authenticates the `Authorization` header, then answers the request. */
  serve(authorization: string | undefined, request: GlobusRequest): GlobusReply {
    try {
      return this.handle(this.authenticate(authorization), request)
    } catch (error) {
      if (error instanceof GlobusFailure) return error.reply
      throw error
    }
  }
}
