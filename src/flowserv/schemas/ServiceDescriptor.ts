/**
 * What a flowserv server says about itself.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as WireFields from "../../core/WireFields.js"

/**
 * `GET /`: name, version, the URL the server believes it has (from its configuration, not the
 * request), its route patterns, and the caller's username when the token is valid.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ServiceDescriptor = Schema.Struct({
  name: Schema.String,
  version: Schema.String,
  url: Schema.String,
  routes: Schema.Array(Schema.Struct({ id: Schema.String, pattern: Schema.String })),
  username: WireFields.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ServiceDescriptor extends Schema.Schema.Type<typeof ServiceDescriptor> {}
