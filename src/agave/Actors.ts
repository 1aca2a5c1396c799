/**
 * The actors service (Abaco): register actors, send them messages, follow their executions
 * (`watchExecution`, `awaitExecution`), read their logs and results, share them with permissions,
 * nonces and aliases, and search its databases.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import type * as Stream from "effect/Stream"
import * as Credentials from "../core/Credentials.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import { AgaveConnection } from "./AgaveConnection.js"
import { calls } from "./AgaveService.js"
import type { PollOptions } from "./ExecutionWaiting.js"
import * as ExecutionWaiting from "./ExecutionWaiting.js"
import { ActorExtraRecords, ActorRecords } from "./records/Actors.js"

/**
 * Runs an effect or a stream with every Agave call in it authenticated by an actor's nonce — the
 * `x-nonce` query parameter — instead of the connection's token: what someone given a nonce (and no
 * token) calls the actor with. Only the actor the nonce belongs to, at its level, accepts it; each
 * call spends one of its uses. The nonce is `Redacted`: added to each request's URL as it is sent,
 * never to the URL shown in spans and errors.
 *
 * @since 0.1.0
 * @category nonces
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { AgaveActors, withNonce } from "effect-research-sdk/agave"
 * const run = Effect.gen(function*() {
 *   const actors = yield* AgaveActors
 *   return yield* actors.sendMessage({ actorId: "6PlMbDLa4zlON", body: { message: "hello" } })
 * }).pipe(withNonce(Redacted.make("TACC-PROD_4b1f9Zq0xK7mQp2")))
 * ```
 */
export const withNonce =
  (nonce: Redacted.Redacted<string>) =>
  <Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(self: Self): Self =>
    Credentials.withAuth(self, "agave", Credentials.query("x-nonce", nonce))

const make = Effect.gen(function*() {
  const connection = yield* AgaveConnection
  const actors = calls(connection, ActorRecords)
  const extra = calls(connection, ActorExtraRecords)
  const getExecution = (actorId: string, executionId: string) => actors.getExecution({ actorId, executionId })
  return {
    ...actors,
    ...extra,
    /** The execution each time its status changes (SUBMITTED, RUNNING, …), until COMPLETE or ERROR. */
    watchExecution: (actorId: string, executionId: string, options?: PollOptions) =>
      ExecutionWaiting.watch(actorId, executionId, getExecution, options),
    /** Polls the execution until it is COMPLETE or ERROR, and returns it. */
    awaitExecution: (actorId: string, executionId: string, options?: PollOptions) =>
      ExecutionWaiting.await_(actorId, executionId, getExecution, options),
    /** {@link withNonce}: calls in the effect or stream authenticated by the nonce instead of the token. */
    withNonce
  }
})

/**
 * The actors service: every operation of AgavePy's `actors` (`list` and `getSearch` as streams, with
 * `…Page` for one page; `getOneExecutionResult` streams the bytes of one result), the typed searches
 * `searchActors`, `searchExecutions`, `searchWorkers`, and `watchExecution`, `awaitExecution`,
 * `withNonce`.
 *
 * @since 0.1.0
 * @category services
 */
export class AgaveActors extends Context.Tag("effect-research-sdk/agave/AgaveActors")<
  AgaveActors,
  Effect.Effect.Success<typeof make>
>() {
  static readonly #layers = serviceLayers(AgaveActors, make, AgaveConnection)
  /**
   * On the connection in context.
   *
   * @since 0.1.0
   */
  static readonly Default = AgaveActors.#layers.Default
  /**
   * With its own connection.
   *
   * @since 0.1.0
   */
  static readonly layer = AgaveActors.#layers.layer
  /**
   * Configured from AgavePy's environment variables.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = AgaveActors.#layers.layerConfig
}
