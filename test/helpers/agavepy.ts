/**
 * AgavePy's description of Agave, read from the fixtures: the flat operations list and the Swagger 1.2
 * models. And the same facts read from the SDK's records, in the same vocabulary, so that a test can
 * compare the two.
 */
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import * as fs from "node:fs"
import * as path from "node:path"
import { formBody, uploadBody } from "../../src/agave/records/Bodies.js"
import type * as Endpoint from "../../src/core/Endpoint.js"
import { Refused } from "../../src/core/Query.js"

const fixtures = path.join(import.meta.dirname, "../fixtures/agave/agavepy")

export interface DescribedParam {
  readonly kind: "path" | "query" | "body" | "form"
  readonly name: string
  readonly required: boolean
  readonly type: string
  readonly enum?: ReadonlyArray<string> | undefined
}

export interface DescribedOperation {
  readonly module: string
  readonly method: string
  readonly path: string
  readonly nickname: string
  readonly type: string
  readonly consumes: string
  readonly params: ReadonlyArray<DescribedParam>
}

const paramPattern = /^(path|query|body|form):([A-Za-z_]+)(\*?)\(([^ )]+)(.*)\)$/

const parseParam = (text: string): DescribedParam => {
  const match = paramPattern.exec(text.trim())
  if (match === null) throw new Error(`unreadable parameter ${text}`)
  const enumMatch = /enum=([^ ]+)/.exec(match[5]!)
  return {
    kind: match[1] as DescribedParam["kind"],
    name: match[2]!,
    required: match[3] === "*",
    type: match[4]!,
    enum: enumMatch === null ? undefined : enumMatch[1]!.split("|")
  }
}

/** Every operation of the flat list, by module. */
export const operations = (): ReadonlyArray<DescribedOperation> => {
  const text = fs.readFileSync(path.join(fixtures, "agavepy_ops_all13.txt"), "utf8")
  const out: Array<DescribedOperation> = []
  let module = ""
  for (const line of text.split("\n")) {
    if (line.startsWith("### ")) {
      module = line.split(" ")[1]!
      continue
    }
    if (line.trim() === "") continue
    const fields = line.split(" | ")
    const [method, route] = fields[0]!.trim().split(/\s+/)
    const field = (name: string) => fields.find((f) => f.startsWith(name))?.slice(name.length) ?? ""
    const params = field("params: ").trim()
    out.push({
      module,
      method: method!,
      path: route!,
      nickname: field("nickname="),
      type: field("type="),
      consumes: field("consumes="),
      params: params === "" ? [] : params.split("; ").map(parseParam)
    })
  }
  return out
}

interface Property {
  readonly type?: string
  readonly $ref?: string
  readonly items?: { readonly type?: string; readonly $ref?: string }
}

export interface DescribedModel {
  readonly properties: Readonly<Record<string, Property>>
}

/** The Swagger 1.2 models of a module. */
export const models = (module: string): Readonly<Record<string, DescribedModel>> => {
  const file = JSON.parse(fs.readFileSync(path.join(fixtures, `api_${module}.json.j2`), "utf8"))
  const out: Record<string, DescribedModel> = {}
  for (const api of file.apis) Object.assign(out, api.api_declaration.models)
  return out
}

/** The kind of a described property's type: `string`, `number`, `boolean`, `array`, `object`, or a
 *  type the description gets wrong, as written. */
export const describedType = (property: Property, known: Readonly<Record<string, DescribedModel>>): string => {
  if (property.$ref !== undefined || (property.type !== undefined && property.type in known)) return "object"
  switch (property.type) {
    case "string":
      return "string"
    case "integer":
    case "int":
    case "number":
      return "number"
    case "boolean":
      return "boolean"
    case "array":
      return "array"
    case "dict":
      return "object"
    default:
      return String(property.type)
  }
}

/** What a described answer holds: a stream, nothing, one model, a list of models, or a primitive. */
export const describedSuccess = (
  module: string,
  type: string
): { readonly kind: string; readonly model?: string | undefined } => {
  if (type === "void" || type === "JobOutputFileDownload") return { kind: "stream" }
  if (type.startsWith("Empty")) return { kind: "none" }
  const known = models(module)
  const result = known[type]?.properties["result"]
  if (result === undefined) return { kind: "one", model: type }
  if (result.type === "array") return { kind: "list", model: result.items?.$ref ?? result.items?.type }
  const model = result.$ref ?? (result.type !== undefined && result.type in known ? result.type : undefined)
  return model === undefined ? { kind: result.type ?? "any" } : { kind: "one", model }
}

