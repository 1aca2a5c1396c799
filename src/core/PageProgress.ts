/**
 * What "a listing makes progress" means for the items of a page: the check every paging helper runs
 * so that a server repeating itself ends the stream with `InvalidResponse` instead of running it
 * forever, and the bounded memory of what was already seen.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Equal from "effect/Equal"
import { InvalidResponse } from "./Errors.js"
import { buildUrl, displayUrl } from "./Url.js"

/**
 * Where a page was asked for, for an error about its answer.
 *
 * @since 0.1.0
 * @category models
 */
export interface PageRequest {
  readonly method: string
  /** Without user-info or credentials: it goes into an error. */
  readonly url: string
}

/**
 * The `GET` of a page, as the SDK's pipeline would send it (without user-info), for `pageRequest`;
 * `undefined` when the URL cannot be built (the request itself then fails before it is sent).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Paging } from "effect-research-sdk"
 * Paging.getRequest("https://api.example.org/v2", ["items"], { offset: 20, limit: 10 })
 * // { method: "GET", url: "https://api.example.org/v2/items?offset=20&limit=10" }
 * ```
 */
export const getRequest = (
  baseUrl: string,
  path: ReadonlyArray<string> | string,
  query?: Readonly<Record<string, string | number | boolean | undefined>> | string
): PageRequest | undefined =>
  Either.match(buildUrl(baseUrl, path, query), {
    onLeft: () => undefined,
    onRight: (url) => ({ method: "GET", url: displayUrl(url) })
  })

/**
 * How many recent item keys (and cursors) a listing remembers by default to spot repeats.
 *
 * @since 0.1.0
 */
export const defaultRemember = 10_000

/**
 * The most recent keys: at least the `capacity` most recent, at most twice as many (the capacity may
 * grow); a repeat of anything older is not recognised. Constant time per key: keys go into the newer
 * of two sets; once it holds `capacity`, the older one is dropped whole and a new one begun. Forgetting
 * keys one by one instead (a delete per key added) kept the set rehashing: streaming 1,000,000 keyed
 * items ran about a sixth slower.
 *
 * @since 0.1.0
 * @category models
 */
export class RecentKeys {
  private newer = new Set<unknown>()
  private older = new Set<unknown>()

  constructor(private capacity: number) {}

  /**
   * Whether `key` is among the remembered ones.
   *
   * @since 0.1.0
   */
  has(key: unknown): boolean {
    return this.newer.has(key) || this.older.has(key)
  }

  /**
   * Remembers `key` (not already remembered), forgetting the older half once the newer one is full.
   *
   * @since 0.1.0
   */
  add(key: unknown): void {
    this.newer.add(key)
    if (this.newer.size >= this.capacity) {
      this.older = this.newer
      this.newer = new Set()
    }
  }

  /**
   * Raises the capacity to at least `capacity`.
   *
   * @since 0.1.0
   */
  atLeast(capacity: number): void {
    if (capacity > this.capacity) this.capacity = capacity
  }

  /** How many keys are remembered now. */
  get size(): number {
    return this.newer.size + this.older.size
  }
}

/**
 * The identity of a cursor for spotting one that comes back: primitives as they are, data as its
 * JSON text, anything else (cycles, bigints inside) by reference.
 *
 * @since 0.1.0
 */
export const cursorIdentity = (cursor: unknown): unknown => {
  if (typeof cursor !== "object" || cursor === null) return cursor
  try {
    return `json:${JSON.stringify(cursor)}`
  } catch {
    return cursor
  }
}

/**
 * Whether two values are the same data: primitives by `Object.is`, values with Effect's `Equal` by
 * it, dates by time, arrays and objects of one prototype by their own enumerable keys. Iterative, so
 * any depth is fine. Maps, sets and other opaque objects are the same only if identical: when in
 * doubt, "different" (the caller ends a listing only on "the same").
 *
 * @since 0.1.0
 */
