import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { Comment, DeclarationReflection, FileRegistry, ProjectReflection, ReflectionKind, SignatureReflection } from 'typedoc'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiDir, generateApiDocs, publishedEntryPoints, undocumentedExports } from '../src/api-docs.js'
import { brokenLinks } from '../src/links.js'

// docs/api/ is generated from the doc comments of every published entry point and committed so it
// reads on GitHub. Regenerating it here holds the committed copy to the source: an export without a
// doc comment, a broken {@link}, or a source change nobody regenerated (`pnpm docs:api`) fails.
function pagesOf(dir: string): Map<string, string> {
  const pages = new Map<string, string>()
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else pages.set(relative(dir, path), readFileSync(path, 'utf8'))
    }
  }
  walk(dir)
  return pages
}

describe('docs/api (generated API reference)', () => {
  const out = mkdtempSync(join(tmpdir(), 'wsbridge-api-'))
  let problems: string[] = []

  beforeAll(async () => {
    ;({ problems } = await generateApiDocs(out))
  })
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('generates: every export has a doc comment and every {@link} resolves', () => {
    expect(problems).toEqual([])
  })

  it('covers every published entry point, one page each', () => {
    const generated = pagesOf(out)
    const entries = publishedEntryPoints()
    expect(entries.length).toBeGreaterThanOrEqual(18)
    for (const entry of entries) expect(generated.has(`${entry.specifier}.md`), entry.specifier).toBe(true)
  })

  it('matches the committed docs/api/ (run `pnpm docs:api` after changing an export or its comment)', () => {
    const generated = pagesOf(out)
    const committed = pagesOf(apiDir)
    expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort())
    for (const [page, text] of generated) expect(committed.get(page), `docs/api/${page}`).toBe(text)
  })

  it('has no broken relative links', () => {
    const docs = join(apiDir, '..')
    for (const page of pagesOf(apiDir).keys())
      expect(brokenLinks(docs, `api/${page}`, readFileSync(join(apiDir, page), 'utf8'))).toEqual([])
  })
})

describe('undocumentedExports', () => {
  const summary = (text: string): Comment => new Comment([{ kind: 'text', text }])

  it('names exports without a doc comment and accepts a comment on a function signature', () => {
    const project = new ProjectReflection('p', new FileRegistry())
    const module = new DeclarationReflection('@x/a', ReflectionKind.Module, project)
    const documented = new DeclarationReflection('Documented', ReflectionKind.Interface, module)
    documented.comment = summary('What it is and when to use it.')
    const bare = new DeclarationReflection('Bare', ReflectionKind.TypeAlias, module)
    const fn = new DeclarationReflection('run', ReflectionKind.Function, module)
    const signature = new SignatureReflection('run', ReflectionKind.CallSignature, fn)
    signature.comment = summary('Runs it.')
    fn.signatures = [signature]
    const bareFn = new DeclarationReflection('stop', ReflectionKind.Function, module)
    bareFn.signatures = [new SignatureReflection('stop', ReflectionKind.CallSignature, bareFn)]
    module.children = [documented, bare, fn, bareFn]
    project.children = [module]
    expect(undocumentedExports(project)).toEqual(['@x/a: Bare (TypeAlias) has no doc comment', '@x/a: stop (Function) has no doc comment'])
  })
})

describe('the member check', () => {
  // A package of its own in a temp directory, so TypeDoc reads exactly this source; two entry points,
  // as in the workspace, so each is a module of the project.
  const dir = mkdtempSync(join(tmpdir(), 'wsbridge-members-'))
  const file = join(dir, 'index.ts')
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@x/members', version: '0.0.0', type: 'module' }))
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext' }, include: ['*.ts'] }),
  )
  writeFileSync(join(dir, 'other.ts'), '/** The other entry point. */\nexport const other = 1\n')
  writeFileSync(
    file,
    [
      '/** Options of the fixture. */',
      'export interface Options {',
      '  /** Documented. */',
      '  readonly port: number',
      '  readonly host: string',
      '}',
      '',
    ].join('\n'),
  )
  const run = (memberLimit: number) =>
    generateApiDocs(mkdtempSync(join(dir, 'out-')), {
      entries: [
        { specifier: '@x/members', file },
        { specifier: '@x/members/other', file: join(dir, 'other.ts') },
      ],
      tsconfig: join(dir, 'tsconfig.json'),
      memberLimit,
    })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('fails on an undocumented member of a documented export, naming it', async () => {
    const { problems, undocumentedMembers } = await run(0)
    expect(undocumentedMembers).toHaveLength(1)
    expect(undocumentedMembers[0]).toContain('Options.host (Property)')
    expect(problems.at(-1)).toBe('1 undocumented members, more than the 0 allowed (undocumentedMemberLimit)')
  })

  it('passes at the ratchet and asks to lower a ratchet set too high', async () => {
    expect((await run(1)).problems).toEqual([])
    expect((await run(2)).problems).toEqual(['only 1 undocumented members remain: lower undocumentedMemberLimit in src/api-docs.ts to 1'])
  })
})
