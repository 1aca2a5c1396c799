/**
 * Run arguments: typed values for a workflow's parameters, file references to uploaded files, and
 * their validation against the group's parameter declarations before anything is sent.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { preview } from "../core/DecodeIssue.js"
import type { InvalidRequest } from "../core/Errors.js"
import { invalidInput } from "../core/Errors.js"
import type { Parameter } from "./schemas/Parameter.js"

/**
 * A reference to an uploaded file, as flowserv expects it for a `file` parameter.
 *
 * @since 0.1.0
 * @category models
 */
export interface FileArgument {
  readonly type: "$file"
  readonly value: { readonly fileId: string; readonly targetPath?: string }
}

/**
 * A value for one parameter: a scalar, a file reference, a list or a record.
 *
 * @since 0.1.0
 * @category models
 */
export type ArgumentValue =
  | string
  | number
  | boolean
  | FileArgument
  | ReadonlyArray<ArgumentValue>
  | { readonly [key: string]: ArgumentValue }

/**
 * The arguments of a run, by parameter name.
 *
 * @since 0.1.0
 * @category models
 */
export type Arguments = Readonly<Record<string, ArgumentValue>>

/**
 * A file argument: the id of a file uploaded to the group and, optionally, where the workflow
 * should find it (otherwise the parameter's declared `target`).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { RunArguments } from "effect-research-sdk/flowserv"
 * const args = { names: RunArguments.file("18b502c6…"), greeting: "Hi", sleeptime: 1 }
 * ```
 */
export const file = (fileId: string, targetPath?: string): FileArgument => ({
  type: "$file",
  value: targetPath === undefined ? { fileId } : { fileId, targetPath }
})

/**
 * Whether a value is a file argument.
 *
 * @since 0.1.0
 * @category guards
 */
export const isFileArgument = (value: unknown): value is FileArgument =>
  typeof value === "object" && value !== null && (value as { type?: unknown }).type === "$file" &&
  typeof (value as { value?: { fileId?: unknown } }).value?.fileId === "string"

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !isFileArgument(value)

// flowserv's numeric ranges: `[0,10)`, `(,1]`, `[0,]`.
const rangePattern = /^\s*([[(])\s*([^,\s]*)\s*,\s*([^\])\s]*)\s*([\])])\s*$/

const inRange = (value: number, range: string): boolean => {
  const match = rangePattern.exec(range)
  if (match === null) return true
  const [, open, low, high, close] = match
  if (low !== "" && low !== undefined) {
    const bound = Number(low)
    if (Number.isFinite(bound) && (open === "[" ? value < bound : value <= bound)) return false
  }
  if (high !== "" && high !== undefined) {
    const bound = Number(high)
    if (Number.isFinite(bound) && (close === "]" ? value > bound : value >= bound)) return false
  }
  return true
}

const selectable = (parameter: Parameter): ReadonlyArray<unknown> | undefined =>
  parameter.values?.map((option) => isRecord(option) && "value" in option ? option.value : option)

// The server's options, as many as a message can hold: they come from the workflow's template, of any
// size and nesting, so each is shown by a bounded preview (JSON.stringify would recurse through it).
const listed = (options: ReadonlyArray<unknown>): string => {
  const shown = options.slice(0, 10).map((option) => preview(option)).join(", ")
  return options.length > 10 ? `${shown}, … (${options.length} in all)` : shown
}

/** Why a value does not fit a parameter, or `undefined` when it does. */
const mismatch = (parameter: Parameter, value: unknown): string | undefined => {
  const name = `'${parameter.name}'`
  switch (parameter.dtype) {
    case "bool":
      return typeof value === "boolean" ? undefined : `${name} expects a boolean`
    case "int":
    case "float": {
      const integer = parameter.dtype === "int"
      if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
        return `${name} expects ${integer ? "an integer" : "a number"}`
      }
      return parameter.range === undefined || inRange(value, parameter.range)
        ? undefined
        : `${name} must be in the range ${parameter.range}`
    }
    case "string":
      return typeof value === "string" ? undefined : `${name} expects a string`
    case "select": {
      const options = selectable(parameter)
      return options === undefined || options.includes(value)
        ? undefined
        : `${name} must be one of ${listed(options)}`
    }
    case "file":
      return isFileArgument(value)
        ? value.value.fileId.length > 0 ? undefined : `${name} needs a file id`
        : `${name} expects a file argument (RunArguments.file(fileId))`
    case "list":
      return Array.isArray(value) ? undefined : `${name} expects a list`
    case "record":
      return isRecord(value) ? undefined : `${name} expects a record`
  }
  // A parameter type this SDK does not know: leave the judgement to the server.
  return undefined
}

/**
 * Checks arguments against parameter declarations: every name must be a parameter, every required
 * parameter must have a value, and every value must fit its parameter's type (and range or options).
 * Returns the arguments in the server's wire form, `[{ name, value }]`.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = (
  args: Arguments,
  parameters: ReadonlyArray<Parameter>
): Effect.Effect<ReadonlyArray<{ readonly name: string; readonly value: ArgumentValue }>, InvalidRequest> => {
  if (!isRecord(args)) return Effect.fail(invalidInput("arguments must be an object of parameter names and values"))
  const byName = new Map(parameters.map((parameter) => [parameter.name, parameter]))
  const wire: Array<{ name: string; value: ArgumentValue }> = []
  for (const [name, value] of Object.entries(args)) {
    const parameter = byName.get(name)
    if (parameter === undefined) return Effect.fail(invalidInput(`unknown parameter '${name}'`))
    if (value === undefined) continue
    const problem = mismatch(parameter, value)
    if (problem !== undefined) return Effect.fail(invalidInput(`invalid argument: ${problem}`))
    wire.push({ name, value })
  }
  for (const parameter of parameters) {
    if (parameter.isRequired && parameter.defaultValue === undefined && args[parameter.name] === undefined) {
      return Effect.fail(invalidInput(`missing argument for '${parameter.name}'`))
    }
  }
  return Effect.succeed(wire)
}

/**
 * Arguments in the server's wire form without checking them (for a server whose declarations the
 * caller knows better).
 *
 * @since 0.1.0
 * @category constructors
 */
export const toWire = (args: Arguments): ReadonlyArray<{ readonly name: string; readonly value: ArgumentValue }> =>
  Object.entries(args).flatMap(([name, value]) => value === undefined ? [] : [{ name, value }])
