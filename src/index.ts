/**
 * The shared core of effect-research-sdk: errors, retries, paging and the request pipeline that
 * every platform is built on. Platforms live in their own entry points
 * (`effect-research-sdk/flowserv`, …); the in-memory test servers in `effect-research-sdk/testkit`;
 * Node.js file helpers in `effect-research-sdk/node`. This entry point and the platforms' use no
 * Node.js module.
 *
 * @since 0.1.0
 */
export * as ApiClient from "./core/ApiClient.js"
export * as AuthorizationParameters from "./core/AuthorizationParameters.js"
export * as Classify from "./core/Classify.js"
export * as Credentials from "./core/Credentials.js"
export * as DownloadLimits from "./core/DownloadLimits.js"
export * from "./core/Errors.js"
export * from "./core/FileError.js"
export * as Form from "./core/Form.js"
export * as HeaderValues from "./core/HeaderValues.js"
export * as Multipart from "./core/Multipart.js"
export * as Numbers from "./core/Numbers.js"
export * as Paging from "./core/Paging.js"
export * as RefreshingCredential from "./core/RefreshingCredential.js"
export * as RequestOptions from "./core/RequestOptions.js"
export * as Retry from "./core/Retry.js"
export * as ServiceLayers from "./core/ServiceLayers.js"
export * as Url from "./core/Url.js"
