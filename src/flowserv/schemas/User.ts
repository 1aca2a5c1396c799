/**
 * flowserv users as the server returns them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A user: id and name. The server also lists other users' access tokens in `GET /users`; this
 * schema drops them, so the SDK never hands out anyone else's credentials.
 *
 * @since 0.1.0
 * @category schemas
 */
export const User = Schema.Struct({
  id: Schema.String,
  username: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface User extends Schema.Schema.Type<typeof User> {}

/**
 * A user with their access token, as login and whoami return it. The token is `Redacted`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LoggedInUser = Schema.Struct({
  id: Schema.String,
  username: Schema.String,
  token: Schema.Redacted(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface LoggedInUser extends Schema.Schema.Type<typeof LoggedInUser> {}

/**
 * `GET /users`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UserListing = Schema.Struct({ users: Schema.Array(User) })

/**
 * `POST /users/password/request`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ResetRequest = Schema.Struct({ requestId: Schema.String })
