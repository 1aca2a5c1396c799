/**
 * Short, secret-free excerpts of response bodies for error messages.
 *
 * @since 0.1.0
 */
import type * as Redacted from "effect/Redacted"
import { longestForm, scrub } from "./Secrets.js"

/**
 * How many characters of a body an error keeps.
 *
 * @since 0.1.0
 */
export const excerptLength = 200

// How much of a body is scrubbed and folded before the cut: enough for white space folding to bring
// an excerpt's worth of text together, without scanning a whole megabyte.
const window = 65_536

/**
 * The first {@link excerptLength} characters of a body, whitespace folded and secrets scrubbed;
 * `undefined` for an empty body.
 *
 * @since 0.1.0
 */
export const excerpt = (body: string, secrets: ReadonlyArray<Redacted.Redacted>): string | undefined => {
  // Scrub beyond the cut, so that no secret can survive by straddling it.
  const folded = scrub(body.slice(0, window + longestForm(secrets)), secrets).replace(/\s+/g, " ").trim()
  if (folded.length === 0) return undefined
  return folded.length > excerptLength ? folded.slice(0, excerptLength) + "…" : folded
}
