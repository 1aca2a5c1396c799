/**
 * Any OpenAPI 3 description (3.0 or 3.1; YAML or JSON; one file, or a folder of files whose `$ref`s
 * point at each other) as a validator of what a test server records: every request must match an
 * operation — its method and path (path templates read as the testkit's routers read them, multi-
 * segment parameters included), its path, query and header parameters and their types, a credential
 * of one of its security requirements, its request body's media type and schema — and every response
 * must be one the operation declares, with its media type and schema.
 *
 * OpenAPI 3.0 schemas are read as 3.0 means them (`nullable`, boolean `exclusiveMinimum`). Bodies the
 * recorder did not keep (binary ones: multipart uploads, downloads) are checked for their media type
 * only; a body it did not keep for its size, or because recording was off, is a problem, so a check
 * never passes on what it did not see.
 */
import Ajv2020Module from "ajv/dist/2020.js"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { basename, dirname, join, relative } from "node:path"
import { parse } from "yaml"
import type { Exchange, RecordedRequest } from "../../src/testkit/index.js"
import { PathMatch } from "../../src/testkit/index.js"

// ajv is CommonJS: under NodeNext its class is the module's `default`.
const Ajv2020 = Ajv2020Module.default

type Json = any

interface Parameter {
  readonly name: string
  readonly in: "query" | "path" | "header" | "cookie"
  readonly required?: boolean
  readonly schema?: Json
  readonly style?: string
  readonly explode?: boolean
}

/** Where a value sits: a document and a JSON pointer into it. */
interface Location {
  readonly documentId: string
  readonly pointer: string
}

export interface ContractOptions {
  /** A description file, or a folder whose `.yaml`, `.yml` and `.json` files are all loaded. */
  readonly path: string
  /** Path parameters that span several segments (Agave's `filePath`). */
  readonly multiSegment?: ReadonlyArray<string>
  /** A prefix of request paths that the description's paths leave out (its server URL's path). */
  readonly basePath?: string
  /** Query parameters allowed beyond the declared ones (Agave's search terms `name.op=value`). */
  readonly extraQuery?: (name: string) => boolean
}

export interface FoundOperation extends Location {
  readonly method: string
  readonly template: string
  readonly operation: Json
  readonly pathItem: Json
  readonly params: Readonly<Record<string, string>>
}

export interface Contract {
  /** Every operation of the description, as `METHOD template`. */
  readonly operations: ReadonlyArray<string>
  /** The operation a request is for, if any. */
  readonly find: (method: string, pathname: string) => FoundOperation | undefined
  /** What is wrong with a request; empty when nothing. */
  readonly requestProblems: (request: RecordedRequest) => Array<string>
  /** What is wrong with a response; empty when nothing. */
  readonly responseProblems: (exchange: Exchange) => Array<string>
  /** Every problem of every exchange, each prefixed with its request line. `undeclared` names responses
   *  the platform's prose promises but its description does not declare (their requests are still checked). */
  readonly exchangeProblems: (
    exchanges: ReadonlyArray<Exchange>,
    undeclared?: (exchange: Exchange) => boolean
  ) => Array<string>
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1")
const mediaType = (contentType: string | undefined) => (contentType ?? "").split(";")[0]!.trim().toLowerCase()
const isJson = (type: string) => type === "application/json" || type.endsWith("+json")

const descriptionFiles = (path: string): Array<string> =>
  statSync(path).isDirectory()
    ? readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? descriptionFiles(join(path, entry.name))
        : /\.(ya?ml|json)$/.test(entry.name)
        ? [join(path, entry.name)]
        : []
    )
    : [path]

// Every `$ref` made absolute: ajv resolves a ref reached through another file's ref against the
// wrong base otherwise (each file's `#/components/…` points into that file).
const absoluteRefs = (value: Json, id: string): Json => {
  if (Array.isArray(value)) return value.map((v) => absoluteRefs(v, id))
  if (typeof value !== "object" || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === "$ref" && typeof v === "string" ? new URL(v, id).href : absoluteRefs(v, id)
    ])
  )
}

// OpenAPI 3.0's dialect in JSON Schema 2020 terms: `nullable: true` admits null; a boolean
// `exclusiveMinimum`/`exclusiveMaximum` makes its `minimum`/`maximum` exclusive.
const from30 = (value: Json): Json => {
  if (Array.isArray(value)) return value.map(from30)
  if (typeof value !== "object" || value === null) return value
  const out: Record<string, Json> = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, from30(v)]))
  for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
    if (typeof out[flag] === "boolean") {
      if (out[flag] === true && typeof out[bound] === "number") out[flag] = out[bound]
      else delete out[flag]
      if (typeof out[flag] === "number") delete out[bound]
    }
  }
  if (out["nullable"] === true) {
    delete out["nullable"]
    if (typeof out["type"] === "string") out["type"] = [out["type"], "null"]
    if (Array.isArray(out["enum"]) && !out["enum"].includes(null)) out["enum"] = [...out["enum"], null]
    if (out["type"] === undefined) return { anyOf: [out, { type: "null" }] }
  }
  return out
}

