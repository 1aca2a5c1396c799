/**
 * The package as users get it. Packs it (`prepack` builds `dist` from a clean slate), then:
 *
 * 1. `publint --strict` on the tarball;
 * 2. `@arethetypeswrong/cli --profile esm-only` on the tarball (the package is ESM-only);
 * 3. `engines.node` is no lower than what the peer dependencies themselves require;
 * 4. a consumer app installs the tarball with its Effect 3 peers (from npm's cache when it has them)
 *    and builds with `declaration: true` — `scripts/consumer/app.ts`, a library written on the SDK,
 *    and one generated file per subpath naming the result type of every export — under
 *    `moduleResolution: nodenext` and `bundler`; every subpath is also imported at run time.
 *
 * Any finding fails (exit code 1). `npm run check:package`; `.ci/run` runs it. KEEP=1 keeps the
 * temporary directory.
 */
import { execFileSync } from "node:child_process"
import * as Fs from "node:fs"
import { createRequire } from "node:module"
import * as Os from "node:os"
import * as Path from "node:path"

const root = Path.resolve(import.meta.dirname, "..")
const require = createRequire(import.meta.url)
const packageJson = JSON.parse(Fs.readFileSync(Path.join(root, "package.json"), "utf8"))
const work = Fs.mkdtempSync(Path.join(Os.tmpdir(), "sdk-package-"))
const failures: Array<string> = []

const run = (command: string, args: ReadonlyArray<string>, cwd = root): string =>
  execFileSync(command, [...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })

const step = (title: string, body: () => void) => {
  console.log(`== ${title}`)
  try {
    body()
  } catch (error) {
    const output = error as { stdout?: string; message: string }
    if (output.stdout) console.log(output.stdout)
    console.log(`✗ ${title}`)
    failures.push(title)
  }
}

const installedVersion = (name: string): string =>
  JSON.parse(Fs.readFileSync(require.resolve(`${name}/package.json`), "utf8")).version

// "npm pack" runs prepack, which builds dist from scratch: a clean checkout ships dist.
const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work]))
const tarball = Path.join(work, packed.filename)
console.log(`packed ${packed.filename}: ${packed.entryCount} files, ${Math.round(packed.size / 1024)} KiB`)

step("publint --strict", () => {
  console.log(run("npx", ["--no-install", "publint", "run", "--strict", tarball]))
})

step("attw --profile esm-only", () => {
  console.log(
    run("npx", ["--no-install", "attw", "--profile", "esm-only", "--format", "ascii", tarball]).split("\n")
      .filter((line) => !line.includes("(ignored)") && line.trim() !== "").slice(0, 10).join("\n")
  )
})

step("engines.node covers the peer dependencies' own", () => {
  const semver = require("semver") as {
    subset: (a: string, b: string) => boolean
  }
  const ours = packageJson.engines.node as string
  for (const peer of Object.keys(packageJson.peerDependencies)) {
    const theirs = JSON.parse(Fs.readFileSync(require.resolve(`${peer}/package.json`), "utf8")).engines?.node
    if (theirs !== undefined && !semver.subset(ours, theirs)) {
      throw new Error(`engines.node "${ours}" allows Node versions ${peer} does not support ("${theirs}")`)
    }
    console.log(`${peer}: ${theirs ?? "(no engines)"} ⊇ ${ours}`)
  }
})

step("a consumer builds with declaration: true", () => {
  const app = Path.join(work, "consumer")
  Fs.mkdirSync(Path.join(app, "src"), { recursive: true })
  const dependencies: Record<string, string> = { "effect-research-sdk": `file:${tarball}` }
  for (const name of ["effect", "@effect/platform", "undici", "@types/node"]) {
    dependencies[name] = installedVersion(name)
  }
  Fs.writeFileSync(
    Path.join(app, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module", dependencies }, null, 2)
  )
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], app)
  Fs.copyFileSync(Path.join(root, "scripts/consumer/app.ts"), Path.join(app, "src/app.ts"))
  Fs.copyFileSync(Path.join(root, "scripts/consumer/surface.mjs"), Path.join(app, "surface.mjs"))
  console.log(run("node", ["surface.mjs"], app).trim())
  const tsc = require.resolve("typescript/bin/tsc")
  const base = {
    strict: true,
    declaration: true,
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    types: ["node"]
  }
  const configs = {
    nodenext: {
      ...base,
      module: "NodeNext",
      moduleResolution: "NodeNext",
      skipLibCheck: false,
      outDir: "dist/nodenext"
    },
    bundler: { ...base, module: "ESNext", moduleResolution: "Bundler", skipLibCheck: true, outDir: "dist/bundler" }
  }
  for (const [name, compilerOptions] of Object.entries(configs)) {
    Fs.writeFileSync(Path.join(app, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, include: ["src"] }))
    run("node", [tsc, "-p", `tsconfig.${name}.json`], app)
    console.log(`✓ ${name}: ${Fs.readdirSync(Path.join(app, `dist/${name}/surface`)).length / 2} subpaths, app.d.ts`)
  }
})

if (process.env.KEEP === "1") console.log(`kept ${work}`)
else Fs.rmSync(work, { recursive: true, force: true })

if (failures.length > 0) {
  console.log(`package check failed: ${failures.join("; ")}`)
  process.exit(1)
}
console.log("package check passed")
