/**
 * Building blocks of the Agave (Tapis v2) models. Agave's answers are tolerant of absence in both
 * directions: fields come and go between versions and tenants, and a missing value is often sent as
 * `null`. So every field is a plain optional one that also accepts `null`, enumerations are open (an
 * unknown value is kept, not a decode failure), and nothing is transformed field by field.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A field that may be missing or `null`: `field?: A | null | undefined`. No transformation runs on it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const opt = <S extends Schema.Schema.Any>(schema: S) => Schema.optional(Schema.NullOr(schema))

/**
 * A value from a known set, or any other string a newer server may send.
 *
 * @since 0.1.0
 * @category models
 */
export type Open<Known extends string> = Known | (string & {})

/**
 * An open enumeration: decodes any string (no decode failure on a value this SDK does not know), while
 * its type still offers the known values for completion and comparisons.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Common } from "effect-research-sdk/agave"
 * const Protocol = Common.openLiteral("SFTP", "S3")
 * // Schema<"SFTP" | "S3" | (string & {}), string>
 * ```
 */
export const openLiteral = <const Known extends ReadonlyArray<string>>(
  ...known: Known
): Schema.Schema<Open<Known[number]>, string> =>
  // The type is wider than the check by design: any string is accepted.
  Schema.String.annotations({ description: `one of ${known.join(", ")} (or another value)` }) as Schema.Schema<
    Open<Known[number]>,
    string
  >

/**
 * A number Agave sends as a number or as a string, depending on the service and its version
 * (`"defaultNodeCount": 1` or `"1"`, `"memoryPerNode": "2GB"`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const NumberOrString = Schema.Union(Schema.Number, Schema.String)

/**
 * Any JSON value (an app parameter's default, a job's inputs).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Json: Schema.Schema<unknown> = Schema.Unknown

/**
 * Hypermedia links (`_links`): by relation, each usually `{ href }`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Links = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * Read, write and execute flags of a permission.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Acl = Schema.Struct({
  read: opt(Schema.Boolean),
  write: opt(Schema.Boolean),
  execute: opt(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Acl extends Schema.Schema.Type<typeof Acl> {}

/**
 * The permission levels a request may grant.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PermissionLevel = openLiteral(
  "READ",
  "WRITE",
  "EXECUTE",
  "READ_WRITE",
  "READ_EXECUTE",
  "WRITE_EXECUTE",
  "ALL",
  "NONE"
)

/**
 * One user's permission on an app or a job.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Permission = Schema.Struct({
  username: Schema.String,
  internalUsername: opt(Schema.String),
  permission: opt(Acl),
  created: opt(Schema.String),
  lastUpdated: opt(Schema.String),
  _links: opt(Links)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Permission extends Schema.Schema.Type<typeof Permission> {}

/**
 * A request to grant a permission: the user is in the path or in the body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PermissionRequest = Schema.Struct({
  username: Schema.optional(Schema.String),
  permission: PermissionLevel
})

/**
 * @since 0.1.0
 * @category models
 */
export interface PermissionRequest extends Schema.Schema.Type<typeof PermissionRequest> {}

/**
 * A list where some servers send one item (or `null` for none): always exposed as a list. One pass
 * over the result, not per item.
 *
 * @since 0.1.0
 * @category constructors
 */
export const oneOrMany = <A, I>(
  item: Schema.Schema<A, I, never>
): Schema.Schema<ReadonlyArray<A>, ReadonlyArray<I> | I | null> =>
  Schema.transform(
    Schema.Union(Schema.Array(item), Schema.Null, item),
    Schema.Array(Schema.typeSchema(item)),
    {
      strict: true,
      decode: (value) => value === null ? [] : Array.isArray(value) ? value : [value as A],
      encode: (list) => list
    }
  )
