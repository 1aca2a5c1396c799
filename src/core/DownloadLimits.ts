/**
 * Bounds on a streamed download's body, once its headers have come: a stall (no byte for a while),
 * an optional total deadline, and a minimum rate, so that a server trickling a byte now and then can
 * neither hold a download (and its slot among the client's requests in flight) forever nor pass as
 * alive. All on Effect's `Clock`; one timer per chunk awaited, as a plain stall timeout costs.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/**
 * A minimum rate: at least `bytes` in every period of `per`, counted from the response headers.
 * `bytes: 0` sets no minimum.
 *
 * @since 0.1.0
 * @category models
 */
export interface DownloadRate {
  readonly bytes: number
  readonly per: Duration.DurationInput
}

/**
 * The default minimum rate: 1 KiB in every 30 seconds. Any working link does thousands of times
 * better; a server dripping a byte every 250 ms (120 bytes in 30 s) fails it within 30 s.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultMinRate: DownloadRate = { bytes: 1024, per: Duration.seconds(30) }

/**
 * The limits one download runs under, in milliseconds.
 *
 * @since 0.1.0
 * @category models
 */
export interface Limits {
  /** The longest wait for the next chunk. */
  readonly stallMillis: number
  /** The longest the whole body may take, from the headers; `Infinity` for no deadline. */
  readonly deadlineMillis: number
  /** At least this many bytes in every window of `windowMillis`; 0 for no minimum. */
  readonly minBytes: number
  readonly windowMillis: number
}

/**
 * Which limit a body broke, and by how much, for the error it becomes.
 *
 * @since 0.1.0
 * @category models
 */
export type Violation =
  | { readonly _tag: "Stalled"; readonly millis: number }
  | { readonly _tag: "Deadline"; readonly millis: number }
  | { readonly _tag: "TooSlow"; readonly bytes: number; readonly minBytes: number; readonly millis: number }

/**
 * What a violation says in an error message.
 *
 * @since 0.1.0
 * @category models
 */
export const describe = (violation: Violation): string =>
  violation._tag === "Stalled"
    ? `the response body stalled: no data for ${Duration.format(violation.millis)}`
    : violation._tag === "Deadline"
    ? `the download did not complete within ${Duration.format(violation.millis)}`
    : `the download was too slow: ${violation.bytes} bytes in ${
      Duration.format(violation.millis)
    }, below the minimum of ${violation.minBytes}`

/**
 * The limits from their configured forms.
 *
 * @since 0.1.0
 * @category constructors
 */
export const limits = (
  stall: Duration.DurationInput,
  deadline: Duration.DurationInput | undefined,
  rate: DownloadRate | undefined
): Limits => {
  const minRate = rate ?? defaultMinRate
  const windowMillis = Duration.toMillis(Duration.decode(minRate.per))
  return {
    stallMillis: Duration.toMillis(Duration.decode(stall)),
    deadlineMillis: deadline === undefined ? Infinity : Duration.toMillis(Duration.decode(deadline)),
    minBytes: Number.isFinite(windowMillis) && windowMillis > 0 ? Math.max(0, minRate.bytes) : 0,
    windowMillis
  }
}

/**
 * `body` failing with `onViolation(…)` as soon as it breaks one of `limits`. Every moment it waits for
 * a chunk until is one where a limit is broken if no chunk has come by then, so a timer that fires
 * always means a failure (the body is never read again after its read was cut short).
 *
 * @since 0.1.0
 * @category combinators
 */
export const guard = <E, X>(
  body: Stream.Stream<Uint8Array, E>,
  limits: Limits,
  onViolation: (violation: Violation) => X
): Stream.Stream<Uint8Array, E | X> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const pull = yield* Stream.toPull(body)
    const clock = yield* Effect.clock
    const start = clock.unsafeCurrentTimeMillis()
    const deadline = start + limits.deadlineMillis
    const rated = limits.minBytes > 0
    let lastChunk = start
    let windowEnd = start + limits.windowMillis
    let windowBytes = 0

    // The earliest moment a limit is broken unless a chunk comes first, and which limit.
    const nextBreach = (): [number, Violation] => {
      let at = lastChunk + limits.stallMillis
      let violation: Violation = { _tag: "Stalled", millis: limits.stallMillis }
      if (deadline < at) {
        at = deadline
        violation = { _tag: "Deadline", millis: limits.deadlineMillis }
      }
      if (rated) {
        // This window already has its bytes: the next one, still empty, is the one that can fail.
        const end = windowBytes >= limits.minBytes ? windowEnd + limits.windowMillis : windowEnd
        const bytes = windowBytes >= limits.minBytes ? 0 : windowBytes
        if (end < at) {
          at = end
          violation = { _tag: "TooSlow", bytes, minBytes: limits.minBytes, millis: limits.windowMillis }
        }
      }
      return [at, violation]
    }

    // Counts a chunk that came at `now`; the violation if it came too late for a window or the deadline.
    const arrived = (chunk: Chunk.Chunk<Uint8Array>, now: number): Violation | undefined => {
      if (now > deadline) return { _tag: "Deadline", millis: limits.deadlineMillis }
      lastChunk = now
      if (rated) {
        while (now >= windowEnd) {
          if (windowBytes < limits.minBytes) {
            return { _tag: "TooSlow", bytes: windowBytes, minBytes: limits.minBytes, millis: limits.windowMillis }
          }
          windowBytes = 0
          windowEnd += limits.windowMillis
        }
        for (const bytes of chunk) windowBytes += bytes.length
      }
      return undefined
    }

    const next: Effect.Effect<Chunk.Chunk<Uint8Array>, Option.Option<E | X>> = Effect.suspend(() => {
      const [at, violation] = nextBreach()
      const wait = Math.max(0, at - clock.unsafeCurrentTimeMillis())
      const guarded = Number.isFinite(wait)
        ? Effect.timeoutFail(pull, {
          duration: Duration.millis(wait),
          onTimeout: () => Option.some(onViolation(violation))
        })
        : pull
      return Effect.flatMap(guarded, (chunk) => {
        const broken = arrived(chunk, clock.unsafeCurrentTimeMillis())
        return broken === undefined ? Effect.succeed(chunk) : Effect.fail(Option.some(onViolation(broken)))
      })
    })
    return Stream.repeatEffectChunkOption(next)
  }))
