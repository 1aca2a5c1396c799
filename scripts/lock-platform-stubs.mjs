// Completes package-lock.json for `npm ci` on machines whose registry serves only their own
// platform's binaries (as here): npm then leaves the other platforms' optional packages (esbuild,
// rollup, msgpackr-extract builds) out of the lock, and `npm ci` refuses the lock as incomplete.
// This adds each missing optional package with its version and the os/cpu its name declares, so
// every platform's npm skips it as foreign. Run after `npm install` changes the lock.
import { execFileSync } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"

const lockPath = new URL("../package-lock.json", import.meta.url)
const lock = JSON.parse(readFileSync(lockPath, "utf8"))

const wanted = new Map()
for (const entry of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) wanted.set(name, version)
}

let output = ""
try {
  execFileSync("npm", ["ci", "--dry-run", "--ignore-scripts"], { encoding: "utf8", stdio: "pipe" })
} catch (error) {
  output = String(error.stderr ?? "") + String(error.stdout ?? "")
}
const missing = [...output.matchAll(/Missing: (@?[^@\s]+)@\S* from lock file/g)].map((m) => m[1])

const oses = ["darwin", "linux", "win32", "android", "freebsd", "openbsd", "openharmony", "netbsd", "sunos", "aix"]
const cpus = ["arm64", "x64", "ia32", "loong64", "ppc64", "riscv64", "s390x", "mips64el", "arm"]

for (const name of missing) {
  const version = wanted.get(name)
  if (version === undefined) throw new Error(`no optional dependency declares ${name}`)
  const os = oses.find((o) => name.includes(o))
  const cpu = cpus.find((c) => new RegExp(`[-_]${c}([-_]|$)`).test(name))
  const libc = /-musl/.test(name) ? "musl" : /-gnu/.test(name) ? "glibc" : undefined
  lock.packages[`node_modules/${name}`] = {
    version,
    dev: true,
    optional: true,
    ...(os === undefined ? {} : { os: [os] }),
    ...(cpu === undefined ? {} : { cpu: [cpu] }),
    ...(libc === undefined ? {} : { libc: [libc] })
  }
}

writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n")
console.log(`added ${missing.length} platform stub(s) to package-lock.json`)
