/**
 * The test-server kit: path templates and the router on them, the recording handler (limit, dropped
 * count, which bodies it keeps), and the three layers with their counters, in process and over a
 * socket.
 */
import { FetchHttpClient } from "@effect/platform"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import type { Handler } from "../../src/testkit/index.js"
import { PathMatch, recordExchanges, Router, TestServer } from "../../src/testkit/index.js"
import { waitFor } from "../helpers/polling.js"

describe("path templates", () => {
  it("one segment per parameter, decoded; multi-segment ones joined; literals exact", () => {
    const one = PathMatch.compile("/groups/{id}/members")
    assert.deepStrictEqual(one.match("/groups/a%20b%2Fc/members"), { id: "a b/c" })
    assert.isUndefined(one.match("/groups//members"))
    assert.isUndefined(one.match("/groups/a/b/members"))
    assert.isUndefined(one.match("/groups/%zz/members"))
    assert.isUndefined(one.match("/groups/a/members/"))
    const files = PathMatch.compile("/media/{systemId}/{filePath}", { multiSegment: ["filePath"] })
    assert.deepStrictEqual(files.match("/media/s1/dir/sub/file.txt"), { systemId: "s1", filePath: "dir/sub/file.txt" })
    assert.deepStrictEqual(files.match("/media/s1/%2e%2e/x"), { systemId: "s1", filePath: "../x" })
    assert.isUndefined(files.match("/media/s1/"))
    assert.isUndefined(files.match("/media/s1/dir//file"))
    assert.isUndefined(files.match("/media/s1/dir/"))
    const slash = PathMatch.compile("/apps/v2/")
    assert.deepStrictEqual(slash.match("/apps/v2/"), {})
    assert.isUndefined(slash.match("/apps/v2"))
    // Characters special to regular expressions are literal.
    assert.deepStrictEqual(PathMatch.compile("/a.b/{x}").match("/a.b/1"), { x: "1" })
    assert.isUndefined(PathMatch.compile("/a.b/{x}").match("/aXb/1"))
  })

  it.effect("the router: most specific route first, 404 and 405 with Allow, the base path, a throwing route", () =>
    Effect.promise(async () => {
      const handler = Router.make([
        Router.route("GET", "/apps/{appId}", ({ params }) => Response.json({ route: "app", ...params })),
        Router.route("GET", "/apps/name/{name}", ({ params }) => Response.json({ route: "name", ...params })),
        Router.route("DELETE", "/apps/{appId}", () => new Response(null, { status: 204 })),
        Router.route("GET", "/files/{path}", ({ params }) => Response.json(params)),
        Router.route("GET", "/boom", () => {
          throw new Error("bug")
        })
      ], { basePath: "/v2/", multiSegment: ["path"] })
      const send = async (method: string, path: string) => {
        const response = await handler(new Request(`http://x.test${path}`, { method }))
        return { status: response.status, allow: response.headers.get("allow"), body: await response.text() }
      }
      assert.deepStrictEqual(JSON.parse((await send("GET", "/v2/apps/name/head")).body), {
        route: "name",
        name: "head"
      })
      assert.deepStrictEqual(JSON.parse((await send("GET", "/v2/apps/head")).body), { route: "app", appId: "head" })
      assert.deepStrictEqual(JSON.parse((await send("GET", "/v2/files/a/b/c")).body), { path: "a/b/c" })
      assert.strictEqual((await send("DELETE", "/v2/apps/head")).status, 204)
      const refused = await send("PUT", "/v2/apps/head")
      assert.deepStrictEqual([refused.status, refused.allow], [405, "GET, DELETE"])
      assert.strictEqual((await send("GET", "/v2/nothing")).status, 404)
      assert.strictEqual((await send("GET", "/v2x/apps/head")).status, 404)
      assert.strictEqual((await send("GET", "/apps/head")).status, 404)
      assert.strictEqual((await send("GET", "/v2/boom")).status, 500)
    }))

  it.effect("the router takes another template compiler (the records' one, at merge)", () =>
    Effect.promise(async () => {
      const compiled: Array<string> = []
      const compile: PathMatch.CompileTemplate = (template, options) => {
        compiled.push(template)
        return PathMatch.compile(template, options)
      }
      const handler = Router.make([Router.route("GET", "/x/{id}", ({ params }) => Response.json(params))], { compile })
      assert.deepStrictEqual(await (await handler(new Request("http://x.test/x/1"))).json(), { id: "1" })
      assert.deepStrictEqual(compiled, ["/x/{id}"])
    }))
})

