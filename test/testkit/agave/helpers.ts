import * as Effect from "effect/Effect"
import type { Op, Refusal } from "../../../src/testkit/agave/Outcome.js"

/** The result of an operation that must succeed (with `status`, when given). */
export const ok = <A>(op: Op<A>, status?: number) =>
  Effect.flatMap(op, (outcome) =>
    outcome._tag === "Success" && (status === undefined || outcome.status === status)
      ? Effect.succeed(outcome.result)
      : Effect.dieMessage(`expected success ${status ?? ""}, got ${JSON.stringify(outcome)}`))

/** The refusal of an operation that must be refused (with `status`). */
export const refused = <A>(op: Op<A>, status: number): Effect.Effect<Refusal> =>
  Effect.flatMap(op, (outcome) =>
    outcome._tag === "Refusal" && outcome.status === status
      ? Effect.succeed(outcome)
      : Effect.dieMessage(`expected refusal ${status}, got ${JSON.stringify(outcome)}`))

export const query = (params: Record<string, string> = {}) => new URLSearchParams(params)

export const text = (value: string) => new TextEncoder().encode(value)
export const read = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
