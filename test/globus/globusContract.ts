// Checks what the Globus test server answered against the contract's models: the SDK's schemas,
// which a compile-time test pins to the contract's types (contract.test-d.ts), decoded strictly so
// that a field the contract does not know is an issue too.
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as S from "../../src/globus/schemas/index.js"
import type { Exchange } from "../../src/testkit/http/Recorder.js"

const group = "[^/]+"
const successes: ReadonlyArray<readonly [string, RegExp, Schema.Schema<any, any>]> = [
  ["GET", /^\/v2\/groups\/my_groups$/, Schema.Array(S.Group)],
  ["GET", /^\/v2\/groups\/statuses$/, S.StatusCountsByGroup],
  ["POST", /^\/v2\/groups$/, S.Group],
  ["GET", new RegExp(`^/v2/groups/${group}/policies$`), S.GroupPolicies],
  ["PUT", new RegExp(`^/v2/groups/${group}/policies$`), S.GroupPolicies],
  ["GET", new RegExp(`^/v2/groups/${group}/membership_fields$`), S.MembershipFieldsByIdentity],
  ["PUT", new RegExp(`^/v2/groups/${group}/membership_fields$`), S.MembershipFieldsByIdentity],
  ["PUT", new RegExp(`^/v2/groups/${group}/subscription_admin_verified$`), S.SubscriptionVerified],
  ["GET", new RegExp(`^/v2/groups/${group}/children$`), S.GroupChildren],
  ["GET", new RegExp(`^/v2/groups/${group}$`), S.Group],
  ["PUT", new RegExp(`^/v2/groups/${group}$`), S.Group],
  ["DELETE", new RegExp(`^/v2/groups/${group}$`), S.Group],
  ["POST", new RegExp(`^/v2/groups/${group}$`), S.BatchResponse],
  ["GET", /^\/v2\/preferences$/, S.PreferencesByIdentity],
  ["PUT", /^\/v2\/preferences$/, S.PreferencesByIdentity],
  ["GET", new RegExp(`^/v2/subscription_info/${group}$`), S.GroupSubscription]
]

const errors: Readonly<Record<number, Schema.Schema<any, any>>> = {
  400: S.BadRequestErrorBody,
  401: S.AuthErrorBody,
  403: S.ForbiddenErrorBody,
  404: S.BaseErrorBody,
  409: S.BaseErrorBody,
  422: S.ValidationErrorBody
}

const schemaOf = (exchange: Exchange): Schema.Schema<any, any> | undefined => {
  if (exchange.status >= 300) return errors[exchange.status]
  const path = new URL(exchange.request.url).pathname
  return successes.find(([method, pattern]) => method === exchange.request.method && pattern.test(path))?.[2]
}

/** What does not match: one line per exchange, empty when all do. */
export const responseIssues = (exchanges: ReadonlyArray<Exchange>): Array<string> =>
  exchanges.flatMap((exchange) => {
    const where = `${exchange.request.method} ${exchange.request.url} → ${exchange.status}`
    const schema = schemaOf(exchange)
    if (schema === undefined) return [`${where}: no model in the contract`]
    if (exchange.contentType !== "application/json") return [`${where}: content type ${exchange.contentType}`]
    let json: unknown
    try {
      json = JSON.parse(exchange.body)
    } catch {
      return [`${where}: not JSON`]
    }
    const decoded = Schema.decodeUnknownEither(schema, { onExcessProperty: "error" })(json)
    return Either.isLeft(decoded) ? [`${where}: ${decoded.left.message}`] : []
  })
