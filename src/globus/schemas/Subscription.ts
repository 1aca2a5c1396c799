/**
 * Subscriptions: what a subscription group provides, and which subscription's admin verified a group.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * What a subscription provides for one connector.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConnectorSubscriptionInfo = Schema.Struct({
  is_ha: Schema.Boolean,
  is_baa: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ConnectorSubscriptionInfo extends Schema.Schema.Type<typeof ConnectorSubscriptionInfo> {}

/**
 * The limited view of a subscription that `subscription_info/{subscription_id}` answers.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SubscriptionInfoLimited = Schema.Struct({
  is_high_assurance: Schema.Boolean,
  is_baa: Schema.Boolean,
  connectors: Schema.Record({ key: Schema.String, value: ConnectorSubscriptionInfo })
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SubscriptionInfoLimited extends Schema.Schema.Type<typeof SubscriptionInfoLimited> {}

/**
 * A subscription, as a subscription group's `subscription_info` describes it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SubscriptionInfo = Schema.Struct({
  name: Schema.String,
  subscriber_name: Schema.String,
  ...SubscriptionInfoLimited.fields
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SubscriptionInfo extends Schema.Schema.Type<typeof SubscriptionInfo> {}

/**
 * The group that provides a subscription (`GET /v2/subscription_info/{subscription_id}`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupSubscription = Schema.Struct({
  group_id: Schema.String,
  subscription_id: Schema.String,
  subscription_info: SubscriptionInfoLimited
})

/**
 * @since 0.1.0
 * @category models
 */
export interface GroupSubscription extends Schema.Schema.Type<typeof GroupSubscription> {}

/**
 * What `PUT .../subscription_admin_verified` takes: a subscription id, or `null` to clear it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SubscriptionVerifiedInput = Schema.Struct({
  subscription_admin_verified_id: Schema.NullOr(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SubscriptionVerifiedInput extends Schema.Schema.Type<typeof SubscriptionVerifiedInput> {}

/**
 * What `PUT .../subscription_admin_verified` answers.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SubscriptionVerified = Schema.Struct({
  group_id: Schema.String,
  subscription_admin_verified_id: Schema.NullOr(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SubscriptionVerified extends Schema.Schema.Type<typeof SubscriptionVerified> {}
