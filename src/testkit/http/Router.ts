/**
 * A router for test servers: routes are a method, a path template (read as the SDK's records read
 * theirs, see `PathMatch`) and a function of the request and its path parameters. What a platform
 * answers when no route matches, or when one throws, is the platform's to say.
 *
 * @since 0.1.0
 */
import type { Handler } from "./Handler.js"
import type { CompileTemplate, PathMatcher } from "./PathMatch.js"
import { compile as defaultCompile } from "./PathMatch.js"

/**
 * What a route is given.
 *
 * @since 0.1.0
 * @category models
 */
export interface RouteContext {
  readonly request: Request
  readonly url: URL
  /** The path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string>>
}

/**
 * A route: a method, a path template and its answer.
 *
 * @since 0.1.0
 * @category models
 */
export interface Route {
  readonly method: string
  readonly template: string
  readonly handle: (context: RouteContext) => Response | Promise<Response>
}

/**
 * A route.
 *
 * @since 0.1.0
 * @category constructors
 */
export const route = (method: string, template: string, handle: Route["handle"]): Route => ({
  method: method.toUpperCase(),
  template,
  handle
})

/**
 * Options of a router.
 *
 * @since 0.1.0
 * @category models
 */
export interface RouterOptions {
  /** A prefix every path starts with (`/api/v1/scim`), left out of the templates. */
  readonly basePath?: string | undefined
  /** Parameters that match several segments (Agave's `filePath`). */
  readonly multiSegment?: ReadonlyArray<string> | undefined
  /** The template compiler; `PathMatch.compile` by default. */
  readonly compile?: CompileTemplate | undefined
  /** No template matches: a JSON 404 by default. */
  readonly notFound?: ((request: Request, url: URL) => Response) | undefined
  /** A template matches, not for this method: a JSON 405 with `Allow` by default. */
  readonly methodNotAllowed?:
    | ((request: Request, url: URL, allowed: ReadonlyArray<string>) => Response)
    | undefined
  /** A route threw or rejected: a JSON 500 by default. */
  readonly onError?: ((error: unknown, request: Request) => Response) | undefined
}

const jsonAnswer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

interface Compiled {
  readonly matcher: PathMatcher
  readonly methods: Map<string, Route["handle"]>
}

/**
 * A {@link Handler} that answers with the most specific matching route (then the first declared).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Router } from "effect-research-sdk/testkit"
 * const handler = Router.make([
 *   Router.route("GET", "/groups/{id}", ({ params }) => Response.json({ id: params.id }))
 * ], { basePath: "/v2" })
 * ```
 */
export const make = (routes: ReadonlyArray<Route>, options: RouterOptions = {}): Handler => {
  const compile = options.compile ?? defaultCompile
  const byTemplate = new Map<string, Compiled>()
  for (const route of routes) {
    let compiled = byTemplate.get(route.template)
    if (compiled === undefined) {
      compiled = { matcher: compile(route.template, { multiSegment: options.multiSegment }), methods: new Map() }
      byTemplate.set(route.template, compiled)
    }
    if (!compiled.methods.has(route.method)) compiled.methods.set(route.method, route.handle)
  }
  // Sorted once; a stable sort keeps declaration order among equals.
  const table = [...byTemplate.values()].sort((a, b) => b.matcher.specificity - a.matcher.specificity)
  const basePath = (options.basePath ?? "").replace(/\/+$/, "")
  const notFound = options.notFound ?? (() => jsonAnswer(404, { message: "no such route" }))
  const methodNotAllowed = options.methodNotAllowed ??
    ((_request, _url, allowed) => jsonAnswer(405, { message: "method not allowed" }, { allow: allowed.join(", ") }))
  const onError = options.onError ?? (() => jsonAnswer(500, { message: "the test server failed" }))

  return async (request) => {
    const url = new URL(request.url)
    const path = url.pathname.slice(basePath.length)
    if (!url.pathname.startsWith(basePath) || (path !== "" && !path.startsWith("/"))) return notFound(request, url)
    let allowed: Array<string> | undefined
    for (const { matcher, methods } of table) {
      const params = matcher.match(path)
      if (params === undefined) continue
      const handle = methods.get(request.method)
      if (handle === undefined) {
        allowed = [...(allowed ?? []), ...methods.keys()]
        continue
      }
      try {
        return await handle({ request, url, params })
      } catch (error) {
        return onError(error, request)
      }
    }
    return allowed === undefined ? notFound(request, url) : methodNotAllowed(request, url, [...new Set(allowed)])
  }
}
