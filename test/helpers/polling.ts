/** Waiting, bounded, for a reading that settles asynchronously (sockets closing, aborts arriving). */
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"

/** Reads every 20 ms until `done` holds or `seconds` have passed; returns the last reading. */
export const waitFor = (read: () => number, done: (n: number) => boolean, seconds = 3) =>
  Effect.sync(read).pipe(
    Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: done, times: Math.ceil((seconds * 1000) / 20) }),
    Effect.zipRight(Effect.sync(read))
  )

/** Timers the process has scheduled right now (unref'd ones excluded). */
export const activeTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length
