import { existsSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'

export interface BrokenLink {
  readonly page: string
  readonly target: string
}

const LINK = /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g

/** Relative links of a page (to other pages, apps, packages) whose file does not exist. */
export function brokenLinks(docsDir: string, page: string, text: string): BrokenLink[] {
  const broken: BrokenLink[] = []
  // Links inside fenced code are code, not links.
  const prose = text.replace(/^(```|~~~)[\s\S]*?^\1/gm, '')
  for (const [, target = ''] of prose.matchAll(LINK)) {
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue
    const path = normalize(join(dirname(join(docsDir, page)), decodeURI(target.split('#')[0]!)))
    if (!existsSync(path)) broken.push({ page, target })
  }
  return broken
}

/** Pages (relative to docs/) that a page links to. */
export function linkedPages(text: string): Set<string> {
  const linked = new Set<string>()
  for (const [, target = ''] of text.matchAll(LINK)) {
    const path = target.split('#')[0]!
    if (path.endsWith('.md') && !/^[a-z]+:/i.test(path)) linked.add(normalize(path.replace(/^\.\//, '')))
  }
  return linked
}
