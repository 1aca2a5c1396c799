/**
 * A neutral paged JSON API for reliability tests and benchmarks.
 *
 * @since 0.1.0
 */
export * from "./SyntheticApi.js"
export * from "./SyntheticClient.js"
