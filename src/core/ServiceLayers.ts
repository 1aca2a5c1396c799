/**
 * The three layers every platform service offers, built one way for all of them.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import type * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * How a platform builds its client (connection) layer.
 *
 * @since 0.1.0
 */
export interface ClientLayers<Client, Options> {
  readonly layer: (options: Options) => Layer.Layer<Client, never, HttpClient.HttpClient>
  readonly layerConfig: (
    config?: Config.Config<Options>
  ) => Layer.Layer<Client, ConfigError.ConfigError, HttpClient.HttpClient>
}

/**
 * A service's layers: on the client in context (`Default`), with its own client (`layer`), or with
 * its own client read from configuration (`layerConfig`).
 *
 * @since 0.1.0
 */
export interface ServiceLayers<Id, Client, Options> {
  readonly Default: Layer.Layer<Id, never, Client>
  readonly layer: (options: Options) => Layer.Layer<Id, never, HttpClient.HttpClient>
  readonly layerConfig: (
    config?: Config.Config<Options>
  ) => Layer.Layer<Id, ConfigError.ConfigError, HttpClient.HttpClient>
}

/**
 * Builds {@link ServiceLayers} for a service tag and its constructor.
 *
 * @since 0.1.0
 */
export const serviceLayers = <Id, Service, Client, Options>(
  tag: Context.Tag<Id, Service>,
  make: Effect.Effect<Service, never, Client>,
  client: ClientLayers<Client, Options>
): ServiceLayers<Id, Client, Options> => {
  const Default = Layer.effect(tag, make)
  return {
    Default,
    layer: (options) => Layer.provide(Default, client.layer(options)),
    layerConfig: (config) => Layer.provide(Default, client.layerConfig(config))
  }
}
