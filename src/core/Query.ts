/**
 * Query parameters of an operation, each with its encoding: strings as they are, numbers in decimal,
 * booleans as `true`/`false`, lists comma-joined; a value left `undefined` (or an empty list) is not
 * sent. Keys and values are percent-encoded; a value that cannot be encoded (a lone UTF-16
 * surrogate) or does not fit its parameter (`1.5` for an integer, a list item holding a comma) is
 * refused with `InvalidRequest` (origin `client`) before anything is sent.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { InvalidRequest } from "./Errors.js"

/**
 * One query parameter: how its value is written, and whether it must be given.
 *
 * @since 0.1.0
 * @category models
 */
export interface Param<A, Required extends boolean = false> {
  readonly required: Required
  /** The value as text (not yet percent-encoded), `undefined` for nothing to send, or why it cannot
   *  be sent. Checks what the type cannot promise at run time. */
  readonly write: (value: A) => string | undefined | Refused
  /** For a parameter that stands for several (search terms, see {@link pairs}): its own keys and
   *  values (not yet percent-encoded), or why they cannot be sent. Its name is then not sent. */
  readonly pairs?: ((value: A) => ReadonlyArray<readonly [key: string, value: string]> | Refused) | undefined
  /** Type-level only. */
  readonly Type?: A
}

/**
 * Why a value cannot be sent.
 *
 * @since 0.1.0
 * @category models
 */
export class Refused {
  constructor(readonly reason: string) {}
}

/**
 * Any parameter.
 *
 * @since 0.1.0
 * @category models
 */
export type Any = Param<any, boolean>

/**
 * The parameters of an operation, by name.
 *
 * @since 0.1.0
 * @category models
 */
export type Fields = { readonly [name: string]: Any }

/**
 * The value type of a parameter.
 *
 * @since 0.1.0
 * @category type-level
 */
export type TypeOf<P> = P extends Param<infer A, any> ? A : never

type RequiredKeys<Q extends Fields> = { [K in keyof Q]: Q[K] extends Param<any, true> ? K : never }[keyof Q]

/**
 * What a caller passes for `fields`: required parameters as required keys, the others optional.
 *
 * @since 0.1.0
 * @category type-level
 */
export type Input<Q extends Fields> =
  & { readonly [K in RequiredKeys<Q>]: TypeOf<Q[K]> }
  & { readonly [K in Exclude<keyof Q, RequiredKeys<Q>>]?: TypeOf<Q[K]> | undefined }

const make = <A>(write: (value: A) => string | undefined | Refused): Param<A> => ({ required: false, write })

/**
 * A string, sent as it is.
 *
 * @since 0.1.0
 * @category params
 */
export const string: Param<string> = make((value) =>
  typeof value === "string" ? value : new Refused("must be a string")
)

/**
 * A whole number, in decimal.
 *
 * @since 0.1.0
 * @category params
 */
export const integer: Param<number> = make((value) =>
  Number.isSafeInteger(value) ? String(value) : new Refused("must be a whole number")
)

/**
 * A finite number, in decimal.
 *
 * @since 0.1.0
 * @category params
 */
export const number: Param<number> = make((value) =>
  typeof value === "number" && Number.isFinite(value) ? String(value) : new Refused("must be a finite number")
)

/**
 * A boolean, as `true` or `false`.
 *
 * @since 0.1.0
 * @category params
 */
export const boolean: Param<boolean> = make((value) =>
  value === true ? "true" : value === false ? "false" : new Refused("must be true or false")
)

/**
 * One of a few strings.
 *
 * @since 0.1.0
 * @category params
 */
export const literal = <const Values extends ReadonlyArray<string>>(...values: Values): Param<Values[number]> => {
  const allowed: ReadonlySet<string> = new Set(values)
  return make((value) => allowed.has(value) ? value : new Refused(`must be one of ${values.join(", ")}`))
}

