import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** One fenced TypeScript block of a docs page. */
export interface CodeBlock {
  /** Path relative to docs/, e.g. `adapters/bun.md`. */
  readonly page: string
  /** 1-based line of the block's first code line in the page. */
  readonly line: number
  readonly code: string
  /** The reason given in `<!-- not-compiled: reason -->` right above the fence, if any. */
  readonly skipReason: string | undefined
  /** The app file the block is, from `<!-- file: routes.ts -->` above the fence (see page-app.ts). */
  readonly file?: string | undefined
}

export const docsDir: string = new URL('../../../docs/', import.meta.url).pathname

const FENCE = /^(\s*)(```+|~~~+)\s*([\w-]*)/
const TS_LANGS: ReadonlySet<string> = new Set(['ts', 'typescript', 'mts'])
const NOT_COMPILED = /<!--\s*not-compiled:\s*(.*?)\s*-->/
const COMMENT = /^\s*<!--.*-->\s*$/
const FILE = /<!--\s*file:\s*(\S+)\s*-->/

/** The `<!-- file: path -->` among the comment lines right above line `fence`, if any. */
export function markedFile(lines: readonly string[], fence: number): string | undefined {
  for (let above = fence - 1; above >= 0 && COMMENT.test(lines[above]!); above--) {
    const file = FILE.exec(lines[above]!)?.[1]
    if (file !== undefined) return file
  }
  return undefined
}

/** Generated from the source (`pnpm docs:api`) and held to it by test/api-docs.test.ts, not written by hand. */
const GENERATED = 'api'

/** Every hand-written Markdown page under docs/, sorted, as paths relative to docs/. */
export function docPages(dir: string = docsDir): string[] {
  const pages: string[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory() && folder === dir && entry.name === GENERATED) continue
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.md')) pages.push(relative(dir, path))
    }
  }
  walk(dir)
  return pages.sort()
}

/** The TypeScript blocks of one page (other languages are ignored). */
export function extractBlocks(page: string, text: string): CodeBlock[] {
  const lines = text.split('\n')
  const blocks: CodeBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)
    if (!open) continue
    const [, indent = '', fence = '```', lang = ''] = open
    const start = i + 1
    let end = start
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence)) end++
    if (TS_LANGS.has(lang.toLowerCase())) {
      const previous =
        lines
          .slice(0, i)
          .reverse()
          .find((line) => line.trim() !== '') ?? ''
      const body = lines.slice(start, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      const skipReason = NOT_COMPILED.exec(previous)?.[1]
      blocks.push({ page, line: start + 1, code: body.join('\n'), skipReason, file: markedFile(lines, i) })
    }
    i = end
  }
  return blocks
}

/**
 * A hidden module a page's blocks may import, written in an HTML comment so readers don't see it:
 * `<!-- fixture: ./routes.ts` … `-->`. The path is relative to the page's blocks.
 */
export interface Fixture {
  readonly page: string
  readonly path: string
  readonly code: string
}

const FIXTURE = /<!--\s*fixture:\s*(\S+)\s*\n([\s\S]*?)-->/g

export function extractFixtures(page: string, text: string): Fixture[] {
  return [...text.matchAll(FIXTURE)].map(([, path = '', code = '']) => ({ page, path, code }))
}

export function allBlocks(dir: string = docsDir): CodeBlock[] {
  return docPages(dir).flatMap((page) => extractBlocks(page, readFileSync(join(dir, page), 'utf8')))
}

export function allFixtures(dir: string = docsDir): Fixture[] {
  return docPages(dir).flatMap((page) => extractFixtures(page, readFileSync(join(dir, page), 'utf8')))
}
