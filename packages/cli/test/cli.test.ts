import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Parser } from '@asyncapi/parser'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const packageDir = fileURLToPath(new URL('..', import.meta.url))
const bin = join(packageDir, 'bin/wsbridge.js')
const fixture = join(packageDir, 'test/fixtures/routes.ts')
// Inside the package so generated files resolve @wsbridge/core like a client project would.
const out = mkdtempSync(join(packageDir, 'test/.out-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

const wsbridge = (...args: string[]) => run(process.execPath, [bin, ...args], { cwd: packageDir })

/** Type-checks files with the repository's strict settings; returns the diagnostics as text. */
function typecheck(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    skipLibCheck: true,
    allowImportingTsExtensions: true,
  })
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName.split('/').pop()}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
}

describe('wsbridge CLI', () => {
  it('types: writes a types file that compiles and types a client without server code', async () => {
    await wsbridge('types', fixture, '--out', join(out, 'ws-types.ts'))
    const text = readFileSync(join(out, 'ws-types.ts'), 'utf8')
    expect(text).toContain('export type ChatClientMessage = {\n  type: "say"\n  text: string\n} | {')
    expect(text).toContain(
      'export type ClientMessage = ShoutClientMessage | ChatClientMessage\nexport type ServerMessage = ShoutServerMessage | ChatServerMessage',
    )
    expect(text).toContain('export const routePaths = { "chat": "/rooms/:roomId/:tab?", } as const')
    expect(text).toContain(
      'export const routeManifest = { "echo": { path: "/echo", format: "json" }, "shout": { path: "/shout", format: "json" }, "chat": { path: "/rooms/:roomId/:tab?", format: "json" }, } as const',
    )
    writeFileSync(
      join(out, 'usage.ts'),
      `import { setupBridge } from '@wsbridge/core/client'
import { routeManifest, routePaths, type Routes, type ServerMessage, type ShoutServerMessage } from './ws-types.ts'
const { $ws } = setupBridge<Routes>({ baseUrl: 'ws://localhost/api', paths: routePaths })
setupBridge<Routes>({ baseUrl: 'ws://localhost/api', manifest: routeManifest }).$ws.chat({ roomId: 'r' })
const chat = $ws.chat({ roomId: 'lobby' }, { onMessage: (m) => { if (m.type === 'said') m.text.toUpperCase() } })
chat.send({ type: 'say', text: 'hi' })
chat.send({ type: 'typing', on: true })
// @ts-expect-error unknown type
chat.send({ type: 'shout', text: 'x' })
// @ts-expect-error roomId is required
$ws.chat({})
$ws.shout().send({ text: 'a', loud: true })
// @ts-expect-error text must be a string
$ws.shout().send({ text: 1 })
export const s: ShoutServerMessage = { text: 'x', at: 1 }
export const all: ServerMessage[] = [s, { type: 'joined', user: 'u', members: [] }]
`,
    )
    expect(typecheck([join(out, 'usage.ts')])).toEqual([])
  })

  it('types: the type check above fails on a wrong send (it can fail)', () => {
    writeFileSync(
      join(out, 'wrong.ts'),
      `import type { ChatClientMessage } from './ws-types.ts'\nexport const m: ChatClientMessage = { type: 'say' }\n`,
    )
    expect(typecheck([join(out, 'wrong.ts')]).join('\n')).toMatch(/text/)
  })

  it('schema: prints JSON Schema for every route to stdout', async () => {
    const { stdout } = await wsbridge('schema', fixture)
    const schemas = JSON.parse(stdout)
    expect(Object.keys(schemas)).toEqual(['echo', 'shout', 'chat'])
    expect(schemas.chat.messages.say.required).toEqual(['type', 'text'])
  })

  it('asyncapi: writes a document the AsyncAPI parser accepts', async () => {
    await wsbridge(
      'asyncapi',
      fixture,
      '--out',
      join(out, 'asyncapi.json'),
      '--prefix',
      '/api',
      '--server',
      'ws://localhost:3000',
      '--title',
      'Chat',
    )
    const { document, diagnostics } = await new Parser().parse(readFileSync(join(out, 'asyncapi.json'), 'utf8'))
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([])
    expect(document?.info().title()).toBe('Chat')
    expect(document?.servers().get('default')?.protocol()).toBe('ws')
  })

  it('--export picks another export; a missing export and a bad command fail with a message', async () => {
    await expect(wsbridge('schema', fixture, '--export', 'nope')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('has no export "nope"'),
    })
    await expect(wsbridge('frobnicate', fixture)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: wsbridge') })
    const { stdout } = await wsbridge('schema', fixture, '--export', 'routes')
    expect(JSON.parse(stdout).echo).toEqual({ path: '/echo' })
  })

  it('names usage mistakes and exits 2: a misspelt command, a missing option value, a missing module', async () => {
    await expect(wsbridge('typs', fixture)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown command "typs"\. Did you mean "types"\?[\s\S]*Usage: wsbridge/),
    })
    await expect(wsbridge('types', fixture, '--out')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("'--out") })
    await expect(wsbridge('types')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Missing the routes module') })
    await expect(wsbridge('types', fixture, '--bogus')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--bogus') })
  })

  it('--version prints the package version; --help prints usage on stdout', async () => {
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
    expect((await wsbridge('--version')).stdout).toBe(`wsbridge ${version}\n`)
    expect((await wsbridge('-v')).stdout).toBe(`wsbridge ${version}\n`)
    expect((await wsbridge('--help')).stdout).toContain('--api-version <text>')
  })

  it('a missing routes module is one line naming the path the user gave, not the CLI internals', async () => {
    const failure = await wsbridge('types', 'src/nope.ts').catch((error: { code: number; stderr: string }) => error)
    expect(failure).toMatchObject({ code: 1 })
    expect((failure as { stderr: string }).stderr.trim()).toBe(
      `[wsbridge/cli] routes module not found: src/nope.ts (looked for ${join(packageDir, 'src/nope.ts')})`,
    )
  })

  it('--out says what it wrote', async () => {
    const target = join(out, 'said.json')
    const { stdout } = await wsbridge('schema', fixture, '--out', target)
    expect(stdout).toBe(`wsbridge schema: wrote ${target} (3 routes from ${fixture})\n`)
    expect(Object.keys(JSON.parse(readFileSync(target, 'utf8')))).toEqual(['echo', 'shout', 'chat'])
  })

  it('a server entry as routes module: exits when done, its logs go to stderr, stdout stays the document', async () => {
    const server = join(packageDir, 'test/fixtures/server.ts')
    const { stdout, stderr } = await run(process.execPath, [bin, 'schema', server], { cwd: packageDir, timeout: 20_000 })
    expect(Object.keys(JSON.parse(stdout))).toEqual(['echo', 'shout', 'chat'])
    expect(stderr).toContain('starting the server')
  })
})
