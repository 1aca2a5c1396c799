/** Shorthands for reading what an SDK call produced: a download as text, a failure as plain data. */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/** A stream of bytes, decoded as UTF-8 and joined. */
export const text = <E, R>(stream: Stream.Stream<Uint8Array, E, R>) =>
  Effect.map(Stream.runCollect(stream.pipe(Stream.decodeText())), (chunks) => Chunk.join(chunks, ""))

/** The tagged error a call fails with, as data to compare (`origin` says who refused: client or server). */
export const failure = <E extends { _tag: string; message: string }>(call: Effect.Effect<unknown, E>) =>
  Effect.map(Effect.flip(call), (e) => ({ tag: e._tag, message: e.message, origin: (e as { origin?: string }).origin }))
