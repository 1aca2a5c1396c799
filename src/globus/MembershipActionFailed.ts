/**
 * The error for membership actions that did not all succeed, for code that wants all or nothing.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { BatchAction } from "./schemas/Batch.js"

/**
 * One identity whose action failed, with the service's code and detail.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActionFailure = Schema.Struct({
  action: BatchAction,
  identity_id: Schema.String,
  code: Schema.String,
  detail: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ActionFailure extends Schema.Schema.Type<typeof ActionFailure> {}

/**
 * One identity of the request the answer said nothing about: neither processed nor failed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActionUnanswered = Schema.Struct({
  action: BatchAction,
  identity_id: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ActionUnanswered extends Schema.Schema.Type<typeof ActionUnanswered> {}

/**
 * Some membership actions of a batch failed (the service answered 200 with per-identity errors), or
 * the answer left some out. `code` is the first failure's code (e.g. `ALREADY_ACTIVE`), so that
 * one-identity calls can be told apart by `code` after `catchTag("MembershipActionFailed")`.
 *
 * @since 0.1.0
 * @category errors
 */
export class MembershipActionFailed
  extends Schema.TaggedError<MembershipActionFailed>("effect-research-sdk/MembershipActionFailed")(
    "MembershipActionFailed",
    {
      message: Schema.String,
      groupId: Schema.optional(Schema.String),
      code: Schema.optional(Schema.String),
      failures: Schema.Array(ActionFailure),
      unanswered: Schema.Array(ActionUnanswered)
    }
  )
{}

const listed = 5
const detailLength = 200

const clip = (text: string): string => text.length > detailLength ? text.slice(0, detailLength) + "…" : text

/**
 * The error for these failures, with a message that names them (the first few, then a count).
 *
 * @since 0.1.0
 * @category constructors
 */
export const membershipActionFailed = (
  failures: ReadonlyArray<ActionFailure>,
  unanswered: ReadonlyArray<ActionUnanswered>,
  total: number,
  groupId?: string
): MembershipActionFailed => {
  const lines = [
    ...failures.map((f) => `${f.action} ${f.identity_id}: ${clip(f.code)} (${clip(f.detail)})`),
    ...unanswered.map((u) => `${u.action} ${u.identity_id}: not in the answer`)
  ]
  const shown = lines.slice(0, listed).join("; ")
  const more = lines.length > listed ? `; and ${lines.length - listed} more` : ""
  const count = failures.length + unanswered.length
  const where = groupId === undefined ? "" : ` in group ${groupId}`
  const first = failures[0]?.code
  return new MembershipActionFailed({
    message: `${count} of ${total} membership actions${where} did not succeed: ${shown}${more}`,
    ...(groupId === undefined ? {} : { groupId }),
    ...(first === undefined ? {} : { code: first }),
    failures,
    unanswered
  })
}
