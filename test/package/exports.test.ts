/**
 * package.json exports one subpath per module of `src` (see scripts/exports.ts): a module added,
 * moved or removed without `npm run exports` fails here, before a user's declaration emit does.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Path from "node:path"
import packageJson from "../../package.json" with { type: "json" }
import { exportsMap } from "../../scripts/exports.js"

describe("package exports", () => {
  it("one subpath per module of src, up to date (run `npm run exports` after adding a module)", () => {
    const expected = exportsMap(Path.resolve(import.meta.dirname, "../../src"))
    assert.deepStrictEqual(packageJson.exports, expected)
    assert.isAbove(Object.keys(expected).length, 80)
    assert.deepStrictEqual(expected["./flowserv/Groups"], {
      types: "./dist/flowserv/Groups.d.ts",
      default: "./dist/flowserv/Groups.js"
    })
    assert.deepStrictEqual(expected["./flowserv"], {
      types: "./dist/flowserv/index.d.ts",
      default: "./dist/flowserv/index.js"
    })
  })
})
