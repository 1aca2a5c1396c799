/**
 * Running a `WirePlan` over parsed JSON: the fields it names moved from their names on the wire,
 * dropped when `null`, filled when absent. One pass, iterative (an explicit stack, however deep the
 * value), and only as far as the plan goes: values the schema does not describe field by field
 * (`Schema.Unknown`, a record) are left exactly as sent, `null`s and all.
 *
 * @since 0.1.0
 */
import type { Plan } from "./WirePlan.js"

type Container = Record<string | number, unknown>

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const hasNull = (value: Record<string, unknown>, keys: ReadonlyArray<string>): boolean => {
  for (const key of keys) if (value[key] === null) return true
  return false
}

// A copy without the nulls of `keys`. Deleting them instead would leave V8 a slow, dictionary-mode
// object for the decoder to read.
const withoutNulls = (value: Record<string, unknown>, keys: ReadonlyArray<string>): Record<string, unknown> => {
  const copy: Record<string, unknown> = {}
  for (const key in value) {
    const field = value[key]
    if (field === null && keys.includes(key)) continue
    // An own `__proto__` (JSON.parse makes one) is copied as a field, never set as the prototype.
    if (key === "__proto__") Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true })
    else copy[key] = field
  }
  return copy
}

/**
 * Applies `plan` to `json`, changing it in place where it can (pass JSON the caller owns: just
 * parsed), and returns the value to decode (a copy of `json` itself when it had to drop a `null`).
 *
 * @since 0.1.0
 * @category normalizing
 */
export const normalize = (plan: Plan, json: unknown): unknown => {
  const root: Container = { json }
  // Where each value to visit is held, so that a copy can take its place.
  const plans: Array<Plan> = [plan]
  const containers: Array<Container> = [root]
  const slots: Array<string | number> = ["json"]
  while (plans.length > 0) {
    const next = plans.pop()!
    const container = containers.pop()!
    const slot = slots.pop()!
    const value = container[slot]
    switch (next._tag) {
      case "Struct": {
        // Anything but an object is left to the schema to refuse.
        if (!isObject(value)) break
        for (const step of next.steps) {
          if (step.wire === step.key) continue
          if (Object.hasOwn(value, step.wire)) value[step.key] = value[step.wire]
          // Rare (a server sending the SDK's name for a field): the only delete.
          else if (Object.hasOwn(value, step.key)) delete value[step.key]
        }
        let object = value
        if (hasNull(value, next.nullable)) {
          object = withoutNulls(value, next.nullable)
          container[slot] = object
        }
        for (const step of next.steps) {
          const field = object[step.key]
          if (step.fill !== undefined && field === undefined && !Object.hasOwn(object, step.key)) {
            object[step.key] = step.fill()
          } else if (step.next !== undefined && typeof field === "object" && field !== null) {
            plans.push(step.next)
            containers.push(object)
            slots.push(step.key)
          }
        }
        break
      }
      case "Array": {
        if (!Array.isArray(value)) break
        const { elements, rest } = next
        for (let i = 0; i < value.length; i++) {
          const item = i < elements.length ? elements[i] : rest
          const element: unknown = value[i]
          if (item !== undefined && typeof element === "object" && element !== null) {
            plans.push(item)
            containers.push(value as unknown as Container)
            slots.push(i)
          }
        }
        break
      }
      case "Kind": {
        const item = Array.isArray(value) ? next.array : next.object
        if (item !== undefined) {
          plans.push(item)
          containers.push(container)
          slots.push(slot)
        }
        break
      }
    }
  }
  return root.json
}
