/**
 * Notifications: subscriptions to the events of a resource (a job's `FINISHED`, a file's `DELETED`,
 * `*` for every event), delivered to a URL (a webhook, with `${…}` templates) or an email address,
 * with a retry policy. The service answers a notification's UUID as `id` (notifications guide), while
 * AgavePy's model says `uuid`: either is read, `id` is exposed.
 *
 * @since 0.1.0
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Links, openLiteral, opt } from "./Common.js"

/**
 * How failed deliveries are retried.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RetryStrategy = Schema.Literal("NONE", "IMMEDIATE", "DELAYED", "EXPONENTIAL")

/**
 * @since 0.1.0
 * @category models
 */
export type RetryStrategy = typeof RetryStrategy.Type

const bounded = (max: number) => Schema.Int.pipe(Schema.between(0, max))

/**
 * A retry policy as a request sets it (notification policy guide): the strategy, how many attempts
 * (0–1440), how often (0–86400 seconds) and after what first delay (0–86400 seconds), and whether an
 * undelivered message is kept.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NotificationPolicyRequest = Schema.Struct({
  retryStrategy: Schema.optional(RetryStrategy),
  retryLimit: Schema.optional(bounded(1440)),
  retryRate: Schema.optional(bounded(86400)),
  retryDelay: Schema.optional(bounded(86400)),
  saveOnFailure: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface NotificationPolicyRequest extends Schema.Schema.Type<typeof NotificationPolicyRequest> {}

const text = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(2048))

/**
 * A subscription to add, or the whole of one to change: where to deliver (`url`: a URL or an email
 * address), which event of which resource (`associatedUuid`), whether it outlives its first delivery
 * (`persistent`, false by default), and its retry policy.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import type { NotificationRequest } from "effect-research-sdk/agave"
 * const request: NotificationRequest = {
 *   url: "https://example.org/hooks/agave?job=${JOB_ID}&status=${JOB_STATUS}",
 *   event: "FINISHED",
 *   associatedUuid: "7554973644402463206-242ac114-0001-007",
 *   persistent: true,
 *   policy: { retryStrategy: "EXPONENTIAL", retryLimit: 20, retryRate: 5, saveOnFailure: true }
 * }
 * ```
 */
export const NotificationRequest = Schema.Struct({
  url: text,
  event: text,
  associatedUuid: text,
  persistent: Schema.optional(Schema.Boolean),
  policy: Schema.optional(NotificationPolicyRequest)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface NotificationRequest extends Schema.Schema.Type<typeof NotificationRequest> {}

/**
 * A notification's retry policy as the server answers it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NotificationPolicy = Schema.Struct({
  retryStrategy: opt(openLiteral("NONE", "IMMEDIATE", "DELAYED", "EXPONENTIAL")),
  retryLimit: opt(Schema.Number),
  retryRate: opt(Schema.Number),
  retryDelay: opt(Schema.Number),
  saveOnFailure: opt(Schema.Boolean)
})

/**
 * A notification's status: `ACTIVE` until it has fired (a transient one) or been deleted.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NotificationStatus = openLiteral("ACTIVE", "INACTIVE", "COMPLETE", "FAILED")

const fields = {
  owner: opt(Schema.String),
  url: opt(Schema.String),
  associatedUuid: opt(Schema.String),
  event: opt(Schema.String),
  persistent: opt(Schema.Boolean),
  status: opt(NotificationStatus),
  success: opt(Schema.Boolean),
  attempts: opt(Schema.Number),
  responseCode: opt(Schema.Number),
  lastSent: opt(Schema.String),
  created: opt(Schema.String),
  lastUpdated: opt(Schema.String),
  policy: opt(NotificationPolicy),
  _links: opt(Links)
}

const Wire = Schema.Struct({ ...fields, id: opt(Schema.String), uuid: opt(Schema.String) })

const Exposed = Schema.Struct({ ...fields, id: Schema.String })

/**
 * A notification (a listing's items carry `id`, `url`, `associatedUuid`, `event` and links; `get`
 * answers every field).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Notification: Schema.Schema<typeof Exposed.Type, typeof Wire.Encoded> = Schema.transformOrFail(
  Wire,
  Exposed,
  {
    strict: true,
    decode: ({ uuid, ...wire }, _, ast) => {
      const id = wire.id ?? uuid
      return typeof id === "string"
        ? ParseResult.succeed({ ...wire, id })
        : ParseResult.fail(new ParseResult.Type(ast, wire, "a notification needs an id (or a uuid)"))
    },
    encode: (notification) => ParseResult.succeed(notification)
  }
)

/**
 * @since 0.1.0
 * @category models
 */
export interface Notification extends Schema.Schema.Type<typeof Exposed> {}
