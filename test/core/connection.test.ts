/**
 * The connection factory: options over platform defaults over the core's, credentials read on every
 * call, `layer` and `layerConfig` (secrets `Redacted` from the moment they are read), and `with`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Connection from "../../src/core/Connection.js"
import * as Envelope from "../../src/core/Envelope.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { fromConnection, Synthetic, SyntheticConnection } from "../../src/testkit/synthetic/SyntheticClient.js"
import { fakeHttp, json } from "../helpers/fakeHttp.js"

interface TestOptions extends Connection.ConnectionOptions {
  readonly token?: Redacted.Redacted<string> | undefined
}

// The token a region of code sets, over the options' one: the kind of hook a credential model plugs in.
const currentToken = Effect.runSync(Ref.make<Redacted.Redacted<string> | undefined>(undefined))

class TestConnection extends Connection.Tag<TestConnection, TestOptions>()("test/TestConnection", {
  classifier: () => undefined,
  envelope: Envelope.agave,
  credentials: (options) => ({
    credentials: Effect.map(Ref.get(currentToken), (token) => {
      const value = token ?? options.token
      return value === undefined ? [] : [{ header: "X-Api-Key", value }]
    }),
    headers: ["X-Api-Key"]
  }),
  defaults: { timeout: "10 seconds", retry: { maxAttempts: 2 } },
  extras: () => ({ headers: { accept: "application/vnd.test+json" } }),
  config: Connection.config("TEST", { token: Connection.optionalSecret("TEST_TOKEN") })
}) {}

const fromEnv = (env: Record<string, string>) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

describe("Connection.Tag", () => {
  it.effect("puts options over the platform's defaults over the core's", () => {
    const fake = fakeHttp(() => json(200, {}))
    return Effect.gen(function*() {
      const plain = (yield* TestConnection.make({ url: "http://api.test" })).api.config
      assert.strictEqual(plain.baseUrl, "http://api.test")
      assert.strictEqual(Duration.toMillis(plain.timeout), 10_000)
      assert.strictEqual(plain.maxResponseBytes, 32 * 1024 * 1024)
      assert.strictEqual(plain.retry.maxAttempts, 2)
      assert.strictEqual(plain.retry.jitter, true)
      assert.deepStrictEqual(plain.credentialHeaders, ["x-api-key"])
      assert.strictEqual(plain.envelope, Envelope.agave)
      assert.deepStrictEqual(plain.headers, { accept: "application/vnd.test+json" })
      const tuned = (yield* TestConnection.make({
        url: "http://api.test",
        timeout: "1 second",
        maxResponseBytes: 1000,
        retry: { baseDelay: "1 millis" }
      })).api.config
      assert.strictEqual(Duration.toMillis(tuned.timeout), 1000)
      assert.strictEqual(tuned.maxResponseBytes, 1000)
      assert.strictEqual(tuned.retry.maxAttempts, 2)
      assert.strictEqual(Duration.toMillis(tuned.retry.baseDelay), 1)
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("reads the credentials on every call", () => {
    const fake = fakeHttp(() => json(200, { status: "success", result: {} }))
    return Effect.gen(function*() {
      const connection = yield* TestConnection.make({ url: "http://api.test", token: Redacted.make("default") })
      const call = connection.api.execute({ method: "GET", path: ["x"], success: Schema.Struct({}), errors: [] })
      yield* call
      yield* Ref.set(currentToken, Redacted.make("switched"))
      yield* call
      yield* Ref.set(currentToken, undefined)
      assert.deepStrictEqual(fake.seen.map((seen) => seen.headers["x-api-key"]), ["default", "switched"])
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("with: the same connection with some options changed", () => {
    const fake = fakeHttp(() => json(200, {}))
    return Effect.gen(function*() {
      const connection = yield* TestConnection.make({ url: "http://api.test", timeout: "3 seconds" })
      const other = connection.with({ url: "http://other.test" })
      assert.strictEqual(other.options.url, "http://other.test")
      assert.strictEqual(Duration.toMillis(other.api.config.timeout), 3000)
      assert.strictEqual(connection.options.url, "http://api.test")
    }).pipe(Effect.provide(fake.layer))
  })

  it.effect("layer provides the service under its tag", () => {
    const fake = fakeHttp(() => json(200, {}))
    return Effect.gen(function*() {
      const connection = yield* TestConnection
      assert.strictEqual(connection.options.url, "http://layer.test")
    }).pipe(Effect.provide(TestConnection.layer({ url: "http://layer.test" }).pipe(Layer.provide(fake.layer))))
  })

  it.effect("layerConfig reads the environment, the secret as Redacted", () => {
    const fake = fakeHttp(() => json(200, {}))
    return Effect.gen(function*() {
      const { api, options } = yield* TestConnection
      assert.strictEqual(options.url, "http://env.test")
      assert.isTrue(Redacted.isRedacted(options.token))
      assert.strictEqual(Redacted.value(options.token!), "from-env")
      assert.notInclude(JSON.stringify(options), "from-env")
      assert.strictEqual(Duration.toMillis(api.config.timeout), 2000)
      assert.strictEqual(api.config.retry.maxAttempts, 1)
      assert.strictEqual(api.config.maxResponseBytes, 4096)
    }).pipe(
      Effect.provide(
        TestConnection.layerConfig().pipe(
          Layer.provide(fake.layer),
          Layer.provide(
            fromEnv({
              TEST_URL: "http://env.test",
              TEST_TOKEN: "from-env",
              TEST_TIMEOUT: "2 seconds",
              TEST_MAX_ATTEMPTS: "1",
              TEST_MAX_RESPONSE_BYTES: "4096"
            })
          )
        )
      )
    )
  })

  it.effect("layerConfig fails with a ConfigError for a missing URL or a malformed value", () =>
    Effect.gen(function*() {
      const layer = (env: Record<string, string>) =>
        TestConnection.layerConfig().pipe(
          Layer.provide(fakeHttp(() => json(200, {})).layer),
          Layer.provide(fromEnv(env))
        )
      const missing = yield* Effect.flip(Effect.provide(TestConnection, layer({ TEST_TOKEN: "t" })))
      assert.include(String(missing), "TEST_URL")
      const malformed = yield* Effect.flip(
        Effect.provide(TestConnection, layer({ TEST_URL: "http://x", TEST_MAX_ATTEMPTS: "many" }))
      )
      assert.include(String(malformed), "TEST_MAX_ATTEMPTS")
    }))

  it.effect("the synthetic API's connection, configured from the environment, runs its records", () => {
    const api = syntheticApi({ total: 5 })
    return Effect.gen(function*() {
      const client = fromConnection(yield* SyntheticConnection)
      assert.strictEqual((yield* client.get("item-3")).name, "Item number 3")
    }).pipe(
      Effect.provide(
        SyntheticConnection.layerConfig().pipe(
          Layer.provide(layerHttpClient(api.handler)),
          Layer.provide(fromEnv({ SYNTHETIC_URL: "http://synthetic.test" }))
        )
      )
    )
  })

  it.effect("a service's three layers take the connection tag as they are", () => {
    const api = syntheticApi({ total: 5 })
    const http = layerHttpClient(api.handler)
    const get = Effect.flatMap(Synthetic, (client) => client.get("item-2"))
    return Effect.gen(function*() {
      const viaDefault = yield* get.pipe(
        Effect.provide(Synthetic.Default.pipe(Layer.provide(SyntheticConnection.layer({ url: "http://s.test" }))))
      )
      const viaLayer = yield* get.pipe(Effect.provide(Synthetic.layer({ url: "http://s.test" })))
      const viaConfig = yield* get.pipe(
        Effect.provide(Synthetic.layerConfig().pipe(Layer.provide(fromEnv({ SYNTHETIC_URL: "http://s.test" }))))
      )
      assert.deepStrictEqual([viaDefault.index, viaLayer.index, viaConfig.index], [2, 2, 2])
    }).pipe(Effect.provide(http))
  })
})
