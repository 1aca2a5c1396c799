/**
 * What Werkzeug 2.2 (under rob-webapi-flask) does to an upload before flowserv sees it: it reads the
 * multipart body and the part headers its own way (a percent escape in a file name stays as it is), and
 * the route cleans the file name with `secure_filename` (on Linux, where the server runs).
 *
 * @since 0.1.0
 */

const asciiStrip = /[^A-Za-z0-9_.-]/g
/** What Python's `str.split()` splits on, among ASCII characters (the only ones left by then). */
const pythonWhitespace = /[\t\n\v\f\r\x1c-\x1f ]+/
const edgeDotsAndUnderscores = /^[._]+|[._]+$/g

/**
 * Werkzeug's `secure_filename` as it runs on Linux: NFKD, non-ASCII dropped, `/` turned into a
 * space, runs of white space joined with `_`, everything but `A-Za-z0-9_.-` removed, then dots and
 * underscores stripped from both ends. It may return `""` (flowserv then refuses the name). The
 * Windows-only `_` prefix for device names (`CON`, `NUL`, …) does not apply.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { secureFilename } from "effect-research-sdk/testkit"
 * secureFilename("../a b.txt") // "a_b.txt"
 * secureFilename("Grüße.txt")  // "Grue.txt"
 * ```
 */
export const secureFilename = (filename: string): string =>
  filename
    .normalize("NFKD")
    .replace(/[^\x00-\x7f]/g, "")
    .replaceAll("/", " ")
    .split(pythonWhitespace)
    .filter((part) => part.length > 0)
    .join("_")
    .replace(asciiStrip, "")
    .replace(edgeDotsAndUnderscores, "")

/**
 * The first file part of a field, as Werkzeug's form parser finds it: its file name as Werkzeug read
 * it and its content; no such part; or a body Werkzeug could not read (its form parser then silently
 * sees no files at all).
 *
 * @since 0.1.0
 */
export type FilePart =
  | { readonly _tag: "File"; readonly filename: string; readonly content: Uint8Array }
  | { readonly _tag: "NoFile" }
  | { readonly _tag: "Unreadable" }

