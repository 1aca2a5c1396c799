/**
 * Short, secret-free excerpts of response bodies for error messages.
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"

/**
 * How many characters of a body an error keeps.
 *
 * @since 0.1.0
 */
export const excerptLength = 200

// JSON members whose values are credentials whoever they belong to (flowserv lists other users' tokens).
const secretMember =
  /("(?:token|password|api_?key|access_?token|refresh_?token|secret|client_?secret)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi

/**
 * Removes known secret values and credential-like JSON members from a text.
 *
 * @since 0.1.0
 */
export const scrub = (text: string, secrets: ReadonlyArray<Redacted.Redacted>): string => {
  let out = text.replace(secretMember, "$1\"<redacted>\"")
  for (const secret of secrets) {
    const value = String(Redacted.value(secret))
    if (value.length === 0 || !out.includes(value)) continue
    // Replacing a short secret in place would tell which word it is ("unknown <redacted> 'alice'"
    // for the password "user"): withhold the whole text instead.
    if (value.length < minimumInPlaceLength) return withheld
    out = out.split(value).join("<redacted>")
  }
  return out
}

const minimumInPlaceLength = 12

/**
 * What stands for a text that contained a short secret.
 *
 * @since 0.1.0
 */
export const withheld = "<withheld: contained a secret>"

/**
 * The first {@link excerptLength} characters of a body, whitespace folded and secrets scrubbed;
 * `undefined` for an empty body.
 *
 * @since 0.1.0
 */
export const excerpt = (body: string, secrets: ReadonlyArray<Redacted.Redacted>): string | undefined => {
  // Scrub well beyond the cut, so that no secret can survive by straddling it.
  const folded = scrub(body.slice(0, 65_536), secrets).replace(/\s+/g, " ").trim()
  if (folded.length === 0) return undefined
  return folded.length > excerptLength ? folded.slice(0, excerptLength) + "…" : folded
}
