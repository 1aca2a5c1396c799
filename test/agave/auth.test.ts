import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import * as AgaveAuth from "../../src/agave/AgaveAuth.js"
import type { TokenResponse } from "../../src/agave/records/Auth.js"
import { InvalidRequest, Unauthorized } from "../../src/core/Errors.js"
import type { RefreshingCredential, Token } from "../../src/core/RefreshingCredential.js"

/** A token endpoint in memory: single-use refresh tokens, one user, and every grant it saw. */
const tokenEndpoint = (options: { readonly expiresIn?: number; readonly delay?: Duration.DurationInput } = {}) => {
  const grants: Array<Record<string, string>> = []
  const live = new Set<string>()
  let issued = 0
  const call: AgaveAuth.TokenCall = (input) =>
    Effect.gen(function*() {
      const fields = Object.fromEntries(new URLSearchParams(Redacted.value(input.body.text)))
      grants.push(fields)
      if (options.delay !== undefined) yield* Effect.sleep(options.delay)
      const ok = fields["grant_type"] === "password"
        ? fields["username"] === "nryan" && fields["password"] === "correct horse"
        : fields["grant_type"] === "refresh_token" && live.delete(fields["refresh_token"] ?? "")
      if (!ok) {
        return yield* Effect.fail(
          new Unauthorized({ message: "invalid_grant: Provided Authorization Grant is invalid" })
        )
      }
      issued += 1
      live.add(`refresh-${issued}`)
      const answer: TokenResponse = {
        access_token: Redacted.make(`access-${issued}`),
        refresh_token: Redacted.make(`refresh-${issued}`),
        expires_in: options.expiresIn ?? 14400,
        token_type: "bearer"
      }
      return answer
    })
  return { call, grants, live, issued: () => issued }
}

const value = (credential: RefreshingCredential) => Effect.map(credential.current, (c) => Redacted.value(c.value))

const options: AgaveAuth.AgaveAuthOptions = {
  url: "https://agave.test",
  apiKey: Redacted.make("key"),
  apiSecret: Redacted.make("secret-of-the-client"),
  username: "nryan",
  password: Redacted.make("correct horse")
}

