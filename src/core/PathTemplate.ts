/**
 * Path templates such as `/v2/groups/{groupId}` or `/files/v2/media/system/{systemId}/{path+}`:
 * compiled once, when an operation is defined, into a builder that encodes each parameter so that
 * it cannot leave its place, and a matcher that reads the same templates back (test-server routers).
 *
 * Rules, the same for building and matching:
 * - `{name}` is one segment: percent-encoded (`/`, `?`, `#`, `%` included); an empty value, `.` and
 *   `..` are refused with `InvalidRequest` (origin `client`) before anything is sent, as is a value
 *   that cannot be encoded (a lone UTF-16 surrogate).
 * - `{name+}` is one or more segments (a file path, `dir/sub/file.txt`): split on `/`, each segment
 *   encoded as above, `.` and `..` refused wherever they are. A leading `/` is kept (Agave reads
 *   `/home/u/f` from the system's root, `u/f` from its home directory: dropping it would name another
 *   file), as is a trailing `/` (a directory); `/` alone is the root. Any other empty segment (`a//b`)
 *   is refused: it names nothing, and proxies that merge slashes would make it name something else.
 * - `{name*}`, last in a template only, is the same as `{name+}` or nothing: left out (or empty), the
 *   path ends with the `/` before it (Agave's `/files/v2/listings/system/{systemId}/` names the
 *   caller's home directory). Its value is optional.
 *   At most one `{name+}` or `{name*}` per template.
 * - Literal text is sent as written; a literal trailing `/` is kept (`/apps/v2/`).
 *
 * A template that breaks these rules (a parameter inside a segment, a repeated name, `//`, `?`) is a
 * bug in the SDK's own tables: {@link make} throws when the module defining it loads.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as Types from "effect/Types"
import { InvalidRequest } from "./Errors.js"

/**
 * The segments of a template, split on `/`.
 *
 * @since 0.1.0
 * @category type-level
 */
export type Segments<Template extends string> = Template extends `${infer Head}/${infer Rest}` ? Head | Segments<Rest>
  : Template

/**
 * The parameter a segment holds, if any.
 *
 * @since 0.1.0
 * @category type-level
 */
export type ParamOf<Segment extends string> = Segment extends `{${infer Name}+}` ? Name
  : Segment extends `{${infer Name}*}` ? Name
  : Segment extends `{${infer Name}}` ? Name
  : never

/**
 * The optional parameter a segment holds, if any (`{name*}`).
 *
 * @since 0.1.0
 * @category type-level
 */
export type OptionalParamOf<Segment extends string> = Segment extends `{${infer Name}*}` ? Name : never

/**
 * The names of a template's parameters.
 *
 * @since 0.1.0
 * @category type-level
 */
export type ParamNames<Template extends string> = ParamOf<Segments<Template>>

/**
 * The values a template needs: one string per parameter, every one required but a `{name*}`.
 *
 * @since 0.1.0
 * @category type-level
 * @example
 * ```ts
 * import type { PathTemplate } from "effect-research-sdk"
 * type P = PathTemplate.PathParams<"/files/v2/media/system/{systemId}/{filePath+}">
 * // { readonly systemId: string; readonly filePath: string }
 * type L = PathTemplate.PathParams<"/files/v2/listings/system/{systemId}/{filePath*}">
 * // { readonly systemId: string; readonly filePath?: string | undefined }
 * ```
 */
export type PathParams<Template extends string> = Types.Simplify<
  & { readonly [K in Exclude<ParamNames<Template>, OptionalParamOf<Segments<Template>>>]: string }
  & { readonly [K in OptionalParamOf<Segments<Template>>]?: string | undefined }
>

/**
 * A compiled template.
 *
 * @since 0.1.0
 * @category models
 */
