/** Tracers that keep what they receive, for assertions on names and attributes and for scans. */
import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"
import { inspect } from "node:util"

export const recordingTracer = Effect.map(Effect.tracer, (native) => {
  const spans: Array<Tracer.Span> = []
  const tracer = Tracer.make({
    span: (...args) => {
      const span = native.span(...args)
      spans.push(span)
      return span
    },
    context: native.context
  })
  return { tracer, spans }
})

/** Whether some span has the attribute `key` rendered as `value`. */
export const hasAttribute = (spans: ReadonlyArray<Tracer.Span>, key: string, value: string) =>
  spans.some((s) => [...s.attributes].some(([k, v]) => k === key && String(v) === value))

/** Every call a tracer received, with its arguments: span creations, then each span's attribute,
 *  event, link and end calls, in order. */
export interface TracerLog {
  readonly calls: Array<{ readonly method: string; readonly args: ReadonlyArray<unknown> }>
  readonly spans: Array<Tracer.Span>
}

/**
 * A tracer that records everything it receives — names, parents, contexts, links, options,
 * attributes, events, exits — for a scan of all of it (see {@link renderEverything}).
 */
export const serialisingTracer = Effect.map(Effect.tracer, (native) => {
  const log: TracerLog = { calls: [], spans: [] }
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind, options) => {
      log.calls.push({ method: "span", args: [name, parent, context, links, startTime, kind, options] })
      const span = native.span(name, parent, context, links, startTime, kind, options)
      log.spans.push(span)
      return new Proxy(span, {
        get: (target, key, receiver) => {
          const value = Reflect.get(target, key, receiver)
          if (typeof value !== "function" || !["attribute", "event", "end", "addLinks"].includes(String(key))) {
            return value
          }
          return (...args: Array<unknown>) => {
            log.calls.push({ method: `${name}.${String(key)}`, args })
            return (value as (...args: Array<unknown>) => unknown).apply(target, args)
          }
        }
      })
    },
    context: native.context
  })
  return { tracer, log }
})

const cycleSafe = () => {
  const seen = new WeakSet<object>()
  return (_key: string, value: unknown) => {
    if (typeof value === "bigint") return value.toString()
    if (value instanceof Map) return [...value.entries()]
    if (value instanceof Set) return [...value.values()]
    if (typeof value === "object" && value !== null) {
      if (seen.has(value)) return "[cycle]"
      seen.add(value)
    }
    return value
  }
}

// Every string reachable from `root` through own properties (enumerable or not, symbol keys too),
// array items and Map and Set entries, ignoring toJSON and inspect hooks: what a serialiser that
// does not ask an object how to show itself would find.
const reachableStrings = (root: unknown, limit = 200_000): Array<string> => {
  const found: Array<string> = []
  const seen = new Set<unknown>()
  const stack: Array<unknown> = [root]
  while (stack.length > 0 && seen.size < limit) {
    const value = stack.pop()
    if (typeof value === "string") {
      found.push(value)
      continue
    }
    if (typeof value !== "object" || value === null || seen.has(value)) continue
    seen.add(value)
    if (value instanceof Map) {
      for (const [k, v] of value) stack.push(k, v)
    } else if (value instanceof Set) {
      for (const v of value) stack.push(v)
    }
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === "string") found.push(key)
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key)
      if (descriptor !== undefined && "value" in descriptor) stack.push(descriptor.value)
    }
  }
  return found
}

/** Everything a tracer log holds, rendered every way: JSON (cycles cut), `util.inspect` at full
 *  depth with hidden properties, and every reachable string. */
export const renderEverything = (log: TracerLog): Array<string> => {
  const texts: Array<string> = []
  for (const call of log.calls) {
    texts.push(call.method)
    texts.push(JSON.stringify(call.args, cycleSafe()) ?? "")
    texts.push(
      inspect(call.args, { depth: Infinity, showHidden: true, maxArrayLength: Infinity, maxStringLength: Infinity })
    )
    texts.push(...reachableStrings(call.args))
  }
  for (const span of log.spans) {
    texts.push(JSON.stringify(span, cycleSafe()) ?? "")
    texts.push(
      inspect(span, { depth: Infinity, showHidden: true, maxArrayLength: Infinity, maxStringLength: Infinity })
    )
    texts.push(...reachableStrings(span))
  }
  return texts
}
