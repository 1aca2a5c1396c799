/**
 * The root and platform entry points run on any runtime: nothing they load, directly or through
 * other modules of the package, may import a Node.js module. Node helpers live in `./node`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Fs from "node:fs"
import * as Path from "node:path"
import packageJson from "../../package.json" with { type: "json" }

const root = Path.resolve(import.meta.dirname, "../..")
const specifiers = /(?:from|import)\s*\(?\s*"([^"]+)"/g

// Every module a source file loads, following relative imports; returns the non-relative specifiers
// with the file that imports them.
const externalImports = (entry: string): Array<readonly [string, string]> => {
  const seen = new Set<string>()
  const found: Array<readonly [string, string]> = []
  const queue = [Path.join(root, entry)]
  while (queue.length > 0 && seen.size < 500) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const [, specifier] of Fs.readFileSync(file, "utf8").matchAll(specifiers)) {
      if (specifier === undefined) continue
      if (specifier.startsWith(".")) queue.push(Path.resolve(Path.dirname(file), specifier.replace(/\.js$/, ".ts")))
      else found.push([specifier, Path.relative(root, file)])
    }
  }
  return found
}

const isNodeModule = (specifier: string) =>
  specifier.startsWith("node:") || ["fs", "path", "os", "http", "stream", "zlib"].includes(specifier)

describe("entry points", () => {
  it("the root, flowserv, scim and agave entry points load no Node.js module", () => {
    for (const entry of ["src/index.ts", "src/flowserv/index.ts", "src/scim/index.ts", "src/agave/index.ts"]) {
      const imports = externalImports(entry)
      assert.isAbove(imports.length, 0, entry)
      assert.deepStrictEqual(imports.filter(([specifier]) => isNodeModule(specifier)), [], entry)
    }
  })

  it("the node entry point is where node:fs is, and package.json exports it", () => {
    assert.isTrue(externalImports("src/node/index.ts").some(([specifier]) => specifier === "node:fs"))
    assert.deepStrictEqual(packageJson.exports["./node"], {
      types: "./dist/node/index.d.ts",
      default: "./dist/node/index.js"
    })
  })
})
