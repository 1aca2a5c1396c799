/**
 * What an entry of the Prism table (`agavePrismCalls`) is made of: a call of one operation through the
 * public services and the check of what it gets — a success that decodes to what the entry expects,
 * or the tagged error of a refusal that `agavePrismCorrections` lists.
 */
import { assert } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import type { Services } from "../../src/agave/Agave.js"
import type { AgaveRecords } from "../../src/agave/records/index.js"

/** A call of one operation, checking what it gets. */
export type Call = Effect.Effect<void, { readonly _tag: string }, Services>

/** The modules of the records. */
export type Module = keyof typeof AgaveRecords

/** A call per record of each module in `M`. */
export type Calls<M extends Module> = {
  readonly [K in M]: { readonly [Op in keyof (typeof AgaveRecords)[K]]: Call }
}

/** Every item of a stream. */
export const all = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

/** `call` succeeds, and what it decodes passes `check`. */
export const expect = <A, E extends { readonly _tag: string }>(
  call: Effect.Effect<A, E, Services>,
  check: (value: A) => void
): Call => Effect.map(call, check)

/** `call` succeeds with nothing (the answer's `result` is not read). */
export const done = <E extends { readonly _tag: string }>(call: Effect.Effect<void, E, Services>): Call =>
  expect(call, (value) => assert.isUndefined(value))

/** `call` fails with `tag` after Prism answered `status`. */
export const fails = <A, E extends { readonly _tag: string; readonly status?: number | undefined }>(
  tag: E["_tag"],
  status: number,
  call: Effect.Effect<A, E, Services>
): Call =>
  Effect.flatMap(Effect.exit(call), (exit) =>
    Effect.sync(() => {
      assert.isTrue(Exit.isFailure(exit), `expected ${tag}, got a success`)
      if (Exit.isFailure(exit) && exit.cause._tag === "Fail") {
        assert.deepStrictEqual([exit.cause.error._tag, exit.cause.error.status], [tag, status])
      } else assert.fail(`expected ${tag}, got ${String(exit)}`)
    }))

/** A list of one item, which passes `check`. */
export const one = <A>(check: (item: A) => void) => (list: ReadonlyArray<A>) => {
  assert.strictEqual(list.length, 1)
  check(list[0]!)
}
