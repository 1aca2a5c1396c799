/** The synthetic API behind a fault plan, and the SDK's client for it, in process. */
import * as Effect from "effect/Effect"
import * as Retry from "../../src/core/Retry.js"
import type { FaultPlan } from "../../src/testkit/faults/FaultPlan.js"
import { injectFaults } from "../../src/testkit/faults/inject.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import type { SyntheticClientOptions } from "../../src/testkit/synthetic/SyntheticClient.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"

/** Short, un-jittered backoff, so retries under the live clock stay fast and repeatable. */
export const quickRetries = Retry.policy({ jitter: false, baseDelay: "1 millis", maxDelay: "4 millis" })

export const faultySynthetic = (
  plan: FaultPlan,
  options: { readonly total?: number; readonly client?: Partial<SyntheticClientOptions> } = {}
) =>
  Effect.gen(function*() {
    const api = syntheticApi({ total: options.total ?? 100 })
    const faults = injectFaults(api.handler, plan)
    const client = yield* makeSyntheticClient({ url: "http://synthetic.test", retry: quickRetries, ...options.client })
      .pipe(Effect.provide(layerHttpClient(faults.handler)))
    return { api, faults, client }
  })
