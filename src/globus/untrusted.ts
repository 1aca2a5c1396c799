/**
 * Bounded readers of JSON a server sent: each looks at a fixed path, takes at most a fixed number of
 * items and characters, and never walks a structure, so a hostile body costs little.
 *
 * // core candidate: every platform's classifier reads untrusted error bodies this way.
 *
 * @since 0.1.0
 */

/**
 * A JSON object (not an array, not null).
 *
 * @since 0.1.0
 */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * A text cut to `max` characters, marked with `…` where it was cut.
 *
 * @since 0.1.0
 */
export const clip = (text: string, max: number): string => text.length > max ? text.slice(0, max) + "…" : text

/**
 * A string value, cut to `max` characters; `undefined` for anything else.
 *
 * @since 0.1.0
 */
export const text = (value: unknown, max: number): string | undefined =>
  typeof value === "string" ? clip(value, max) : undefined

/**
 * The strings of an array: `undefined` unless it is an array whose first `maxItems` items are all
 * strings of at most `maxLength` characters (a longer one is not a value the SDK could use, such as
 * an identity id or a scope, so the list is not trusted). Items past `maxItems` are left out.
 *
 * @since 0.1.0
 */
export const strings = (value: unknown, maxItems: number, maxLength: number): Array<string> | undefined => {
  if (!Array.isArray(value)) return undefined
  const out: Array<string> = []
  for (let i = 0; i < value.length && i < maxItems; i++) {
    const item: unknown = value[i]
    if (typeof item !== "string" || item.length > maxLength) return undefined
    out.push(item)
  }
  return out
}

/**
 * The first `max` items of an array that are JSON objects.
 *
 * @since 0.1.0
 */
export const objects = (value: unknown, max: number): Array<Record<string, unknown>> => {
  if (!Array.isArray(value)) return []
  const out: Array<Record<string, unknown>> = []
  for (let i = 0; i < value.length && i < max; i++) {
    const item: unknown = value[i]
    if (isObject(item)) out.push(item)
  }
  return out
}

/**
 * A list for a message: the first `max` items joined, then how many more there were.
 *
 * @since 0.1.0
 */
export const listed = (items: ReadonlyArray<string>, total: number, max: number, separator = ", "): string => {
  const shown = items.slice(0, max).join(separator)
  return total > max ? `${shown}${separator}and ${total - max} more` : shown
}
