/**
 * The SDK's decoder of parsed response bodies: a schema's `WirePlan` run over the JSON, then its plain
 * twin, decoded by `PlainDecoder`; the schema as declared when the twin refuses the body, so that an
 * error (or, if the twin were ever stricter than the schema, a success) is exactly the schema's own.
 * Unknown fields are ignored.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { normalize } from "./Normalize.js"
import { plainDecoder, refused } from "./PlainDecoder.js"
import { compile } from "./WirePlan.js"

/**
 * Decodes `json`, which it may change in place (pass JSON just parsed); `pristine` gives the body
 * again as sent, for the schema as declared when the twin refuses it.
 *
 * @since 0.1.0
 * @category models
 */
export type JsonDecoder<A> = (json: unknown, pristine: () => unknown) => Either.Either<A, ParseResult.ParseError>

const options = { onExcessProperty: "ignore" } as const

const make = <A, I>(schema: Schema.Schema<A, I, never>): JsonDecoder<A> => {
  const declared = Schema.decodeUnknownEither(schema, options)
  const { ast, plan } = compile(schema.ast)
  const twin = plainDecoder(ast)
  return (json, pristine) => {
    const decoded = twin(plan === undefined ? json : normalize(plan, json))
    return decoded === refused ? declared(pristine()) : Either.right(decoded as A)
  }
}

// Built once per schema.
const decoders = new WeakMap<Schema.Schema.AnyNoContext, JsonDecoder<any>>()

/**
 * The decoder of `schema`, built once.
 *
 * @since 0.1.0
 * @category constructors
 */
export const jsonDecoder = <A, I>(schema: Schema.Schema<A, I, never>): JsonDecoder<A> => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    decoder = make(schema)
    decoders.set(schema, decoder)
  }
  return decoder as JsonDecoder<A>
}