export const sameValue = (a: unknown, b: unknown): boolean => {
  const stack: Array<unknown> = [a, b]
  while (stack.length > 0) {
    const y = stack.pop()
    const x = stack.pop()
    if (Object.is(x, y)) continue
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false
    if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false
    if (Equal.isEqual(x)) {
      if (!Equal.equals(x, y)) return false
      continue
    }
    if (x instanceof Date) {
      if (x.getTime() !== (y as Date).getTime()) return false
      continue
    }
    if (!Array.isArray(x) && !isPlain(x)) return false
    const keys = Object.keys(x)
    if (keys.length !== Object.keys(y).length) return false
    for (const key of keys) {
      if (!Object.hasOwn(y, key)) return false
      stack.push((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key])
    }
  }
  return true
}

// Objects whose own enumerable keys are all there is to them: plain objects and class instances that
// are not built-in containers (whose contents own keys do not show).
const isPlain = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value)
  if (proto === Object.prototype || proto === null) return true
  return !(value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet ||
    value instanceof Promise || value instanceof RegExp || ArrayBuffer.isView(value) || value instanceof ArrayBuffer)
}

const samePage = <A>(a: ReadonlyArray<A>, b: ReadonlyArray<A>): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    if (!sameValue(a[i], b[i])) return false
  }
  return true
}

/**
 * How a listing tells new items from repeats.
 *
 * @since 0.1.0
 * @category models
 */
export interface ItemOptions<A> {
  /**
   * An item's identity. With it, an item whose key was already streamed is skipped (offsets shift
   * when the server gains items before the cursor between two pages), and a page that would be
   * followed by another but holds no item not seen before ends the listing with `InvalidResponse`.
   * Without it, that is a page equal to one of the two before it.
   */
  readonly key?: ((item: A) => string) | undefined
  /**
   * Which items to stream; the others are dropped after the cursor has moved past them, so they
   * still count for the offset, the end of the listing and its progress (Agave's file listings hold
   * a `.` entry for the directory itself).
   */
  readonly filter?: ((item: A) => boolean) | undefined
  /**
   * How many of the most recent keys (and cursors) are remembered, at least, to spot repeats: 10,000
   * by default, and never fewer than two of the largest pages seen; up to twice as many are. A repeat
   * of an item older than that may be streamed again.
   */
  readonly remember?: number | undefined
}

/**
 * What a page brought: the items to stream, and whether it was nothing new.
 *
 * @since 0.1.0
 * @category models
 */
export interface Tracked<A> {
  readonly emit: ReadonlyArray<A>
  /** A non-empty page, to be followed by another, that brought nothing new. */
  readonly repeated: boolean
}

/**
 * A tracker for one run of a listing: give it each page's items in order, with whether the listing
 * goes on after it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const itemTracker = <A>(
  options: ItemOptions<A>
): (items: ReadonlyArray<A>, continuing: boolean) => Tracked<A> => {
  const filter = options.filter
  const keep = (items: ReadonlyArray<A>) => filter === undefined ? items : items.filter(filter)
  const key = options.key
  if (key !== undefined) {
    const seen = new RecentKeys(options.remember ?? defaultRemember)
    return (items, continuing) => {
      // A repeat of the page before must always be recognised, however large the pages.
      seen.atLeast(2 * items.length)
      const fresh: Array<A> = []
      for (const item of items) {
        const k = key(item)
        if (seen.has(k)) continue
        seen.add(k)
        fresh.push(item)
      }
      return { emit: keep(fresh), repeated: continuing && items.length > 0 && fresh.length === 0 }
    }
  }
  // Without keys, items are values: a page is nothing new when it equals one of the two pages before
  // it (the same page again, or a loop between two). Those two pages are kept while the listing runs.
  const recent: Array<ReadonlyArray<A>> = []
  return (items, continuing) => {
    if (!continuing || items.length === 0) return { emit: keep(items), repeated: false }
    if (recent.some((page) => samePage(page, items))) return { emit: [], repeated: true }
    recent.push(items)
    if (recent.length > 2) recent.shift()
    return { emit: keep(items), repeated: false }
  }
}

/**
 * The error that ends a listing which stopped making progress.
 *
 * @since 0.1.0
 * @category constructors
 */
export const noProgress = (request: PageRequest | undefined, message: string): InvalidResponse =>
  new InvalidResponse({
    ...(request === undefined ? {} : { method: request.method, url: request.url }),
    reason: "NoProgress",
    message: `${message}; the listing stops here rather than run forever`
  })
