/**
 * The SCIM ListResponse message (RFC 7644 §3.4.2).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { optional } from "./Common.js"

const Count = Schema.Number.pipe(Schema.int(), Schema.nonNegative())

/**
 * One page of a query. `Resources` is empty when the server left it out (allowed when there are
 * none); `itemsPerPage` is what the server says, which some servers (SCIMMY) set to the `count`
 * asked rather than the number returned: read `Resources.length` for that.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListResponse = <A, I>(resource: Schema.Schema<A, I>) =>
  Schema.Struct({
    schemas: optional(Schema.Array(Schema.String)),
    totalResults: Count,
    startIndex: optional(Count),
    itemsPerPage: optional(Count),
    Resources: Schema.optionalWith(Schema.Array(resource), { nullable: true, default: () => [] })
  })

/**
 * One page of a query.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListResponse<A> {
  readonly schemas?: ReadonlyArray<string> | undefined
  readonly totalResults: number
  readonly startIndex?: number | undefined
  readonly itemsPerPage?: number | undefined
  readonly Resources: ReadonlyArray<A>
}
