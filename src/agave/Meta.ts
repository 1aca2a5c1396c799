/**
 * The metadata service: JSON documents found with MongoDB queries, the JSON Schemas that validate
 * them, permissions on both, and bulk operations. Documents' values are any JSON by default;
 * `withValue(schema)` gives the document operations for values of one shape, decoded and encoded with
 * the caller's schema.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import { serviceLayers } from "../core/ServiceLayers.js"
import { AgaveConnection } from "./AgaveConnection.js"
import type { Calls } from "./AgaveService.js"
import { calls } from "./AgaveService.js"
import type { DocumentRecords } from "./records/Meta.js"
import { documentRecords, MetaRecords } from "./records/Meta.js"

/**
 * The document operations for values of type `V` (encoded as `I`): `listMetadata` (a stream, with
 * `listMetadataPage`), `addMetadata`, `getMetadata`, `updateMetadata`, `deleteMetadata`, `bulkCreate`,
 * `bulkUpdate`, `bulkDelete`.
 *
 * @since 0.1.0
 * @category models
 */
export type TypedDocuments<V, I> = Calls<DocumentRecords<V, I>>

const make = Effect.gen(function*() {
  const connection = yield* AgaveConnection
  // One table of records per value schema, made on first use.
  const typed = new WeakMap<object, unknown>()
  const withValue = <V, I>(value: Schema.Schema<V, I, never>): TypedDocuments<V, I> => {
    const known = typed.get(value)
    if (known !== undefined) return known as TypedDocuments<V, I>
    const made = calls(connection, documentRecords(value))
    typed.set(value, made)
    return made
  }
  return {
    ...calls(connection, MetaRecords),
    /**
     * The document operations with `value` typed by `schema`: answers are decoded with it (a document
     * whose value does not fit is `InvalidResponse`), requests encoded with it. Select documents of
     * that shape with a query (`MetaQuery.of(schema)`).
     */
    withValue
  }
})

/**
 * The metadata service: every operation of AgavePy's `meta` — documents (`listMetadata` a stream of
 * the documents `q` matches, `addMetadata`, `getMetadata`, `updateMetadata`, `deleteMetadata`, the
 * bulk operations), schemas (`searchSchema` a stream, `addSchema`, …) and permissions on both — and
 * `withValue(schema)` for typed documents.
 *
 * @since 0.1.0
 * @category services
 * @example
 * ```ts
 * import { Effect, Schema, Stream } from "effect"
 * import { AgaveMeta, MetaQuery } from "effect-research-sdk/agave"
 *
 * const Sample = Schema.Struct({ species: Schema.String, reads: Schema.Number })
 * const deepSamples = Effect.gen(function*() {
 *   const meta = yield* AgaveMeta
 *   const samples = meta.withValue(Sample)
 *   const Q = MetaQuery.of(Sample)
 *   yield* samples.addMetadata({ body: { name: "sample", value: { species: "A. thaliana", reads: 5000 } } })
 *   return yield* Stream.runCollect(
 *     samples.listMetadata({ q: Q.and(Q.eq("name", "sample"), Q.gte("value.reads", 1000)) })
 *   )
 * })
 * ```
 */
export class AgaveMeta extends Context.Tag("effect-research-sdk/agave/AgaveMeta")<
  AgaveMeta,
  Effect.Effect.Success<typeof make>
>() {
  static readonly #layers = serviceLayers(AgaveMeta, make, AgaveConnection)
  /**
   * On the connection in context.
   *
   * @since 0.1.0
   */
  static readonly Default = AgaveMeta.#layers.Default
  /**
   * With its own connection.
   *
   * @since 0.1.0
   */
  static readonly layer = AgaveMeta.#layers.layer
  /**
   * Configured from AgavePy's environment variables.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = AgaveMeta.#layers.layerConfig
}