/**
 * A list, its items written by `item` and joined with commas (`include=memberships,policies`). An
 * empty list is not sent; an item holding a comma is refused, since the server could not tell it
 * from two.
 *
 * @since 0.1.0
 * @category params
 * @example
 * ```ts
 * import { Query } from "effect-research-sdk"
 * const include = Query.commaList(Query.literal("memberships", "policies"))
 * ```
 */
export const commaList = <A>(item: Param<A, boolean>): Param<ReadonlyArray<A>> =>
  make((values) => {
    if (!Array.isArray(values)) return new Refused("must be a list")
    let out = ""
    for (let i = 0; i < values.length; i++) {
      const written = item.write(values[i])
      if (written instanceof Refused) return written
      if (written === undefined) continue
      if (written.includes(",")) return new Refused("an item of a comma-separated list cannot hold a comma")
      out = out === "" ? written : out + "," + written
    }
    return out === "" ? undefined : out
  })

/**
 * A parameter that stands for several, each with its own key: a platform's search terms
 * (`status.eq=RUNNING&name.like=*demo*`). Keys and values are percent-encoded like any other; a key
 * that repeats a declared parameter's name is refused.
 *
 * @since 0.1.0
 * @category params
 * @example
 * ```ts
 * import { Query } from "effect-research-sdk"
 * const terms = Query.pairs((terms: Readonly<Record<string, string>>) => Object.entries(terms))
 * ```
 */
export const pairs = <A>(
  write: (value: A) => ReadonlyArray<readonly [key: string, value: string]> | Refused
): Param<A> => ({ required: false, write: () => undefined, pairs: write })

/**
 * The same parameter, which the caller must give.
 *
 * @since 0.1.0
 * @category combinators
 */
export const required = <A>(param: Param<A, boolean>): Param<A, true> => ({ required: true, write: param.write })

/**
 * Compiles `fields` once into an encoder of the query string (without `?`; `""` for none).
 *
 * @since 0.1.0
 * @category encoding
 */
export const compile = (
  fields: Fields
): (input: Readonly<Record<string, unknown>>) => Either.Either<string, InvalidRequest> => {
  const entries = Object.entries(fields).map(([name, param]) => ({ name, key: encodeURIComponent(name), param }))
  const declared: ReadonlySet<string> = new Set(Object.keys(fields))
  if (entries.length === 0) return () => empty
  return (input) => {
    let query = ""
    for (const { key, name, param } of entries) {
      const value = input[name]
      if (value === undefined) {
        if (param.required) return refuse(name, "is required")
        continue
      }
      if (param.pairs !== undefined) {
        const written = param.pairs(value)
        if (written instanceof Refused) return refuse(name, written.reason)
        for (const [pairKey, pairValue] of written) {
          if (declared.has(pairKey)) return refuse(name, `${pairKey.slice(0, 100)} is a parameter of its own`)
          const encodedKey = encode(pairKey)
          const encodedValue = encode(pairValue)
          if (encodedKey === undefined || encodedValue === undefined) return refuse(name, "is not well-formed Unicode")
          query += (query === "" ? "" : "&") + encodedKey + "=" + encodedValue
        }
        continue
      }
      const written = param.write(value)
      if (written === undefined) continue
      if (written instanceof Refused) return refuse(name, written.reason)
      const encoded = encode(written)
      if (encoded === undefined) return refuse(name, "is not well-formed Unicode")
      query += (query === "" ? key + "=" : "&" + key + "=") + encoded
    }
    return Either.right(query)
  }
}

const empty = Either.right("")

const refuse = (name: string, reason: string): Either.Either<never, InvalidRequest> =>
  Either.left(new InvalidRequest({ message: `query parameter ${name}: ${reason}`, origin: "client" }))

// Commas stay as they are (the list separator; allowed in a query by RFC 3986); everything else
// reserved is percent-encoded.
const encode = (value: string): string | undefined => {
  try {
    const encoded = encodeURIComponent(value)
    return encoded.includes("%2C") ? encoded.replace(/%2C/g, ",") : encoded
  } catch {
    return undefined
  }
}
