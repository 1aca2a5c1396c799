/**
 * package.json `exports`: one subpath per module of `src`, as `effect` and `@effect/platform` do, so
 * that a user's declaration emit can name any type the SDK's signatures use (TS2742 otherwise):
 * `src/flowserv/Groups.ts` is `effect-research-sdk/flowserv/Groups`, `src/flowserv/index.ts` is
 * `effect-research-sdk/flowserv`. `npm run exports` writes the map; test/package/exports.test.ts
 * fails when it is out of date.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"

type Conditions = { readonly types: string; readonly default: string }

const modulesOf = (dir: string, prefix = ""): Array<string> =>
  Fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? modulesOf(Path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")
      ? [`${prefix}${entry.name.slice(0, -3)}`]
      : []
  )

/** The subpath of a module (`flowserv/Groups`, `flowserv/index`, `index`) of `src`. */
export const subpathOf = (module: string): string => module === "index" ? "." : `./${module.replace(/\/index$/, "")}`

/** The `exports` map for the modules of `srcDir`: ".", then every subpath in order, then package.json. */
export const exportsMap = (srcDir: string): Record<string, Conditions | string> => {
  const entries = modulesOf(srcDir)
    .map((module) => [subpathOf(module), { types: `./dist/${module}.d.ts`, default: `./dist/${module}.js` }] as const)
    .sort(([a], [b]) => (a === "." ? -1 : b === "." ? 1 : a < b ? -1 : a > b ? 1 : 0))
  return { ...Object.fromEntries(entries), "./package.json": "./package.json" }
}

const root = Path.resolve(import.meta.dirname, "..")

if (process.argv[1] !== undefined && Path.resolve(process.argv[1]) === Path.resolve(import.meta.filename)) {
  const file = Path.join(root, "package.json")
  const packageJson = JSON.parse(Fs.readFileSync(file, "utf8"))
  packageJson.exports = exportsMap(Path.join(root, "src"))
  Fs.writeFileSync(file, JSON.stringify(packageJson, null, 2) + "\n")
  console.log(`package.json: ${Object.keys(packageJson.exports).length - 1} subpaths`)
}
