/**
 * The SDK's error model: every failure of every platform is one of these tagged errors.
 *
 * Each carries what a person needs to understand it — the HTTP method, the URL (never with
 * credentials), the status, the platform's request id and a short, scrubbed excerpt of the body —
 * and serialises through Schema, so errors can cross process boundaries.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { AuthorizationParameters } from "./AuthorizationParameters.js"

/**
 * Fields every error carries. Only `message` is always present: errors raised by the SDK's own
 * validation happen before any request is sent. In every error the pipeline hands out, each text
 * field is scrubbed of the call's secrets and bounded (`message` ≤ 1,000 characters, `code` ≤ 100,
 * `requestId` ≤ 200), and each number is finite, so every error survives JSON through {@link SdkError}.
 *
 * @since 0.1.0
 */
export const HttpContextFields = {
  message: Schema.String,
  method: Schema.optional(Schema.String),
  url: Schema.optional(Schema.String),
  status: Schema.optional(Schema.Number),
  requestId: Schema.optional(Schema.String),
  excerpt: Schema.optional(Schema.String),
  /** The platform's machine-readable reason, when its error body names one: SCIM's `scimType`
   *  (`invalidFilter`, `uniqueness`, `mutability`, …). */
  code: Schema.optional(Schema.String)
}

/**
 * The HTTP context of an error, as a plain object.
 *
 * @since 0.1.0
 */
export type HttpContext = Schema.Struct.Constructor<typeof HttpContextFields>

/**
 * Missing, invalid or expired credentials, or bad login credentials. When the server said what it
 * takes to be let in (Globus: scopes to consent to, identities, policies, MFA), that is in
 * `authorizationParameters`; when a credential could not be refreshed, the message says why.
 *
 * @since 0.1.0
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>("effect-research-sdk/Unauthorized")(
  "Unauthorized",
  {
    ...HttpContextFields,
    authorizationParameters: Schema.optional(AuthorizationParameters)
  }
) {}

/**
 * Authenticated, but not allowed to do this.
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("effect-research-sdk/Forbidden")(
  "Forbidden",
  HttpContextFields
) {}

/**
 * The resource does not exist. `resource` and `id` say which, when the platform tells.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>("effect-research-sdk/NotFound")("NotFound", {
  ...HttpContextFields,
  resource: Schema.optional(Schema.String),
  id: Schema.optional(Schema.String)
}) {}

/**
 * A duplicate: the name or key is already taken.
 *
 * @since 0.1.0
 * @category errors
 */
export class Conflict extends Schema.TaggedError<Conflict>("effect-research-sdk/Conflict")(
  "Conflict",
  HttpContextFields
) {}

/**
 * The input was refused: by the server (`origin: "server"`, with its message), or by the SDK's own
 * validation before anything was sent (`origin: "client"`).
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>("effect-research-sdk/InvalidRequest")(
  "InvalidRequest",
  {
    ...HttpContextFields,
    origin: Schema.Literal("server", "client")
  }
) {}

/**
 * The server kept answering 429 until the retry policy gave up.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>("effect-research-sdk/RateLimited")("RateLimited", {
  ...HttpContextFields,
  attempts: Schema.Number,
  retryAfterMillis: Schema.optional(Schema.Number)
}) {}

/**
 * The server failed (5xx) and the retry policy gave up, or the request was not safe to repeat.
 *
 * @since 0.1.0
 * @category errors
 */
export class ServerError extends Schema.TaggedError<ServerError>("effect-research-sdk/ServerError")("ServerError", {
  ...HttpContextFields,
  attempts: Schema.Number
}) {}

/**
 * The request could not be sent or its response not received: connection refused or reset,
 * DNS failure, a broken body stream.
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError extends Schema.TaggedError<TransportError>("effect-research-sdk/TransportError")(
  "TransportError",
  {
    ...HttpContextFields,
    attempts: Schema.Number
  }
) {}

/**
 * No complete response within the configured per-request timeout.
 *
 * @since 0.1.0
 * @category errors
 */
export class RequestTimeout extends Schema.TaggedError<RequestTimeout>("effect-research-sdk/RequestTimeout")(
  "RequestTimeout",
  {
    ...HttpContextFields,
    attempts: Schema.Number,
    timeoutMillis: Schema.Number
  }
) {}

/**
 * Why a response could not be understood.
 *
 * @since 0.1.0
 */
export const InvalidResponseReason = Schema.Literal(
  "MalformedBody",
  "SchemaMismatch",
  "BodyTooLarge",
  "UnexpectedStatus",
  "NoProgress"
)

/**
 * A response the SDK could not understand: not JSON (an HTML error page, a truncated body), a shape
 * that does not match the schema (`reason: "SchemaMismatch"`, with the decode issue summarised in the
 * message), a body over the size limit, a status the operation's contract does not allow, or a listing page
 * that brings nothing new (`reason: "NoProgress"`: the server repeats pages or cursors).
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidResponse extends Schema.TaggedError<InvalidResponse>("effect-research-sdk/InvalidResponse")(
  "InvalidResponse",
  {
    ...HttpContextFields,
    reason: InvalidResponseReason
  }
) {}

/**
 * Errors that say something about the caller's request or the resource.
 *
 * @since 0.1.0
 */
export type DomainError = Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest

/**
 * Errors any call can end in, whatever it does: the network, the server's health, the response.
 *
 * @since 0.1.0
 */
export type InfraError = RateLimited | ServerError | TransportError | RequestTimeout | InvalidResponse

/**
 * Every error the SDK can produce.
 *
 * @since 0.1.0
 */
export type SdkError = DomainError | InfraError

/**
 * The tag of a domain error.
 *
 * @since 0.1.0
 */
export type DomainTag = DomainError["_tag"]

/**
 * The domain error classes whose tags are `T`.
 *
 * @since 0.1.0
 */
export type DomainErrorOf<T extends DomainTag> = Extract<DomainError, { readonly _tag: T }>

/**
 * Schema of every SDK error, for serialising them (e.g. across RPC or worker boundaries).
 *
 * @since 0.1.0
 */
export const SdkError: Schema.Union<
  [
    typeof Unauthorized,
    typeof Forbidden,
    typeof NotFound,
    typeof Conflict,
    typeof InvalidRequest,
    typeof RateLimited,
    typeof ServerError,
    typeof TransportError,
    typeof RequestTimeout,
    typeof InvalidResponse
  ]
> = Schema.Union(
  Unauthorized,
  Forbidden,
  NotFound,
  Conflict,
  InvalidRequest,
  RateLimited,
  ServerError,
  TransportError,
  RequestTimeout,
  InvalidResponse
)

/**
 * Refuses input before sending it. Used by every platform's validation.
 *
 * @since 0.1.0
 */
export const invalidInput = (message: string): InvalidRequest => new InvalidRequest({ message, origin: "client" })
