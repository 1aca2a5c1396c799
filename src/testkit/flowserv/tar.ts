/**
 * Result archives as the real server builds them: a gzipped tar of the run's files.
 *
 * @since 0.1.0
 */
import { gzipSync } from "node:zlib"

const encoder = new TextEncoder()

const octal = (value: number, length: number): string => value.toString(8).padStart(length - 1, "0") + "\0"

const header = (name: string, size: number, mtimeSeconds: number): Uint8Array => {
  const block = new Uint8Array(512)
  const put = (text: string, offset: number) => block.set(encoder.encode(text), offset)
  put(name.slice(0, 100), 0)
  put(octal(0o644, 8), 100)
  put(octal(0, 8), 108)
  put(octal(0, 8), 116)
  put(octal(size, 12), 124)
  put(octal(Math.floor(mtimeSeconds), 12), 136)
  put("        ", 148)
  put("0", 156)
  put("ustar\0" + "00", 257)
  const checksum = block.reduce((sum, byte) => sum + byte, 0)
  put(checksum.toString(8).padStart(6, "0") + "\0 ", 148)
  return block
}

/**
 * A `tar.gz` of the given files (ustar; names up to 100 bytes).
 *
 * @since 0.1.0
 */
export const tarGz = (
  files: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>,
  mtimeMillis: number
) => {
  const parts: Array<Uint8Array> = []
  for (const file of files) {
    parts.push(header(file.name, file.bytes.length, mtimeMillis / 1000), file.bytes)
    const padding = (512 - (file.bytes.length % 512)) % 512
    if (padding > 0) parts.push(new Uint8Array(padding))
  }
  parts.push(new Uint8Array(1024))
  return new Uint8Array(gzipSync(Buffer.concat(parts)))
}
