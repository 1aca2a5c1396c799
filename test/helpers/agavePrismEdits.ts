/**
 * What a correction of the Prism test is (`agavePrismCorrections`), and the small JSON edits the
 * corrections are written with.
 */
import type { Answer, Fix } from "./mockAnswers.js"
import { editJson } from "./mockAnswers.js"

export interface PrismCorrection {
  /** The operations it applies to, as `module.operation`. */
  readonly operations: ReadonlyArray<string>
  /** What differs, in a few words. */
  readonly difference: string
  readonly reason: string
  /** How the exchange is corrected (for a fix). */
  readonly fix?: Fix | undefined
  /** What Prism answers the request with (for a refusal): its status and its words. */
  readonly refusal?: string | undefined
}

/** A JSON object. */
export const record = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Adds `fields` to a JSON object body, keeping any the caller sent. */
export const adding = (fields: Readonly<Record<string, unknown>>) => (json: unknown) =>
  record(json) ? { ...fields, ...json } : json

/** Rewrites an enveloped answer's `result`. */
export const result = (edit: (result: unknown) => unknown) => (json: unknown) =>
  record(json) && "result" in json ? { ...json, result: edit(json["result"]) } : json

/** A fix of the answer's `result`. */
export const answering = (edit: (result: unknown) => unknown): Fix => ({
  answer: (answer) => editJson(answer, result(edit))
})

/** JSON text of a value that is not text already: what the description wants where the servers take JSON. */
export const asText = (value: unknown): unknown => typeof value === "string" ? value : JSON.stringify(value)

/** An answer made whole where Prism sends no body: a success envelope around `result`. */
export const enveloping = (message: string, result: unknown) => (answer: Answer): Answer =>
  answer.body.length > 0 ? answer : {
    ...answer,
    headers: { ...answer.headers, "content-type": "application/json" },
    body: new TextEncoder().encode(JSON.stringify({ status: "success", message, result }))
  }
