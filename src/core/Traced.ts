/**
 * Hand-written operations traced like records: a span named for the operation, whose stack trace
 * points at where the operation was defined, captured once. `Effect.fn` captures a stack trace on
 * every call (`new Error()`, some 10–60 µs); an operation's definition site is the same every time.
 * With tracing turned off (`Layer.setTracerEnabled(false)`), no span is opened at all. And spans that
 * do not keep the answer ({@link useSpan}, {@link withSpan}), which the SDK's own spans all are.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import type * as Tracer from "effect/Tracer"
import type { YieldWrap } from "effect/Utils"

/**
 * The error of the effects a generator yields.
 *
 * @since 0.1.0
 * @category type-level
 */
export type ErrorOf<Eff> = [Eff] extends [never] ? never
  : [Eff] extends [YieldWrap<Effect.Effect<infer _A, infer E, infer _R>>] ? E
  : never
/**
 * The requirements of the effects a generator yields.
 *
 * @since 0.1.0
 * @category type-level
 */
export type ContextOf<Eff> = [Eff] extends [never] ? never
  : [Eff] extends [YieldWrap<Effect.Effect<infer _A, infer _E, infer R>>] ? R
  : never

/**
 * Where the caller of the function calling this was: the stack frame a span of something defined
 * there should point at. Captured now, rendered on first use, at no cost per call.
 *
 * @since 0.1.0
 * @category constructors
 */
export const definitionSite = (
  /** How many more frames to skip: for a helper between the function and its caller. */
  skip = 0
): () => string | undefined => {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 3 + skip
  const definedAt = new Error()
  Error.stackTraceLimit = limit
  let site: string | undefined | false = false
  return () => {
    if (site === false) site = definedAt.stack?.split("\n")[3 + skip]?.trim()
    return site
  }
}

/**
 * A traced function from a generator, as `Effect.fn(name)` makes one, with the stack trace of its
 * span captured where it is defined rather than on every call.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Traced } from "effect-research-sdk"
 * const greet = Traced.fn("example.greet")(function*(name: string) {
 *   yield* Effect.annotateCurrentSpan("example.name", name)
 *   return `hello ${name}`
 * })
 * Effect.runPromise(greet("ada")).then((greeting) => assert.strictEqual(greeting, "hello ada"))
 * ```
 */
export const fn = (name: string) => {
  const options = { captureStackTrace: definitionSite() }
  return <Eff extends YieldWrap<Effect.Effect<any, any, any>>, A, Args extends Array<any>>(
    body: (...args: Args) => Generator<Eff, A, never>
  ): (...args: Args) => Effect.Effect<A, ErrorOf<Eff>, ContextOf<Eff>> =>
  (...args) => {
    const effect = Effect.gen(() => body(...args)) as Effect.Effect<A, ErrorOf<Eff>, ContextOf<Eff>>
    return Effect.withFiberRuntime<A, ErrorOf<Eff>, ContextOf<Eff>>((fiber) =>
      fiber.getFiberRef(FiberRef.currentTracerEnabled)
        ? useSpanIn(fiber, name, options, (span) => Effect.withParentSpan(effect, span))
        : effect
    )
  }
}

/**
 * `Effect.useSpan`, except that the span does not keep the answer: it ends with a success that holds
 * none (a failure, it ends with as it is). A span keeps the exit it ended with for as long as the span
 * is kept, by a trace exporter's batch or, with Effect's native tracer, long enough that V8 moves a
 * whole listing page from the young generation to the old one: streaming a listing, collecting garbage
 * took about three times as long as without spans. Without a `captureStackTrace` of the options', the
 * span points at the code that called this.
 *
 * @since 0.1.0
 * @category constructors
 */
