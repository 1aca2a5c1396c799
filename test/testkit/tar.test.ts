/**
 * The test server's result archives read back with GNU tar (a second implementation): every name
 * whole — longer than the 100 bytes of a ustar name field, non-ASCII, nested — and every byte.
 */
import { assert, describe, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { tarGz } from "../../src/testkit/flowserv/tar.js"

const encoder = new TextEncoder()

const files = [
  { name: "results/greetings.txt", bytes: encoder.encode("Hi Alice!\n") },
  { name: "a".repeat(124), bytes: encoder.encode("124 a's") },
  { name: "b".repeat(100), bytes: encoder.encode("exactly 100 bytes") },
  { name: "c".repeat(99) + "é", bytes: encoder.encode("101 bytes, not ASCII") },
  { name: `${"deep/".repeat(60)}leaf.json`, bytes: encoder.encode("{}") },
  { name: "résumé/naïve 文件.txt", bytes: encoder.encode("unicode") },
  { name: "empty.txt", bytes: new Uint8Array(0) },
  { name: "block.bin", bytes: new Uint8Array(512).fill(7) }
]

const tar = (args: ReadonlyArray<string>, input: Uint8Array): Buffer =>
  execFileSync("tar", [...args], { input, maxBuffer: 1024 * 1024, env: { ...process.env, LC_ALL: "C.UTF-8" } })

describe("testkit tar.gz", () => {
  it("keeps every name whole and every byte, as GNU tar reads them", () => {
    const archive = tarGz(files, Date.UTC(2024, 0, 1))
    const listed = tar(["-tzf", "-"], archive).toString("utf8").split("\n").filter((line) => line !== "")
    assert.deepStrictEqual(listed, files.map((file) => file.name))
    for (const file of files) {
      assert.deepStrictEqual(new Uint8Array(tar(["-xzOf", "-", file.name], archive)), file.bytes, file.name)
    }
  })

  it("records the modification time", () => {
    const archive = tarGz([files[0]!], Date.UTC(2024, 0, 1, 12, 30))
    const verbose = tar(["--utc", "-tvzf", "-"], archive).toString("utf8")
    assert.include(verbose, "2024-01-01 12:30")
  })
})
