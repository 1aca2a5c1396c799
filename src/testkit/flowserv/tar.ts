/**
 * Result archives as the real server builds them: a gzipped tar of the run's files, in the POSIX
 * pax format that Python's `tarfile` writes by default (the server is Python).
 *
 * @since 0.1.0
 */
import { gzipSync } from "node:zlib"

const encoder = new TextEncoder()

const octal = (value: number, length: number): string => value.toString(8).padStart(length - 1, "0") + "\0"

// The ustar name field holds 100 bytes of ASCII; a longer or non-ASCII name goes into a pax header
// record instead (as Python's tarfile does), so no name is ever cut.
const fitsUstar = (bytes: Uint8Array): boolean => bytes.length <= 100 && bytes.every((byte) => byte < 0x80)

const header = (name: Uint8Array, size: number, mtimeSeconds: number, type: "0" | "x"): Uint8Array => {
  const block = new Uint8Array(512)
  const put = (text: string, offset: number) => block.set(encoder.encode(text), offset)
  block.set(name.subarray(0, 100), 0)
  put(octal(0o644, 8), 100)
  put(octal(0, 8), 108)
  put(octal(0, 8), 116)
  put(octal(size, 12), 124)
  put(octal(Math.floor(mtimeSeconds), 12), 136)
  put("        ", 148)
  put(type, 156)
  put("ustar\0" + "00", 257)
  const checksum = block.reduce((sum, byte) => sum + byte, 0)
  put(checksum.toString(8).padStart(6, "0") + "\0 ", 148)
  return block
}

// A pax record is "<length> <key>=<value>\n", its length counting its own digits.
const paxRecord = (key: string, value: string): Uint8Array => {
  const rest = encoder.encode(` ${key}=${value}\n`).length
  let length = rest + String(rest).length
  if (String(length).length !== String(rest).length) length = rest + String(length).length
  return encoder.encode(`${length} ${key}=${value}\n`)
}

const padded = (bytes: Uint8Array): ReadonlyArray<Uint8Array> => {
  const padding = (512 - (bytes.length % 512)) % 512
  return padding > 0 ? [bytes, new Uint8Array(padding)] : [bytes]
}

// ustar sizes are 11 octal digits.
const maxSize = 0o77777777777

/**
 * A `tar.gz` of the given files (pax format: names of any length and script). Throws for a file
 * larger than the ustar size field can hold (8 GiB), which an in-memory archive never reaches.
 *
 * @since 0.1.0
 */
export const tarGz = (
  files: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>,
  mtimeMillis: number
): Uint8Array => {
  const parts: Array<Uint8Array> = []
  const mtime = mtimeMillis / 1000
  for (const file of files) {
    if (file.bytes.length > maxSize) throw new RangeError(`tar: ${file.name} is larger than 8 GiB`)
    const name = encoder.encode(file.name)
    if (!fitsUstar(name)) {
      const record = paxRecord("path", file.name)
      parts.push(header(encoder.encode("././@PaxHeader"), record.length, mtime, "x"), ...padded(record))
    }
    parts.push(header(name, file.bytes.length, mtime, "0"), ...padded(file.bytes))
  }
  parts.push(new Uint8Array(1024))
  return new Uint8Array(gzipSync(Buffer.concat(parts)))
}
