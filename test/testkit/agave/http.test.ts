/**
 * The Agave test server over HTTP (in process): the envelope, the gateway's faults, the token
 * endpoint, uploads, listings, streamed downloads, jobs on the Clock, `naked` and `filter`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { AgaveTestServer } from "../../../src/testkit/agave/AgaveTestServer.js"
import { demoClient, demoUsers } from "../../../src/testkit/agave/Tenant.js"

const origin = "http://agave.test"

const send = (
  method: string,
  path: string,
  init: { readonly token?: string; readonly body?: BodyInit; readonly headers?: Record<string, string> } = {}
) =>
  Effect.flatMap(AgaveTestServer, (server) =>
    Effect.promise(() =>
      server.handler(
        new Request(origin + path, {
          method,
          headers: { ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }), ...init.headers },
          ...(init.body === undefined ? {} : { body: init.body })
        })
      )
    ))

const json = (response: Response) => Effect.promise(() => response.json() as Promise<any>)

const login = Effect.gen(function*() {
  const response = yield* send("POST", "/token", {
    headers: {
      authorization: `Basic ${btoa(`${demoClient.key}:${demoClient.secret}`)}`,
      "content-type": "application/x-www-form-urlencoded"
    },
    body: new URLSearchParams({
      grant_type: "password",
      username: "nryan",
      password: demoUsers[0]!.password,
      scope: "PRODUCTION"
    }).toString()
  })
  assert.strictEqual(response.status, 200)
  const body = yield* json(response)
  assert.notProperty(body, "status")
  return body as { access_token: string; refresh_token: string; expires_in: number }
})

describe("Agave test server over HTTP", () => {
  it.effect("the token endpoint answers plain OAuth JSON; calls answer the envelope; an expired token the gateway's fault", () =>
    Effect.gen(function*() {
      const token = yield* login
      const me = yield* send("GET", "/profiles/v2/me", { token: token.access_token })
      assert.strictEqual(me.status, 200)
      const body = yield* json(me)
      assert.deepInclude(body, { status: "success", message: null })
      assert.strictEqual(body.result.username, "nryan")
      assert.strictEqual(body.result.first_name, "Nolan")
      yield* TestClock.adjust(Duration.seconds(token.expires_in))
      const expired = yield* send("GET", "/profiles/v2/me", { token: token.access_token })
      assert.strictEqual(expired.status, 401)
      assert.deepStrictEqual((yield* json(expired)).fault.message, "Access Token Expired")
      const none = yield* send("GET", "/profiles/v2/me")
      assert.strictEqual((yield* json(none)).fault.code, 900902)
      const bad = yield* send("POST", "/token", { body: "grant_type=password" })
      assert.strictEqual(bad.status, 401)
      assert.strictEqual((yield* json(bad)).error, "invalid_client")
    }).pipe(Effect.provide(AgaveTestServer.layer())))

  it.effect("refusals are error envelopes; unknown routes too", () =>
    Effect.gen(function*() {
      const { access_token } = yield* login
      const missing = yield* send("GET", "/jobs/v2/123", { token: access_token })
      assert.strictEqual(missing.status, 404)
      assert.deepStrictEqual(yield* json(missing), {
        status: "error",
        message: "No job found with job id 123",
        version: "2.2.27-test",
        result: null
      })
      const malformed = yield* send("POST", "/jobs/v2/", {
        token: access_token,
        body: "{not json",
        headers: { "content-type": "application/json" }
      })
      assert.strictEqual(malformed.status, 400)
      assert.strictEqual((yield* json(malformed)).status, "error")
      const nowhere = yield* send("GET", "/nowhere/v2", { token: access_token })
      assert.strictEqual(nowhere.status, 404)
      assert.strictEqual((yield* json(nowhere)).status, "error")
    }).pipe(Effect.provide(AgaveTestServer.layer())))

  it.effect("upload (multipart, 202), listing with `.`, absolute paths, a streamed download", () =>
    Effect.gen(function*() {
      const { access_token } = yield* login
      const form = new FormData()
      form.append("fileName", "data.txt")
      form.append("fileToUpload", new Blob(["x".repeat(200_000)]), "local.txt")
      const uploaded = yield* send("POST", "/files/v2/media/system/data.agave.test/nryan", {
        token: access_token,
        body: form
      })
      assert.strictEqual(uploaded.status, 202)
      assert.strictEqual((yield* json(uploaded)).result.status, "STAGING_QUEUED")
      const listing = yield* json(
        yield* send("GET", "/files/v2/listings/system/data.agave.test//home/nryan?limit=10", { token: access_token })
      )
      assert.deepStrictEqual(listing.result.map((entry: { name: string }) => entry.name), [".", "data.txt"])
      const download = yield* send("GET", "/files/v2/media/nryan/data.txt", { token: access_token })
      assert.strictEqual(download.status, 200)
      assert.strictEqual(download.headers.get("content-type"), "application/octet-stream")
      const reader = download.body!.getReader()
      let chunks = 0
      let bytes = 0
      for (let i = 0; i < 100; i++) {
        const { done, value } = yield* Effect.promise(() => reader.read())
        if (done) break
        chunks++
        bytes += value.length
      }
      assert.strictEqual(bytes, 200_000)
      assert.isAbove(chunks, 1)
    }).pipe(Effect.provide(AgaveTestServer.layer())))

  it.effect("a job submitted over HTTP runs on the Clock; naked and filter as the servers read them", () =>
    Effect.gen(function*() {
      const { access_token } = yield* login
      const form = new FormData()
      form.append("fileToUpload", new Blob(["a b\n"]), "in.txt")
      yield* send("POST", "/files/v2/media/nryan", { token: access_token, body: form })
      const submitted = yield* send("POST", "/jobs/v2/", {
        token: access_token,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: "n",
          appId: "wc-1.00",
          inputs: { query1: "agave://data.agave.test/nryan/in.txt" }
        })
      })
      assert.strictEqual(submitted.status, 201)
      const id = (yield* json(submitted)).result.id as string
      yield* TestClock.adjust(Duration.seconds(60))
      const naked = yield* json(yield* send("GET", `/jobs/v2/${id}/status?naked=true`, { token: access_token }))
      assert.deepStrictEqual(naked.status, "FINISHED")
      const filtered = yield* json(
        yield* send("GET", `/jobs/v2/?filter=id,status,_links.archiveData`, { token: access_token })
      )
      assert.deepStrictEqual(filtered.result, [{
        id,
        status: "FINISHED",
        _links: { archiveData: { href: `https://agave.test/jobs/v2/${id}/outputs/listings` } }
      }])
      const outputs = yield* json(yield* send("GET", `/jobs/v2/${id}/outputs/listings/`, { token: access_token }))
      assert.include(outputs.result.map((entry: { name: string }) => entry.name), "output.txt")
      const output = yield* send("GET", `/jobs/v2/${id}/outputs/media/output.txt`, { token: access_token })
      assert.strictEqual(yield* Effect.promise(() => output.text()), "1 2 4 in.txt\n")
      const history = yield* json(
        yield* send("GET", `/jobs/v2/${id}/history?limit=3&offset=1`, { token: access_token })
      )
      assert.deepStrictEqual(history.result.map((event: { status: string }) => event.status), [
        "PROCESSING_INPUTS",
        "STAGING_INPUTS",
        "STAGED"
      ])
    }).pipe(Effect.provide(AgaveTestServer.layer())))

  it.effect("tenant discovery answers without a token", () =>
    Effect.gen(function*() {
      const tenants = yield* json(yield* send("GET", "/tenants"))
      assert.deepInclude(tenants.result[0], { code: "agave.test", baseUrl: "https://agave.test/" })
    }).pipe(Effect.provide(AgaveTestServer.layer())))
})
