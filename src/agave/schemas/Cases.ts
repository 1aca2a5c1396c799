/**
 * Models a server writes in camelCase or in snake_case depending on its configuration: Abaco (the
 * actors service) answers `createTime` or `create_time` according to its `case` setting. Both are
 * read, camelCase is exposed.
 *
 * Fast by construction: the fields stay plain optional ones, and one pass over each object — which
 * copies nothing when no snake_case name is present, and otherwise copies the model's fields under
 * their camelCase names — comes before the fields are checked once. Nothing is transformed field by
 * field.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A camelCase name in snake_case, as Abaco writes it (`defaultEnvironment` → `default_environment`).
 *
 * @since 0.1.0
 * @category naming
 */
export const toSnake = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/**
 * A model of `fields` (camelCase names) that reads either spelling of every name with a capital in
 * it, the camelCase one winning when both are sent (unless it is `null`), and exposes camelCase; `name`
 * names it in decoding errors. Encoding writes each such
 * field in both spellings: a server reads the one it is configured for and ignores the other, so a
 * request is understood whatever the server's setting.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Cases } from "effect-research-sdk/agave"
 * const Nonce = Cases.cased("Nonce", { id: Schema.String, maxUses: Schema.optional(Schema.Number) })
 * Schema.decodeUnknownSync(Nonce)({ id: "n1", max_uses: 3 }) // { id: "n1", maxUses: 3 }
 * ```
 */
export const cased = <Fields extends Schema.Struct.Fields>(
  name: string,
  fields: Fields
): Schema.transform<typeof Schema.Unknown, Schema.Struct<Fields>> => {
  const pairs: Array<readonly [snake: string, camel: string]> = []
  // Every field, with its snake_case name when it has another: a renamed copy is built in the same
  // order each time, so that every copy has the same shape.
  const names: Array<readonly [camel: string, snake: string | undefined]> = []
  for (const camel of Object.keys(fields)) {
    const snake = toSnake(camel)
    if (snake !== camel) pairs.push([snake, camel])
    names.push([camel, snake === camel ? undefined : snake])
  }
  const decode = (input: unknown): unknown => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return input
    const wire = input as Record<string, unknown>
    let renamed = false
    for (const [snake] of pairs) {
      if (wire[snake] !== undefined) {
        renamed = true
        break
      }
    }
    if (!renamed) return input
    const out: Record<string, unknown> = {}
    for (const [camel, snake] of names) {
      let value = wire[camel]
      if (value == null && snake !== undefined && wire[snake] !== undefined) value = wire[snake]
      if (value !== undefined) out[camel] = value
    }
    return out
  }
  const encode = (value: unknown): unknown => {
    const out = { ...(value as Record<string, unknown>) }
    for (const [snake, camel] of pairs) if (out[camel] !== undefined) out[snake] = out[camel]
    return out
  }
  return Schema.transform(Schema.Unknown, Schema.Struct(fields).annotations({ identifier: name }), {
    strict: false,
    decode,
    encode
  }).annotations({ identifier: name })
}
