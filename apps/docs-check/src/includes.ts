import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Code blocks that show a real file of the repository verbatim, marked with
 * `<!-- include: path/from/repo/root -->` among the comment lines right above the fence. The file
 * is what runs (the guide's minimal adapter runs the conformance suite); the block must not drift
 * from it, so a test compares the two.
 */
export interface Inclusion {
  readonly page: string
  /** 1-based line of the block's first code line in the page. */
  readonly line: number
  /** Relative to the repository root. */
  readonly path: string
  readonly code: string
}

export const repoRoot: string = new URL('../../../', import.meta.url).pathname

const FENCE = /^(```+|~~~+)\s*[\w-]*\s*$/
const COMMENT = /^\s*<!--.*-->\s*$/
const INCLUDE = /<!--\s*include:\s*(\S+)\s*-->/

export function inclusions(page: string, text: string): Inclusion[] {
  const lines = text.split('\n')
  const found: Inclusion[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)
    if (!open) continue
    let end = i + 1
    while (end < lines.length && !lines[end]!.startsWith(open[1]!)) end++
    // The contiguous comment lines above the fence (an include may share them with not-compiled).
    let path: string | undefined
    for (let above = i - 1; above >= 0 && COMMENT.test(lines[above]!); above--) path ??= INCLUDE.exec(lines[above]!)?.[1]
    if (path !== undefined) found.push({ page, line: i + 2, path, code: lines.slice(i + 1, end).join('\n') })
    i = end
  }
  return found
}

/** The inclusions whose block differs from the file (or whose file is missing), as `page:line path`. */
export function staleInclusions(
  found: readonly Inclusion[],
  read: (path: string) => string = (path) => readFileSync(join(repoRoot, path), 'utf8'),
): string[] {
  const stale: string[] = []
  for (const inclusion of found) {
    let file: string | undefined
    try {
      file = read(inclusion.path)
    } catch {
      file = undefined
    }
    if (file?.replace(/\n$/, '') !== inclusion.code) stale.push(`docs/${inclusion.page}:${inclusion.line} ${inclusion.path}`)
  }
  return stale
}
