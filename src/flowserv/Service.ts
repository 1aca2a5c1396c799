/**
 * The flowserv service descriptor: which server this is and who the caller is.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type { InfraError, InvalidRequest } from "../core/Errors.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import { FlowservClient } from "./FlowservClient.js"
import type { ServiceDescriptor } from "./schemas/ServiceDescriptor.js"
import * as Schemas from "./schemas/ServiceDescriptor.js"

/**
 * The service operations.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServiceApi {
  /** Name, version, configured URL and route patterns of the server; `username` is set when the
   *  token is valid (an invalid token is not an error here). */
  readonly describe: () => Effect.Effect<ServiceDescriptor, InvalidRequest | InfraError>
}

const make: Effect.Effect<ServiceApi, never, FlowservClient> = Effect.gen(function*() {
  const { api } = yield* FlowservClient
  const describe = Effect.fn("flowserv.Service.describe")(function*() {
    // The route is the API root itself, with its trailing slash (without it the server redirects).
    return yield* api.execute({ method: "GET", path: [], success: Schemas.ServiceDescriptor, errors: [] })
  })
  return { describe }
})

/**
 * The flowserv service descriptor.
 *
 * @since 0.1.0
 * @category services
 */
export class Service extends Context.Tag("effect-research-sdk/flowserv/Service")<Service, ServiceApi>() {
  /** @since 0.1.0 */
  static readonly make = make
  static readonly #layers = serviceLayers(Service, make, FlowservClient)
  /** On the `FlowservClient` in context. @since 0.1.0 */
  static readonly Default = Service.#layers.Default
  /** With its own connection. @since 0.1.0 */
  static readonly layer = Service.#layers.layer
  /** With its own connection, configured from `FLOWSERV_URL` / `FLOWSERV_TOKEN`. @since 0.1.0 */
  static readonly layerConfig = Service.#layers.layerConfig
}
