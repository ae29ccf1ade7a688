import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import ts from 'typescript'
import type { CodeBlock, Fixture } from './blocks.js'
import { defaultRoutesFixture } from './default-routes.js'

/** A compiler error, pointed back at the docs page and line it came from. */
export interface BlockError {
  readonly page: string
  readonly line: number
  readonly message: string
}

const packageDir = new URL('../', import.meta.url).pathname
// Inside this package's node_modules so that `@wsbridge/*`, valibot, express… resolve from here.
const defaultOutDir = join(packageDir, 'node_modules', '.cache', 'docs-blocks')

/** Each page gets its own folder, so its fixtures (e.g. ./routes.ts) serve only its blocks. */
const pageDir = (outDir: string, page: string): string => join(outDir, page.replace(/[/\\]/g, '__').replace(/\.md$/, ''), 'blocks')

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}

function writeFixtures(outDir: string, pages: ReadonlySet<string>, fixtures: readonly Fixture[]): void {
  const blocksDir = (page: string): string => pageDir(outDir, page)
  for (const page of pages) {
    const own = fixtures.filter((fixture) => fixture.page === page)
    for (const fixture of own) {
      const path = normalize(join(blocksDir(page), fixture.path))
      // One level up at most (`../server/routes.ts`): a fixture stays inside its page's folder.
      if (!path.startsWith(dirname(blocksDir(page))))
        throw new Error(`[docs-check] fixture ${fixture.path} in docs/${page} leaves the page's folder`)
      writeFile(path, fixture.code)
    }
    if (!own.some((fixture) => normalize(fixture.path) === 'routes.ts')) writeFile(join(blocksDir(page), 'routes.ts'), defaultRoutesFixture)
  }
}

/**
 * Type-checks every block as its own module with the repository's strictest settings, against the
 * workspace packages' sources. Unused names are allowed: examples often declare to illustrate.
 */
export function typecheckBlocks(
  blocks: readonly CodeBlock[],
  fixtures: readonly Fixture[] = [],
  outDir: string = defaultOutDir,
): BlockError[] {
  rmSync(outDir, { recursive: true, force: true })
  writeFixtures(outDir, new Set(blocks.map((block) => block.page)), fixtures)
  // A block that is an app file (`<!-- file: routes.ts -->`) is compiled under that name, so the
  // page's other blocks import it instead of a fixture.
  const fileName = (block: CodeBlock): string => join(pageDir(outDir, block.page), block.file ?? `L${block.line}.ts`)
  const files = new Map<string, CodeBlock>()
  for (const block of blocks) {
    const file = fileName(block)
    // Blocks without import/export would share one global scope; `export {}` keeps them apart.
    const isModule = /^\s*(import|export)\s/m.test(block.code)
    writeFile(file, isModule ? `${block.code}\n` : `${block.code}\nexport {}\n`)
    files.set(file, block)
  }
  const config = ts.getParsedCommandLineOfConfigFile(
    join(packageDir, 'tsconfig.json'),
    { noUnusedLocals: false, noUnusedParameters: false },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error('[docs-check] cannot read tsconfig.json')
  const program = ts.createProgram([...files.keys()], { ...config.options, noEmit: true })
  const errors: BlockError[] = []
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    if (!diagnostic.file) {
      errors.push({ page: '(compiler options)', line: 0, message })
      continue
    }
    // Errors inside a package's own sources belong to that package's typecheck, not to the docs.
    const block = files.get(diagnostic.file.fileName)
    if (!block || diagnostic.start === undefined) continue
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
    errors.push({ page: block.page, line: block.line + line, message })
  }
  return errors
}
