/**
 * Acting as a logged-in user for a whole program: a layer that logs in once and hands the token
 * to every flowserv service built on it.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import type { InfraError, InvalidRequest, Unauthorized } from "../core/Errors.js"
import * as Traced from "../core/Traced.js"
import { FlowservClient } from "./FlowservClient.js"
import { Users } from "./Users.js"

/**
 * Who to log in as.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly username: string
  readonly password: Redacted.Redacted<string>
}

/**
 * The credentials `layerLoginConfig` reads by default: `FLOWSERV_USERNAME` and `FLOWSERV_PASSWORD`.
 *
 * @since 0.1.0
 * @category config
 */
export const defaultCredentialsConfig: Config.Config<Credentials> = Config.all({
  username: Config.string("FLOWSERV_USERNAME"),
  password: Config.redacted("FLOWSERV_PASSWORD")
})

/**
 * Replaces the `FlowservClient` in context with one whose default token is the one obtained by
 * logging in. Services built on it act as that user. It does not log out when released: flowserv
 * hands the same token to every concurrent login of a user, so a logout would end other sessions.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, Redacted } from "effect"
 * import { FlowservClient, Groups, layerLogin } from "effect-research-sdk/flowserv"
 * const AsAlice = Groups.Default.pipe(
 *   Layer.provide(layerLogin({ username: "alice", password: Redacted.make("secret") })),
 *   Layer.provide(FlowservClient.layer({ url: "http://localhost:5000/flowserv/api/v1" })),
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * ```
 */
export const layerLogin = (
  credentials: Credentials
): Layer.Layer<FlowservClient, Unauthorized | InvalidRequest | InfraError, FlowservClient> =>
  Layer.effect(
    FlowservClient,
    Effect.gen(function*() {
      const client = yield* FlowservClient
      const users = yield* Users.make
      const user = yield* users.login(credentials.username, credentials.password)
      return client.with({ token: user.token })
    }).pipe(Traced.withSpan("flowserv.Session.login"))
  )

/**
 * {@link layerLogin} with credentials read from configuration.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerLoginConfig = (
  config: Config.Config<Credentials> = defaultCredentialsConfig
): Layer.Layer<
  FlowservClient,
  Unauthorized | InvalidRequest | InfraError | ConfigError.ConfigError,
  FlowservClient
> => Layer.unwrapEffect(Effect.map(config, layerLogin))
