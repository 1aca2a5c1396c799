// Run inside the consumer app: imports every subpath of the installed package (so each loads at run
// time) and writes src/surface/<subpath>.ts, one file per subpath, importing only that subpath.
// Each export becomes an exported value whose type is the export's result type (for functions), its
// instance type (classes) or its service's members (Context tags): the compiler must name every SDK
// type these mention in the emitted .d.ts, through the import paths a user has.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"

const packageJson = JSON.parse(readFileSync("node_modules/effect-research-sdk/package.json", "utf8"))
rmSync("src/surface", { recursive: true, force: true })
mkdirSync("src/surface", { recursive: true })

const resultOf = (access) =>
  `typeof ${access} extends Context.Tag<any, infer S>\n` +
  `  ? { readonly [K in keyof S & string]: S[K] extends (...args: any) => infer R ? R : S[K] }\n` +
  `  : typeof ${access} extends abstract new(...args: any) => infer I ? I\n` +
  `  : typeof ${access} extends (...args: any) => infer R ? R\n` +
  `  : never`

let files = 0
let values = 0
for (const subpath of Object.keys(packageJson.exports)) {
  if (subpath === "./package.json") continue
  const specifier = `effect-research-sdk${subpath.slice(1)}`
  const module = await import(specifier)
  const lines = [
    `import type * as Context from "effect/Context"`,
    `import * as M from "${specifier}"`,
    `const id = <T>(value: T): T => value`
  ]
  const walk = (value, path, depth) => {
    for (const [key, member] of Object.entries(value)) {
      const access = `${path}.${key}`
      if (Object.prototype.toString.call(member) === "[object Module]" && depth === 0) {
        walk(member, access, 1)
        continue
      }
      const name = access.replace(/\W/g, "_")
      values++
      lines.push(
        typeof member === "function"
          ? `export const ${name} = id(null! as (${resultOf(access)}))`
          : `export const ${name} = id(${access})`
      )
    }
  }
  walk(module, "M", 0)
  writeFileSync(
    `src/surface/${subpath === "." ? "index" : subpath.slice(2).replace(/\//g, "_")}.ts`,
    lines.join("\n") + "\n"
  )
  files++
}
console.log(`surface: ${values} exports of ${files} subpaths, each loaded`)
