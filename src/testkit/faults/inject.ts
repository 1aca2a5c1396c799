/**
 * Puts a {@link FaultPlan} in front of a {@link Handler}. The result is a handler too, so it serves
 * in process (`layerHttpClient`) or on a loopback port (`serve`), where a reset is a real dropped
 * connection. Wrapping `fetch` itself (`injectFaults((request) => fetch(request), plan)`) puts the
 * faults in front of any server.
 *
 * @since 0.1.0
 */
import type { Handler } from "../http/Handler.js"
import type { Fault } from "./Fault.js"
import type { FaultPlan } from "./FaultPlan.js"

/**
 * A fault that was applied, and to which request.
 *
 * @since 0.1.0
 * @category models
 */
export interface Injected {
  readonly fault: Fault
  readonly method: string
  readonly url: string
}

/**
 * A handler with faults in front of it, and what it did.
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultInjector {
  readonly handler: Handler
  /** The faults applied so far, in order. */
  readonly injected: () => ReadonlyArray<Injected>
  /** Requests the wrapped handler received (faults that reach the server included). */
  readonly forwarded: () => number
}

/**
 * The error a dropped connection shows: what undici's `fetch` rejects with on a reset.
 *
 * @since 0.1.0
 * @category errors
 */
export const connectionReset = (): TypeError =>
  new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) })

/**
 * Wraps `handler` so each request meets the fault `plan` chooses for it.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Fault, FaultPlan, injectFaults, layerHttpClient, syntheticApi } from "effect-research-sdk/testkit"
 * const server = syntheticApi({ total: 100 })
 * const faulty = injectFaults(
 *   server.handler,
 *   FaultPlan.random({ seed: 7, probability: 0.2, faults: [Fault.Status({ status: 503 })] })
 * )
 * const HttpLive = layerHttpClient(faulty.handler) // provide it to the code under test
 * ```
 */
export const injectFaults = (handler: Handler, plan: FaultPlan): FaultInjector => {
  const injected: Array<Injected> = []
  let forwarded = 0
  const forward: Handler = (request) => {
    forwarded++
    return handler(request)
  }
  return {
    injected: () => injected,
    forwarded: () => forwarded,
    handler: async (request) => {
      const fault = plan.choose(request)
      if (fault === undefined) return forward(request)
      injected.push({ fault, method: request.method, url: request.url })
      return apply(fault, request, forward)
    }
  }
}

const apply = async (fault: Fault, request: Request, forward: Handler): Promise<Response> => {
  switch (fault._tag) {
    case "Status": {
      if (fault.reachServer === true) await discard(await forward(request))
      const headers: Record<string, string> = { "content-type": "application/json" }
      if (fault.retryAfter !== undefined) {
        headers["retry-after"] = typeof fault.retryAfter === "number"
          ? String(fault.retryAfter)
          : fault.retryAfter.toUTCString()
      }
      return new Response(JSON.stringify({ message: `injected ${fault.status}` }), { status: fault.status, headers })
    }
    case "ResetBeforeRequest":
      throw connectionReset()
    case "ResetAfterRequest":
      await discard(await forward(request))
      throw connectionReset()
    case "TruncatedJson": {
      const response = await forward(request)
      const text = await response.text()
      // Cut inside the document so no prefix parses: a body of one or two characters becomes `{"`.
      const cut = text.length > 2 ? text.slice(0, Math.ceil(text.length / 2)) : "{\""
      return new Response(cut, { status: response.status, headers: withoutLength(response.headers) })
    }
    case "MalformedJson":
      return new Response("{\"items\": [1, 2,, ", { status: 200, headers: { "content-type": "application/json" } })
    case "HtmlPage":
      return new Response(htmlPage(fault.status), {
        status: fault.status,
        headers: { "content-type": "text/html; charset=utf-8" }
      })
    case "WrongContentType":
      return new Response("<?xml version=\"1.0\"?><status>unavailable</status>", {
        status: 200,
        headers: { "content-type": "application/xml" }
      })
    case "EmptyBody":
      return new Response(null, { status: 200, headers: { "content-type": "application/json" } })
    case "SlowHeaders":
      await delay(fault.millis, request.signal)
      return forward(request)
    case "StalledBody": {
      const response = await forward(request)
      const bytes = new Uint8Array(await response.arrayBuffer())
      return new Response(stalled(bytes.subarray(0, Math.ceil(bytes.length / 2)), request.signal), {
        status: response.status,
        headers: response.headers
      })
    }
    case "HugeBody": {
      const headers: Record<string, string> = { "content-type": "application/json" }
      if (fault.declareLength === true) headers["content-length"] = String(fault.bytes)
      return new Response(hugeJson(fault.bytes), { status: 200, headers })
    }
  }
}

const discard = async (response: Response): Promise<void> => {
  await response.body?.cancel()
}

const withoutLength = (headers: Headers): Headers => {
  const copy = new Headers(headers)
  copy.delete("content-length")
  return copy
}

const htmlPage = (status: number): string =>
  status === 200
    ? "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form action=\"/login\"></form></body></html>\n"
    : "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n" +
      "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

// Waits without holding the event loop past an abort: the timer is cleared when the client gives up.
const delay = (millis: number | undefined, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = millis === undefined ? undefined : setTimeout(done, millis)
    function done() {
      signal.removeEventListener("abort", onAbort)
      resolve()
    }
    function onAbort() {
      if (timer !== undefined) clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener("abort", onAbort, { once: true })
  })

const stalled = (head: Uint8Array, signal: AbortSignal): ReadableStream<Uint8Array> => {
  let sent = false
  return new ReadableStream<Uint8Array>({
    pull: (controller) => {
      if (!sent) {
        sent = true
        controller.enqueue(head)
        return
      }
      // Nothing more comes; the stream ends only when the client gives up.
      return new Promise<void>((resolve) => {
        if (signal.aborted) {
          controller.error(signal.reason)
          return resolve()
        }
        signal.addEventListener("abort", () => {
          controller.error(signal.reason)
          resolve()
        }, { once: true })
      })
    }
  })
}

const hugeJson = (bytes: number): ReadableStream<Uint8Array> => {
  const item = new TextEncoder().encode("{\"id\":\"0123456789abcdef\",\"name\":\"padding\"},")
  const chunkItems = 1024
  const chunk = new Uint8Array(item.length * chunkItems)
  for (let i = 0; i < chunkItems; i++) chunk.set(item, i * item.length)
  let sent = 0
  return new ReadableStream<Uint8Array>({
    pull: (controller) => {
      if (sent === 0) {
        controller.enqueue(new TextEncoder().encode("["))
        sent = 1
        return
      }
      const left = bytes - sent - 1
      if (left <= 0) {
        controller.enqueue(new TextEncoder().encode("]"))
        controller.close()
        return
      }
      const part = chunk.subarray(0, Math.min(chunk.length, left))
      controller.enqueue(part)
      sent += part.length
    }
  })
}
