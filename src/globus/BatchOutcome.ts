/**
 * A batch membership action's answer as data: which identities succeeded and failed, by action, and
 * which the answer left out; and the way to all-or-nothing.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type { BatchActions } from "./BatchActions.js"
import { canonical } from "./IdentityId.js"
import type { ActionFailure, ActionUnanswered } from "./MembershipActionFailed.js"
import { MembershipActionFailed, membershipActionFailed } from "./MembershipActionFailed.js"
import { BatchAction } from "./schemas/Batch.js"
import type { BatchResponse } from "./schemas/Batch.js"
import type { Membership } from "./schemas/Membership.js"

/**
 * One identity whose action succeeded, with its membership as it now is.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActionSuccess {
  readonly action: BatchAction
  readonly identity_id: string
  readonly membership: Membership
}

/**
 * What became of every identity of a batch.
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchOutcome {
  readonly succeeded: ReadonlyArray<ActionSuccess>
  readonly failed: ReadonlyArray<ActionFailure>
  /** Identities of the request that the answer neither processed nor reported as failed (only known
   *  when the request was given to {@link fromResponse}). */
  readonly unanswered: ReadonlyArray<ActionUnanswered>
}

const actions: ReadonlyArray<BatchAction> = BatchAction.literals

/**
 * Reads a batch's answer. Given the batch that was sent, it also lists the identities the answer
 * left out; ids are matched as the service compares them (UUIDs in any spelling).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromResponse = (response: BatchResponse, sent?: BatchActions): BatchOutcome => {
  const succeeded: Array<ActionSuccess> = []
  const failed: Array<ActionFailure> = []
  const answered = new Set<string>()
  for (const action of actions) {
    for (const membership of response[action] ?? []) {
      succeeded.push({ action, identity_id: membership.identity_id, membership })
      answered.add(`${action} ${canonical(membership.identity_id)}`)
    }
    for (const failure of response.errors?.[action] ?? []) {
      failed.push({ action, identity_id: failure.identity_id, code: failure.code, detail: failure.detail })
      answered.add(`${action} ${canonical(failure.identity_id)}`)
    }
  }
  const unanswered = (sent?.entries ?? [])
    .filter((entry) => !answered.has(`${entry.action} ${canonical(entry.identityId)}`))
    .map((entry): ActionUnanswered => ({ action: entry.action, identity_id: entry.identityId }))
  return { succeeded, failed, unanswered }
}

/**
 * Whether every identity succeeded.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isComplete = (outcome: BatchOutcome): boolean =>
  outcome.failed.length === 0 && outcome.unanswered.length === 0

/**
 * What became of one identity: its success or its failure, or `undefined` when the answer does not
 * mention it.
 *
 * @since 0.1.0
 * @category getters
 */
export const forIdentity = (
  outcome: BatchOutcome,
  identityId: string
): ActionSuccess | ActionFailure | undefined => {
  const key = canonical(identityId)
  return outcome.succeeded.find((s) => canonical(s.identity_id) === key) ??
    outcome.failed.find((f) => canonical(f.identity_id) === key)
}

/**
 * All or nothing: the successes when every identity succeeded, else `MembershipActionFailed` naming
 * each failure (with the service's code and detail) and each identity the answer left out. An
 * `Either`, so it can be yielded in `Effect.gen` or matched synchronously.
 *
 * @example
 * import { Effect } from "effect"
 * import { BatchOutcome } from "effect-research-sdk/globus"
 *
 * declare const outcome: BatchOutcome.BatchOutcome
 * const program = Effect.gen(function*() {
 *   const done = yield* BatchOutcome.orFail(outcome)
 *   return done.length
 * })
 *
 * @since 0.1.0
 * @category conversions
 */
export const orFail = (
  outcome: BatchOutcome,
  groupId?: string
): Either.Either<ReadonlyArray<ActionSuccess>, MembershipActionFailed> =>
  isComplete(outcome)
    ? Either.right(outcome.succeeded)
    : Either.left(
      membershipActionFailed(
        outcome.failed,
        outcome.unanswered,
        outcome.succeeded.length + outcome.failed.length + outcome.unanswered.length,
        groupId
      )
    )

/**
 * One identity's membership, or its failure as `MembershipActionFailed` (also when the answer does not
 * mention it): what the one-identity helpers answer.
 *
 * @since 0.1.0
 * @category conversions
 */
export const membershipOf = (
  outcome: BatchOutcome,
  action: BatchAction,
  identityId: string,
  groupId?: string
): Either.Either<Membership, MembershipActionFailed> => {
  const key = canonical(identityId)
  const success = outcome.succeeded.find((s) => s.action === action && canonical(s.identity_id) === key)
  if (success !== undefined) return Either.right(success.membership)
  const failures = outcome.failed.filter((f) => f.action === action && canonical(f.identity_id) === key)
  const unanswered = failures.length === 0 ? [{ action, identity_id: identityId }] : []
  return Either.left(membershipActionFailed(failures, unanswered, 1, groupId))
}
