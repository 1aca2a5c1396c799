/**
 * Observability: the SDK's spans exported with OpenTelemetry through `@effect/opentelemetry`, here
 * into an in-memory exporter and printed as a tree. The flowserv test server runs in process behind
 * injected faults (the first two reads of a group are declined with 503, then dropped), so the
 * retries show: the operation span's resend count and status, and the retry loop's Debug decisions as events.
 *
 *   npm run demo:observability
 *
 * In an application, swap the in-memory exporter for an OTLP one (`@opentelemetry/exporter-trace-otlp-http`
 * with a `BatchSpanProcessor`); see docs/observability.md.
 */
import * as NodeSdk from "@effect/opentelemetry/NodeSdk"
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base"
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import { Flowserv, Groups, Users, withToken } from "effect-research-sdk/flowserv"
import { Fault, FaultPlan, FlowservTestServer, injectFaults, layerHttpClient } from "effect-research-sdk/testkit"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"

const exporter = new InMemorySpanExporter()
const Tracing = NodeSdk.layer(() => ({
  resource: { serviceName: "observability-demo" },
  spanProcessor: new SimpleSpanProcessor(exporter)
}))

// The SDK pointed at the in-process test server, through a handler that declines the first read of
// a group (503) and drops the connection on the second; the third attempt gets through.
const FaultyFlowserv = Layer.unwrapEffect(Effect.map(FlowservTestServer, (server) => {
  const groupReads = FaultPlan.route(
    { method: "GET", path: `${new URL(server.url).pathname}/groups/` },
    FaultPlan.sequence([Fault.Status({ status: 503 }), Fault.ResetBeforeRequest()])
  )
  return Flowserv.layer({ url: server.url, retry: { baseDelay: "20 millis" } }).pipe(
    Layer.provide(layerHttpClient(injectFaults(server.handler, groupReads).handler))
  )
})).pipe(Layer.provideMerge(FlowservTestServer.layer()))

// What to show of each span: the SDK's ids, and the request's method, URL, last status and resend count.
const shown = /^(flowserv\.|http\.request\.method|http\.response\.status_code|http\.request\.resend_count|url\.full)/

const render = (spans: ReadonlyArray<ReadableSpan>): string => {
  const lines: Array<string> = []
  const visit = (span: ReadableSpan, depth: number) => {
    const indent = "  ".repeat(depth + 1)
    const millis = (span.duration[0] * 1e3 + span.duration[1] / 1e6).toFixed(1)
    const status = span.status.code === 2 ? `  ✗ ${span.status.message ?? ""}` : ""
    lines.push(`${indent}${span.name} (${millis} ms)${status}`)
    for (const [key, value] of Object.entries(span.attributes)) {
      if (shown.test(key)) lines.push(`${indent}  · ${key} = ${String(value)}`)
    }
    for (const event of span.events) lines.push(`${indent}  ⚑ ${event.name.replace(/\s+/g, " ")}`)
    const id = span.spanContext().spanId
    for (const child of spans) if (child.parentSpanContext?.spanId === id) visit(child, depth + 1)
  }
  const ids = new Set(spans.map((span) => span.spanContext().spanId))
  for (const root of spans) if (!ids.has(root.parentSpanContext?.spanId ?? "")) visit(root, 0)
  return lines.join("\n")
}

const program = Effect.gen(function*() {
  yield* Console.log("observability — embedded flowserv test server behind injected faults, Debug logging on")
  const users = yield* Users
  yield* users.register("alice", Redacted.make("alice-secret"))
  const alice = yield* users.login("alice", Redacted.make("alice-secret"))
  const groups = yield* Groups
  const team = yield* groups.create("helloworld", { name: "team" }).pipe(withToken(alice.token))
  const again = yield* groups.get(team.id).pipe(withToken(alice.token))
  yield* Console.log(`✓ read group "${again.name}" on the third attempt`)

  const spans = exporter.getFinishedSpans()
  yield* Console.log(
    `✓ ${spans.length} spans exported (✗: an attempt the injected faults broke; ⚑: a span event):\n${render(spans)}`
  )
  const token = Redacted.value(alice.token)
  const leaked = spans.some((span) =>
    JSON.stringify([span.name, span.attributes, span.events, span.status]).includes(token) ||
    JSON.stringify([span.attributes, span.events]).includes("alice-secret")
  )
  yield* Console.log(leaked ? "✗ a secret is in a span" : "✓ neither the token nor the password is in any span")
})

Effect.runPromise(
  program.pipe(
    // Debug shows the retry loop's decisions: as log lines, and as events of the operation's span.
    Logger.withMinimumLogLevel(LogLevel.Debug),
    Effect.provide(FaultyFlowserv),
    Effect.provide(Tracing)
  )
).then(
  () => process.exit(0),
  (error) => {
    console.error("✗ observability demo failed:", String(error))
    process.exit(1)
  }
)
