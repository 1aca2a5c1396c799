/** A tracer that keeps every span it starts, for assertions on names and attributes. */
import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"

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
