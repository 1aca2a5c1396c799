/**
 * How an Agave service is made from a table of records: every record becomes a function of the same
 * name, and every listing a `Stream` of its items under its name, with `…Page` for one page as the
 * server sent it (the SDK's naming convention for listings).
 *
 * @since 0.1.0
 */
import type * as Stream from "effect/Stream"
import type * as Connection from "../core/Connection.js"
import * as Endpoint from "../core/Endpoint.js"

type Paged = Endpoint.Endpoint<any, any, any, any, any, any, Endpoint.OffsetPaging<any, any>>

/**
 * A listing: every item, as a stream over the pages (`pageSize`, `prefetch` optional).
 *
 * @since 0.1.0
 * @category models
 */
export type Listing<E> = (
  ...input: {} extends Endpoint.ListInput<E> ? [input?: Endpoint.ListInput<E>] : [input: Endpoint.ListInput<E>]
) => Stream.Stream<Endpoint.ItemOf<E>, Endpoint.Error<E>>

/**
 * The functions of a table of records: listings as streams, with `…Page` for one page.
 *
 * @since 0.1.0
 * @category models
 */
export type Calls<Records extends Readonly<Record<string, Endpoint.Any>>> =
  & { readonly [K in keyof Records]: Records[K] extends Paged ? Listing<Records[K]> : Endpoint.Call<Records[K]> }
  & {
    readonly [K in keyof Records as Records[K] extends Paged ? `${K & string}Page` : never]: Endpoint.Call<Records[K]>
  }

/**
 * The functions of `records` on `connection`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const calls = <const Records extends Readonly<Record<string, Endpoint.Any>>>(
  connection: Connection.Connection<any>,
  records: Records
): Calls<Records> => {
  const single = Endpoint.service(connection, records) as Readonly<Record<string, any>>
  const out: Record<string, unknown> = {}
  for (const [name, record] of Object.entries(records)) {
    if (record.paging === undefined) {
      out[name] = single[name]
    } else {
      out[name] = Endpoint.offsetList(record as Paged, single[name], connection.api)
      out[`${name}Page`] = single[name]
    }
  }
  return out as Calls<Records>
}