describe("AgaveAuth", () => {
  it.effect("reads AgavePy's environment variables, secrets Redacted", () =>
    Effect.gen(function*() {
      const read = yield* AgaveAuth.config.pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(
          new Map([
            ["TAPIS_BASE_URL", "https://api.tacc.utexas.edu"],
            ["TAPIS_TOKEN", "tok-123456789"],
            ["TAPIS_REFRESH_TOKEN", "ref-123456789"],
            ["TAPIS_API_KEY", "key-123"],
            ["TAPIS_API_SECRET", "sec-123456789"],
            ["TAPIS_USERNAME", "nryan"],
            ["TAPIS_PASSWORD", "pw-123456789"]
          ])
        ))
      )
      assert.strictEqual(read.url, "https://api.tacc.utexas.edu")
      assert.strictEqual(read.username, "nryan")
      for (const secret of [read.token, read.refreshToken, read.apiKey, read.apiSecret, read.password]) {
        assert.isTrue(secret !== undefined && Redacted.isRedacted(secret))
      }
      assert.strictEqual(Redacted.value(read.password!), "pw-123456789")
      assert.notInclude(JSON.stringify(read), "123456789")
      assert.notInclude(String(read.token), "123456789")
      const minimal = yield* AgaveAuth.config.pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["TAPIS_BASE_URL", "https://x"]])))
      )
      assert.deepStrictEqual(minimal, {
        url: "https://x",
        token: undefined,
        refreshToken: undefined,
        apiKey: undefined,
        apiSecret: undefined,
        username: undefined,
        password: undefined
      })
    }))

  it.effect("the password and refresh grants: form-encoded, scope PRODUCTION, expires_in as a lifetime", () =>
    Effect.gen(function*() {
      const server = tokenEndpoint()
      const client = AgaveAuth.tokenClient(server.call)
      const first = yield* client.password("nryan", Redacted.make("correct horse"))
      assert.deepStrictEqual(server.grants[0], {
        grant_type: "password",
        username: "nryan",
        password: "correct horse",
        scope: "PRODUCTION"
      })
      assert.strictEqual(Redacted.value(first.accessToken), "access-1")
      assert.isTrue(Duration.equals(Duration.decode(first.expiresIn!), Duration.hours(4)))
      const second = yield* client.refresh(first.refreshToken!)
      assert.deepStrictEqual(server.grants[1], {
        grant_type: "refresh_token",
        refresh_token: "refresh-1",
        scope: "PRODUCTION"
      })
      assert.strictEqual(Redacted.value(second.accessToken), "access-2")
      // Redeemed once: the same refresh token again is refused.
      const again = yield* Effect.flip(client.refresh(first.refreshToken!))
      assert.strictEqual(again._tag, "Unauthorized")
    }))

  it("expires_in: seconds as a number or a numeric string; anything else unknown", () => {
    assert.isTrue(Duration.equals(AgaveAuth.expiresIn(3600)!, Duration.hours(1)))
    assert.isTrue(Duration.equals(AgaveAuth.expiresIn("14400")!, Duration.hours(4)))
    for (const bad of [undefined, "soon", "", -5, 0, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.isUndefined(AgaveAuth.expiresIn(bad as any))
    }
  })

  it.effect("a password that cannot be encoded is refused before anything is sent", () =>
    Effect.gen(function*() {
      const server = tokenEndpoint()
      const error = yield* Effect.flip(AgaveAuth.tokenClient(server.call).password("nryan", Redacted.make("x\ud800y")))
      assert.instanceOf(error, InvalidRequest)
      assert.strictEqual(server.grants.length, 0)
    }))

  it("a bare token is sent as it is and says it cannot be refreshed, and what is missing", () => {
    const server = tokenEndpoint()
    const bare = AgaveAuth.credential(
      { url: "https://x", token: Redacted.make("tok") },
      AgaveAuth.tokenClient(server.call)
    )
    assert.strictEqual(bare.auth?._tag, "Bearer")
    assert.include(bare.cannotRefresh ?? "", "bare token")
    assert.include(bare.cannotRefresh ?? "", "TAPIS_API_KEY")
    assert.include(bare.cannotRefresh ?? "", "TAPIS_REFRESH_TOKEN")
    const keyOnly = AgaveAuth.whyNoRefresh({
      url: "x",
      token: Redacted.make("t"),
      apiKey: Redacted.make("k"),
      apiSecret: Redacted.make("s")
    })
    assert.notInclude(keyOnly ?? "", "TAPIS_API_KEY")
    assert.include(keyOnly ?? "", "TAPIS_USERNAME")
    assert.isUndefined(AgaveAuth.credential({ url: "https://x" }, AgaveAuth.tokenClient(server.call)).auth)
    assert.isUndefined(AgaveAuth.whyNoRefresh(options))
  })

  it("the token endpoint's own credential is HTTP Basic with the key and secret", () => {
    const auth = AgaveAuth.clientAuth(options)
    assert.strictEqual(auth?._tag, "Basic")
    assert.isUndefined(AgaveAuth.clientAuth({ url: "x", apiKey: Redacted.make("k") }))
  })

  it.effect("logs in on first use, persists every new pair with onToken, refreshes before expiry on the Clock", () =>
    Effect.gen(function*() {
      const server = tokenEndpoint({ expiresIn: 3600 })
      const seen: Array<Token> = []
      const { auth } = AgaveAuth.credential(
        { ...options, onToken: (token) => Effect.sync(() => seen.push(token)) },
        AgaveAuth.tokenClient(server.call)
      )
      const credential = auth as RefreshingCredential
      assert.strictEqual(credential._tag, "Refreshing")
      assert.strictEqual(yield* value(credential), "Bearer access-1")
      assert.strictEqual(server.grants[0]?.["grant_type"], "password")
      assert.strictEqual(yield* value(credential), "Bearer access-1")
      assert.strictEqual(server.grants.length, 1)
      // Within the last minute of its hour, the token is refreshed with the refresh token.
      yield* TestClock.adjust(Duration.sum(Duration.minutes(59), Duration.seconds(30)))
      assert.strictEqual(yield* value(credential), "Bearer access-2")
      assert.strictEqual(server.grants[1]?.["grant_type"], "refresh_token")
      assert.deepStrictEqual(seen.map((t) => Redacted.value(t.accessToken)), ["access-1", "access-2"])
      assert.strictEqual(Redacted.value(seen[1]!.refreshToken!), "refresh-2")
      const token = yield* credential.token
      assert.isTrue(Option.isSome(token))
    }))

  it.effect("64 concurrent rejections of the same token cause one refresh (a refresh token is redeemed once)", () =>
    Effect.gen(function*() {
      const server = tokenEndpoint({ delay: Duration.seconds(1) })
      server.live.add("initial-refresh")
      const { auth } = AgaveAuth.credential(
        { ...options, token: Redacted.make("expired"), refreshToken: Redacted.make("initial-refresh") },
        AgaveAuth.tokenClient(server.call)
      )
      const credential = auth as RefreshingCredential
      const sent = yield* credential.current
      const fiber = yield* Effect.fork(
        Effect.all(Array.from({ length: 64 }, () => credential.renew(sent)), { concurrency: "unbounded" })
      )
      yield* TestClock.adjust(Duration.seconds(2))
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(server.grants.map((g) => g["grant_type"]), ["refresh_token"])
      assert.strictEqual(server.grants[0]?.["refresh_token"], "initial-refresh")
      assert.strictEqual(yield* value(credential), "Bearer access-1")
    }))

  it.effect("a refused refresh token is replaced by a new login when a password is configured", () =>
    Effect.gen(function*() {
      const server = tokenEndpoint()
      const { auth } = AgaveAuth.credential(
        { ...options, token: Redacted.make("old"), refreshToken: Redacted.make("spent") },
        AgaveAuth.tokenClient(server.call)
      )
      const credential = auth as RefreshingCredential
      yield* credential.renew(yield* credential.current)
      assert.deepStrictEqual(server.grants.map((g) => g["grant_type"]), ["refresh_token", "password"])
      assert.strictEqual(yield* value(credential), "Bearer access-1")
    }))

  it.effect("without a password, a refused refresh token fails every waiting call with Unauthorized", () =>
    Effect.gen(function*() {
      const server = tokenEndpoint()
      const { auth } = AgaveAuth.credential(
        {
          url: "x",
          apiKey: Redacted.make("k"),
          apiSecret: Redacted.make("s"),
          token: Redacted.make("old"),
          refreshToken: Redacted.make("spent-refresh-token")
        },
        AgaveAuth.tokenClient(server.call)
      )
      const credential = auth as RefreshingCredential
      const error = yield* Effect.flip(credential.renew(yield* credential.current))
      assert.strictEqual(error.kind, "Unauthorized")
      assert.include(error.message, "invalid_grant")
      assert.notInclude(error.message, "spent-refresh-token")
    }))
})
