/**
 * Which request gets which fault: by a fixed sequence, by probability with a seed, or per route.
 *
 * @since 0.1.0
 */
import type { Fault } from "./Fault.js"
import { seeded } from "./Seeded.js"

/**
 * Chooses a fault for each request, or none to let it through. Plans count the requests they are
 * asked about, so a plan is made for one run and replays identically when made again.
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultPlan {
  readonly choose: (request: Request) => Fault | undefined
}

/**
 * Lets every request through.
 *
 * @since 0.1.0
 * @category constructors
 */
export const none: FaultPlan = { choose: () => undefined }

/**
 * The n-th request gets the n-th entry (`undefined` lets it through); once the entries are used up,
 * requests pass, or the sequence starts over with `repeat`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Fault, FaultPlan } from "effect-research-sdk/testkit"
 * // the first request is declined, the second reset after the server handled it, the rest pass
 * const plan = FaultPlan.sequence([Fault.Status({ status: 503 }), Fault.ResetAfterRequest()])
 * ```
 */
export const sequence = (
  faults: ReadonlyArray<Fault | undefined>,
  options: { readonly repeat?: boolean } = {}
): FaultPlan => {
  let index = 0
  return {
    choose: () => {
      if (faults.length === 0) return undefined
      if (index >= faults.length && options.repeat !== true) return undefined
      return faults[index++ % faults.length]
    }
  }
}

/**
 * Each request gets a fault with the given probability, drawn uniformly from `faults`; the same
 * seed gives the same choices for the same order of requests.
 *
 * @since 0.1.0
 * @category constructors
 */
export const random = (options: {
  readonly seed: number
  readonly probability: number
  readonly faults: ReadonlyArray<Fault>
}): FaultPlan => {
  const next = seeded(options.seed)
  return {
    choose: () => {
      const draw = next()
      const pick = next()
      if (draw >= options.probability || options.faults.length === 0) return undefined
      return options.faults[Math.floor(pick * options.faults.length)]
    }
  }
}

/**
 * Which requests a {@link route} applies to: a method and a path, matched against the URL's
 * pathname (a string matches as a prefix).
 *
 * @since 0.1.0
 * @category models
 */
export interface RouteMatch {
  readonly method?: string | undefined
  readonly path?: string | RegExp | undefined
}

/**
 * Applies `plan` to the matching requests only; the others pass and do not advance it.
 *
 * @since 0.1.0
 * @category combinators
 */
export const route = (match: RouteMatch, plan: FaultPlan): FaultPlan => ({
  choose: (request) => {
    if (match.method !== undefined && request.method !== match.method.toUpperCase()) return undefined
    if (match.path !== undefined) {
      const pathname = new URL(request.url).pathname
      const matches = typeof match.path === "string" ? pathname.startsWith(match.path) : match.path.test(pathname)
      if (!matches) return undefined
    }
    return plan.choose(request)
  }
})

/**
 * The first fault any plan chooses. Every plan is asked about every request, so each keeps its own
 * count whatever the others choose.
 *
 * @since 0.1.0
 * @category combinators
 */
export const firstOf = (...plans: ReadonlyArray<FaultPlan>): FaultPlan => ({
  choose: (request) => {
    let chosen: Fault | undefined
    for (const plan of plans) {
      const fault = plan.choose(request)
      if (chosen === undefined) chosen = fault
    }
    return chosen
  }
})
