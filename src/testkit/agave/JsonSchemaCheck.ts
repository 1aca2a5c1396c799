/**
 * A small JSON Schema checker for the test server's metadata schemas: whether a schema is well formed,
 * and whether a document's value satisfies it, for the keywords metadata schemas use — `type`,
 * `properties`, `required` (draft 4's list, and draft 3's `required: true` on a property),
 * `additionalProperties: false`, `items`, `enum`, `minimum`, `maximum`, `minLength`, `maxLength`.
 * Other keywords are accepted and not checked.
 *
 * @since 0.1.0
 */

type Json = Readonly<Record<string, unknown>>

const types: ReadonlySet<string> = new Set(["object", "array", "string", "number", "integer", "boolean", "null", "any"])

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * Why `schema` is not a JSON Schema, or `undefined` when it is one.
 *
 * @since 0.1.0
 * @category checking
 */
export const schemaProblem = (schema: unknown, at = "schema", depth = 0): string | undefined => {
  if (depth > 32) return `${at} is nested too deeply`
  if (!isObject(schema)) return `${at} must be a JSON object`
  const type = schema["type"]
  if (type !== undefined) {
    const listed = Array.isArray(type) ? type : [type]
    if (listed.length === 0 || !listed.every((t) => typeof t === "string" && types.has(t))) {
      return `${at}.type must name JSON types`
    }
  }
  const required = schema["required"]
  if (
    required !== undefined && typeof required !== "boolean" &&
    !(Array.isArray(required) && required.every((r) => typeof r === "string"))
  ) {
    return `${at}.required must be a list of property names`
  }
  if (schema["enum"] !== undefined && !Array.isArray(schema["enum"])) return `${at}.enum must be a list`
  const properties = schema["properties"]
  if (properties !== undefined) {
    if (!isObject(properties)) return `${at}.properties must be an object`
    for (const [name, inner] of Object.entries(properties)) {
      const problem = schemaProblem(inner, `${at}.properties.${name}`, depth + 1)
      if (problem !== undefined) return problem
    }
  }
  const items = schema["items"]
  if (items !== undefined && !Array.isArray(items)) return schemaProblem(items, `${at}.items`, depth + 1)
  return undefined
}

const typeOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "object" ? "object" : typeof value

const hasType = (value: unknown, type: string): boolean =>
  type === "any" || type === typeOf(value) || (type === "integer" && Number.isInteger(value)) ||
  (type === "number" && typeof value === "number")

const equalJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * Why `value` does not satisfy `schema` (a checked one), or `undefined` when it does.
 *
 * @since 0.1.0
 * @category checking
 */
export const valueProblem = (value: unknown, schema: Json, at = "value", depth = 0): string | undefined => {
  if (depth > 32) return undefined
  const type = schema["type"]
  if (type !== undefined) {
    const listed = (Array.isArray(type) ? type : [type]) as ReadonlyArray<string>
    if (!listed.some((t) => hasType(value, t))) return `${at} must be of type ${listed.join(" or ")}`
  }
  const allowed = schema["enum"]
  if (Array.isArray(allowed) && !allowed.some((option) => equalJson(option, value))) {
    return `${at} is not one of its enum`
  }
  if (typeof value === "number") {
    if (typeof schema["minimum"] === "number" && value < schema["minimum"]) return `${at} is below its minimum`
    if (typeof schema["maximum"] === "number" && value > schema["maximum"]) return `${at} is above its maximum`
  }
  if (typeof value === "string") {
    if (typeof schema["minLength"] === "number" && value.length < schema["minLength"]) return `${at} is too short`
    if (typeof schema["maxLength"] === "number" && value.length > schema["maxLength"]) return `${at} is too long`
  }
  if (Array.isArray(value) && isObject(schema["items"])) {
    for (let i = 0; i < value.length; i++) {
      const problem = valueProblem(value[i], schema["items"], `${at}[${i}]`, depth + 1)
      if (problem !== undefined) return problem
    }
  }
  if (isObject(value)) {
    const properties = isObject(schema["properties"]) ? schema["properties"] : {}
    const required = Array.isArray(schema["required"]) ? schema["required"] : []
    for (const name of required) if (!(name in value)) return `${at}.${String(name)} is required`
    for (const [name, inner] of Object.entries(properties)) {
      if (!isObject(inner)) continue
      if (!(name in value)) {
        if (inner["required"] === true) return `${at}.${name} is required`
        continue
      }
      const problem = valueProblem(value[name], inner, `${at}.${name}`, depth + 1)
      if (problem !== undefined) return problem
    }
    if (schema["additionalProperties"] === false) {
      const extra = Object.keys(value).find((name) => !(name in properties))
      if (extra !== undefined) return `${at}.${extra} is not allowed`
    }
  }
  return undefined
}
