/**
 * Finding secrets in texts a server sent back, in every form a server may echo them in: verbatim,
 * JSON-escaped, percent-encoded (as a URL component, a whole URL, a form field, with either case of
 * hex digits, or twice) and base64 (standard or URL-safe, padded or not, alone or inside a longer
 * base64 text at any byte offset).
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"

/**
 * What stands for a text that contained a short secret.
 *
 * @since 0.1.0
 */
export const withheld = "<withheld: contained a secret>"

/**
 * What stands for a secret found in a text.
 *
 * @since 0.1.0
 */
export const redactedMark = "<redacted>"

/**
 * Secrets shorter than this are not replaced in place, the whole text is withheld instead:
 * replacing a short secret would tell which word it is ("unknown <redacted> 'alice'" for the
 * password "user").
 *
 * @since 0.1.0
 */
export const minimumInPlaceLength = 12

// Encoded forms shorter than this would match ordinary text by chance (the verbatim secret is always
// looked for, however short).
const minimumEncodedLength = 8

const utf8 = new TextEncoder()

const base64 = (bytes: Uint8Array): string => {
  // A loop rather than `String.fromCharCode(...bytes)`, whose argument list overflows on long input.
  let latin1 = ""
  for (const byte of bytes) latin1 += String.fromCharCode(byte)
  return btoa(latin1)
}

const urlSafe = (b64: string): string => b64.replace(/\+/g, "-").replace(/\//g, "_")

// The characters of the base64 of `bytes` that depend on `bytes` alone, wherever in a longer
// base64 text they stand: `offset` bytes (0, 1 or 2) precede them in their 3-byte group.
const base64Core = (bytes: Uint8Array, offset: number): string => {
  const shifted = new Uint8Array(offset + bytes.length)
  shifted.set(bytes, offset)
  const encoded = base64(shifted).replace(/=+$/, "")
  return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6))
}

// JSON's escapes of a string, with non-ASCII characters as \uXXXX too (Python's json.dumps default).
const jsonForms = (value: string): ReadonlyArray<string> => {
  const escaped = JSON.stringify(value).slice(1, -1)
  return [escaped, escaped.replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"))]
}

// Percent-encodings differ in which characters they leave alone; each of these is in use. (The case
// of their hex digits varies too: see `matcherOf`.)
const percentForms = (value: string): ReadonlyArray<string> => {
  const forms: Array<string> = []
  const attempt = (encode: () => string) => {
    try {
      forms.push(encode())
    } catch {
      // A lone surrogate cannot be percent-encoded: no server can have echoed it that way.
    }
  }
  attempt(() => encodeURIComponent(value))
  attempt(() => encodeURI(value))
  attempt(() => new URLSearchParams({ v: value }).toString().slice(2))
  attempt(() => encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()))
  attempt(() => encodeURIComponent(encodeURIComponent(value)))
  return forms
}

const base64Forms = (value: string): ReadonlyArray<string> => {
  const bytes = utf8.encode(value)
  const padded = base64(bytes)
  const forms = [padded, padded.replace(/=+$/, ""), urlSafe(padded), urlSafe(padded).replace(/=+$/, "")]
  for (const offset of [0, 1, 2]) {
    const core = base64Core(bytes, offset)
    forms.push(core, urlSafe(core))
  }
  return forms
}

/**
 * Every form of a secret value to look for, longest first (so that a longer form is replaced whole
 * before a shorter one inside it is).
 *
 * @since 0.1.0
 */
export const formsOfValue = (value: string): ReadonlyArray<string> => {
  if (value.length === 0) return []
  const encoded = [...jsonForms(value), ...percentForms(value), ...base64Forms(value)]
    .filter((form) => form !== value && form.length >= minimumEncodedLength)
  return [...new Set([value, ...encoded])].sort((a, b) => b.length - a.length)
}

/**
 * How a form is found in a text: as it is, or — for a form with escapes (`%C3%A9`, `\u00e9`) — as a
 * pattern in which the escapes' hex digits may be of either case, as servers write them.
 *
 * @since 0.1.0
 */
export type Matcher = string | RegExp

const escapeSequence = /%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}/g

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")

const matcherOf = (form: string): Matcher => {
  let source = ""
  let last = 0
  let caseless = false
  for (const match of form.matchAll(escapeSequence)) {
    const [sequence] = match
    const prefix = sequence.startsWith("%") ? 1 : 2
    source += escapeRegExp(form.slice(last, match.index) + sequence.slice(0, prefix))
    for (const digit of sequence.slice(prefix)) {
      const letter = /[A-Fa-f]/.test(digit)
      caseless ||= letter
      source += letter ? `[${digit.toUpperCase()}${digit.toLowerCase()}]` : digit
    }
    last = match.index + sequence.length
  }
  return caseless ? new RegExp(source + escapeRegExp(form.slice(last)), "g") : form
}

interface Forms {
  readonly matchers: ReadonlyArray<Matcher>
  readonly longest: number
}

const cache = new WeakMap<Redacted.Redacted, Forms>()

const formsOfSecret = (secret: Redacted.Redacted): Forms => {
  let forms = cache.get(secret)
  if (forms === undefined) {
    const texts = formsOfValue(String(Redacted.value(secret)))
    forms = { matchers: texts.map(matcherOf), longest: texts[0]?.length ?? 0 }
    cache.set(secret, forms)
  }
  return forms
}

/**
 * The matchers for the forms of a secret (see {@link formsOfValue}), computed once per `Redacted`.
 *
 * @since 0.1.0
 */
export const formsOf = (secret: Redacted.Redacted): ReadonlyArray<Matcher> => formsOfSecret(secret).matchers

/**
 * The longest form of any of the secrets: how far past a cut a text must be scrubbed, so that no
 * secret survives by straddling it.
 *
 * @since 0.1.0
 */
export const longestForm = (secrets: ReadonlyArray<Redacted.Redacted>): number => {
  let longest = 0
  for (const secret of secrets) longest = Math.max(longest, formsOfSecret(secret).longest)
  return longest
}

// JSON members whose values are credentials whoever they belong to (flowserv lists other users' tokens).
const secretMember =
  /("(?:token|password|api_?key|access_?token|refresh_?token|secret|client_?secret)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi

const contains = (text: string, matcher: Matcher): boolean => {
  if (typeof matcher === "string") return text.includes(matcher)
  matcher.lastIndex = 0
  return matcher.test(text)
}

const replaceAll = (text: string, matcher: Matcher): string =>
  typeof matcher === "string" ? text.split(matcher).join(redactedMark) : text.replace(matcher, redactedMark)

/**
 * Removes every form of the secrets and credential-like JSON members from a text. A text holding a
 * secret shorter than {@link minimumInPlaceLength} becomes {@link withheld} as a whole.
 *
 * @since 0.1.0
 */
export const scrub = (text: string, secrets: ReadonlyArray<Redacted.Redacted>): string => {
  let out = text.replace(secretMember, `$1"${redactedMark}"`)
  for (const secret of secrets) {
    const forms = formsOf(secret)
    const short = forms.length > 0 && String(Redacted.value(secret)).length < minimumInPlaceLength
    for (const form of forms) {
      if (!contains(out, form)) continue
      if (short) return withheld
      out = replaceAll(out, form)
    }
  }
  return out
}