export interface PathTemplate<Template extends string> {
  readonly template: Template
  /** Parameter names, in the order they appear. */
  readonly params: ReadonlyArray<ParamNames<Template>>
  /** The encoded path (starting with `/`), or why a value cannot be put in it. */
  readonly build: (params: PathParams<Template>) => Either.Either<string, InvalidRequest>
  /** The parameters of an encoded pathname (as received, e.g. `new URL(url).pathname`), decoded; or
   *  `undefined` when it does not match or holds a value `build` would refuse. */
  readonly match: (pathname: string) => PathParams<Template> | undefined
}

type Part =
  | { readonly _tag: "Literal"; readonly text: string }
  | { readonly _tag: "One"; readonly name: string }
  | { readonly _tag: "Many"; readonly name: string; readonly optional: boolean }

const paramPattern = /^\{([A-Za-z_][A-Za-z0-9_]*)([+*]?)\}$/
// Characters with a meaning of their own in a URL, or none at all, and the braces of a malformed parameter.
const badLiteral = /[{}?#\s%\\]/

/**
 * Compiles a template. Throws on a malformed template: templates are constants of the SDK.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { PathTemplate } from "effect-research-sdk"
 * const media = PathTemplate.make("/files/v2/media/system/{systemId}/{filePath+}")
 * media.build({ systemId: "data.tacc", filePath: "dir/my file.txt" })
 * // Right("/files/v2/media/system/data.tacc/dir/my%20file.txt")
 * ```
 */
export const make = <const Template extends string>(template: Template): PathTemplate<Template> => {
  if (!template.startsWith("/")) throw new Error(`path template ${template}: must start with "/"`)
  const segments = template.slice(1).split("/")
  const parts: Array<Part> = []
  const names = new Set<string>()
  let many = false
  segments.forEach((segment, index) => {
    const param = paramPattern.exec(segment)
    if (param !== null) {
      const name = param[1]!
      if (names.has(name)) throw new Error(`path template ${template}: {${name}} appears twice`)
      names.add(name)
      if (param[2] === "+" || param[2] === "*") {
        if (many) throw new Error(`path template ${template}: at most one multi-segment parameter`)
        // Left out, `{name*}` leaves the path ending in "/": anything after it would follow "//".
        if (param[2] === "*" && index !== segments.length - 1) {
          throw new Error(`path template ${template}: {${name}*} must be last`)
        }
        many = true
        parts.push({ _tag: "Many", name, optional: param[2] === "*" })
      } else {
        parts.push({ _tag: "One", name })
      }
      return
    }
    const last = index === segments.length - 1
    if ((segment === "" && !last) || segment === "." || segment === ".." || badLiteral.test(segment)) {
      throw new Error(`path template ${template}: segment ${JSON.stringify(segment)} is not allowed`)
    }
    parts.push({ _tag: "Literal", text: segment })
  })
  return {
    template,
    params: parts.flatMap((part) => part._tag === "Literal" ? [] : [part.name]) as Array<ParamNames<Template>>,
    build: compileBuild(parts) as (params: PathParams<Template>) => Either.Either<string, InvalidRequest>,
    match: compileMatch(parts) as (pathname: string) => PathParams<Template> | undefined
  }
}

const refuse = (name: string, why: string): Either.Either<never, InvalidRequest> =>
  Either.left(new InvalidRequest({ message: `path parameter ${name}: ${why}`, origin: "client" }))

const encode = (value: string): string | undefined => {
  try {
    return encodeURIComponent(value)
  } catch {
    // A lone surrogate has no UTF-8 form.
    return undefined
  }
}

const encodeOne = (name: string, value: unknown): Either.Either<string, InvalidRequest> => {
  if (typeof value !== "string" || value.length === 0) return refuse(name, "must be a non-empty string")
  if (value === "." || value === "..") return refuse(name, `"${value}" cannot be a path segment`)
  const encoded = encode(value)
  return encoded === undefined ? refuse(name, "is not well-formed Unicode") : Either.right(encoded)
}

const encodeMany = (name: string, value: unknown): Either.Either<string, InvalidRequest> => {
  if (typeof value !== "string" || value.length === 0) return refuse(name, "must be a non-empty path")
  const pieces = value.split("/")
  let out = ""
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!
    if (i > 0) out += "/"
    if (piece === "") {
      // Leading (absolute path) and trailing (directory) slashes are kept; `/` alone is both.
      if (i === 0 || i === pieces.length - 1) continue
      return refuse(name, "an empty segment (\"//\") names nothing")
    }
    if (piece === "." || piece === "..") return refuse(name, `"${piece}" cannot be a path segment`)
    const encoded = encode(piece)
    if (encoded === undefined) return refuse(name, "is not well-formed Unicode")
    out += encoded
  }
  return Either.right(out)
}

