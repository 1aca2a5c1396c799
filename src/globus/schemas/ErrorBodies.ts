/**
 * The service's error bodies. The SDK classifies errors with `GlobusErrors` (a bounded reader that
 * accepts more than these); the schemas say what the contract promises, and the test server's
 * answers are checked against them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * `{code, detail}`: the body of 404, 409, 500 and most other errors.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BaseErrorBody = Schema.Struct({
  code: Schema.String,
  detail: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface BaseErrorBody extends Schema.Schema.Type<typeof BaseErrorBody> {}

/**
 * What the caller must do to authenticate again, as sent (Globus Auth Requirements Error).
 * `session_required_policies` may come as a comma-separated string.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AuthParamsBody = Schema.Struct({
  session_message: Schema.optional(Schema.String),
  session_required_identities: Schema.optional(Schema.Array(Schema.String)),
  session_required_policies: Schema.optional(Schema.Union(Schema.String, Schema.Array(Schema.String))),
  session_required_single_domain: Schema.optional(Schema.Array(Schema.String)),
  session_required_mfa: Schema.optional(Schema.Boolean),
  required_scopes: Schema.optional(Schema.Array(Schema.String)),
  extra: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AuthParamsBody extends Schema.Schema.Type<typeof AuthParamsBody> {}

/**
 * The body of a 401.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AuthErrorBody = Schema.Struct({
  ...BaseErrorBody.fields,
  authorization_parameters: AuthParamsBody
})

/**
 * @since 0.1.0
 * @category models
 */
export interface AuthErrorBody extends Schema.Schema.Type<typeof AuthErrorBody> {}

/**
 * The body of a 403: the scopes the token carried.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ForbiddenErrorBody = Schema.Struct({
  ...BaseErrorBody.fields,
  provided_scopes: Schema.optional(Schema.NullOr(Schema.Array(Schema.String)))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ForbiddenErrorBody extends Schema.Schema.Type<typeof ForbiddenErrorBody> {}

/**
 * The body of a 400: the identities that made the request ambiguous (the same identity twice in a
 * batch).
 *
 * @since 0.1.0
 * @category schemas
 */
export const BadRequestErrorBody = Schema.Struct({
  ...BaseErrorBody.fields,
  ambiguous_identities: Schema.Array(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface BadRequestErrorBody extends Schema.Schema.Type<typeof BadRequestErrorBody> {}

/**
 * One complaint of FastAPI's request validation: where (`["body", "add", 0, "identity_id"]`), what,
 * and its kind.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ValidationErrorItem = Schema.Struct({
  loc: Schema.Array(Schema.Union(Schema.String, Schema.Number)),
  msg: Schema.String,
  type: Schema.String,
  input: Schema.optional(Schema.Unknown),
  ctx: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ValidationErrorItem extends Schema.Schema.Type<typeof ValidationErrorItem> {}

/**
 * The body of a 422 (FastAPI request validation).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ValidationErrorBody = Schema.Struct({
  detail: Schema.optional(Schema.Array(ValidationErrorItem))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ValidationErrorBody extends Schema.Schema.Type<typeof ValidationErrorBody> {}