export const useSpan = <A, E, R>(
  name: string,
  options: Tracer.SpanOptions,
  use: (span: Tracer.Span) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => {
  const resolved = withDefinitionSite(options)
  return Effect.withFiberRuntime((fiber) => useSpanIn(fiber, name, resolved, use))
}

/**
 * {@link useSpan} in `fiber`, the one about to run the effect (from `Effect.withFiberRuntime`): one
 * step less a call. A failure's `code.stacktrace` comes from the options' `captureStackTrace`
 * function, if there is one; none is captured otherwise.
 *
 * @since 0.1.0
 * @category constructors
 */
export const useSpanIn = <A, E, R>(
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  name: string,
  options: Tracer.SpanOptions,
  use: (span: Tracer.Span) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => openSpan(fiber, name, options, use, true)

/**
 * {@link useSpanIn} for a call that renders none of its own failures inside its span, as the SDK's
 * record calls do not: the span's stack trace is entered in Effect's table of traces (which
 * `Cause.pretty` reads to print "at <span> (<where it was defined>)") only if the span fails, as it
 * ends, rather than for every span as it opens: a `WeakMap` entry a call saved. A failure rendered
 * while the span is still open (by the effect itself) would show the span without its location.
 *
 * @since 0.1.0
 * @category constructors
 */
export const useCallSpanIn = <A, E, R>(
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  name: string,
  options: Tracer.SpanOptions,
  use: (span: Tracer.Span) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => openSpan(fiber, name, options, use, false)

const openSpan = <A, E, R>(
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  name: string,
  options: Tracer.SpanOptions,
  use: (span: Tracer.Span) => Effect.Effect<A, E, R>,
  /** Whether the stack trace is entered in Effect's table as the span opens, or as it fails. */
  eagerTrace: boolean
): Effect.Effect<A, E, R> => {
  const clock = Context.get(fiber.getFiberRef(DefaultServices.currentServices), Clock.Clock)
  const timed = fiber.getFiberRef(FiberRef.currentTracerTimingEnabled)
  const trace = typeof options.captureStackTrace === "function" ? options.captureStackTrace : undefined
  // Never a stack trace captured by `Effect.makeSpan`: without one of the options' own it would
  // capture one each call, pointing in here. One of the options' own it enters in its table of traces
  // as the span opens; for a call's span, the entry waits until the span fails (see `end`).
  const opened = options.captureStackTrace !== false && (!eagerTrace || trace === undefined)
    ? { ...options, captureStackTrace: false }
    : options
  // Ended as `Effect.useSpan` ends it (a failure carries where the span was opened), but in the
  // handlers of one uninterruptible region, so it ends however the effect does, interrupted included.
  const end = (span: Tracer.Span, exit: Exit.Exit<unknown, unknown>) => {
    if (span.status._tag === "Ended") return
    if (trace !== undefined && Exit.isFailure(exit)) {
      // Before anyone holding the failure can render it.
      if (!eagerTrace) spanTraces.set(span, trace)
      const site = trace()
      if (site !== undefined) span.attribute("code.stacktrace", site)
    }
    span.end(timed ? clock.unsafeCurrentTimeNanos() : BigInt(0), exit)
  }
  // The span is opened inside the region: no interruption between its opening and its handlers.
  return Effect.uninterruptibleMask((restore) =>
    Effect.flatMap(Effect.makeSpan(name, opened), (span) =>
      Effect.matchCauseEffect(restore(use(span)), {
        onFailure: (cause) => {
          // A tracer that throws as the span ends does not take the effect's own failure with it.
          try {
            end(span, Exit.failCause(cause))
          } catch (defect) {
            return Effect.failCause(Cause.sequential(cause, Cause.die(defect)))
          }
          return Effect.failCause(cause)
        },
        onSuccess: (value) => {
          end(span, Exit.void)
          return Effect.succeed(value)
        }
      }))
  )
}

// Effect's own table of spans' stack traces, the one `Effect.makeSpan` fills and `Cause.pretty` reads
// (a global value of the Effect in use). Were it ever renamed, a failed call would render its span
// without its location: test/observability/operation-span.test.ts checks that it does not.
const spanTraces = globalValue(
  "effect/Tracer/spanToTrace",
  () => new WeakMap<Tracer.AnySpan, () => string | undefined>()
)

// Options whose stack trace, unless given, points at the caller of the function calling this.
const withDefinitionSite = (options: Tracer.SpanOptions): Tracer.SpanOptions =>
  options.captureStackTrace === undefined || options.captureStackTrace === true
    ? { ...options, captureStackTrace: definitionSite(1) }
    : options

/**
 * `Effect.withSpan`, except that the span does not keep the answer (see {@link useSpan}). Without a
 * `captureStackTrace` of the options', the span points at the code that called this.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Traced } from "effect-research-sdk"
 * const listing = Effect.succeed(Array.from({ length: 1000 }, (_, i) => i)).pipe(Traced.withSpan("listing"))
 * ```
 */
export const withSpan = (
  name: string,
  options: Tracer.SpanOptions = {}
): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R> => {
  const resolved = withDefinitionSite(options)
  return (self) =>
    Effect.withFiberRuntime((fiber) => useSpanIn(fiber, name, resolved, (span) => Effect.withParentSpan(self, span)))
}