describe("the recording handler", () => {
  const echo: Handler = async (request) => {
    const type = request.headers.get("accept") ?? "application/json"
    const body = request.method === "GET" ? "{\"ok\":true}" : await request.text()
    return new Response(body, { status: request.method === "POST" ? 201 : 200, headers: { "content-type": type } })
  }

  it.effect("keeps `limit` exchanges, counts the dropped ones, records requests as they arrive", () =>
    Effect.promise(async () => {
      const recorder = recordExchanges(echo, { limit: 2, bodies: true })
      for (const n of [1, 2, 3]) {
        await recorder.handler(new Request(`http://x.test/items/${n}`, { method: "POST", body: `{"n":${n}}` }))
      }
      assert.strictEqual(recorder.dropped(), 1)
      assert.deepStrictEqual(recorder.exchanges().map((e) => [e.request.body, e.status, e.body]), [
        ["{\"n\":2}", 201, "{\"n\":2}"],
        ["{\"n\":3}", 201, "{\"n\":3}"]
      ])
      assert.deepStrictEqual(recorder.requests().map((r) => r.url), ["http://x.test/items/2", "http://x.test/items/3"])
    }))

  it.effect("textual bodies are recorded when asked; binary ones and oversized ones are said to be left out", () =>
    Effect.promise(async () => {
      const recorder = recordExchanges(echo, { bodies: true, maxBodyBytes: 16 })
      const post = (body: string, type: string) =>
        recorder.handler(
          new Request("http://x.test/", {
            method: "POST",
            body,
            headers: { "content-type": type, accept: type }
          })
        ).then((r) => r.text())
      // The server and the client still get every byte.
      assert.strictEqual(await post("name=a&x=1", "application/x-www-form-urlencoded"), "name=a&x=1")
      assert.strictEqual(await post("\u0000\u0001binary", "application/octet-stream"), "\u0000\u0001binary")
      assert.strictEqual(await post("x".repeat(100), "text/plain"), "x".repeat(100))
      const [form, binary, large] = recorder.exchanges()
      assert.deepStrictEqual([form!.request.body, form!.body], ["name=a&x=1", "name=a&x=1"])
      assert.deepStrictEqual([binary!.request.bodyOmitted, binary!.bodyOmitted, binary!.body], ["binary", "binary", ""])
      assert.deepStrictEqual([large!.request.bodyOmitted, large!.bodyOmitted], ["too large", "too large"])

      const off = recordExchanges(echo)
      await off.handler(new Request("http://x.test/", { method: "POST", body: "{}" }))
      await off.handler(new Request("http://x.test/"))
      const [posted, got] = off.exchanges()
      assert.deepStrictEqual([posted!.request.body, posted!.request.bodyOmitted, posted!.bodyOmitted], [
        undefined,
        "off",
        "off"
      ])
      assert.deepStrictEqual([got!.status, got!.contentType, got!.request.bodyOmitted], [
        200,
        "application/json",
        undefined
      ])
    }))
})

interface PingService extends TestServer.TestServerBase {
  readonly url: string
  readonly release: Deferred.Deferred<void>
}
class Ping extends Context.Tag("test/Ping")<Ping, PingService>() {}

// A server whose /hold answers once `release` is completed.
const makePing = Effect.map(Deferred.make<void>(), (release) => ({
  release,
  handler: Router.make([
    Router.route("GET", "/ping", () => Response.json("pong")),
    Router.route("GET", "/hold", () => Effect.runPromise(Deferred.await(release)).then(() => Response.json("done")))
  ])
}))
const ping = TestServer.layers(Ping, {
  inProcessOrigin: "http://ping.test",
  make: makePing,
  recording: { bodies: true },
  service: ({ release }, base) => ({ ...base, release, url: `${base.origin}/` })
})

class PingClient
  extends Context.Tag("test/PingClient")<PingClient, { readonly get: (path: string) => Effect.Effect<unknown> }>()
{}
const pingClient = (server: PingService) =>
  Layer.effect(
    PingClient,
    Effect.map(HttpClient.HttpClient, (client) => ({
      get: (path: string) =>
        client.get(new URL(path, server.url).href).pipe(Effect.flatMap((r) => r.json), Effect.orDie, Effect.scoped)
    }))
  )

const holdAll = (count: number) =>
  Effect.gen(function*() {
    const server = yield* Ping
    const client = yield* PingClient
    const fiber = yield* Effect.fork(
      Effect.all(Array.from({ length: count }, () => client.get("/hold")), { concurrency: "unbounded" })
    )
    const inFlight = yield* waitFor(server.inFlight, (n) => n === count)
    yield* Deferred.succeed(server.release, undefined)
    const answers = yield* Fiber.join(fiber)
    return { server, inFlight, answers, after: yield* waitFor(server.inFlight, (n) => n === 0) }
  })

describe("the three layers", () => {
  it.live("in process: the client reaches the server, which records and counts requests in flight", () =>
    Effect.gen(function*() {
      const { after, answers, inFlight, server } = yield* holdAll(8)
      assert.strictEqual(inFlight, 8)
      assert.strictEqual(after, 0)
      assert.deepStrictEqual(answers, Array(8).fill("done"))
      assert.strictEqual(server.origin, "http://ping.test")
      assert.strictEqual(server.openConnections(), 0)
      assert.strictEqual(server.exchanges().length, 8)
      assert.isTrue(server.exchanges().every((e) => e.status === 200 && e.body === "\"done\""))
    }).pipe(Effect.provide(ping.layerClient(pingClient))))

  it.live("on 127.0.0.1 at a free port: the same server over a socket, with open-socket counts", () =>
    Effect.gen(function*() {
      const { after, answers, inFlight, server } = yield* holdAll(4)
      assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/)
      assert.strictEqual(inFlight, 4)
      assert.strictEqual(after, 0)
      assert.deepStrictEqual(answers, Array(4).fill("done"))
      assert.isAbove(server.openConnections(), 0)
      assert.strictEqual(server.exchanges().length, 4)
    }).pipe(
      Effect.provide(Layer.unwrapEffect(Effect.map(Ping, pingClient)).pipe(Layer.provideMerge(ping.layerServer))),
      Effect.provide(FetchHttpClient.layer)
    ))

  it.live("each layer build is a fresh server", () =>
    Effect.gen(function*() {
      const first = yield* Effect.provide(
        Effect.zipRight(Effect.flatMap(PingClient, (c) => c.get("/ping")), Ping),
        ping.layerClient(pingClient)
      )
      const second = yield* Effect.provide(Ping, ping.layerClient(pingClient))
      assert.strictEqual(first.exchanges().length, 1)
      assert.strictEqual(second.exchanges().length, 0)
    }))
})