const newAjv = () => {
  // inlineRefs off: an inlined file's own `#/components/…` refs would resolve against the including file.
  const ajv = new Ajv2020({ strict: false, allErrors: true, inlineRefs: false })
  const int = (bits: number) => (value: number) => Number.isInteger(value) && Math.abs(value) < 2 ** (bits - 1)
  ajv.addFormat("int32", { type: "number", validate: int(32) })
  ajv.addFormat("int64", { type: "number", validate: int(64) })
  ajv.addFormat(
    "date-time",
    (value: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i.test(value) &&
      !Number.isNaN(Date.parse(value))
  )
  ajv.addFormat("date", (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)))
  ajv.addFormat("uri", (value: string) => {
    try {
      return new URL(value).protocol.length > 0
    } catch {
      return false
    }
  })
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  ajv.addFormat("byte", /^[A-Za-z0-9+/]*={0,2}$/)
  // Formats that say how to show or send a value, not what it may be.
  for (const format of ["binary", "password", "float", "double", "email", "hostname"]) ajv.addFormat(format, true)
  return ajv
}

/** Loads a description. */
export const loadContract = (options: ContractOptions): Contract => {
  const root = options.path
  const base = `https://contract.spec/${basename(root)}/`
  const folder = statSync(root).isDirectory() ? root : dirname(root)
  const ajv = newAjv()
  const raw = descriptionFiles(root).map((file) => {
    const text = readFileSync(file, "utf8")
    return { file, value: file.endsWith(".json") ? JSON.parse(text) : parse(text) }
  })
  const dialect30 = raw.some(({ value }) => typeof value?.openapi === "string" && value.openapi.startsWith("3.0"))
  const documents = new Map<string, Json>()
  for (const { file, value } of raw) {
    const id = base + relative(folder, file).split("\\").join("/")
    const document = absoluteRefs(dialect30 ? from30(value) : value, id)
    ajv.addSchema(document, id)
    documents.set(id, document)
  }

  const at = ({ documentId, pointer }: Location): Json => {
    let value = documents.get(documentId)
    for (const part of pointer.split("/").slice(1)) {
      value = value?.[part.replace(/~1/g, "/").replace(/~0/g, "~")]
    }
    return value
  }
  // A value that may be a `$ref` (to a parameter, a request body, a response), followed.
  const follow = (location: Location): { readonly location: Location; readonly value: Json } => {
    let current = location
    for (let hops = 0; hops < 32; hops++) {
      const value = at(current)
      if (typeof value?.$ref !== "string") return { location: current, value }
      const [documentId, pointer = ""] = value.$ref.split("#")
      current = { documentId, pointer }
    }
    throw new Error(`$ref cycle at ${location.documentId}#${location.pointer}`)
  }

  const validators = new Map<string, ReturnType<typeof ajv.compile>>()
  // A schema as written in its document: its `$ref`s resolve against that document.
  const validate = (location: Location, value: unknown): Array<string> => {
    const key = `${location.documentId}#${location.pointer}`
    let check = validators.get(key)
    if (check === undefined) {
      check = ajv.compile({ $ref: key })
      validators.set(key, check)
    }
    return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "invalid"}`)
  }

  const table: Array<{ readonly matcher: PathMatch.PathMatcher; readonly documentId: string; readonly item: Json }> = []
  for (const [documentId, document] of documents) {
    for (const [template, item] of Object.entries<Json>(document.paths ?? {})) {
      table.push({
        matcher: PathMatch.compile(template, { multiSegment: options.multiSegment }),
        documentId,
        item
      })
    }
  }
  table.sort((a, b) => b.matcher.specificity - a.matcher.specificity)
  const operations = table.flatMap(({ item, matcher }) =>
    methods.filter((m) => item[m] !== undefined).map((m) => `${m.toUpperCase()} ${matcher.template}`)
  )
  const basePath = (options.basePath ?? "").replace(/\/+$/, "")

  const find = (method: string, pathname: string): FoundOperation | undefined => {
    if (!pathname.startsWith(basePath)) return undefined
    const path = pathname.slice(basePath.length)
    const key = method.toLowerCase()
    for (const { documentId, item, matcher } of table) {
      const params = matcher.match(path)
      if (params === undefined || item[key] === undefined) continue
      return {
        documentId,
        pointer: `/paths/${escape(matcher.template)}/${key}`,
        method: key,
        template: matcher.template,
        operation: item[key],
        pathItem: item,
        params
      }
    }
    return undefined
  }

  // The operation's parameters with the path item's, each followed to its definition.
  const parametersOf = (found: FoundOperation) => {
    const own = (found.operation.parameters ?? []).map((_: Json, i: number) =>
      follow({ documentId: found.documentId, pointer: `${found.pointer}/parameters/${i}` })
    )
    const shared = (found.pathItem.parameters ?? []).map((_: Json, i: number) =>
      follow({ documentId: found.documentId, pointer: `/paths/${escape(found.template)}/parameters/${i}` })
    )
    const seen = new Set(own.map(({ value }: { value: Parameter }) => `${value.in}:${value.name}`))
    return [
      ...own,
      ...shared.filter(({ value }: { value: Parameter }) => !seen.has(`${value.in}:${value.name}`))
    ] as Array<{ location: Location; value: Parameter }>
  }

  // A parameter's text as its schema's type, so the schema can judge it.
  const typed = (schema: Json, value: string): unknown => {
    const type = Array.isArray(schema?.type) ? schema.type.find((t: string) => t !== "null") : schema?.type
    if (type === "integer") return /^-?\d+$/.test(value) ? Number(value) : value
    if (type === "number") return value.trim() !== "" && !Number.isNaN(Number(value)) ? Number(value) : value
    if (type === "boolean") return value === "true" ? true : value === "false" ? false : value
    return value
  }

  const checkParameter = (parameter: { location: Location; value: Parameter }, values: ReadonlyArray<string>) => {
    const { location, value: definition } = parameter
    const schemaAt = { ...location, pointer: `${location.pointer}/schema` }
    const schema = at(schemaAt)
    if (schema === undefined) return []
    const value = schema.type === "array"
      ? values.flatMap((v) => definition.explode === false || definition.in !== "query" ? v.split(",") : [v])
        .map((item) => typed(schema.items, item))
      : typed(schema, values[0]!)
    return validate(schemaAt, value).map((p) => `${definition.name}: ${p}`)
  }

  const securityProblems = (found: FoundOperation, request: RecordedRequest, url: URL): Array<string> => {
    const requirements: Array<Record<string, unknown>> | undefined = found.operation.security ??
      documents.get(found.documentId)?.security
    if (requirements === undefined || requirements.length === 0) return []
    const schemes: Record<string, Json> = documents.get(found.documentId)?.components?.securitySchemes ?? {}
    const authorization = request.headers["authorization"] ?? ""
    const describe = (name: string) => {
      const scheme = schemes[name]
      return scheme?.type === "apiKey" ? `${name} (${scheme.in} ${scheme.name})` : `${name} (${scheme?.type})`
    }
    const satisfied = (name: string): boolean => {
      const scheme = schemes[name]
      if (scheme === undefined) return false
      switch (scheme.type) {
        case "apiKey":
          return scheme.in === "header"
            ? request.headers[String(scheme.name).toLowerCase()] !== undefined
            : scheme.in === "query"
            ? url.searchParams.has(scheme.name)
            : (request.headers["cookie"] ?? "").split(/;\s*/).some((c) => c.startsWith(`${scheme.name}=`))
        case "http":
          return authorization.toLowerCase().startsWith(`${String(scheme.scheme).toLowerCase()} `)
        default:
          return /^bearer /i.test(authorization)
      }
    }
    if (requirements.some((requirement) => Object.keys(requirement).every(satisfied))) return []
    return [`no credential for any of ${[...new Set(requirements.flatMap(Object.keys))].map(describe).join(", ")}`]
  }

  const notRecorded = (what: string, omitted: RecordedRequest["bodyOmitted"]) =>
    omitted === "off"
      ? [`${what} was not recorded (recording off): it cannot be checked`]
      : omitted === "too large"
      ? [`${what} was too large to record: it cannot be checked`]
      : []

  const bodyValue = (type: string, text: string): { readonly value: unknown } | string => {
    if (isJson(type)) {
      try {
        return { value: JSON.parse(text) }
      } catch {
        return "is not JSON"
      }
    }
    if (type === "application/x-www-form-urlencoded") return { value: Object.fromEntries(new URLSearchParams(text)) }
    return { value: text }
  }

  // The declared media type a sent one falls under (`*/*` and `type/*` ranges included).
  const declaredType = (content: Record<string, unknown>, type: string): string | undefined =>
    content[type] !== undefined
      ? type
      : Object.keys(content).find((range) =>
        range === "*/*" || (range.endsWith("/*") && type.startsWith(range.slice(0, -1)))
      )

  const requestProblems = (request: RecordedRequest): Array<string> => {
    const url = new URL(request.url)
    const found = find(request.method, url.pathname)
    if (found === undefined) return [`${request.method} ${url.pathname}: no such operation`]
    const problems: Array<string> = []
    const parameters = parametersOf(found)
    for (const parameter of parameters.filter(({ value }) => value.in === "path")) {
      const sent = found.params[parameter.value.name]
      if (sent !== undefined) problems.push(...checkParameter(parameter, [sent]))
    }
    const apiKeyQuery = new Set(
      Object.values<Json>(documents.get(found.documentId)?.components?.securitySchemes ?? {})
        .filter((scheme) => scheme.type === "apiKey" && scheme.in === "query")
        .map((scheme) => scheme.name)
    )
    for (const name of new Set(url.searchParams.keys())) {
      const parameter = parameters.find(({ value }) => value.in === "query" && value.name === name)
      if (parameter !== undefined) problems.push(...checkParameter(parameter, url.searchParams.getAll(name)))
      else if (!apiKeyQuery.has(name) && options.extraQuery?.(name) !== true) {
        problems.push(`query parameter ${name} is not declared`)
      }
    }
    for (const { value } of parameters) {
      if (value.required !== true) continue
      if (value.in === "query" && !url.searchParams.has(value.name)) {
        problems.push(`required query parameter ${value.name} is missing`)
      }
      if (value.in === "header" && request.headers[value.name.toLowerCase()] === undefined) {
        problems.push(`required header ${value.name} is missing`)
      }
    }
    problems.push(...securityProblems(found, request, url))

    const sentBody = (request.body !== undefined && request.body !== "") || request.bodyOmitted !== undefined
    const requestBody = found.operation.requestBody === undefined
      ? undefined
      : follow({ documentId: found.documentId, pointer: `${found.pointer}/requestBody` })
    if (requestBody === undefined) {
      if (sentBody) problems.push("a body where the operation takes none")
      return problems
    }
    if (!sentBody) {
      if (requestBody.value.required === true) problems.push("the required body is missing")
      return problems
    }
    const content = requestBody.value.content ?? {}
    const type = mediaType(request.headers["content-type"])
    const declared = declaredType(content, type)
    if (declared === undefined) {
      problems.push(`body media type ${type || "(none)"} is not among ${Object.keys(content)}`)
      return problems
    }
    if (request.body === undefined) return [...problems, ...notRecorded("the body", request.bodyOmitted)]
    const parsed = bodyValue(type, request.body)
    if (typeof parsed === "string") return [...problems, `the body ${parsed}`]
    const schema = {
      ...requestBody.location,
      pointer: `${requestBody.location.pointer}/content/${escape(declared)}/schema`
    }
    if (at(schema) === undefined) return problems
    return [...problems, ...validate(schema, parsed.value).map((p) => `body ${p}`)]
  }

  const responseProblems = (exchange: Exchange): Array<string> => {
    const url = new URL(exchange.request.url)
    const found = find(exchange.request.method, url.pathname)
    if (found === undefined) return [`${exchange.request.method} ${url.pathname}: no such operation`]
    const responses = found.operation.responses ?? {}
    const status = String(exchange.status)
    const key = responses[status] !== undefined
      ? status
      : responses[`${status[0]}XX`] !== undefined
      ? `${status[0]}XX`
      : responses["default"] !== undefined
      ? "default"
      : undefined
    if (key === undefined) return [`status ${exchange.status} is not declared`]
    const declared = follow({ documentId: found.documentId, pointer: `${found.pointer}/responses/${escape(key)}` })
    const content = declared.value.content ?? {}
    const hasBody = exchange.body !== "" || exchange.bodyOmitted !== undefined
    if (Object.keys(content).length === 0) {
      return hasBody ? [`a body on a ${exchange.status} declared without content`] : []
    }
    const type = mediaType(exchange.contentType)
    const media = declaredType(content, type)
    if (media === undefined) return [`response media type ${type} is not among ${Object.keys(content)}`]
    if (exchange.bodyOmitted !== undefined) return notRecorded("the response body", exchange.bodyOmitted)
    const schema = { ...declared.location, pointer: `${declared.location.pointer}/content/${escape(media)}/schema` }
    if (at(schema) === undefined) return []
    const parsed = bodyValue(type, exchange.body)
    if (typeof parsed === "string") return [`the response body ${parsed}`]
    return validate(schema, parsed.value).map((p) => `response ${exchange.status} ${p}`)
  }

  return {
    operations,
    find,
    requestProblems,
    responseProblems,
    exchangeProblems: (exchanges, undeclared = () => false) =>
      exchanges.flatMap((exchange) => {
        const url = new URL(exchange.request.url)
        const line = `${exchange.request.method} ${url.pathname}${url.search} → ${exchange.status}`
        const response = undeclared(exchange) ? [] : responseProblems(exchange)
        return [...requestProblems(exchange.request), ...response].map((p) => `${line}: ${p}`)
      })
  }
}
