/**
 * Every type a user meets in a hover can be imported by name: each named type of the SDK
 * (interface, class, type alias, enum) that appears in the type of anything an entry point exports —
 * parameters, results, error channels, properties, recursively — is itself exported by an entry point
 * (directly, or as `Namespace.Name` of an `export * as Namespace`). The same holds for every module
 * (each is a subpath of the package): what its exports name, some module exports. Read with the
 * TypeScript compiler from the sources.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Path from "node:path"
import ts from "typescript"
import packageJson from "../../package.json" with { type: "json" }

const root = Path.resolve(import.meta.dirname, "../..")
const src = Path.join(root, "src") + Path.sep
const entryPoints = [
  "index",
  "flowserv/index",
  "scim/index",
  "globus/index",
  "testkit/index",
  "node/index",
  "undici/index"
]
  .map((entry) => Path.join(root, "src", `${entry}.ts`))
// Every module of the package, from its exports map.
const modules = Object.values(packageJson.exports).flatMap((target) =>
  typeof target === "string"
    ? []
    : [Path.join(root, target.default.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"))]
)

const program = (() => {
  const config = ts.getParsedCommandLineOfConfigFile(Path.join(root, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"))
    }
  })!
  return ts.createProgram(modules, { ...config.options, noEmit: true })
})()
const checker = program.getTypeChecker()

const resolve = (symbol: ts.Symbol): ts.Symbol =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol

const isOurs = (symbol: ts.Symbol): boolean =>
  (symbol.declarations ?? []).some((declaration) => declaration.getSourceFile().fileName.startsWith(src))

const named = ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Enum

const nameOf = (symbol: ts.Symbol): string => {
  const file = symbol.declarations?.[0]?.getSourceFile().fileName ?? "?"
  return `${Path.relative(src, file)}#${symbol.name}`
}

const exportsOf = (files: ReadonlyArray<string>) => {
  // What a user can import by name: each file's exports, and one level into its namespaces.
  const importable = new Set<ts.Symbol>()
  for (const file of files) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!
    for (const symbol of checker.getExportsOfModule(module).map(resolve)) {
      importable.add(symbol)
      if (symbol.flags & ts.SymbolFlags.ValueModule) {
        for (const inner of checker.getExportsOfModule(symbol).map(resolve)) importable.add(inner)
      }
    }
  }
  return importable
}

// Every named type of the SDK that the given symbols' types mention, with the export that names it.
const mentionedBy = (exported: Iterable<ts.Symbol>): Map<ts.Symbol, string> => {
  const mentioned = new Map<ts.Symbol, string>()
  const seenTypes = new Set<ts.Type>()

  const visitSymbol = (symbol: ts.Symbol | undefined, via: string) => {
    if (symbol === undefined) return
    const target = resolve(symbol)
    if (!(target.flags & named) || !isOurs(target)) return
    if (!mentioned.has(target)) {
      mentioned.set(target, via)
      // An interface's or class's members show in hovers too.
      if (target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) {
        visitType(checker.getDeclaredTypeOfSymbol(target), nameOf(target), 0, true)
      }
      if (target.flags & ts.SymbolFlags.TypeAlias) {
        visitType(checker.getDeclaredTypeOfSymbol(target), nameOf(target), 0)
      }
    }
  }

  const visitSignature = (signature: ts.Signature, via: string, depth: number) => {
    for (const parameter of signature.getParameters()) {
      const declaration = parameter.valueDeclaration ?? parameter.declarations?.[0]
      if (declaration !== undefined) {
        visitType(checker.getTypeOfSymbolAtLocation(parameter, declaration), via, depth + 1)
      }
    }
    visitType(signature.getReturnType(), via, depth + 1)
  }

  function visitType(type: ts.Type, via: string, depth: number, members = false): void {
    if (depth > 12 || (seenTypes.has(type) && !members)) return
    seenTypes.add(type)
    visitSymbol(type.aliasSymbol, via)
    for (const argument of type.aliasTypeArguments ?? []) visitType(argument, via, depth + 1)
    if (type.isUnionOrIntersection()) {
      for (const part of type.types) visitType(part, via, depth + 1)
      return
    }
    if (!(type.flags & ts.TypeFlags.Object)) return
    const symbol = type.getSymbol()
    const isNamed = symbol !== undefined && (symbol.flags & named) !== 0
    if (isNamed) visitSymbol(symbol, via)
    if ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
      for (const argument of checker.getTypeArguments(type as ts.TypeReference)) visitType(argument, via, depth + 1)
    }
    // Anonymous shapes (and our own interfaces' members) are printed member by member.
    if (!members && isNamed) return
    for (const property of type.getProperties()) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0]
      if (declaration === undefined || !declaration.getSourceFile().fileName.startsWith(src)) continue
      visitType(checker.getTypeOfSymbolAtLocation(property, declaration), via, depth + 1)
    }
    for (const signature of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
      if (signature.getDeclaration()?.getSourceFile().fileName.startsWith(src) ?? false) {
        visitSignature(signature, via, depth)
      }
    }
  }

  for (const symbol of exported) {
    if (!isOurs(symbol)) continue
    const via = nameOf(symbol)
    if (symbol.flags & named) visitSymbol(symbol, via)
    if (symbol.flags & (ts.SymbolFlags.Variable | ts.SymbolFlags.Function | ts.SymbolFlags.Class)) {
      const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0]
      if (declaration !== undefined) {
        visitType(checker.getTypeOfSymbolAtLocation(symbol, declaration), via, 0, true)
      }
    }
  }
  return mentioned
}

const unimportable = (mentioned: Map<ts.Symbol, string>, importable: Set<ts.Symbol>) =>
  [...mentioned]
    .filter(([symbol]) => !importable.has(symbol))
    .map(([symbol, via]) => `${nameOf(symbol)} (named by ${via})`)
    .sort()

describe("exported types", () => {
  it("every SDK type named by what an entry point exports is exported by an entry point", () => {
    const importable = exportsOf(entryPoints)
    const mentioned = mentionedBy(importable)
    assert.isAbove(mentioned.size, 100)
    assert.deepStrictEqual(unimportable(mentioned, importable), [])
  })

  it("every SDK type named by what a module exports is exported by a module", () => {
    assert.isAbove(modules.length, 80)
    const importable = exportsOf(modules)
    const mentioned = mentionedBy(importable)
    assert.deepStrictEqual(unimportable(mentioned, importable), [])
  })
})
