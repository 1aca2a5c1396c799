/**
 * How the Abaco test server reads request bodies — actor definitions, nonces, aliases — in its
 * configured case only (a field is read through `field`), refusing what Abaco refuses with its words.
 *
 * @since 0.1.0
 */
import { isRecord } from "effect/Predicate"
import type { Level } from "./ActorRows.js"
import { levels } from "./ActorRows.js"
import { badRequest } from "./Outcome.js"

/**
 * Reads a request field by its stored (snake_case) name, in the server's case.
 *
 * @since 0.1.0
 * @category models
 */
export type Field = (body: Readonly<Record<string, unknown>>, stored: string) => unknown

// Actor fields a request may set: stored name, type check, default.
const definitionFields: ReadonlyArray<readonly [string, (value: unknown) => boolean, unknown]> = [
  ["image", (v) => typeof v === "string" && v !== "", undefined],
  ["name", (v) => typeof v === "string", null],
  ["description", (v) => typeof v === "string", ""],
  ["stateless", (v) => typeof v === "boolean", true],
  ["privileged", (v) => typeof v === "boolean", false],
  ["token", (v) => typeof v === "boolean", false],
  ["type", (v) => v === "none" || v === "bin" || v === "json", "none"],
  ["default_environment", (v) => isRecord(v) && Object.values(v).every((x) => typeof x === "string"), {}],
  ["hints", (v) => Array.isArray(v) && v.every((x) => typeof x === "string"), []],
  ["link", (v) => typeof v === "string", ""],
  ["webhook", (v) => typeof v === "string", ""],
  ["queue", (v) => typeof v === "string", "default"],
  ["max_workers", (v) => Number.isInteger(v), null],
  ["mem_limit", (v) => typeof v === "string", null],
  ["max_cpus", (v) => Number.isInteger(v), null],
  ["use_container_uid", (v) => typeof v === "boolean", false],
  ["log_ex", (v) => Number.isInteger(v), null],
  ["cron_schedule", (v) => typeof v === "string", null],
  ["cron_on", (v) => typeof v === "boolean", false]
]

/**
 * An actor's definition (stored names) from a request; on an update, what the request leaves out
 * stays as it was.
 *
 * @since 0.1.0
 * @category reading
 */
export const definition = (
  body: unknown,
  previous: Readonly<Record<string, unknown>> | undefined,
  field: Field
): Record<string, unknown> => {
  if (!isRecord(body)) return badRequest("Invalid actor description: the body must be a JSON object")
  const out: Record<string, unknown> = {}
  for (const [stored, valid, fallback] of definitionFields) {
    const value = field(body, stored)
    if (value === undefined || value === null) {
      if (stored === "image") badRequest("Invalid actor description: Missing required parameter image")
      out[stored] = previous?.[stored] ?? fallback
    } else if (!valid(value)) {
      badRequest(`Invalid actor description: invalid value for ${stored}`)
    } else {
      out[stored] = value
    }
  }
  if (out["max_workers"] != null && out["stateless"] === false) {
    badRequest("Invalid actor description: stateful actors can only have 1 worker.")
  }
  return out
}

/**
 * A new nonce's level (EXECUTE by default), uses (-1, unlimited, by default) and description.
 *
 * @since 0.1.0
 * @category reading
 */
export const nonce = (
  body: unknown,
  field: Field
): { readonly level: Level; readonly maxUses: number; readonly description: string } => {
  const request = isRecord(body) ? body : {}
  const level = request["level"] ?? "EXECUTE"
  if (!(levels as ReadonlyArray<unknown>).includes(level)) {
    badRequest(`Invalid nonce description. The level attribute must be one of: ${levels.join(", ")}`)
  }
  const maxUses = field(request, "max_uses") ?? -1
  if (!Number.isInteger(maxUses)) badRequest("The max uses parameter must be an integer.")
  if (maxUses === 0 || (maxUses as number) < -1) {
    badRequest("The max uses parameter must be a positive integer or -1 (to denote unlimited uses).")
  }
  const description = typeof request["description"] === "string" ? request["description"] : ""
  return { level: level as Level, maxUses: maxUses as number, description }
}

const reservedAliases: ReadonlySet<string> = new Set(["executions", "nonces", "logs", "messages", "adapters", "admin"])
const forbiddenAliasCharacters = /[\\ ":/?#[\]@!$&'()*+,;=]/

/**
 * Whether `text` has the shape of Abaco's ids (which an alias may not have).
 *
 * @since 0.1.0
 * @category reading
 */
export const isHashid = (text: string): boolean => /^[A-Za-z0-9]{13}$/.test(text)

/**
 * A new alias's name (checked as Abaco checks it) and actor.
 *
 * @since 0.1.0
 * @category reading
 */
export const alias = (body: unknown, field: Field): { readonly name: string; readonly actorId: string } => {
  const request = isRecord(body) ? body : {}
  const name = request["alias"]
  const actorId = field(request, "actor_id")
  if (typeof name !== "string" || name === "" || typeof actorId !== "string" || actorId === "") {
    return badRequest("Invalid alias description. Missing required field: alias and actor id are required")
  }
  if (isHashid(name)) badRequest("Invalid alias description. Alias cannot be an Abaco hash id.")
  if (reservedAliases.has(name)) badRequest(`${name} is a reserved word.`)
  const forbidden = forbiddenAliasCharacters.exec(name)
  if (forbidden !== null) badRequest(`'${forbidden[0]}' is a forbidden character.`)
  return { name, actorId }
}
