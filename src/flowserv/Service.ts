/**
 * The flowserv service descriptor: which server this is and who the caller is.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Endpoint from "../core/Endpoint.js"
import { serviceLayers } from "../core/ServiceLayers.js"
import { FlowservClient } from "./FlowservClient.js"
import type { ServiceDescriptor } from "./schemas/ServiceDescriptor.js"
import * as Schemas from "./schemas/ServiceDescriptor.js"

/**
 * The service descriptor's operation, as a record.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const ServiceEndpoints = {
  /** The route is the API root itself, with its trailing slash (without it the server redirects). */
  describe: Endpoint.make({
    name: "flowserv.Service.describe",
    method: "GET",
    path: "/",
    success: Schemas.ServiceDescriptor,
    errors: ["InvalidRequest"]
  })
}

/**
 * The service operations.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServiceApi {
  /** Name, version, configured URL and route patterns of the server; `username` is set when the
   *  token is valid (an invalid token is not an error here). */
  readonly describe: () => Effect.Effect<ServiceDescriptor, Endpoint.Error<typeof ServiceEndpoints.describe>>
}

const make: Effect.Effect<ServiceApi, never, FlowservClient> = Effect.map(
  FlowservClient,
  (connection) => Endpoint.service(connection, ServiceEndpoints)
)

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
