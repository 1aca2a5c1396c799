/**
 * The connection to one flowserv server: base URL, token, retry policy and timeout, built by the
 * core's connection factory. Every flowserv service runs its requests through it.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import type * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type * as Stream from "effect/Stream"
import * as Connection from "../core/Connection.js"
import * as Credentials from "../core/Credentials.js"
import { classifier } from "./FlowservErrors.js"

/**
 * How to reach a flowserv server (with the options every connection has: retry, timeout, body
 * limit, in-flight bound, download limits).
 *
 * @since 0.1.0
 * @category models
 */
export interface FlowservClientOptions extends Connection.ConnectionOptions {
  /** The API root, e.g. `http://localhost:5000/flowserv/api/v1`. */
  readonly url: string
  /** The access token sent with every call, unless a region says otherwise ({@link withToken}). */
  readonly token?: Redacted.Redacted<string> | undefined
  /** Header carrying the token. flowserv reads `api_key`; Werkzeug ≥ 2.3 and some proxies drop
   *  names with `_`, where `api-key` reaches the same server. */
  readonly tokenHeader?: string | undefined
}

/**
 * Runs an effect or a stream with every flowserv call in it authenticated by `token`: the core's
 * `Credentials.withToken("flowserv", token)`.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Groups, Users, withToken } from "effect-research-sdk/flowserv"
 * const asAlice = Effect.gen(function*() {
 *   const alice = yield* (yield* Users).login("alice", "secret")
 *   return yield* (yield* Groups).listPage().pipe(withToken(alice.token))
 * })
 * ```
 */
export const withToken: {
  (token: Redacted.Redacted<string>): <Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(
    self: Self
  ) => Self
  <Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(
    self: Self,
    token: Redacted.Redacted<string>
  ): Self
} = dual(
  2,
  <Self extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(
    self: Self,
    token: Redacted.Redacted<string>
  ): Self => Credentials.withToken(self, "flowserv", token)
)

/**
 * The flowserv connection service.
 *
 * @since 0.1.0
 * @category models
 */
export type FlowservClientService = Connection.Connection<FlowservClientOptions>

/**
 * The configuration `layerConfig` reads by default: `FLOWSERV_URL` and, optionally, `FLOWSERV_TOKEN`
 * (and the `FLOWSERV_TIMEOUT`, `FLOWSERV_MAX_RESPONSE_BYTES`, `FLOWSERV_MAX_ATTEMPTS` every connection
 * reads). A token that could not be sent as a header (a line break, a control character, a character
 * outside Latin-1, surrounding whitespace) is a `ConfigError` when the layer is built.
 *
 * @since 0.1.0
 * @category config
 */
export const defaultConfig: Config.Config<FlowservClientOptions> = Connection.config("FLOWSERV", {
  token: Credentials.sendableConfig("FLOWSERV_TOKEN").pipe(Config.option, Config.map(Option.getOrUndefined))
})

/**
 * The connection to a flowserv server. Requires an `HttpClient` (bring `FetchHttpClient.layer`,
 * an undici-based one, or the testkit's in-memory server).
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, Redacted } from "effect"
 * import { FlowservClient } from "effect-research-sdk/flowserv"
 * const Live = FlowservClient.layer({ url: "http://localhost:5000/flowserv/api/v1" }).pipe(
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * ```
 */
export class FlowservClient extends Connection.Tag<FlowservClient, FlowservClientOptions>()(
  "effect-research-sdk/flowserv/FlowservClient",
  {
    classifier,
    credentials: (options) => {
      const header = options.tokenHeader ?? "api_key"
      const auth = Credentials.forPlatform({
        platform: "flowserv",
        auth: options.token === undefined ? undefined : Credentials.header(header, options.token),
        token: (token) => Credentials.header(header, token),
        headers: ["api_key", "api-key"]
      })
      // A flowserv token cannot be renewed: a rejected one ends the call as the server said.
      return { credentials: auth.credentials, headers: auth.credentialHeaders }
    },
    config: defaultConfig
  }
) {}
