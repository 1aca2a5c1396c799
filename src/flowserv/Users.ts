/**
 * flowserv user accounts: registration, activation, login and logout, password reset, listing.
 * The counterpart of flowserv's `RemoteUserService`.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import type { Classifier } from "../core/Classify.js"
import type { Conflict, InfraError, InvalidRequest, NotFound, Unauthorized } from "../core/Errors.js"
import { serviceLayers } from "../core/ServiceLayers.js"
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
  ) => Effect.Effect<User, Conflict | InvalidRequest | InfraError>
  /** Activates an account registered with `verify: true`. Needs no token. */
  readonly activate: (userId: string) => Effect.Effect<User, NotFound | InvalidRequest | InfraError>
  /** Logs in. A wrong password, an unknown or an inactive user are all `Unauthorized`. */
  readonly login: (
    username: string,
    password: Password
  ) => Effect.Effect<LoggedInUser, Unauthorized | InvalidRequest | InfraError>
  /** Ends the current token's session. A token that is already invalid is `Unauthorized`. */
  readonly logout: () => Effect.Effect<User, Unauthorized | InvalidRequest | InfraError>
  /** The user the current token belongs to. */
  readonly whoami: () => Effect.Effect<LoggedInUser, Unauthorized | InvalidRequest | InfraError>
  /** Active users, sorted by name; `query` keeps those whose name starts with it (ignoring ASCII case). */
  readonly list: (
    options?: { readonly query?: string }
  ) => Effect.Effect<ReadonlyArray<User>, Unauthorized | InvalidRequest | InfraError>
  /** The same as `list`, as a stream. */
  readonly stream: (
    options?: { readonly query?: string }
  ) => Stream.Stream<User, Unauthorized | InvalidRequest | InfraError>
  /** Starts a password reset; returns the request id (the server answers even for unknown users). */
  readonly requestPasswordReset: (username: string) => Effect.Effect<string, InvalidRequest | InfraError>
  /** Completes a password reset; the user's current token stops working. */
  readonly resetPassword: (
    requestId: string,
    password: Password
  ) => Effect.Effect<User, NotFound | InvalidRequest | InfraError>
}

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

const make: Effect.Effect<UsersService, never, FlowservClient> = Effect.gen(function*() {
  const { api } = yield* FlowservClient

  const register = Effect.fn("flowserv.Users.register")(
    function*(username: string, password: Password, options?: { readonly verify?: boolean }) {
      const body = {
        username: yield* Validate.name(username, "username"),
        password: yield* Validate.newPassword(password),
        // The server's default is the opposite (an inactive user): always say which.
        verify: options?.verify ?? false
      }
      return yield* api.execute({
        method: "POST",
        path: ["users", "register"],
        body,
        secrets: [Redacted.make(body.password)],
        success: Schemas.User,
        errors: ["Conflict", "InvalidRequest"]
      })
    }
  )

  const activate = Effect.fn("flowserv.Users.activate")(function*(userId: string) {
    yield* Effect.annotateCurrentSpan("flowserv.user.id", userId)
    return yield* api.execute({
      method: "POST",
      path: ["users", "activate"],
      body: { id: yield* Validate.id(userId, "user id") },
      success: Schemas.User,
      errors: ["NotFound", "InvalidRequest"]
    })
  })

  const login = Effect.fn("flowserv.Users.login")(function*(username: string, password: Password) {
    const body = {
      username: yield* Validate.name(username, "username"),
      password: yield* Validate.password(password)
    }
    return yield* api.execute({
      method: "POST",
      path: ["users", "login"],
      body,
      secrets: [Redacted.make(body.password)],
      success: Schemas.LoggedInUser,
      errors: ["Unauthorized", "InvalidRequest"],
      classifier: loginRefused
    })
  })

  const logout = Effect.fn("flowserv.Users.logout")(function*() {
    return yield* api.execute({
      method: "POST",
      path: ["users", "logout"],
      success: Schemas.User,
      errors: ["Unauthorized"],
      classifier: logoutOfInvalidToken
    })
  })

  const whoami = Effect.fn("flowserv.Users.whoami")(function*() {
    return yield* api.execute({
      method: "GET",
      path: ["users", "whoami"],
      success: Schemas.LoggedInUser,
      errors: ["Unauthorized"]
    })
  })

  const list = Effect.fn("flowserv.Users.list")(function*(options?: { readonly query?: string }) {
    const listing = yield* api.execute({
      method: "GET",
      path: ["users"],
      query: { query: options?.query },
      success: Schemas.UserListing,
      errors: ["Unauthorized"]
    })
    return listing.users
  })

  const requestPasswordReset = Effect.fn("flowserv.Users.requestPasswordReset")(function*(username: string) {
    const response = yield* api.execute({
      method: "POST",
      path: ["users", "password", "request"],
      body: { username: yield* Validate.name(username, "username") },
      success: Schemas.ResetRequest,
      errors: ["InvalidRequest"]
    })
    return response.requestId
  })

  const resetPassword = Effect.fn("flowserv.Users.resetPassword")(function*(requestId: string, password: Password) {
    const body = {
      requestId: yield* Validate.id(requestId, "request id"),
      password: yield* Validate.newPassword(password)
    }
    return yield* api.execute({
      method: "POST",
      path: ["users", "password", "reset"],
      body,
      secrets: [Redacted.make(body.password)],
      success: Schemas.User,
      errors: ["NotFound", "InvalidRequest"]
    })
  })

  const stream = (options?: { readonly query?: string }) =>
    Stream.fromIterableEffect(list(options)).pipe(Stream.withSpan("flowserv.Users.stream"))

  return { register, activate, login, logout, whoami, list, stream, requestPasswordReset, resetPassword }
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
