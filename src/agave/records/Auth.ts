/**
 * The tenant's OAuth token endpoint and tenant discovery, as records. The token endpoint answers plain
 * OAuth JSON (no envelope) and is called with the client's key and secret (HTTP Basic), not with a
 * bearer token: it runs on a connection of its own (see `AgaveAuth`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../../core/Endpoint.js"
import { tokenClassifier } from "../AgaveErrors.js"
import { Links, opt } from "../schemas/Common.js"
import { formBody } from "./Bodies.js"
import { docs } from "./Common.js"

/**
 * The token endpoint's answer. The tokens are `Redacted` from the moment they are decoded.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TokenResponse = Schema.Struct({
  access_token: Schema.Redacted(Schema.String),
  refresh_token: Schema.optional(Schema.Redacted(Schema.String)),
  expires_in: Schema.optional(Schema.Union(Schema.Number, Schema.String)),
  token_type: Schema.optional(Schema.String),
  scope: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface TokenResponse extends Schema.Schema.Type<typeof TokenResponse> {}

/**
 * A tenant of the Agave platform.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Tenant = Schema.Struct({
  code: Schema.String,
  baseUrl: Schema.String,
  id: opt(Schema.String),
  name: opt(Schema.String),
  status: opt(Schema.String),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Tenant extends Schema.Schema.Type<typeof Tenant> {}

/**
 * The token endpoint.
 *
 * @since 0.1.0
 * @category records
 */
export const TokenRecords = {
  /** A password or refresh grant (`grant_type=…&scope=PRODUCTION`), form-encoded. */
  token: Endpoint.make({
    name: "agave.Auth.token",
    method: "POST",
    path: "/token",
    body: formBody,
    success: TokenResponse,
    envelope: false,
    classifier: tokenClassifier,
    errors: ["Unauthorized", "InvalidRequest"],
    // A refresh token can be redeemed once: a grant is never sent again once it may have arrived.
    idempotent: false,
    docs: docs("authorization/introduction"),
    secrets: (input) => input.body.secrets
  })
}

/**
 * Tenant discovery (no authentication).
 *
 * @since 0.1.0
 * @category records
 */
export const TenantRecords = {
  /** Every tenant, with its code and base URL. */
  list: Endpoint.make({
    name: "agave.Tenants.list",
    method: "GET",
    path: "/tenants",
    success: Schema.Array(Tenant),
    docs: docs("introduction")
  })
}
