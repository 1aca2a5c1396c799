/**
 * flowserv user accounts: registration, activation, login and logout, password reset, listing.
 * The counterpart of flowserv's `RemoteUserService`.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { Classifier } from "../core/Classify.js"
import * as Endpoint from "../core/Endpoint.js"
import * as Query from "../core/Query.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import * as Traced from "../core/Traced.js"
import { FlowservClient } from "./FlowservClient.js"
import { messageOf } from "./FlowservErrors.js"
import type { LoggedInUser, User } from "./schemas/User.js"
import * as Schemas from "./schemas/User.js"
import * as Validate from "./validate.js"

/**
 * A password, plain or `Redacted` (prefer `Redacted`: it stays hidden in logs and traces).
 *
 * @since 0.1.0
 * @category models
 */
export type Password = string | Redacted.Redacted<string>

// flowserv answers a failed login with 404 "unknown user": for a caller that is bad credentials.
// Other 404s (Flask's HTML page for a wrong base URL) keep their platform meaning.
const loginRefused: Classifier = (response) =>
  response.status === 404 && messageOf(response.json)?.startsWith("unknown user '") === true
    ? { tag: "Unauthorized", message: "login refused: unknown or inactive user, or wrong password" }
    : undefined

// flowserv crashes (500) when logging out a token it no longer knows.
const logoutOfInvalidToken: Classifier = (response) =>
  response.status === 500
    ? { tag: "Unauthorized", message: `the token is not valid (${messageOf(response.json) ?? "server error"})` }
    : undefined

const withPassword = <Fields extends Schema.Struct.Fields>(fields: Fields) =>
  Schema.Struct({ ...fields, password: Schema.String })
const passwordOf = (input: { readonly body: { readonly password: string } }) => [Redacted.make(input.body.password)]

/**
 * The user operations, as records.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const UserEndpoints = {
  register: Endpoint.make({
    name: "flowserv.Users.register",
    method: "POST",
    path: "/users/register",
    body: withPassword({ username: Schema.String, verify: Schema.Boolean }),
    secrets: passwordOf,
    success: Schemas.User,
    errors: ["Conflict", "InvalidRequest"]
  }),
  activate: Endpoint.make({
    name: "flowserv.Users.activate",
    method: "POST",
    path: "/users/activate",
    body: Schema.Struct({ id: Schema.String }),
    success: Schemas.User,
    errors: ["NotFound", "InvalidRequest"]
  }),
  login: Endpoint.make({
    name: "flowserv.Users.login",
    method: "POST",
    path: "/users/login",
    body: withPassword({ username: Schema.String }),
    secrets: passwordOf,
    success: Schemas.LoggedInUser,
    errors: ["Unauthorized", "InvalidRequest"],
    classifier: loginRefused
  }),
  logout: Endpoint.make({
    name: "flowserv.Users.logout",
    method: "POST",
    path: "/users/logout",
    success: Schemas.User,
    errors: ["Unauthorized", "InvalidRequest"],
    classifier: logoutOfInvalidToken
  }),
  whoami: Endpoint.make({
    name: "flowserv.Users.whoami",
    method: "GET",
    path: "/users/whoami",
    success: Schemas.LoggedInUser,
    errors: ["Unauthorized", "InvalidRequest"]
  }),
  listPage: Endpoint.make({
    name: "flowserv.Users.list",
    method: "GET",
    path: "/users",
    query: { query: Query.string },
    success: Schemas.UserListing,
    errors: ["Unauthorized", "InvalidRequest"]
  }),
  requestPasswordReset: Endpoint.make({
    name: "flowserv.Users.requestPasswordReset",
    method: "POST",
    path: "/users/password/request",
    body: Schema.Struct({ username: Schema.String }),
    success: Schemas.ResetRequest,
    errors: ["InvalidRequest"]
  }),
  resetPassword: Endpoint.make({
    name: "flowserv.Users.resetPassword",
    method: "POST",
    path: "/users/password/reset",
    body: withPassword({ requestId: Schema.String }),
    secrets: passwordOf,
    success: Schemas.User,
    errors: ["NotFound", "InvalidRequest"]
  })
}

/**
 * The user operations.
 *
 * @since 0.1.0
 * @category models
 */
