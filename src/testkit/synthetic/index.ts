/**
 * A neutral paged JSON API for reliability tests and benchmarks.
 *
 * @since 0.1.0
 */
/**
 * A minimal JSON API with an offset-paged listing of any size, generated on demand.
 *
 * @since 0.1.0
 */
export * from "./SyntheticApi.js"
/**
 * The SDK's client for the {@link syntheticApi}.
 *
 * @since 0.1.0
 */
export * from "./SyntheticClient.js"
