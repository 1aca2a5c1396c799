/** The fault kit itself: which request gets which fault, reproducibly, and what each fault does. */
import { assert, describe, it } from "@effect/vitest"
import { Fault } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { connectionReset, injectFaults } from "../../src/testkit/faults/inject.js"

const get = (path: string, method = "GET") => new Request(`http://faults.test${path}`, { method })
const ok = () => Promise.resolve(Response.json({ ok: true, padding: "x".repeat(40) }))
const draw = (plan: FaultPlan.FaultPlan, n: number, path = "/items") =>
  Array.from({ length: n }, () => plan.choose(get(path))?._tag ?? "-")

describe("fault plans", () => {
  it("a sequence gives the n-th request the n-th fault, then lets requests through", () => {
    const plan = FaultPlan.sequence([Fault.Status({ status: 503 }), undefined, Fault.ResetAfterRequest()])
    assert.deepStrictEqual(draw(plan, 5), ["Status", "-", "ResetAfterRequest", "-", "-"])
    const repeating = FaultPlan.sequence([Fault.EmptyBody(), undefined], { repeat: true })
    assert.deepStrictEqual(draw(repeating, 5), ["EmptyBody", "-", "EmptyBody", "-", "EmptyBody"])
  })

  it("a random plan replays exactly from its seed and injects at about its probability", () => {
    const make = (seed: number) =>
      FaultPlan.random({ seed, probability: 0.2, faults: [Fault.Status({ status: 500 }), Fault.EmptyBody()] })
    const first = draw(make(42), 1000)
    assert.deepStrictEqual(draw(make(42), 1000), first)
    assert.notDeepEqual(draw(make(43), 1000), first)
    const injected = first.filter((tag) => tag !== "-").length
    assert.isAbove(injected, 150)
    assert.isBelow(injected, 250)
    assert.includeMembers(first, ["Status", "EmptyBody"])
  })

  it("a route plan applies to matching requests only, and only they advance it", () => {
    const plan = FaultPlan.route(
      { method: "post", path: /^\/items$/ },
      FaultPlan.sequence([Fault.EmptyBody(), Fault.MalformedJson()])
    )
    assert.strictEqual(plan.choose(get("/items")), undefined)
    assert.strictEqual(plan.choose(get("/items/1", "POST")), undefined)
    assert.strictEqual(plan.choose(get("/items", "POST"))?._tag, "EmptyBody")
    assert.strictEqual(plan.choose(get("/items", "POST"))?._tag, "MalformedJson")
  })

  it("firstOf asks every plan about every request", () => {
    const plan = FaultPlan.firstOf(
      FaultPlan.sequence([Fault.EmptyBody()]),
      FaultPlan.sequence([Fault.MalformedJson(), Fault.TruncatedJson()])
    )
    assert.deepStrictEqual(draw(plan, 3), ["EmptyBody", "TruncatedJson", "-"])
  })
})

describe("injected faults", () => {
  it("a declined request never reaches the server; one answered after the server handled it does", async () => {
    const declined = injectFaults(ok, FaultPlan.sequence([Fault.Status({ status: 429, retryAfter: 3 })]))
    const response = await declined.handler(get("/"))
    assert.strictEqual(response.status, 429)
    assert.strictEqual(response.headers.get("retry-after"), "3")
    assert.strictEqual(declined.forwarded(), 0)

    const date = new Date(Date.UTC(2030, 0, 1))
    const late = injectFaults(
      ok,
      FaultPlan.sequence([Fault.Status({ status: 504, retryAfter: date, reachServer: true })])
    )
    const gateway = await late.handler(get("/"))
    assert.strictEqual(gateway.status, 504)
    assert.strictEqual(gateway.headers.get("retry-after"), "Tue, 01 Jan 2030 00:00:00 GMT")
    assert.strictEqual(late.forwarded(), 1)
    assert.deepStrictEqual(late.injected().map((i) => [i.fault._tag, i.method, i.url]), [[
      "Status",
      "GET",
      "http://faults.test/"
    ]])
  })

  it("resets reject like a dropped connection, before or after the server saw the request", async () => {
    const faults = injectFaults(ok, FaultPlan.sequence([Fault.ResetBeforeRequest(), Fault.ResetAfterRequest()]))
    const before = await faults.handler(get("/")).catch((error: unknown) => error)
    assert.strictEqual(faults.forwarded(), 0)
    const after = await faults.handler(get("/")).catch((error: unknown) => error)
    assert.strictEqual(faults.forwarded(), 1)
    for (const error of [before, after]) {
      assert.instanceOf(error, TypeError)
      assert.deepStrictEqual((error as TypeError).message, connectionReset().message)
    }
  })

  it("a truncated body is a prefix of the real one that does not parse", async () => {
    const faults = injectFaults(ok, FaultPlan.sequence([Fault.TruncatedJson()]))
    const whole = await (await ok()).text()
    const cut = await (await faults.handler(get("/"))).text()
    assert.isTrue(whole.startsWith(cut))
    assert.isBelow(cut.length, whole.length)
    assert.throws(() => JSON.parse(cut))
  })

  it("a huge body has exactly the asked length and is produced lazily", async () => {
    const faults = injectFaults(ok, FaultPlan.sequence([Fault.HugeBody({ bytes: 3_000_000, declareLength: true })]))
    const response = await faults.handler(get("/"))
    assert.strictEqual(response.headers.get("content-length"), "3000000")
    const reader = response.body!.getReader()
    let size = 0
    let reads = 0
    for (let chunk = await reader.read(); !chunk.done && reads < 10_000; chunk = await reader.read()) {
      size += chunk.value.length
      reads++
    }
    assert.strictEqual(size, 3_000_000)
    assert.isAbove(reads, 10)
  })

  it("a stalled body delivers half, then ends only when the client aborts", async () => {
    const controller = new AbortController()
    const faults = injectFaults(ok, FaultPlan.sequence([Fault.StalledBody()]))
    const response = await faults.handler(new Request("http://faults.test/", { signal: controller.signal }))
    const reader = response.body!.getReader()
    const head = await reader.read()
    assert.isFalse(head.done)
    const rest = reader.read()
    controller.abort()
    const outcome = await rest.then(() => "delivered", () => "aborted")
    assert.strictEqual(outcome, "aborted")
  })

  it("slow headers arrive after the delay, or never if the client gives up first", async () => {
    const faults = injectFaults(ok, FaultPlan.sequence([Fault.SlowHeaders({ millis: 20 }), Fault.SlowHeaders({})]))
    assert.strictEqual((await faults.handler(get("/"))).status, 200)
    const controller = new AbortController()
    const pending = faults.handler(new Request("http://faults.test/", { signal: controller.signal }))
    controller.abort()
    assert.strictEqual(await pending.then(() => "answered", () => "aborted"), "aborted")
    assert.strictEqual(faults.forwarded(), 1)
  })
})
