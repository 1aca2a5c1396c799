/**
 * The dotted attribute paths of a model (`status`, `storage.protocol`, `queues.maxUserJobs`), for the
 * search terms and the response-field filter: both name fields the way Agave's JSON does.
 *
 * @since 0.1.0
 */

type Leaf = string | number | boolean | bigint | symbol | null | undefined

type Depth = [never, 0, 1, 2, 3]

/**
 * Every dotted path into `T` (four levels deep); a list's paths are its items'. A free-form map (a
 * job's `inputs`, `_links`) accepts any key below it.
 *
 * @since 0.1.0
 * @category type-level
 * @example
 * ```ts
 * import type { Paths, System } from "effect-research-sdk/agave"
 * type P = Extract<Paths<System>, `storage.${string}`> // "storage" | "storage.protocol" | …
 * ```
 */
export type Paths<T, D extends number = 4> = [D] extends [never] ? never
  : T extends ReadonlyArray<infer Item> ? Paths<Item, D>
  : T extends Leaf | ((...args: ReadonlyArray<any>) => any) ? never
  : T extends object ? string extends keyof T ? string
    : {
      [K in keyof T & string]-?: K | SubPaths<K, NonNullable<T[K]>, Depth[D]>
    }[keyof T & string]
  : never

type SubPaths<K extends string, V, D extends number> = [Paths<V, D>] extends [never] ? never : `${K}.${Paths<V, D>}`

const segment = /^[A-Za-z_$][A-Za-z0-9_$-]*$/

/**
 * Whether `path` is dotted segments of letters, digits, `_`, `$` and `-` (nothing a query string could
 * read as something else).
 *
 * @since 0.1.0
 * @category validation
 */
export const isPath = (path: string): boolean =>
  path.length > 0 && path.length <= 256 && path.split(".").every((part) => segment.test(part))
