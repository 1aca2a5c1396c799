/**
 * Telling a bad token from a refusal. flowserv treats an unknown, expired or logged-out token as
 * "no user" and then answers 403 `not authorized` — the same answer a logged-in user gets for
 * something only a group's members may do. Where that answer can only mean the token (creating a
 * group: any logged-in user may), it is `Unauthorized` outright; where it is ambiguous (the member
 * operations), one `GET /users/whoami` on the failure path decides.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { ApiClient } from "../core/ApiClient.js"
import type { Classifier } from "../core/Classify.js"
import * as Endpoint from "../core/Endpoint.js"
import type { Forbidden } from "../core/Errors.js"
import { Unauthorized } from "../core/Errors.js"
import * as Traced from "../core/Traced.js"
import { messageOf } from "./FlowservErrors.js"

/**
 * The domain errors of the operations only a group's members may call (runs, uploads, changing a
 * group): no token or an invalid one, not a member, no such object, refused input.
 *
 * @since 0.1.0
 */
export const memberErrors = ["Unauthorized", "Forbidden", "NotFound", "InvalidRequest"] as const

const invalidToken = "the access token is not valid (unknown, expired or logged out)"

// The one route that checks a token and nothing else. Its body (which repeats the token) is not kept.
const whoami = Endpoint.make({
  name: "flowserv.verifyToken",
  method: "GET",
  path: "/users/whoami",
  success: Schema.Struct({}),
  errors: ["Unauthorized"]
})

/**
 * Whether the current token is valid: `GET /users/whoami`.
 *
 * @since 0.1.0
 */
export const verifyToken = (api: ApiClient): Effect.Effect<void, Endpoint.Error<typeof whoami>> =>
  Effect.asVoid(Endpoint.call(api, whoami)())

/**
 * For operations any logged-in user may call: 403 `not authorized` can only mean that the token is
 * not valid.
 *
 * @since 0.1.0
 */
export const notAuthorizedIsBadToken: Classifier = (response) =>
  response.status === 403 && messageOf(response.json) === "not authorized"
    ? { tag: "Unauthorized", message: `not authorized: ${invalidToken}` }
    : undefined

/**
 * For the operations only a group's members may call: a `Forbidden` answer is checked against the
 * token, once. An invalid token turns it into `Unauthorized` (with the refused request's method, URL,
 * status and excerpt); a valid one keeps it `Forbidden`. If the check itself cannot answer (the
 * server fails, the network breaks), the server's `Forbidden` stands. Nothing else is touched, and
 * the check is never repeated beyond the retry policy of its one request.
 *
 * @since 0.1.0
 */
export const forbiddenOrBadToken =
  (api: ApiClient) => <A, E>(self: Effect.Effect<A, E | Forbidden>): Effect.Effect<A, E | Forbidden | Unauthorized> =>
    Effect.catchIf(self, isForbidden, (forbidden) =>
      Effect.matchEffect(verifyToken(api), {
        onFailure: (error) => Effect.fail(error._tag === "Unauthorized" ? badToken(forbidden) : forbidden),
        onSuccess: () => Effect.fail(forbidden)
      }))

/**
 * A member-only record as a traced call with the token check in its span.
 *
 * @since 0.1.0
 */
export const memberOnly = <E extends Endpoint.Any>(api: ApiClient, record: E) => {
  const run = Endpoint.untraced(api, record)
  const check = forbiddenOrBadToken(api)
  return (input: Endpoint.Input<E>): Effect.Effect<Endpoint.Success<E>, Endpoint.Error<E>> =>
    Traced.withSpan(record.name, record.compiled.spanOptions(input as Readonly<Record<string, unknown>>))(
      check(run(input)) as Effect.Effect<Endpoint.Success<E>, Endpoint.Error<E>>
    )
}

// The refused request's own context, so the error says what was refused, not how it was found out.
const badToken = (forbidden: Forbidden): Forbidden | Unauthorized =>
  new Unauthorized({
    message: `${forbidden.message}: ${invalidToken}`,
    method: forbidden.method,
    url: forbidden.url,
    status: forbidden.status,
    requestId: forbidden.requestId,
    excerpt: forbidden.excerpt
  })

const isForbidden = (error: unknown): error is Forbidden =>
  typeof error === "object" && error !== null && (error as { readonly _tag?: unknown })._tag === "Forbidden"
