/**
 * The shared core of effect-research-sdk: errors, retries, paging and the request pipeline that
 * every platform is built on. Platforms live in their own entry points
 * (`effect-research-sdk/flowserv`, …); the in-memory test servers in `effect-research-sdk/testkit`;
 * Node.js file helpers in `effect-research-sdk/node`. This entry point and the platforms' use no
 * Node.js module.
 *
 * @since 0.1.0
 */
/**
 * The request pipeline every platform client is built on.
 *
 * @since 0.1.0
 */
export * as ApiClient from "./core/ApiClient.js"
/**
 * What a server asks of the caller before it accepts a request again (scopes, identities, policies, MFA).
 *
 * @since 0.1.0
 */
export * as AuthorizationParameters from "./core/AuthorizationParameters.js"
/**
 * Turning an unsuccessful HTTP response into one of the SDK's errors.
 *
 * @since 0.1.0
 */
export * as Classify from "./core/Classify.js"
/**
 * One connection factory for every platform: base URL, retry, timeout, limits, credentials, envelope, layers.
 *
 * @since 0.1.0
 */
export * as Connection from "./core/Connection.js"
/**
 * One credential model for every platform: bearer, named header, Basic, the platform's token, refreshing.
 *
 * @since 0.1.0
 */
export * as Credentials from "./core/Credentials.js"
/**
 * Bounds on a streamed download's body: a stall limit, a minimum rate, an optional total deadline.
 *
 * @since 0.1.0
 */
export * as DownloadLimits from "./core/DownloadLimits.js"
/**
 * Operations as data: one record per API call, its input type and error union derived from it.
 *
 * @since 0.1.0
 */
export * as Endpoint from "./core/Endpoint.js"
/**
 * Response envelopes a platform may wrap its answers in (Agave's `status`/`message`/`result`).
 *
 * @since 0.1.0
 */
export * as Envelope from "./core/Envelope.js"
/**
 * The SDK's error model.
 *
 * @since 0.1.0
 */
export * from "./core/Errors.js"
/**
 * The error of local file access.
 *
 * @since 0.1.0
 */
export * from "./core/FileError.js"
/**
 * `application/x-www-form-urlencoded` bodies, their secrets Redacted, checked before sending.
 *
 * @since 0.1.0
 */
export * as Form from "./core/Form.js"
/**
 * What can be sent in an HTTP header: the checks applied to every header set from a caller's input.
 *
 * @since 0.1.0
 */
export * as HeaderValues from "./core/HeaderValues.js"
/**
 * `multipart/form-data` request bodies built by the SDK itself, so that a file part can be a stream
 * that is never held in memory whole (a `FormData` needs its files as `Blob`s).
 *
 * @since 0.1.0
 */
export * as Multipart from "./core/Multipart.js"
/**
 * Schemas for the numbers a response counts with: totals, positions, sizes.
 *
 * @since 0.1.0
 */
export * as Numbers from "./core/Numbers.js"
/**
 * Listings as streams over pages.
 *
 * @since 0.1.0
 */
export * as Paging from "./core/Paging.js"
/**
 * A credential that renews itself, single-flight, once per call, proactively before expiry.
 *
 * @since 0.1.0
 */
export * as RefreshingCredential from "./core/RefreshingCredential.js"
/**
 * Typed path templates (`/groups/{groupId}`, multi-segment `{filePath+}`, optional `{filePath*}`), compiled once.
 *
 * @since 0.1.0
 */
export * as PathTemplate from "./core/PathTemplate.js"
/**
 * Typed query parameters and their encodings (comma lists, booleans, integers).
 *
 * @since 0.1.0
 */
export * as Query from "./core/Query.js"
/**
 * Per-call overrides of a client's retry policy and timeout, scoped to a region of code.
 *
 * @since 0.1.0
 */
export * as RequestOptions from "./core/RequestOptions.js"
/**
 * When and how the SDK repeats a request.
 *
 * @since 0.1.0
 */
export * as Retry from "./core/Retry.js"
/**
 * The three layers every platform service offers, built one way for all of them.
 *
 * @since 0.1.0
 */
export * as ServiceLayers from "./core/ServiceLayers.js"
/**
 * The in-flight bound's semaphore: Effect's `Semaphore`, first come first served, cheap per use.
 *
 * @since 0.1.0
 */
export * as Slots from "./core/Slots.js"
/**
 * Hand-written operations traced like records, their span's stack trace captured where they are
 * defined rather than on every call; spans that do not keep the answer.
 *
 * @since 0.1.0
 */
export * as Traced from "./core/Traced.js"
/**
 * Building request URLs so that no caller-supplied value can leave its path segment.
 *
 * @since 0.1.0
 */
export * as Url from "./core/Url.js"
/**
 * Struct fields as servers send them (`null` for absent, a default, a wire name), decoded by the SDK
 * without a field transformation.
 *
 * @since 0.1.0
 */
export * as WireFields from "./core/WireFields.js"
