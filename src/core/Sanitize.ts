/**
 * The last step of every error the pipeline hands out: every text field scrubbed of secrets and
 * bounded in length, every number finite. Done once, over the fields the error's own schema declares,
 * so that no field — present or added later — can be forgotten.
 *
 * @since 0.1.0
 */
import type * as Redacted from "effect/Redacted"
import type * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import type { SdkError } from "./Errors.js"
import { longestForm, scrub } from "./Secrets.js"

/**
 * The longest each text field may be, ellipsis included; fields not named here get `default`.
 *
 * @since 0.1.0
 */
export const textLimits = {
  message: 1_000,
  code: 100,
  requestId: 200,
  method: 32,
  url: 2_000,
  default: 1_000
} as const

const limitOf = (key: string): number => (textLimits as Record<string, number>)[key] ?? textLimits.default

/**
 * A text scrubbed of every form of the secrets, then cut to `limit` characters (the last one an
 * ellipsis when cut). Only what can be kept is scrubbed, plus enough beyond it that no secret can
 * survive by straddling the cut.
 *
 * @since 0.1.0
 */
export const boundedText = (text: string, limit: number, secrets: ReadonlyArray<Redacted.Redacted>): string => {
  const window = text.length > limit ? text.slice(0, limit + longestForm(secrets)) : text
  const scrubbed = scrub(window, secrets)
  return scrubbed.length > limit || window.length < text.length ? scrubbed.slice(0, limit - 1) + "…" : scrubbed
}

/**
 * A number as an error may hold it: finite. Infinities become the largest safe integer of their sign
 * (an infinite timeout is reported as `Number.MAX_SAFE_INTEGER` milliseconds), `NaN` becomes 0.
 *
 * @since 0.1.0
 */
export const finite = (value: number): number =>
  Number.isFinite(value)
    ? value
    : Number.isNaN(value)
    ? 0
    : value > 0
    ? Number.MAX_SAFE_INTEGER
    : Number.MIN_SAFE_INTEGER

type Kind = "text" | "number" | "other"

// What a field's schema holds, seen through `optional`: free text, a number, or anything else
// (literals such as `reason` and `origin`, which are never rewritten).
const kindOf = (field: Schema.Struct.Field): Kind => {
  let ast: AST.AST = field.ast._tag === "PropertySignatureDeclaration" ? field.ast.type : field.ast as AST.AST
  if (AST.isUnion(ast)) {
    const defined = ast.types.filter((member) => !AST.isUndefinedKeyword(member))
    if (defined.length !== 1) return "other"
    ast = defined[0]!
  }
  while (AST.isRefinement(ast)) ast = ast.from
  return AST.isStringKeyword(ast) ? "text" : AST.isNumberKeyword(ast) ? "number" : "other"
}

type Constructor = (new(props: Record<string, unknown>) => SdkError) & { readonly fields?: Schema.Struct.Fields }

const plans = new WeakMap<Constructor, ReadonlyArray<readonly [key: string, kind: Kind]>>()

const planOf = (constructor: Constructor) => {
  let plan = plans.get(constructor)
  if (plan === undefined) {
    plan = Object.entries(constructor.fields ?? {})
      .filter(([key]) => key !== "_tag")
      .map(([key, field]) => [key, kindOf(field)] as const)
    plans.set(constructor, plan)
  }
  return plan
}

/**
 * The error with every text field scrubbed of the secrets (every form of them, see `Secrets`) and
 * bounded by {@link textLimits}, and every number {@link finite}. The same error when nothing had
 * to change; otherwise a new one, whose stack trace is made from the clean message.
 *
 * @since 0.1.0
 */
export const sanitize = <E extends SdkError>(error: E, secrets: ReadonlyArray<Redacted.Redacted>): E => {
  const constructor = error.constructor as Constructor
  const props: Record<string, unknown> = {}
  let changed = false
  for (const [key, kind] of planOf(constructor)) {
    const value: unknown = (error as unknown as Record<string, unknown>)[key]
    if (value === undefined) continue
    let clean = value
    if (kind === "text" && typeof value === "string") clean = boundedText(value, limitOf(key), secrets)
    else if (kind === "number" && typeof value === "number") clean = finite(value)
    else if (kind === "other" && typeof value === "object" && value !== null) clean = nested(value, secrets)
    if (clean !== value) changed = true
    props[key] = clean
  }
  return changed ? new constructor(props) as E : error
}

// A structured field (`Unauthorized.authorizationParameters`): one level of text, numbers and lists of
// text, each cleaned like a top-level field. Such fields are built bounded by their own schemas; this
// keeps the promise "every text field" for them too, without walking anything deeper.
const nested = (value: object, secrets: ReadonlyArray<Redacted.Redacted>): object => {
  const out: Record<string, unknown> = {}
  let changed = false
  for (const [key, item] of Object.entries(value)) {
    let clean: unknown = item
    if (typeof item === "string") clean = boundedText(item, nestedTextLimit, secrets)
    else if (typeof item === "number") clean = finite(item)
    else if (Array.isArray(item)) {
      const texts = item.map((entry) =>
        typeof entry === "string" ? boundedText(entry, nestedTextLimit, secrets) : entry
      )
      clean = texts.some((entry, index) => entry !== item[index]) ? texts : item
    }
    if (clean !== item) changed = true
    out[key] = clean
  }
  return changed ? out : value
}

// The bound `AuthorizationParameters` itself sets on each of its texts.
const nestedTextLimit = 1024