export interface UsersService {
  /**
   * Creates an account. `verify: false` (the default here, as in flowserv's own client) makes it
   * active at once; `verify: true` leaves it inactive until {@link UsersService.activate}.
   */
  readonly register: (
    username: string,
    password: Password,
    options?: { readonly verify?: boolean }
  ) => Effect.Effect<User, Endpoint.Error<typeof UserEndpoints.register>>
  /** Activates an account registered with `verify: true`. Needs no token. */
  readonly activate: (userId: string) => Effect.Effect<User, Endpoint.Error<typeof UserEndpoints.activate>>
  /** Logs in. A wrong password, an unknown or an inactive user are all `Unauthorized`. */
  readonly login: (
    username: string,
    password: Password
  ) => Effect.Effect<LoggedInUser, Endpoint.Error<typeof UserEndpoints.login>>
  /** Ends the current token's session. A token that is already invalid is `Unauthorized`. */
  readonly logout: () => Effect.Effect<User, Endpoint.Error<typeof UserEndpoints.logout>>
  /** The user the current token belongs to. */
  readonly whoami: () => Effect.Effect<LoggedInUser, Endpoint.Error<typeof UserEndpoints.whoami>>
  /** Active users, sorted by name, as a stream; `query` keeps those whose name starts with it
   *  (ignoring ASCII case). */
  readonly list: (
    options?: { readonly query?: string }
  ) => Stream.Stream<User, Endpoint.Error<typeof UserEndpoints.listPage>>
  /** The same as `list`, in the one answer the server gives. */
  readonly listPage: (
    options?: { readonly query?: string }
  ) => Effect.Effect<ReadonlyArray<User>, Endpoint.Error<typeof UserEndpoints.listPage>>
  /** Starts a password reset; returns the request id (the server answers even for unknown users). */
  readonly requestPasswordReset: (
    username: string
  ) => Effect.Effect<string, Endpoint.Error<typeof UserEndpoints.requestPasswordReset>>
  /** Completes a password reset; the user's current token stops working. */
  readonly resetPassword: (
    requestId: string,
    password: Password
  ) => Effect.Effect<User, Endpoint.Error<typeof UserEndpoints.resetPassword>>
}

const make: Effect.Effect<UsersService, never, FlowservClient> = Effect.gen(function*() {
  const { api } = yield* FlowservClient
  const records = Endpoint.service(api, UserEndpoints)
  const run = <K extends keyof typeof UserEndpoints>(key: K) => Endpoint.untraced(api, UserEndpoints[key])

  // These check their arguments first (inside the operation's span): flowserv refuses bad ones in
  // confusing ways, or not at all.
  const register = Traced.fn(UserEndpoints.register.name)(
    function*(username: string, password: Password, options?: { readonly verify?: boolean }) {
      const body = {
        username: yield* Validate.name(username, "username"),
        password: yield* Validate.newPassword(password),
        // The server's default is the opposite (an inactive user): always say which.
        verify: options?.verify ?? false
      }
      return yield* run("register")({ body })
    }
  )

  const activate = Traced.fn(UserEndpoints.activate.name)(function*(userId: string) {
    yield* Effect.annotateCurrentSpan("flowserv.user.id", userId)
    return yield* run("activate")({ body: { id: yield* Validate.id(userId, "user id") } })
  })

  const login = Traced.fn(UserEndpoints.login.name)(function*(username: string, password: Password) {
    const body = { username: yield* Validate.name(username, "username"), password: yield* Validate.password(password) }
    return yield* run("login")({ body })
  })

  const requestPasswordReset = Traced.fn(UserEndpoints.requestPasswordReset.name)(function*(username: string) {
    const answer = yield* run("requestPasswordReset")({
      body: { username: yield* Validate.name(username, "username") }
    })
    return answer.requestId
  })

  const resetPassword = Traced.fn(UserEndpoints.resetPassword.name)(function*(requestId: string, password: Password) {
    const body = {
      requestId: yield* Validate.id(requestId, "request id"),
      password: yield* Validate.newPassword(password)
    }
    return yield* run("resetPassword")({ body })
  })

  const listPage = (options?: { readonly query?: string }) =>
    Effect.map(records.listPage({ query: options?.query }), (listing) => listing.users)

  return {
    register,
    activate,
    login,
    logout: () => records.logout(),
    whoami: () => records.whoami(),
    list: (options) => Stream.fromIterableEffect(listPage(options)),
    listPage,
    requestPasswordReset,
    resetPassword
  }
})

/**
 * flowserv user accounts.
 *
 * @since 0.1.0
 * @category services
 */
export class Users extends Context.Tag("effect-research-sdk/flowserv/Users")<Users, UsersService>() {
  /** @since 0.1.0 */
  static readonly make = make
  static readonly #layers = serviceLayers(Users, make, FlowservClient)
  /** On the `FlowservClient` in context. @since 0.1.0 */
  static readonly Default = Users.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = Users.#layers.layer
  /** With its own connection, configured from `FLOWSERV_URL` / `FLOWSERV_TOKEN`. @since 0.1.0 */
  static readonly layerConfig = Users.#layers.layerConfig
}
