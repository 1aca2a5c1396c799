/**
 * The Globus test server's state, driven without HTTP: every answer is checked against the SDK's
 * schemas of the contract (no field outside them), so the state cannot drift from what the service
 * sends.
 */
import { assert } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as S from "../../src/globus/schemas/index.js"
import type { GlobusOp, GlobusReply, GlobusRequest } from "../../src/testkit/globus/index.js"
import { GlobusState, GlobusTokens, seedGlobusDefaults } from "../../src/testkit/globus/index.js"

export { GlobusIdentities, GlobusTokens } from "../../src/testkit/globus/index.js"

const success: { readonly [K in GlobusOp]: Schema.Schema<any, any> } = {
  myGroups: Schema.Array(S.Group),
  getGroup: S.Group,
  createGroup: S.Group,
  updateGroup: S.Group,
  deleteGroup: S.Group,
  getPolicies: S.GroupPolicies,
  setPolicies: S.GroupPolicies,
  getPreferences: S.PreferencesByIdentity,
  setPreferences: S.PreferencesByIdentity,
  getMembershipFields: S.MembershipFieldsByIdentity,
  setMembershipFields: S.MembershipFieldsByIdentity,
  batch: S.BatchResponse,
  subscriptionInfo: S.GroupSubscription,
  setSubscriptionAdminVerified: S.SubscriptionVerified,
  statusCounts: S.StatusCountsByGroup,
  children: S.GroupChildren
}

const failure: Record<number, Schema.Schema<any, any>> = {
  400: S.BadRequestErrorBody,
  401: S.AuthErrorBody,
  403: S.ForbiddenErrorBody,
  404: S.BaseErrorBody,
  409: S.BaseErrorBody,
  422: S.ValidationErrorBody
}

/** The schema of the contract for this answer. */
export const schemaOf = (op: GlobusOp, status: number): Schema.Schema<any, any> => {
  if (status === 200 || status === 201) return success[op]
  const schema = failure[status]
  if (schema === undefined) return assert.fail(`${op}: status ${status} is not in the contract`)
  return schema
}

/** Checks an answer against the contract (strictly: no field the contract does not have). */
export const checkReply = (op: GlobusOp, reply: GlobusReply): void => {
  if (op === "createGroup") assert.notStrictEqual(reply.status, 200, "create answers 201")
  const decoded = Schema.decodeUnknownEither(schemaOf(op, reply.status), { onExcessProperty: "error" })(reply.body)
  if (Either.isLeft(decoded)) assert.fail(`${op} ${reply.status}: ${decoded.left.message}`)
}

/** A server with the default identities and tokens and a clock that moves a second per call. */
export const fresh = (): GlobusState => {
  let clock = Date.UTC(2025, 0, 1)
  return seedGlobusDefaults(new GlobusState(() => (clock += 1000)))
}

/** One request with a token, checked against the contract. */
export const call = (state: GlobusState, token: string | undefined, request: GlobusRequest): GlobusReply => {
  const reply = state.serve(token === undefined ? undefined : `Bearer ${token}`, request)
  checkReply(request.op, reply)
  return reply
}

/** A request that must succeed: its body, typed loosely for assertions. */
export const ok = (state: GlobusState, token: string, request: GlobusRequest): any => {
  const reply = call(state, token, request)
  if (reply.status >= 300) assert.fail(`${request.op}: ${reply.status} ${JSON.stringify(reply.body)}`)
  return reply.body
}

/** A request that must fail with this status: its body. */
export const refused = (state: GlobusState, token: string | undefined, request: GlobusRequest, status: number): any => {
  const reply = call(state, token, request)
  assert.strictEqual(reply.status, status, `${request.op}: ${JSON.stringify(reply.body)}`)
  return reply.body
}

/** Creates a group as alice (or another token); its id. */
export const createGroup = (
  state: GlobusState,
  body: unknown = { name: "Lab" },
  token: string = GlobusTokens.alice
): string => ok(state, token, { op: "createGroup", body }).id
