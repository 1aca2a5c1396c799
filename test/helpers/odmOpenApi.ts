/**
 * ODM's OpenAPI description (test/fixtures/odm) as a validator of recorded exchanges: every request
 * the SDK sends must match an operation — its method and path, its declared query parameters and
 * their types, a credential of one of its security schemes, its request body's media type and
 * schema — and every response must be one the operation declares, with its media type and schema.
 */
import Ajv2020Module from "ajv/dist/2020.js"
import { readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { parse } from "yaml"
import type { OdmExchange, OdmRecordedRequest } from "../../src/testkit/index.js"

// ajv is CommonJS: under NodeNext its class is the module's `default`.
const Ajv2020 = Ajv2020Module.default

const root = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/odm")
const base = "https://odm.spec/"

interface Parameter {
  readonly name: string
  readonly in: "query" | "path" | "header"
  readonly required?: boolean
  readonly schema: object
}

interface OpenApiOperation {
  readonly parameters?: ReadonlyArray<Parameter>
  readonly requestBody?: { readonly required?: boolean; readonly content: Record<string, { schema: object }> }
  readonly responses: Record<string, { readonly content?: Record<string, { schema: object }> }>
  readonly security?: ReadonlyArray<Record<string, unknown>>
}

interface Document {
  readonly paths: Record<string, Record<string, OpenApiOperation>>
  readonly components: { readonly securitySchemes: Record<string, { readonly name: string }> }
}

const yamlFiles = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? yamlFiles(join(dir, entry.name))
      : entry.name.endsWith(".yaml")
      ? [join(dir, entry.name)]
      : []
  )

// inlineRefs off: an inlined file's own `#/components/…` refs would resolve against the including file.
const ajv = new Ajv2020({ strict: false, allErrors: true, inlineRefs: false })
const int = (bits: number) => (value: number) => Number.isInteger(value) && Math.abs(value) < 2 ** (bits - 1)
ajv.addFormat("int32", { type: "number", validate: int(32) })
ajv.addFormat("int64", { type: "number", validate: int(64) })
ajv.addFormat(
  "date-time",
  (value: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))
)
ajv.addFormat("uri", (value: string) => {
  try {
    return new URL(value).protocol.length > 0
  } catch {
    return false
  }
})

// Every `$ref` made absolute: ajv resolves a ref reached through another file's ref against the
// wrong base otherwise (each file's `#/components/…` points into that file).
const absoluteRefs = (value: unknown, id: string): any => {
  if (Array.isArray(value)) return value.map((v) => absoluteRefs(v, id))
  if (typeof value !== "object" || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === "$ref" && typeof v === "string" ? new URL(v, id).href : absoluteRefs(v, id)
    ])
  )
}

const documents = new Map<string, Document>()
for (const file of yamlFiles(root)) {
  const id = base + relative(root, file).split("\\").join("/")
  const document = absoluteRefs(parse(readFileSync(file, "utf8")), id)
  ajv.addSchema(document, id)
  if (document.paths !== undefined) documents.set(id, document)
}

