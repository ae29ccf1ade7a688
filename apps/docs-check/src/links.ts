import { existsSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'

export interface BrokenLink {
  readonly page: string
  readonly target: string
}

const LINK = /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g

/**
 * Targets of a Markdown text's relative links (to files, not `scheme:` URLs or `#anchors`), outside
 * fenced code: links inside fenced code are code, not links.
 */
export function relativeLinks(text: string): string[] {
  const prose = text.replace(/^(```|~~~)[\s\S]*?^\1/gm, '')
  return [...prose.matchAll(LINK)].map(([, target = '']) => target).filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
}

/** Relative links of a page (to other pages, apps, packages) whose file does not exist. */
export function brokenLinks(docsDir: string, page: string, text: string): BrokenLink[] {
  return relativeLinks(text)
    .filter((target) => !existsSync(normalize(join(dirname(join(docsDir, page)), decodeURI(target.split('#')[0]!)))))
    .map((target) => ({ page, target }))
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
