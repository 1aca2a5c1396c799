/**
 * Whether a text gives away a secret in any form a server may echo it in — computed independently of
 * the SDK's own scrubbing, so that a test of it is not the code checking itself.
 */
import { Buffer } from "node:buffer"

const jsonAscii = (value: string) =>
  JSON.stringify(value).slice(1, -1).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  )

/** The encodings of a value, by name. */
export const encodings = (value: string): ReadonlyArray<readonly [name: string, form: string]> => {
  const bytes = Buffer.from(value, "utf8")
  return [
    ["verbatim", value],
    ["encodeURIComponent", encodeURIComponent(value)],
    ["encodeURIComponent, lower-case hex", encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    ["encodeURI", encodeURI(value)],
    ["form encoding", new URLSearchParams({ q: value }).toString().slice(2)],
    ["RFC 3986 strict", encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)],
    ["percent-encoded twice", encodeURIComponent(encodeURIComponent(value))],
    ["base64", bytes.toString("base64")],
    ["base64 unpadded", bytes.toString("base64").replace(/=+$/, "")],
    ["base64url", bytes.toString("base64url")],
    ["base64url padded", bytes.toString("base64").replace(/\+/g, "-").replace(/\//g, "_")],
    ["JSON", JSON.stringify(value).slice(1, -1)],
    ["JSON, ASCII only", jsonAscii(value)]
  ]
}

// Whether a base64 (or base64url) run in the text decodes, at any alignment, to bytes holding the value.
const inBase64 = (text: string, value: string): boolean => {
  const needle = Buffer.from(value, "utf8").toString("latin1")
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    const standard = run.replace(/-/g, "+").replace(/_/g, "/")
    for (let start = 0; start < 4; start++) {
      if (Buffer.from(standard.slice(start), "base64").toString("latin1").includes(needle)) return true
    }
  }
  return false
}

/** The name of the first form of `secret` found in `text`, or `undefined`. */
export const leakIn = (text: string, secret: string): string | undefined => {
  for (const [name, form] of encodings(secret)) if (text.includes(form)) return name
  return inBase64(text, secret) ? "base64 inside a longer base64 text" : undefined
}