// ---------------------------------------------------------------------------------------------------
// The same facts, read from records.

const strip = (ast: SchemaAST.AST): SchemaAST.AST => {
  if (SchemaAST.isUnion(ast)) {
    const kept = ast.types.filter((t) =>
      !(SchemaAST.isLiteral(t) && t.literal === null) && !SchemaAST.isUndefinedKeyword(t)
    )
    return kept.length === 1 ? strip(kept[0]!) : SchemaAST.Union.make(kept)
  }
  if (SchemaAST.isRefinement(ast)) return strip(ast.from)
  return ast
}

/** The kind of a schema's type, in the description's vocabulary (`number|string` for a union). */
export const typeOf = (schema: SchemaAST.AST): string => {
  const ast = strip(schema)
  if (SchemaAST.isStringKeyword(ast)) return "string"
  if (SchemaAST.isNumberKeyword(ast)) return "number"
  if (SchemaAST.isBooleanKeyword(ast)) return "boolean"
  if (SchemaAST.isTupleType(ast)) return "array"
  if (SchemaAST.isTypeLiteral(ast)) return "object"
  if (SchemaAST.isUnknownKeyword(ast)) return "any"
  if (SchemaAST.isDeclaration(ast)) return "secret"
  if (SchemaAST.isUnion(ast)) return ast.types.map(typeOf).sort().join("|")
  return ast._tag
}

/** The fields of the (decoded) model a success schema holds, by name, with their kinds. */
const fieldsOf = (ast: SchemaAST.AST): Readonly<Record<string, string>> | undefined => {
  const inner = strip(ast)
  if (SchemaAST.isTupleType(inner)) return inner.rest[0] === undefined ? undefined : fieldsOf(inner.rest[0].type)
  if (SchemaAST.isTypeLiteral(inner)) {
    const out: Record<string, string> = {}
    for (const property of inner.propertySignatures) out[String(property.name)] = typeOf(property.type)
    return out
  }
  return undefined
}

/** What a record's answer holds, in the vocabulary of {@link describedSuccess}, with its model's fields. */
export const recordSuccess = (
  record: Endpoint.Any
): { readonly kind: string; readonly fields?: Readonly<Record<string, string>> | undefined } => {
  const success = record.success
  if (!Schema.isSchema(success)) return { kind: "stream" }
  const ast = Schema.typeSchema(success).ast
  if (SchemaAST.isVoidKeyword(ast)) return { kind: "none" }
  const inner = strip(ast)
  if (SchemaAST.isTupleType(inner)) return { kind: "list", fields: fieldsOf(inner) }
  // A paged listing whose page is an object holding its `items` (Abaco's search pages): its items.
  const items = record.paging === undefined || !SchemaAST.isTypeLiteral(inner)
    ? undefined
    : inner.propertySignatures.find((property) => property.name === "items")
  if (items !== undefined && SchemaAST.isTupleType(strip(items.type))) {
    return { kind: "list", fields: fieldsOf(items.type) }
  }
  if (SchemaAST.isTypeLiteral(inner)) return { kind: "one", fields: fieldsOf(inner) }
  return { kind: typeOf(inner) }
}

/** A record's body, in the description's vocabulary. */
export const recordBody = (record: Endpoint.Any): string =>
  record.body === undefined
    ? "none"
    : record.body === formBody
    ? "form"
    : record.body === uploadBody
    ? "multipart"
    : Schema.isSchema(record.body)
    ? "json"
    : "other"

/** A query parameter's type, found by what it accepts. */
export const queryType = (param: { readonly write: (value: any) => unknown; readonly pairs?: unknown }): string => {
  // Names and values of its own (search terms, Abaco's environment): the description's `dict`.
  if (param.pairs !== undefined) return "dict"
  const accepts = (value: unknown) => !(param.write(value) instanceof Refused)
  if (accepts(true) && !accepts("x")) return "boolean"
  if (accepts(1) && !accepts(1.5)) return "integer"
  if (accepts(1.5)) return "number"
  if (accepts("x")) return "string"
  return "enum"
}
