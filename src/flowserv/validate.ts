/**
 * Refusing input the server would reject in confusing ways (an empty username is "too long";
 * a number as password crashes it with a 500; a string as member list empties the group).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { invalidInput } from "../core/Errors.js"
import type { InvalidRequest } from "../core/Errors.js"

/** flowserv's limit for user and group names, after trimming. */
const maxNameLength = 512

/**
 * A user or group name: a string of 1 to 512 characters after trimming.
 *
 * @since 0.1.0
 */
export const name = (value: unknown, what: string): Effect.Effect<string, InvalidRequest> => {
  if (typeof value !== "string") return Effect.fail(invalidInput(`${what} must be a string`))
  const trimmed = value.trim()
  if (trimmed.length === 0) return Effect.fail(invalidInput(`${what} must not be empty`))
  if (trimmed.length > maxNameLength) {
    return Effect.fail(invalidInput(`${what} must be at most ${maxNameLength} characters`))
  }
  return Effect.succeed(value)
}

/**
 * A password, plain or `Redacted`: a non-empty string. Returns it plain, for the request body only.
 *
 * @since 0.1.0
 */
export const password = (value: unknown): Effect.Effect<string, InvalidRequest> => {
  const plain = Redacted.isRedacted(value) ? Redacted.value(value) : value
  if (typeof plain !== "string") return Effect.fail(invalidInput("password must be a string"))
  if (plain.trim().length === 0) return Effect.fail(invalidInput("password must not be empty"))
  return Effect.succeed(plain)
}

/**
 * A new password. flowserv stores passwords trimmed but compares them at login as sent, so one with
 * leading or trailing spaces could never be used to log in.
 *
 * @since 0.1.0
 */
export const newPassword = (value: unknown): Effect.Effect<string, InvalidRequest> =>
  Effect.flatMap(
    password(value),
    (plain) =>
      plain.trim() === plain
        ? Effect.succeed(plain)
        : Effect.fail(invalidInput("password must not start or end with white space (flowserv would trim it)"))
  )

/**
 * An id sent in a body: a non-empty string.
 *
 * @since 0.1.0
 */
export const id = (value: unknown, what: string): Effect.Effect<string, InvalidRequest> =>
  typeof value === "string" && value.length > 0
    ? Effect.succeed(value)
    : Effect.fail(invalidInput(`${what} must be a non-empty string`))

/**
 * A list of user ids: an array of non-empty strings.
 *
 * @since 0.1.0
 */
export const idList = (value: unknown, what: string): Effect.Effect<ReadonlyArray<string>, InvalidRequest> => {
  if (!Array.isArray(value)) return Effect.fail(invalidInput(`${what} must be an array of user ids`))
  for (const item of value) {
    if (typeof item !== "string" || item.length === 0) {
      return Effect.fail(invalidInput(`${what} must contain non-empty user id strings`))
    }
  }
  return Effect.succeed(value)
}
