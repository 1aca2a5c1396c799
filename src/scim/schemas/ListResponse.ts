/**
 * The SCIM ListResponse message (RFC 7644 §3.4.2).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Count, Index } from "../../core/Numbers.js"
import * as WireFields from "../../core/WireFields.js"
import { optional } from "./Common.js"

// The SDK pages by `Resources.length`, never by `itemsPerPage`: whatever a server puts there (left
// out, 0, -1, a string) is no reason to refuse the page. A finite number is kept as sent; anything
// else reads as absent.
const ItemsPerPage = Schema.transform(Schema.Unknown, Schema.UndefinedOr(Schema.Number), {
  strict: true,
  decode: (value) => typeof value === "number" && Number.isFinite(value) ? value : undefined,
  encode: (value) => value
})

/**
 * One page of a query. The numbers are safe integers ≥ 0 (a total beyond 2^53 or `1e400` is a
 * `SchemaMismatch`). `Resources` is empty when the server left it out (allowed when there are
 * none); `itemsPerPage` is what the server says, which some servers (SCIMMY) set to the `count`
 * asked rather than the number returned: read `Resources.length` for that. An `itemsPerPage` that
 * is not a finite number reads as absent; zero or negative is kept as sent. `totalResults` and
 * `startIndex` must be integers ≥ 0.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListResponse = <A, I>(resource: Schema.Schema<A, I>) =>
  Schema.Struct({
    schemas: optional(Schema.Array(Schema.String)),
    totalResults: Count,
    startIndex: optional(Index),
    itemsPerPage: Schema.optional(ItemsPerPage),
    Resources: WireFields.withDefault(Schema.Array(resource), () => [])
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
