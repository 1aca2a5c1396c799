/**
 * Running a `WirePlan` over parsed JSON, in place: the fields it names dropped when `null`, filled
 * when absent, moved from their names on the wire. One pass, iterative (an explicit stack, however
 * deep the value), and only as far as the plan goes: values the schema does not describe field by
 * field (`Schema.Unknown`, a record) are left exactly as sent, `null`s and all.
 *
 * @since 0.1.0
 */
import type { Plan } from "./WirePlan.js"

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * Applies `plan` to `json`, changing it in place: for JSON the caller owns (just parsed).
 *
 * @since 0.1.0
 * @category normalizing
 */
export const normalize = (plan: Plan, json: unknown): void => {
  const plans: Array<Plan> = [plan]
  const values: Array<unknown> = [json]
  while (plans.length > 0) {
    const next = plans.pop()!
    const value = values.pop()
    switch (next._tag) {
      case "Struct": {
        // Anything but an object is left to the schema to refuse.
        if (!isObject(value)) break
        for (const step of next.steps) {
          const key = step.key
          if (step.wire !== key) {
            if (Object.hasOwn(value, step.wire)) value[key] = value[step.wire]
            else if (Object.hasOwn(value, key)) delete value[key]
          }
          let field = value[key]
          if (field === null && step.nullable) {
            delete value[key]
            field = undefined
          }
          if (step.fill !== undefined && field === undefined && !Object.hasOwn(value, key)) {
            value[key] = step.fill()
          } else if (step.next !== undefined && typeof field === "object" && field !== null) {
            plans.push(step.next)
            values.push(field)
          }
        }
        break
      }
      case "Array": {
        if (!Array.isArray(value)) break
        const { elements, rest } = next
        for (let i = 0; i < value.length; i++) {
          const item = i < elements.length ? elements[i] : rest
          const element = value[i]
          if (item !== undefined && typeof element === "object" && element !== null) {
            plans.push(item)
            values.push(element)
          }
        }
        break
      }
      case "Kind": {
        const item = Array.isArray(value) ? next.array : next.object
        if (item !== undefined) {
          plans.push(item)
          values.push(value)
        }
        break
      }
    }
  }
}
