/**
 * Every error the pipeline hands out is scrubbed of every form of every secret, in every text field,
 * bounded in size, with finite numbers, and survives JSON through the SdkError schema.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { Buffer } from "node:buffer"
import * as Util from "node:util"
import { SdkError, Unauthorized } from "../../src/core/Errors.js"
import { boundedText, sanitize, textLimits } from "../../src/core/Sanitize.js"
import { scrub, withheld } from "../../src/core/Secrets.js"
import { encodings, leakIn } from "../helpers/leaks.js"

const token = "tok_9f8e+7d6c/5b4a=3210 é~!*'()"
const secrets = [Redacted.make(token)]

const leaks = leakIn
const base64Holds = (text: string, value: string) => leakIn(text, value) !== undefined

describe("Secrets.scrub", () => {
  it("removes every encoding of a secret", () => {
    for (const [name, form] of encodings(token)) {
      const text = `the server says: ${form} (${name})`
      const scrubbed = scrub(text, secrets)
      assert.isUndefined(leaks(scrubbed, token), name)
      assert.include(scrubbed, "<redacted>", name)
    }
  })

  it("removes a secret base64-encoded inside a longer text, at every byte offset", () => {
    for (const prefix of ["", "x", "xy", "xyz", "{\"token\":\""]) {
      for (const suffix of ["", "!", "\"}"]) {
        const encoded = Buffer.from(prefix + token + suffix).toString("base64")
        for (const form of [encoded, Buffer.from(prefix + token + suffix).toString("base64url")]) {
          const scrubbed = scrub(`Location: https://evil.test/?state=${form}`, secrets)
          assert.isFalse(base64Holds(scrubbed, token), `${JSON.stringify(prefix)} + token + ${JSON.stringify(suffix)}`)
        }
      }
    }
  })

  it("withholds a whole text holding any form of a short secret", () => {
    const short = [Redacted.make("hunter2!")]
    assert.strictEqual(scrub("unknown user hunter2!", short), withheld)
    assert.strictEqual(scrub(`echo ${Buffer.from("hunter2!").toString("base64")}`, short), withheld)
    assert.strictEqual(scrub(`echo ${encodeURIComponent("hunter2!")}x`, short), withheld)
    assert.strictEqual(scrub("nothing to see", short), "nothing to see")
  })

  it("leaves ordinary text alone", () => {
    const text = "group 'team-a' exists; see https://flowserv.test/api/groups?name=team%20a"
    assert.strictEqual(scrub(text, secrets), text)
  })
})

describe("boundedText", () => {
  it("cuts a 900 KB text to the limit, ellipsis included", () => {
    const text = boundedText("x".repeat(900_000), 1_000, secrets)
    assert.strictEqual(text.length, 1_000)
    assert.isTrue(text.endsWith("…"))
  })

  it("marks a cut text with an ellipsis, with or without secrets", () => {
    for (const length of [1_000, 1_001, 1_010, 5_000]) {
      const text = boundedText("x".repeat(length), 1_000, [])
      assert.strictEqual(text, length <= 1_000 ? "x".repeat(length) : "x".repeat(999) + "…", String(length))
    }
  })

  it("keeps no part of a secret that straddles the cut", () => {
    const longToken = "sk-live-0123456789abcdefghijklmnopqrstuvwxyz"
    for (let at = 980; at < 1_000; at++) {
      const text = boundedText("y".repeat(at) + longToken + "y".repeat(2_000), 1_000, [Redacted.make(longToken)])
      assert.notInclude(text, longToken.slice(0, 8), `secret at ${at}`)
    }
  })
})

// An instance of every SDK error class with every text field holding the token, and every number
// field an infinity.
const literals: Record<string, string> = { reason: "SchemaMismatch", origin: "server" }
const numbers = new Set(["status", "attempts", "retryAfterMillis", "timeoutMillis"])
const hostileErrors = () =>
  SdkError.members.map((member) => {
    const props: Record<string, unknown> = {}
    for (const key of Object.keys(member.fields)) {
      if (key === "_tag") continue
      const hostile = `${key}: ${"z".repeat(300)} ${token} ${Buffer.from(token).toString("base64url")}`
      if (key === "authorizationParameters") {
        props[key] = { sessionMessage: hostile.slice(0, 1024), requiredScopes: [hostile.slice(0, 1024)] }
        continue
      }
      props[key] = literals[key] ?? (numbers.has(key)
        ? Number.POSITIVE_INFINITY
        : `${key}: ${"z".repeat(key === "message" ? 900_000 : 300)} ${token} ${
          Buffer.from(token).toString("base64url")
        } ${encodeURIComponent(token)}`)
    }
    return new (member as unknown as new(props: Record<string, unknown>) => SdkError)(props)
  })

describe("sanitize", () => {
  it("scrubs every text field of every error class, bounds it, and makes every number finite", () => {
    const errors = hostileErrors()
    assert.strictEqual(errors.length, 10)
    for (const hostile of errors) {
      const clean = sanitize(hostile, secrets)
      assert.strictEqual(clean._tag, hostile._tag)
      for (
        const text of [JSON.stringify(clean), Util.inspect(clean, { depth: 10 }), String(clean), clean.stack ?? ""]
      ) {
        assert.isUndefined(leaks(text, token), `${clean._tag}: ${text.slice(0, 200)}`)
      }
      for (const [key, value] of Object.entries({ ...clean, message: clean.message })) {
        if (typeof value === "object" && value !== null) {
          assert.isUndefined(leaks(JSON.stringify(value), token), `${clean._tag}.${key}`)
        }
        if (typeof value === "string") {
          const limit = (textLimits as Record<string, number>)[key] ?? textLimits.default
          assert.isAtMost(value.length, limit, `${clean._tag}.${key}`)
        }
        if (typeof value === "number") assert.isTrue(Number.isFinite(value), `${clean._tag}.${key}`)
      }
      assert.isAtMost(clean.message.length, 1_000)
    }
  })

  it("round-trips through JSON with the SdkError schema", () => {
    for (const hostile of hostileErrors()) {
      const clean = sanitize(hostile, secrets)
      const json = JSON.stringify(Schema.encodeSync(SdkError)(clean))
      const decoded = Schema.decodeUnknownSync(SdkError)(JSON.parse(json))
      assert.deepStrictEqual({ ...decoded, message: decoded.message }, { ...clean, message: clean.message })
    }
  })

  it("returns the same error when nothing needs to change", () => {
    const error = new Unauthorized({ message: "fine", status: 401, url: "https://api.test/x" })
    assert.strictEqual(sanitize(error, secrets), error)
  })
})
