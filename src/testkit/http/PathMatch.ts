/**
 * Matching a request path against a path template (`/groups/{id}`), as test-server routers and
 * contract checks need it: the one thing they ask of a template. The SDK's records compile their
 * templates in core; a router can be handed that compiler instead of {@link compile} (it only needs
 * a {@link PathMatcher}), so both read templates the same way.
 *
 * - `{name}` matches one non-empty segment; its value is percent-decoded.
 * - A parameter named in `multiSegment` matches one or more non-empty segments
 *   (`dir/sub/file.txt`); each is decoded and they are joined with `/`. Empty segments (a doubled,
 *   leading or trailing slash inside it) do not match.
 * - Everything else is literal and compared as sent, a trailing `/` included (`/apps/v2/` and
 *   `/apps/v2` are different paths).
 * - A segment that is not valid percent-encoding does not match.
 *
 * @since 0.1.0
 */

/**
 * A compiled template.
 *
 * @since 0.1.0
 * @category models
 */
export interface PathMatcher {
  readonly template: string
  /** The parameters of a matching path (percent-decoded), or `undefined` when it does not match. */
  readonly match: (pathname: string) => Readonly<Record<string, string>> | undefined
  /** How specific the template is: its literal segments. When several match, the most specific wins
   *  (`/apps/v2/name/{name}` over `/apps/v2/{appId}/{rest}`), as OpenAPI asks. */
  readonly specificity: number
}

/**
 * Options of {@link compile}.
 *
 * @since 0.1.0
 * @category models
 */
export interface CompileOptions {
  /** Parameters that match several segments (Agave's `filePath`). */
  readonly multiSegment?: ReadonlyArray<string> | undefined
}

/**
 * A template compiler: {@link compile}, or any with the same contract.
 *
 * @since 0.1.0
 * @category models
 */
export type CompileTemplate = (template: string, options?: CompileOptions) => PathMatcher

const parameter = /\{([^{}]+)\}/g

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const decode = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/**
 * Compiles a template once; matching is then one regular expression.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { PathMatch } from "effect-research-sdk/testkit"
 * const media = PathMatch.compile("/files/v2/media/system/{systemId}/{filePath}", { multiSegment: ["filePath"] })
 * media.match("/files/v2/media/system/s1/dir/my%20file.txt") // { systemId: "s1", filePath: "dir/my file.txt" }
 * ```
 */
export const compile: CompileTemplate = (template, options = {}) => {
  const multi = new Set(options.multiSegment ?? [])
  const names: Array<string> = []
  let source = "^"
  let last = 0
  for (const found of template.matchAll(parameter)) {
    const name = found[1]!
    names.push(name)
    source += escape(template.slice(last, found.index)) + (multi.has(name) ? "([^/]+(?:/[^/]+)*)" : "([^/]+)")
    last = found.index + found[0].length
  }
  source += escape(template.slice(last)) + "$"
  const pattern = new RegExp(source)
  const specificity = template.split("/").filter((segment) => segment.length > 0 && !segment.includes("{")).length
  return {
    template,
    specificity,
    match: (pathname) => {
      const found = pattern.exec(pathname)
      if (found === null) return undefined
      const params: Record<string, string> = {}
      for (let i = 0; i < names.length; i++) {
        const segments = found[i + 1]!.split("/").map(decode)
        if (segments.some((segment) => segment === undefined)) return undefined
        params[names[i]!] = segments.join("/")
      }
      return params
    }
  }
}
