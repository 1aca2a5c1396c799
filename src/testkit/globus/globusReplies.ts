/**
 * The Globus test server's answers: a status and a JSON body, with the service's error bodies
 * (`{code, detail}`, 401 with `authorization_parameters`, 403 with `provided_scopes`, 400 with
 * `ambiguous_identities`, FastAPI's 422 validation lists).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { AuthParamsBody, ValidationErrorItem } from "../../globus/schemas/ErrorBodies.js"
import { GlobusRequestCode } from "./globusCodes.js"

/**
 * An answer: the routes send `body` as JSON with `status`.
 *
 * @since 0.1.0
 * @category models
 */
export interface GlobusReply {
  readonly status: number
  readonly body: unknown
}

/**
 * A request refused as a whole; the state's operations throw it and `handle` answers its reply.
 *
 * @since 0.1.0
 * @category models
 */
export class GlobusFailure extends Error {
  constructor(readonly reply: GlobusReply) {
    super(`status ${reply.status}`)
  }
}

/**
 * Answers.
 *
 * @since 0.1.0
 * @category constructors
 */
export const reply = (status: number, body: unknown): GlobusReply => ({ status, body })

/**
 * 401, with what a new login must satisfy.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unauthorized = (code: string, detail: string, parameters: AuthParamsBody): GlobusFailure =>
  new GlobusFailure(reply(401, { code, detail, authorization_parameters: parameters }))

/**
 * 403, with the token's scopes when the scopes are what is missing.
 *
 * @since 0.1.0
 * @category constructors
 */
export const forbidden = (detail: string, providedScopes?: ReadonlyArray<string>): GlobusFailure =>
  new GlobusFailure(
    reply(403, {
      code: GlobusRequestCode.Forbidden,
      detail,
      ...(providedScopes === undefined ? {} : { provided_scopes: providedScopes })
    })
  )

/**
 * 404.
 *
 * @since 0.1.0
 * @category constructors
 */
export const notFound = (detail: string): GlobusFailure =>
  new GlobusFailure(reply(404, { code: GlobusRequestCode.NotFound, detail }))

/**
 * 400, naming the identities that made the request ambiguous.
 *
 * @since 0.1.0
 * @category constructors
 */
export const badRequest = (code: string, detail: string, ambiguous: ReadonlyArray<string> = []): GlobusFailure =>
  new GlobusFailure(reply(400, { code, detail, ambiguous_identities: ambiguous }))

/**
 * 422, FastAPI's way.
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalid = (items: ReadonlyArray<ValidationErrorItem>): GlobusFailure =>
  new GlobusFailure(reply(422, { detail: items }))

/**
 * One complaint of a 422.
 *
 * @since 0.1.0
 * @category constructors
 */
export const complaint = (loc: ReadonlyArray<string | number>, msg: string, type: string): ValidationErrorItem => ({
  loc,
  msg,
  type
})

// Effect reports a union's failure once per member ("Expected string", "Expected null", …); pydantic
// says it once per location. Issues at one location become one complaint.
const complaints = (issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>): Array<ValidationErrorItem> => {
  const byPath = new Map<
    string,
    { loc: Array<string | number>; tags: Set<string>; expected: Array<string>; other: Array<string> }
  >()
  for (const issue of issues) {
    const loc = ["body", ...issue.path.map((p) => typeof p === "number" ? p : String(p))]
    const key = JSON.stringify(loc)
    const entry = byPath.get(key) ?? { loc, tags: new Set(), expected: [], other: [] }
    byPath.set(key, entry)
    entry.tags.add(issue._tag)
    const expected = /^Expected (.*?), actual /.exec(issue.message)?.[1]
    if (expected === undefined) entry.other.push(issue.message)
    else if (expected !== "undefined") entry.expected.push(expected)
  }
  return [...byPath.values()].slice(0, 50).map(({ expected, loc, other, tags }) =>
    tags.has("Missing")
      ? complaint(loc, "Field required", "missing")
      : expected.length > 0
      ? complaint(loc, `Input should be ${expected.join(" or ")}`, "value_error")
      : complaint(loc, other[0] ?? "Invalid input", tags.has("Unexpected") ? "extra_forbidden" : "value_error")
  )
}

/**
 * A request body decoded with a schema, or a 422 listing every complaint under `body`.
 *
 * @since 0.1.0
 * @category validation
 */
export const decodeBody = <A, I>(schema: Schema.Schema<A, I>, body: unknown): A => {
  if (body === undefined) throw invalid([complaint(["body"], "Field required", "missing")])
  const result = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "ignore" })(body)
  if (Either.isRight(result)) return result.right
  throw invalid(complaints(ParseResult.ArrayFormatter.formatErrorSync(result.left)))
}

/**
 * The values of a repeated or comma-separated query parameter, each one of `allowed`; a 422 names
 * the first that is not.
 *
 * @since 0.1.0
 * @category validation
 */
export const listParam = <A extends string>(
  name: string,
  raw: ReadonlyArray<string> | undefined,
  allowed: ReadonlyArray<A>
): Array<A> | undefined => {
  if (raw === undefined || raw.length === 0) return undefined
  const values = raw.flatMap((value) => value.split(",")).map((value) => value.trim()).filter((v) => v.length > 0)
  for (const value of values) {
    if (!(allowed as ReadonlyArray<string>).includes(value)) {
      throw invalid([
        complaint(["query", name], `Input should be ${allowed.map((a) => `'${a}'`).join(", ")}`, "enum")
      ])
    }
  }
  return values as Array<A>
}
