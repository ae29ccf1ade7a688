import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

/**
 * What the workspace's packages export, read with the TypeScript compiler the way a user's editor
 * sees it: every public entry point (`exports` in each package.json), every name it exports, and
 * the declaration that name resolves to through re-exports. Used to keep names from colliding
 * across packages and to keep docs/reference.md complete.
 */

/** One public entry point, e.g. `@wsbridge/core/adapter` and the source file it maps to. */
export interface EntryPoint {
  readonly specifier: string
  readonly file: string
}

/** A name an entry point exports and where it is declared (`file:offset`, after following re-exports). */
export interface ExportedName {
  readonly entry: string
  readonly name: string
  readonly declaration: string
}

export const packagesDir: string = new URL('../../../packages/', import.meta.url).pathname

interface Manifest {
  readonly name: string
  readonly private?: boolean
  readonly exports?: Readonly<Record<string, { readonly types?: string } | string>>
}

/** Every entry point of every package under `dir` that has an `exports` map. */
export function entryPoints(dir: string = packagesDir): EntryPoint[] {
  const entries: EntryPoint[] = []
  for (const folder of readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue
    let manifest: Manifest
    try {
      manifest = JSON.parse(readFileSync(join(dir, folder.name, 'package.json'), 'utf8')) as Manifest
    } catch {
      continue
    }
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const types = typeof target === 'string' ? target : target.types
      if (types === undefined || !/\.tsx?$/.test(types)) continue
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`
      entries.push({ specifier, file: join(dir, folder.name, types) })
    }
  }
  return entries.sort((a, b) => a.specifier.localeCompare(b.specifier))
}

const packageDir = new URL('../', import.meta.url).pathname

/** This package's compiler options (the repository's, with Node and Bun types), wherever the test runs from. */
function compilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(packageDir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error('[docs-check] cannot read tsconfig.json')
  return { ...config.options, noEmit: true }
}

/** The names each entry point exports, resolved to their declarations. */
export function exportedNames(entries: readonly EntryPoint[]): ExportedName[] {
  const program = ts.createProgram(
    entries.map((entry) => entry.file),
    compilerOptions(),
  )
  const checker = program.getTypeChecker()
  const names: ExportedName[] = []
  for (const entry of entries) {
    const source = program.getSourceFile(entry.file)
    const module = source && checker.getSymbolAtLocation(source)
    if (!module) throw new Error(`[docs-check] cannot read the exports of ${entry.specifier} (${entry.file})`)
    for (const exported of checker.getExportsOfModule(module)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      const declaration = target.declarations?.[0]
      const where = declaration
        ? `${declaration.getSourceFile().fileName}:${declaration.getStart()}`
        : `${entry.specifier}#${exported.name}`
      names.push({ entry: entry.specifier, name: exported.name, declaration: where })
    }
  }
  return names
}

/** A name exported by several entry points for different declarations. */
export interface Collision {
  readonly name: string
  /** `entry → declaration`, one per distinct declaration. */
  readonly entries: readonly string[]
}

/**
 * Names that two entry points export for different things (the same declaration re-exported, as
 * adapter-hono re-exports a core type, is one thing). A user who imports both would have to alias
 * one. Checked across subpaths of one package too: `@wsbridge/core` and `@wsbridge/core/client`
 * are imported side by side in the same app.
 */
export function collisions(names: readonly ExportedName[]): Collision[] {
  const byName = new Map<string, ExportedName[]>()
  for (const exported of names) byName.set(exported.name, [...(byName.get(exported.name) ?? []), exported])
  const found: Collision[] = []
  for (const [name, all] of byName) {
    const declarations = new Map<string, ExportedName>()
    for (const exported of all) if (!declarations.has(exported.declaration)) declarations.set(exported.declaration, exported)
    if (declarations.size > 1)
      found.push({ name, entries: [...declarations.values()].map((exported) => `${exported.entry} → ${exported.declaration}`) })
  }
  return found
}