const compileBuild = (parts: ReadonlyArray<Part>) => {
  // A template without parameters is one constant string.
  if (parts.every((part) => part._tag === "Literal")) {
    const path = Either.right(parts.map((part) => "/" + (part as { text: string }).text).join(""))
    return () => path
  }
  return (params: Readonly<Record<string, unknown>>): Either.Either<string, InvalidRequest> => {
    let path = ""
    for (const part of parts) {
      if (part._tag === "Literal") {
        path += "/" + part.text
        continue
      }
      const value = params[part.name]
      if (part._tag === "Many" && part.optional && (value === undefined || value === "")) {
        path += "/"
        continue
      }
      const encoded = (part._tag === "One" ? encodeOne : encodeMany)(part.name, value)
      if (Either.isLeft(encoded)) return encoded
      path += "/" + encoded.right
    }
    return Either.right(path)
  }
}

const decode = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

// The value of a segment `build` could have produced: a piece of a multi-segment value never holds
// a "/" (it would have been split there).
const decodeSegment = (segment: string, piece: boolean): string | undefined => {
  const value = decode(segment)
  return value === undefined || value === "" || value === "." || value === ".." || (piece && value.includes("/"))
    ? undefined
    : value
}

const compileMatch = (parts: ReadonlyArray<Part>) => {
  const manyAt = parts.findIndex((part) => part._tag === "Many")
  const matchAt = (part: Part, segment: string, into: Record<string, string>): boolean => {
    if (part._tag === "Literal") return segment === part.text
    const value = decodeSegment(segment, false)
    if (value === undefined) return false
    into[part.name] = value
    return true
  }
  return (pathname: string): Record<string, string> | undefined => {
    if (!pathname.startsWith("/")) return undefined
    const segments = pathname.slice(1).split("/")
    const params: Record<string, string> = {}
    if (manyAt === -1) {
      if (segments.length !== parts.length) return undefined
      for (let i = 0; i < parts.length; i++) if (!matchAt(parts[i]!, segments[i]!, params)) return undefined
      return params
    }
    const after = parts.length - manyAt - 1
    const manyEnd = segments.length - after
    if (manyEnd <= manyAt) return undefined
    for (let i = 0; i < manyAt; i++) if (!matchAt(parts[i]!, segments[i]!, params)) return undefined
    for (let i = 0; i < after; i++) {
      if (!matchAt(parts[manyAt + 1 + i]!, segments[manyEnd + i]!, params)) return undefined
    }
    const pieces = segments.slice(manyAt, manyEnd)
    const many = parts[manyAt] as { readonly name: string; readonly optional: boolean }
    if (many.optional && pieces.length === 1 && pieces[0] === "") {
      params[many.name] = ""
      return params
    }
    const values: Array<string> = []
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!
      const edge = i === 0 || i === pieces.length - 1
      if (piece === "" && edge && pieces.length > 1) {
        values.push("")
        continue
      }
      const value = decodeSegment(piece, true)
      if (value === undefined) return undefined
      values.push(value)
    }
    params[many.name] = values.join("/")
    return params
  }
}
