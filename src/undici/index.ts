/**
 * A lean undici-based `HttpClient` for Node. Requires the `undici` package.
 *
 * @since 0.1.0
 */
/**
 * A lean `HttpClient` on undici's `request`, for Node.
 *
 * @since 0.1.0
 */
export * as UndiciHttpClient from "./UndiciHttpClient.js"
