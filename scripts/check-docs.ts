/**
 * Every `ts` code block of README.md and docs/*.md compiles as pasted: each block becomes a module of
 * its own (importing the SDK by its package name, resolved to `src`) and the lot is type-checked with
 * the project's compiler options. Errors point at the Markdown line. The generated API reference
 * (docs/modules) is left to docgen, which checks its examples itself.
 *
 * `npm run check:docs`; `.ci/run` runs it.
 */
import { execFileSync } from "node:child_process"
import * as Fs from "node:fs"
import { createRequire } from "node:module"
import * as Path from "node:path"

const root = Path.resolve(import.meta.dirname, "..")
const out = Path.join(root, "node_modules/.cache/doc-blocks")

interface Block {
  readonly doc: string
  readonly line: number
  readonly code: string
}

/** The `ts` blocks of a Markdown text, with the line of their first code line (1-based). */
export const blocksOf = (doc: string, text: string): Array<Block> => {
  const blocks: Array<Block> = []
  const lines = text.split("\n")
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|typescript)\s*$/.exec(lines[i]!)
    if (open === null) continue
    const indent = open[1]!.length
    const start = i + 1
    let end = start
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end]!)) end++
    blocks.push({ doc, line: start + 1, code: lines.slice(start, end).map((line) => line.slice(indent)).join("\n") })
    i = end
  }
  return blocks
}

const docs = [
  "README.md",
  ...Fs.readdirSync(Path.join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)
]

const main = () => {
  Fs.rmSync(out, { recursive: true, force: true })
  Fs.mkdirSync(out, { recursive: true })
  const files = new Map<string, Block>()
  for (const doc of docs) {
    for (const block of blocksOf(doc, Fs.readFileSync(Path.join(root, doc), "utf8"))) {
      const name = `${doc.replace(/\W/g, "_")}_${block.line}.ts`
      // A module of its own, so blocks do not share top-level names.
      Fs.writeFileSync(Path.join(out, name), `${block.code}\nexport {}\n`)
      files.set(name, block)
    }
  }
  Fs.writeFileSync(
    Path.join(out, "tsconfig.json"),
    JSON.stringify({
      extends: "../../../tsconfig.json",
      // Snippets may show a value without using it.
      compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false },
      include: ["*.ts"]
    })
  )
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
  let output = ""
  try {
    execFileSync("node", [tsc, "-p", Path.join(out, "tsconfig.json"), "--pretty", "false"], {
      cwd: root,
      encoding: "utf8"
    })
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? String(error)
  }
  // "node_modules/.cache/doc-blocks/docs_scim_md_12.ts(3,5): error TS…" → "docs/scim.md:14:5: error TS…"
  const located = output.split("\n").filter((line) => line.trim() !== "").map((line) => {
    const match = /([\w.]+\.ts)\((\d+),(\d+)\): (.*)$/.exec(line)
    const block = match === null ? undefined : files.get(match[1]!)
    return block === undefined || match === null
      ? line
      : `${block.doc}:${block.line + Number(match[2]) - 1}:${match[3]}: ${match[4]}`
  })
  if (located.length > 0) {
    console.log(located.join("\n"))
    console.log(`✗ ${located.filter((line) => / error TS/.test(line)).length} errors in ${files.size} code blocks`)
    process.exit(1)
  }
  console.log(`✓ ${files.size} ts code blocks of ${docs.length} documents compile`)
}

if (process.argv[1] !== undefined && Path.resolve(process.argv[1]) === Path.resolve(import.meta.filename)) main()