// Werkzeug 2.2's _option_header_piece_re: `; key[*n] [*]= [charset'lang'] value`.
const optionPiece =
  /^;\s*,?\s*("[^"\\]*(?:\\.[^"\\]*)*"|[^\s;,=*]+)(?:\*(\d+))?\s*(?:(?:\*\s*=\s*(?:(\S+?)'(\S*?)')?|=\s*)("[^"\\]*(?:\\.[^"\\]*)*"|[^;,]+)?)?\s*/
const mimeTypeStart = /^,\s*([^;,\s]+)([;,]\s*.+)?/

// Werkzeug's unquote_header_value: quotes removed and backslash escapes undone — not percent escapes,
// which it keeps as they are.
const unquote = (value: string, isFilename: boolean): string => {
  if (value.length > 0 && value.startsWith("\"") && value.endsWith("\"")) {
    const inner = value.slice(1, -1)
    if (!isFilename || !inner.startsWith("\\\\")) return inner.replaceAll("\\\\", "\\").replaceAll("\\\"", "\"")
    return inner
  }
  return value
}

// RFC 2231 `key*=charset''percent-encoded`: bytes percent-decoded, then decoded in that charset.
const decodeExtended = (value: string, charset: string): string => {
  const bytes: Array<number> = []
  const raw = new TextEncoder().encode(value)
  for (let i = 0; i < raw.length; i++) {
    const hex = raw[i] === 0x25 ? String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0) : ""
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else {
      bytes.push(raw[i]!)
    }
  }
  return new TextDecoder(charset, { fatal: true }).decode(new Uint8Array(bytes))
}

/**
 * The options of a `Content-Disposition`-like header value, as Werkzeug 2.2's
 * `parse_options_header` reads them: lower-cased keys, unquoted values, RFC 2231 continuations and
 * charsets. A key without a value maps to `undefined`. Throws where Werkzeug raises (an undecodable
 * extended value).
 *
 * @since 0.1.0
 */
export const parseOptions = (value: string): Map<string, string | undefined> => {
  const options = new Map<string, string | undefined>()
  const start = mimeTypeStart.exec("," + value.replaceAll("\n", ","))
  let rest = start?.[2] ?? ""
  let continuedCharset: string | undefined
  for (let match = optionPiece.exec(rest); rest !== "" && match !== null; match = optionPiece.exec(rest)) {
    const [whole, rawKey, count, givenCharset, , rawValue] = match
    let charset = givenCharset
    if (count === undefined) {
      continuedCharset = undefined
    } else {
      charset = charset ?? continuedCharset
      continuedCharset = charset
    }
    const key = unquote(rawKey!, false).toLowerCase()
    let option = rawValue === undefined ? undefined : unquote(rawValue, key === "filename")
    if (option !== undefined && charset !== undefined) option = decodeExtended(option, charset)
    if (count !== undefined) {
      if (option !== undefined) options.set(key, (options.get(key) ?? "") + option)
    } else {
      options.set(key, option)
    }
    if (whole!.length === 0) break
    rest = rest.slice(whole!.length)
  }
  return options
}

const latin1 = new TextDecoder("latin1")
const utf8 = new TextDecoder("utf-8", { fatal: true })
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/**
 * The first part named `field` that has a file name (`filename` in its `Content-Disposition`; parts
 * without one are form fields), from a `multipart/form-data` body with `boundary`. Headers are read as
 * Werkzeug reads them, so `filename="a%22b.txt"` stays `a%22b.txt` (a platform `FormData` would turn
 * it into `a"b.txt`) and `filename*=UTF-8''…` is understood.
 *
 * @since 0.1.0
 */
export const firstFilePart = (body: Uint8Array, boundary: string, field: string): FilePart => {
  if (boundary === "") return { _tag: "Unreadable" }
  // One character per byte, so string offsets are byte offsets into `body`.
  const text = latin1.decode(body)
  const delimiter = new RegExp(String.raw`(?:^|\r\n|\n|\r)--${escapeRegExp(boundary)}(--)?[ \t]*(?:\r\n|\n|\r|$)`, "g")
  let found: FilePart = { _tag: "NoFile" }
  let previous = delimiter.exec(text)
  // Werkzeug reads the whole body before the route sees any file: a part it cannot read anywhere in
  // it, or a body without its closing delimiter, leaves no files at all.
  while (previous !== null && previous[1] === undefined) {
    const start = previous.index + previous[0].length
    const next = delimiter.exec(text)
    if (next === null) return { _tag: "Unreadable" }
    const part = text.slice(start, next.index)
    const blank = /\r\n\r\n|\r\r|\n\n/.exec(part) ?? /^(?:\r\n|\r|\n)/.exec(part)
    if (blank === null) return { _tag: "Unreadable" }
    const options = dispositionOf(body.subarray(start, start + blank.index))
    if (options === undefined) return { _tag: "Unreadable" }
    const filename = options.get("filename")
    if (found._tag === "NoFile" && options.get("name") === field && filename !== undefined) {
      const contentStart = start + blank.index + blank[0].length
      found = { _tag: "File", filename, content: body.slice(contentStart, next.index) }
    }
    previous = next
  }
  return found
}

// The options of a part's Content-Disposition; `undefined` where Werkzeug fails: header bytes that
// are not UTF-8, no Content-Disposition, an option it cannot decode.
const dispositionOf = (headerBytes: Uint8Array): Map<string, string | undefined> | undefined => {
  try {
    const lines = utf8.decode(headerBytes).replace(/(?:\r\n|\r|\n)[ \t]+/g, " ").split(/\r\n|\r|\n/)
    for (const line of lines) {
      const colon = line.indexOf(":")
      if (colon !== -1 && line.slice(0, colon).trim().toLowerCase() === "content-disposition") {
        return parseOptions(line.slice(colon + 1).trim())
      }
    }
    return undefined
  } catch {
    return undefined
  }
}
