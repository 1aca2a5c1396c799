/** A core ApiClient on a fake transport, with a deterministic retry policy for TestClock tests. */
import * as Effect from "effect/Effect"
import type { ApiClientConfig } from "../../src/core/ApiClient.js"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Retry from "../../src/core/Retry.js"

export const testConfig = (overrides: Partial<ApiClientConfig> = {}): ApiClientConfig => ({
  baseUrl: "http://api.test/v1",
  retry: Retry.policy({ jitter: false, baseDelay: "100 millis" }),
  timeout: "5 seconds",
  maxResponseBytes: 1024 * 1024,
  classifier: () => undefined,
  credentials: Effect.succeed([]),
  credentialHeaders: [],
  ...overrides
})

export const makeClient = (overrides: Partial<ApiClientConfig> = {}) => ApiClient.make(testConfig(overrides))
