import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// Core runs on every runtime (browsers, Deno, Workers, Bun, Node): nothing in src/ may load a
// runtime's modules, or reach for what only one runtime has. Runtime code lives in the adapters
// (adapter-node-ws for `ws`, adapter-bun for Bun). Comments may name runtimes; code may not.
const srcDir = fileURLToPath(new URL('../src/', import.meta.url))

/** Node's modules (with or without `node:`), the `ws` package and Bun's. */
function isRuntimeModule(specifier: string): boolean {
  const bare = specifier.split('/')[0]!
  return specifier.startsWith('node:') || specifier.startsWith('bun:') || builtinModules.includes(specifier) || ['ws', 'bun'].includes(bare)
}

/**
 * Names that only make sense on one runtime: `ws`'s private fields, Bun's socket class, Node's
 * Buffer, and the Bun and Deno globals. Scoped to these on purpose: generic words (`socket`,
 * `publish`, `process` behind a `globalThis` check) are fine in runtime-neutral code.
 */
const RUNTIME_NAMES: ReadonlySet<string> = new Set(['_sender', '_socket', 'ServerWebSocket', 'Buffer', 'Bun', 'Deno'])

/** Every runtime import and runtime-specific name in one file, as `file:line what`. */
function runtimeSpecifics(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const found: string[] = []
  const at = (node: ts.Node, what: string): void =>
    void found.push(`${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${what}`)
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) {
      const parent = node.parent
      const imported =
        ((ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === node) ||
        ts.isExternalModuleReference(parent) ||
        (ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(parent.parent)) ||
        (ts.isCallExpression(parent) &&
          (parent.expression.kind === ts.SyntaxKind.ImportKeyword ||
            (ts.isIdentifier(parent.expression) && parent.expression.text === 'require')))
      if (imported && isRuntimeModule(node.text)) at(node, `imports '${node.text}'`)
      // `socket['_sender']` is the same reach as `socket._sender`.
      else if (!imported && RUNTIME_NAMES.has(node.text)) at(node, `names '${node.text}'`)
    } else if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && RUNTIME_NAMES.has(node.text)) {
      at(node, `uses ${node.text}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

describe('core has no runtime-specific code', () => {
  it('imports no runtime module and uses no runtime-only name anywhere in src/', () => {
    const files = sourceFiles(srcDir)
    expect(files.length).toBeGreaterThan(50)
    const found = files.flatMap((file) => runtimeSpecifics(relative(srcDir, file), readFileSync(file, 'utf8')))
    expect(found).toEqual([])
  })

  it('catches each kind of runtime reach, and leaves comments, strings and look-alike names alone', () => {
    const sample = [
      "import { once } from 'node:events'",
      "import type { ServerWebSocket } from 'bun'",
      "export { WebSocket } from 'ws'",
      "const fs = await import('fs')",
      'const bytes = Buffer.from(text)',
      "const sender = socket._sender ?? socket['_socket']",
      'Bun.serve({ fetch })',
      "// Buffer, _sender and Bun.serve in a comment, 'ws' in a string",
      'const view: ArrayBuffer = new SharedArrayBuffer(1); type TopicBuffer = number',
      "import { x } from './ws.js'",
    ].join('\n')
    expect(runtimeSpecifics('sample.ts', sample)).toEqual([
      "sample.ts:1 imports 'node:events'",
      'sample.ts:2 uses ServerWebSocket',
      "sample.ts:2 imports 'bun'",
      "sample.ts:3 imports 'ws'",
      "sample.ts:4 imports 'fs'",
      'sample.ts:5 uses Buffer',
      'sample.ts:6 uses _sender',
      "sample.ts:6 names '_socket'",
      'sample.ts:7 uses Bun',
    ])
  })
})