const validatorCache = new Map<string, ReturnType<typeof ajv.compile>>()
// A schema as written in the document: its `$ref`s resolve against that document.
const validate = (documentId: string, pointer: string, value: unknown): Array<string> => {
  const key = `${documentId}#${pointer}`
  let check = validatorCache.get(key)
  if (check === undefined) {
    check = ajv.compile({ $ref: key })
    validatorCache.set(key, check)
  }
  return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "invalid"}`)
}

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1")

const findOperation = (method: string, pathname: string) => {
  for (const [documentId, document] of documents) {
    for (const [template, item] of Object.entries(document.paths)) {
      const pattern = new RegExp("^" + template.replace(/\{[^}]+\}/g, "[^/]+") + "$")
      const operation = item[method.toLowerCase()]
      if (pattern.test(pathname) && operation !== undefined) {
        return {
          documentId,
          document,
          template,
          operation,
          pointer: `/paths/${escape(template)}/${method.toLowerCase()}`
        }
      }
    }
  }
  return undefined
}

const mediaType = (contentType: string | undefined) => (contentType ?? "").split(";")[0]!.trim().toLowerCase()

/** What is wrong with a request, by ODM's description; empty when nothing. */
export const requestProblems = (request: OdmRecordedRequest): Array<string> => {
  const url = new URL(request.url)
  const found = findOperation(request.method, url.pathname)
  if (found === undefined) return [`${request.method} ${url.pathname}: no such operation`]
  const { document, documentId, operation, pointer } = found
  const problems: Array<string> = []
  const parameters = operation.parameters ?? []
  for (const [name, value] of url.searchParams) {
    const index = parameters.findIndex((p) => p.in === "query" && p.name === name)
    if (index === -1) {
      problems.push(`query parameter ${name} is not declared`)
      continue
    }
    const schema = parameters[index]!.schema as { type?: string }
    const typed = schema.type === "integer" ? (/^-?\d+$/.test(value) ? Number(value) : value) : value
    problems.push(...validate(documentId, `${pointer}/parameters/${index}/schema`, typed).map((p) => `${name}: ${p}`))
  }
  for (const parameter of parameters) {
    if (parameter.required === true && parameter.in === "query" && !url.searchParams.has(parameter.name)) {
      problems.push(`required query parameter ${parameter.name} is missing`)
    }
  }
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement))
  const headers = schemes.map((scheme) => document.components.securitySchemes[scheme]!.name.toLowerCase())
  if (!headers.some((header) => request.headers[header] !== undefined)) {
    problems.push(`no credential in any of ${headers.join(", ")}`)
  }
  const body = request.body ?? ""
  if (operation.requestBody === undefined) {
    if (body !== "") problems.push("a body where the operation takes none")
    return problems
  }
  if (body === "") {
    if (operation.requestBody.required === true) problems.push("the required body is missing")
    return problems
  }
  const type = mediaType(request.headers["content-type"])
  if (operation.requestBody.content[type] === undefined) {
    problems.push(`body media type ${type || "(none)"} is not among ${Object.keys(operation.requestBody.content)}`)
    return problems
  }
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return [...problems, "the body is not JSON"]
  }
  return [
    ...problems,
    ...validate(documentId, `${pointer}/requestBody/content/${escape(type)}/schema`, json).map((p) => `body ${p}`)
  ]
}

/** What is wrong with a response, by ODM's description; empty when nothing. */
export const responseProblems = (exchange: OdmExchange): Array<string> => {
  const url = new URL(exchange.request.url)
  const found = findOperation(exchange.request.method, url.pathname)
  if (found === undefined) return [`${exchange.request.method} ${url.pathname}: no such operation`]
  const declared = found.operation.responses[String(exchange.status)]
  if (declared === undefined) return [`status ${exchange.status} is not declared`]
  const content = declared.content ?? {}
  if (Object.keys(content).length === 0) {
    return exchange.body === "" ? [] : [`a body on a ${exchange.status} declared without content`]
  }
  const type = mediaType(exchange.contentType)
  if (content[type] === undefined) return [`response media type ${type} is not among ${Object.keys(content)}`]
  let json: unknown
  try {
    json = JSON.parse(exchange.body)
  } catch {
    return ["the response body is not JSON"]
  }
  const pointer = `${found.pointer}/responses/${exchange.status}/content/${escape(type)}/schema`
  return validate(found.documentId, pointer, json).map((p) => `response ${exchange.status} ${p}`)
}

/** Every problem of every exchange, each prefixed with its request line. `undeclared` names responses
 *  ODM's prose promises but its description does not declare (their requests are still checked). */
export const exchangeProblems = (
  exchanges: ReadonlyArray<OdmExchange>,
  undeclared: (exchange: OdmExchange) => boolean = () => false
): Array<string> =>
  exchanges.flatMap((exchange) => {
    const line = `${exchange.request.method} ${new URL(exchange.request.url).pathname}${
      new URL(exchange.request.url).search
    } → ${exchange.status}`
    const response = undeclared(exchange) ? [] : responseProblems(exchange)
    return [...requestProblems(exchange.request), ...response].map((p) => `${line}: ${p}`)
  })
