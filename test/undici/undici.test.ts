/**
 * The lean undici transport over real sockets on 127.0.0.1: it carries requests and bodies both
 * ways, enforces the SDK's per-attempt deadline on its own timer (to the last byte, or to the
 * headers for streamed bodies), aborts on interruption, and follows no redirect.
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as ApiClient from "../../src/core/ApiClient.js"
import * as Retry from "../../src/core/Retry.js"
import * as TransportTimeout from "../../src/core/TransportTimeout.js"
import { Fault } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { injectFaults } from "../../src/testkit/faults/inject.js"
import type { Handler } from "../../src/testkit/http/Handler.js"
import { serve } from "../../src/testkit/http/serve.js"
import { syntheticApi } from "../../src/testkit/synthetic/SyntheticApi.js"
import { makeSyntheticClient } from "../../src/testkit/synthetic/SyntheticClient.js"
import * as UndiciHttpClient from "../../src/undici/UndiciHttpClient.js"
import { testConfig } from "../helpers/client.js"
import { activeTimers, waitFor } from "../helpers/polling.js"

const onUndici = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  self.pipe(Effect.scoped, Effect.provide(UndiciHttpClient.layer))

const faulty = (plan: FaultPlan.FaultPlan, total = 100) =>
  Effect.gen(function*() {
    const api = syntheticApi({ total })
    const faults = injectFaults(api.handler, plan)
    const server = yield* serve(faults.handler)
    return { api, faults, server }
  })

describe("UndiciHttpClient", () => {
  it.live("carries GETs and POSTs with their headers and bodies, decoded by the SDK", () =>
    onUndici(Effect.gen(function*() {
      const seen: Array<{ method: string; authorization: string | null; body: string }> = []
      const api = syntheticApi({ total: 10 })
      const handler: Handler = async (request) => {
        seen.push({
          method: request.method,
          authorization: request.headers.get("authorization"),
          body: await request.clone().text()
        })
        return api.handler(request)
      }
      const server = yield* serve(handler)
      const client = yield* makeSyntheticClient({ url: server.origin, token: Redacted.make("Bearer t0ken-0123456789") })
      assert.strictEqual((yield* client.get("item-4")).name, "Item number 4")
      assert.strictEqual((yield* client.create("made here")).name, "made here")
      assert.deepStrictEqual(seen.map((s) => s.method), ["GET", "POST"])
      assert.deepStrictEqual(seen.map((s) => s.authorization), ["Bearer t0ken-0123456789", "Bearer t0ken-0123456789"])
      assert.deepStrictEqual(JSON.parse(seen[1]!.body), { name: "made here" })
      assert.strictEqual((yield* Effect.flip(client.get("item-99")))._tag, "NotFound")
    })))

  it.live("sends a streamed request body", () =>
    onUndici(Effect.gen(function*() {
      let received = ""
      const server = yield* serve(async (request) => {
        received = await request.text()
        return Response.json({ ok: true })
      })
      const client = yield* ApiClient.make(testConfig({ baseUrl: server.origin }))
      const chunks = Stream.make("part one, ", "part two").pipe(Stream.encodeText)
      const result = yield* client.execute({
        method: "POST",
        path: ["upload"],
        requestBody: HttpBody.stream(chunks, "text/plain"),
        success: Schema.Struct({ ok: Schema.Boolean }),
        errors: []
      })
      assert.isTrue(result.ok)
      assert.strictEqual(received, "part one, part two")
    })))

  it.live("enforces the deadline itself: stalled headers and stalled bodies end in RequestTimeout", () =>
    onUndici(Effect.gen(function*() {
      const { server } = yield* faulty(FaultPlan.sequence([Fault.SlowHeaders({}), Fault.StalledBody()]))
      const before = activeTimers()
      const client = yield* makeSyntheticClient({ url: server.origin, timeout: "300 millis", retry: Retry.noRetries })
      assert.isTrue(TransportTimeout.isEnforcing(yield* HttpClient.HttpClient))
      for (let i = 0; i < 2; i++) {
        const started = Date.now()
        const error = yield* Effect.flip(client.get("item-1"))
        assert.strictEqual(error._tag, "RequestTimeout")
        assert.isBelow(Date.now() - started, 5_000)
      }
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
      assert.isAtMost(yield* waitFor(activeTimers, (n) => n <= before, 5), before)
      assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
      assert.strictEqual((yield* client.get("item-2")).index, 2)
    })))

  it.live("a client derived from it loses the mark and gets the SDK's race instead, with the same result", () =>
    Effect.gen(function*() {
      const { server } = yield* faulty(FaultPlan.sequence([Fault.SlowHeaders({})]))
      const derived = HttpClient.mapRequest(yield* HttpClient.HttpClient, (request) => request)
      assert.isFalse(TransportTimeout.isEnforcing(derived))
      const client = yield* makeSyntheticClient({ url: server.origin, timeout: "300 millis", retry: Retry.noRetries })
        .pipe(Effect.provideService(HttpClient.HttpClient, derived))
      assert.strictEqual((yield* Effect.flip(client.get("item-1")))._tag, "RequestTimeout")
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
    }).pipe(onUndici))

  it.live("a deadline handed to a client that does not enforce one is not its business: the request is sent as is", () =>
    Effect.gen(function*() {
      // The answer comes 100 ms after the request: well past the deadline, had it been kept.
      const { server } = yield* faulty(FaultPlan.sequence([Fault.SlowHeaders({ millis: 100 })]))
      const derived = HttpClient.mapRequest(yield* HttpClient.HttpClient, (request) => request)
      const response = yield* TransportTimeout.executeWithin(
        derived,
        HttpClientRequest.get(`${server.origin}/items/item-3`),
        { millis: 10, includesBody: true }
      )
      assert.strictEqual(response.status, 200)
      assert.strictEqual(((yield* response.json) as { readonly index: number }).index, 3)
      assert.strictEqual(UndiciHttpClient.armedDeadlines(), 0)
    }).pipe(onUndici))

  it.live("a streamed body may take longer than the timeout while it keeps arriving", () =>
    onUndici(Effect.gen(function*() {
      const server = yield* serve(() =>
        Promise.resolve(
          new Response(
            Stream.toReadableStream(
              Stream.range(1, 8).pipe(
                Stream.schedule(Schedule.spaced("60 millis")),
                Stream.map((n) => new Uint8Array([n]))
              )
            ),
            { status: 200 }
          )
        )
      )
      const client = yield* ApiClient.make(testConfig({ baseUrl: server.origin, timeout: "200 millis" }))
      const bytes = yield* Stream.runCollect(client.stream({ method: "GET", path: ["slow"], errors: [] }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(bytes).flatMap((chunk) => [...chunk]), [1, 2, 3, 4, 5, 6, 7, 8])
    })))

  it.live("resets are TransportErrors, retried for GETs and not for POSTs", () =>
    onUndici(Effect.gen(function*() {
      const { api, server } = yield* faulty(
        FaultPlan.sequence([Fault.ResetAfterRequest(), undefined, Fault.ResetAfterRequest()])
      )
      const client = yield* makeSyntheticClient({
        url: server.origin,
        retry: Retry.policy({ baseDelay: "1 millis", jitter: false })
      })
      assert.strictEqual((yield* client.get("item-3")).index, 3)
      const failed = yield* Effect.flip(client.create("x"))
      // The GET used one reset; the POST met the second and was not sent again.
      assert.strictEqual(failed._tag, "TransportError")
      assert.strictEqual(api.created(), 1)
    })))

  it.live("follows no redirect: a 3xx is InvalidResponse naming the Location", () =>
    onUndici(Effect.gen(function*() {
      const server = yield* serve(() =>
        Promise.resolve(new Response(null, { status: 307, headers: { location: "http://elsewhere.test/x" } }))
      )
      const client = yield* makeSyntheticClient({ url: server.origin })
      const error = yield* Effect.flip(client.get("item-1"))
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.match(error.message, /elsewhere\.test/)
    })))

  it.live("interrupting 200 calls in flight aborts them at the server", () =>
    onUndici(Effect.gen(function*() {
      const { server } = yield* faulty(FaultPlan.sequence([Fault.SlowHeaders({})], { repeat: true }))
      const client = yield* makeSyntheticClient({ url: server.origin })
      const outcomes = yield* Effect.forEach(
        Array.from(
          { length: 200 },
          (_, i) => client.get(`item-${i}`).pipe(Effect.timeout("500 millis"), Effect.either)
        ),
        (call) => call,
        { concurrency: "unbounded" }
      )
      assert.isTrue(outcomes.every((outcome) => outcome._tag === "Left"))
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
      assert.strictEqual(yield* waitFor(server.openConnections, (n) => n === 0, 5), 0)
    })), 30_000)

  it.live("a huge body is refused at the limit and its connection freed", () =>
    onUndici(Effect.gen(function*() {
      const { server } = yield* faulty(
        FaultPlan.sequence([
          Fault.HugeBody({ bytes: 100 * 1024 * 1024 }),
          Fault.HugeBody({ bytes: 100 * 1024 * 1024, declareLength: true })
        ])
      )
      const client = yield* makeSyntheticClient({ url: server.origin, maxResponseBytes: 1024 * 1024 })
      for (let i = 0; i < 2; i++) {
        const error = yield* Effect.flip(client.get("item-1"))
        assert.strictEqual(error._tag, "InvalidResponse")
        if (error._tag === "InvalidResponse") assert.strictEqual(error.reason, "BodyTooLarge")
      }
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
      assert.strictEqual((yield* client.get("item-5")).index, 5)
    })))

  it.live("answers without a body (204, a Void result) leave no deadline timer behind", () =>
    onUndici(Effect.gen(function*() {
      const server = yield* serve((request) =>
        Promise.resolve(
          new Response(null, {
            status: request.method === "PATCH" ? 204 : 200,
            headers: { "content-type": "application/json" }
          })
        )
      )
      const client = yield* ApiClient.make(testConfig({ baseUrl: server.origin, timeout: "30 seconds" }))
      for (let i = 0; i < 5; i++) {
        yield* client.execute({
          method: "PATCH",
          path: ["things", `t${i}`],
          body: { n: i },
          success: Schema.Struct({ id: Schema.String }),
          onNoContent: () => ({ id: "none" }),
          errors: []
        })
        yield* client.execute({ method: "DELETE", path: ["things", `t${i}`], success: Schema.Void, errors: [] })
      }
      assert.strictEqual(yield* waitFor(UndiciHttpClient.armedDeadlines, (n) => n === 0, 5), 0)
      assert.strictEqual(yield* waitFor(server.inFlight, (n) => n === 0, 5), 0)
    })))

  it.live("sends a FormData body as multipart with its boundary", () =>
    onUndici(Effect.gen(function*() {
      let seen: { type: string | null; field: FormDataEntryValue | null } = { type: null, field: null }
      const server = yield* serve(async (request) => {
        const type = request.headers.get("content-type")
        seen = { type, field: (await request.formData()).get("greeting") }
        return Response.json({ ok: true })
      })
      const form = new FormData()
      form.set("greeting", "hello")
      const client = yield* ApiClient.make(testConfig({ baseUrl: server.origin }))
      yield* client.execute({
        method: "POST",
        path: ["forms"],
        requestBody: HttpBody.formData(form),
        success: Schema.Struct({ ok: Schema.Boolean }),
        errors: []
      })
      assert.match(seen.type ?? "", /^multipart\/form-data; boundary=/)
      assert.strictEqual(seen.field, "hello")
    })))

  it.live("sends URLs as a URL parser would: dot segments resolved, unicode encoded, credentials refused", () =>
    onUndici(Effect.gen(function*() {
      const paths: Array<string> = []
      const server = yield* serve((request) => {
        paths.push(new URL(request.url).pathname)
        return Promise.resolve(Response.json({ ok: true }))
      })
      const Ok = Schema.Struct({ ok: Schema.Boolean })
      const get = (baseUrl: string) =>
        Effect.flatMap(
          ApiClient.make(testConfig({ baseUrl, retry: Retry.noRetries })),
          (client) => client.execute({ method: "GET", path: ["x"], success: Ok, errors: [] })
        )
      yield* get(`${server.origin}/a/../b`)
      yield* get(`${server.origin}/a/%2e%2e/c`)
      yield* get(`${server.origin}/ü`)
      assert.deepStrictEqual(paths, ["/b/x", "/c/x", "/%C3%BC/x"])
      const refused = yield* Effect.flip(get(server.origin.replace("http://", "http://user:pw@")))
      assert.strictEqual(refused._tag, "TransportError")
      assert.match(refused.message, /invalid URL/)
      assert.strictEqual(paths.length, 3)
    })))
})
