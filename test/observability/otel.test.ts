/**
 * The SDK's spans as an OpenTelemetry exporter receives them (@effect/opentelemetry, in-memory
 * exporter): operation spans with their ids, method, URL, status and resend count, the retry
 * loop's Debug decisions as span events — and, with every kind of fault on, no token or password in
 * any span name, attribute, event or status. The flowserv test server in process, behind injected faults.
 */
import * as NodeSdk from "@effect/opentelemetry/NodeSdk"
import { assert, describe, it } from "@effect/vitest"
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base"
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import * as Flowserv from "../../src/flowserv/Flowserv.js"
import { Groups, Users, withToken } from "../../src/flowserv/index.js"
import { UploadFile } from "../../src/flowserv/index.js"
import { Uploads } from "../../src/flowserv/Uploads.js"
import { catalogue } from "../../src/testkit/faults/Fault.js"
import * as FaultPlan from "../../src/testkit/faults/FaultPlan.js"
import { injectFaults } from "../../src/testkit/faults/inject.js"
import { FlowservTestServer } from "../../src/testkit/flowserv/FlowservTestServer.js"
import { layerHttpClient } from "../../src/testkit/http/Handler.js"

// Every text an exporter receives from a span.
const textsOf = (span: ReadableSpan): Array<string> => [
  span.name,
  span.status.message ?? "",
  ...Object.entries(span.attributes).map(([key, value]) => `${key}=${String(value)}`),
  ...span.events.flatMap((event) => [
    event.name,
    ...Object.entries(event.attributes ?? {}).map(([key, value]) => `${key}=${String(value)}`)
  ]),
  ...Object.entries(span.resource.attributes).map(([key, value]) => `${key}=${String(value)}`)
]

// Exported spans of `program`, run with an OpenTelemetry SDK whose exporter keeps them in memory.
const exported = <A, E, R>(program: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const exporter = new InMemorySpanExporter()
    const tracing = NodeSdk.layer(() => ({
      resource: { serviceName: "sdk-test" },
      spanProcessor: new SimpleSpanProcessor(exporter)
    }))
    // Read before the layer is released: shutting the SDK down empties the in-memory exporter.
    return yield* program.pipe(
      Effect.map((result) => [result, [...exporter.getFinishedSpans()]] as const),
      Effect.provide(tracing)
    )
  })

describe("OpenTelemetry export", () => {
  it.live(
    "a faulted run: operation spans, attempts, retry events, and no secret anywhere",
    () =>
      Effect.gen(function*() {
        const server = yield* FlowservTestServer
        const password = "correct-horse-battery-staple"
        const users = yield* Users
        yield* users.register("ada", Redacted.make(password))
        const login = yield* users.login("ada", Redacted.make(password))
        const token = Redacted.value(login.token)
        const group = yield* (yield* Groups).create("helloworld", { name: "team" }).pipe(withToken(login.token))

        // Every kind of fault in turn, each followed by a request that passes.
        const injector = injectFaults(
          server.handler,
          FaultPlan.sequence(catalogue({ hugeBytes: 64 * 1024 }).flatMap((fault) => [fault, undefined]), {
            repeat: true
          })
        )
        const Faulty = Flowserv.layer({
          url: server.url,
          retry: { baseDelay: "1 millis", maxDelay: "2 millis", maxTotalDelay: "50 millis", jitter: false },
          timeout: "2 seconds"
        }).pipe(Layer.provide(layerHttpClient(injector.handler)))

        const run = Effect.gen(function*() {
          const users = yield* Users
          const groups = yield* Groups
          const uploads = yield* Uploads
          const calls: ReadonlyArray<Effect.Effect<unknown, unknown>> = Array.from({ length: 40 }, (_, i) => {
            switch (i % 5) {
              case 0:
                return users.whoami()
              case 1:
                return groups.get(group.id)
              case 2:
                return users.login("ada", Redacted.make(password))
              case 3:
                return uploads.upload(group.id, UploadFile.fromBytes(`f${i}.txt`, "x"))
              default:
                return groups.list({ workflowId: "helloworld" })
            }
          })
          return yield* Effect.forEach(calls, (call) => Effect.either(call))
        }).pipe(
          withToken(login.token),
          Effect.provide(Faulty),
          Logger.withMinimumLogLevel(LogLevel.Debug),
          // Debug lines become span events (Effect's tracer logger); none printed to the console.
          Effect.provide(Logger.remove(Logger.defaultLogger))
        )

        const [outcomes, spans] = yield* exported(run)
        const failed = outcomes.filter((outcome) => outcome._tag === "Left").length

        // The faults happened and the spans show them: the scan below would prove nothing otherwise.
        assert.isAbove(injector.injected().length, 10)
        assert.isAbove(failed, 3)
        assert.isAbove(outcomes.length - failed, 10)
        const names = new Set(spans.map((span) => span.name))
        for (const name of ["flowserv.Users.whoami", "flowserv.Groups.get", "flowserv.Users.login"]) {
          assert.isTrue(names.has(name), name)
        }
        const get = spans.find((span) => span.name === "flowserv.Groups.get")!
        assert.strictEqual(get.attributes["flowserv.group.id"], group.id)
        // No transport span (its exit would hold the request's headers); the operation spans carry the
        // request's method, URL, last status and resend count instead.
        assert.isFalse(spans.some((span) => span.name.startsWith("http.client")))
        const operations = spans.filter((span) => span.name.startsWith("flowserv."))
        assert.isTrue(operations.some((span) => span.attributes["http.response.status_code"] === 503))
        assert.isTrue(operations.some((span) => Number(span.attributes["http.request.resend_count"]) >= 1))
        assert.isTrue(get.attributes["http.request.method"] === "GET" && typeof get.attributes["url.full"] === "string")
        // The retry loop's Debug decisions are events of the operation's span.
        const retryEvents = spans.flatMap((span) => span.events).filter((event) =>
          event.name.includes("request attempt")
        )
        assert.isAbove(retryEvents.length, 3)
        assert.isTrue(retryEvents.some((event) => /retrying in \d+ ms/.test(event.name)))
        assert.isTrue(spans.some((span) => span.status.code === 2 && (span.status.message ?? "") !== ""))

        for (const span of spans) {
          for (const text of textsOf(span)) {
            assert.notInclude(text, token, span.name)
            assert.notInclude(text, password, span.name)
          }
        }
      }).pipe(Effect.provide(FlowservTestServer.layerFlowserv())),
    60_000
  )
})
