/**
 * The actors service's types, pinned: error unions derived from the records (Abaco's 400s read by
 * message land in these tags), what waiting adds, inputs and successes.
 */
import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type * as Stream from "effect/Stream"
import type { AgaveActors } from "../../src/agave/Actors.js"
import { withNonce } from "../../src/agave/Actors.js"
import type * as ActorSearch from "../../src/agave/ActorSearch.js"
import type { ExecutionStillActive } from "../../src/agave/ExecutionWaiting.js"
import type { ActorRecords } from "../../src/agave/records/Actors.js"
import type {
  Actor,
  ActorAlias,
  ActorNonce,
  ActorPermissions,
  ActorsPage,
  Execution,
  MessageResult
} from "../../src/agave/schemas/Actor.js"
import type * as Endpoint from "../../src/core/Endpoint.js"
import type { Conflict, Forbidden, InfraError, InvalidRequest, NotFound, Unauthorized } from "../../src/core/Errors.js"

type Actors = AgaveActors["Type"]
type ErrorOf<T> = T extends (...args: any) => Effect.Effect<any, infer E, any> | Stream.Stream<any, infer E, any> ? E
  : never
type Reading = Unauthorized | Forbidden | NotFound | InvalidRequest | InfraError
type Listing = Unauthorized | Forbidden | InvalidRequest | InfraError

describe("AgaveActors", () => {
  it("error unions: reading an actor or something of it, listing, creating an alias", () => {
    expectTypeOf<ErrorOf<Actors["get"]>>().toEqualTypeOf<Reading>()
    expectTypeOf<ErrorOf<Actors["sendMessage"]>>().toEqualTypeOf<Reading>()
    expectTypeOf<ErrorOf<Actors["getExecution"]>>().toEqualTypeOf<Reading>()
    expectTypeOf<ErrorOf<Actors["addNonce"]>>().toEqualTypeOf<Reading>()
    expectTypeOf<ErrorOf<Actors["add"]>>().toEqualTypeOf<Listing>()
    expectTypeOf<ErrorOf<Actors["listAliases"]>>().toEqualTypeOf<Listing>()
    expectTypeOf<ErrorOf<Actors["addAlias"]>>().toEqualTypeOf<
      Unauthorized | Forbidden | NotFound | Conflict | InvalidRequest | InfraError
    >()
  })

  it("successes: models, pages, bytes, nothing", () => {
    expectTypeOf<ReturnType<Actors["get"]>>().toEqualTypeOf<Effect.Effect<Actor, Reading>>()
    expectTypeOf<ReturnType<Actors["list"]>>().toEqualTypeOf<Stream.Stream<Actor, Listing>>()
    expectTypeOf<ReturnType<Actors["listPage"]>>().toEqualTypeOf<Effect.Effect<ActorsPage<Actor>, Listing>>()
    expectTypeOf<ReturnType<Actors["searchExecutions"]>>().toEqualTypeOf<Stream.Stream<Execution, Listing>>()
    expectTypeOf<ReturnType<Actors["getOneExecutionResult"]>>().toEqualTypeOf<Stream.Stream<Uint8Array, Reading>>()
    expectTypeOf<ReturnType<Actors["sendBinaryMessage"]>>().toEqualTypeOf<Effect.Effect<MessageResult, Reading>>()
    expectTypeOf<ReturnType<Actors["getPermissions"]>>().toEqualTypeOf<Effect.Effect<ActorPermissions, Reading>>()
    expectTypeOf<ReturnType<Actors["listNonces"]>>().toEqualTypeOf<
      Effect.Effect<ReadonlyArray<ActorNonce>, Reading>
    >()
    expectTypeOf<ReturnType<Actors["getAlias"]>>().toEqualTypeOf<Effect.Effect<ActorAlias, Reading>>()
    expectTypeOf<ReturnType<Actors["delete"]>>().toEqualTypeOf<Effect.Effect<void, Reading>>()
  })

  it("waiting adds ExecutionStillActive to await; watch has the reading's errors", () => {
    expectTypeOf<ReturnType<Actors["awaitExecution"]>>().toEqualTypeOf<
      Effect.Effect<Execution, Reading | ExecutionStillActive>
    >()
    expectTypeOf<ReturnType<Actors["watchExecution"]>>().toEqualTypeOf<Stream.Stream<Execution, Reading>>()
  })

  it("inputs: path parameters required, environment and search optional, bodies typed", () => {
    expectTypeOf<Endpoint.Input<typeof ActorRecords.sendBinaryMessage>>().toEqualTypeOf<{
      readonly actorId: string
      readonly environment?: Readonly<Record<string, string>> | undefined
      readonly body: Uint8Array
    }>()
    expectTypeOf<Endpoint.Input<typeof ActorRecords.list>>().toEqualTypeOf<{
      readonly limit?: number | undefined
      readonly skip?: number | undefined
      readonly search?: string | undefined
      readonly where?: ActorSearch.ActorSearch<Actor> | undefined
    }>()
    const call = (_: Endpoint.Input<typeof ActorRecords.getExecution>) => undefined
    // @ts-expect-error executionId is missing
    call({ actorId: "a1" })
    call({ actorId: "a1", executionId: "e1" })
  })

  it("withNonce keeps the type of what it wraps, effect or stream", () => {
    const nonce = withNonce(Redacted.make("TACC_n1"))
    const effect = null as unknown as Effect.Effect<Actor, Reading>
    const stream = null as unknown as Stream.Stream<Uint8Array, Reading>
    expectTypeOf(nonce(effect)).toEqualTypeOf<Effect.Effect<Actor, Reading>>()
    expectTypeOf(nonce(stream)).toEqualTypeOf<Stream.Stream<Uint8Array, Reading>>()
  })
})
