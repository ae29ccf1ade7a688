import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { markedFile } from './blocks.js'

/**
 * A page that builds an app (docs/getting-started.md) marks each block that is one of the app's
 * files with `<!-- file: path -->` above its fence, whatever the block's language, and the shell
 * block that runs the app with `<!-- run -->`. A test writes the files, runs the commands and uses
 * the app, so a broken block breaks the test, not a reader's first hour.
 */
export interface PageApp {
  readonly files: ReadonlyArray<{ readonly path: string; readonly line: number; readonly code: string }>
  /** The files the run block runs with `npx tsx <file>`, in order; the last one keeps running. */
  readonly scripts: readonly string[]
}

const FENCE = /^(```+|~~~+)\s*[\w-]*\s*$/
const RUN = /<!--\s*run\s*-->/
const TSX = /^npx tsx (\S+)$/

export function pageApp(text: string): PageApp {
  const lines = text.split('\n')
  const files: Array<PageApp['files'][number]> = []
  const scripts: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)
    if (!open) continue
    let end = i + 1
    while (end < lines.length && !lines[end]!.startsWith(open[1]!)) end++
    const code = lines.slice(i + 1, end).join('\n')
    const path = markedFile(lines, i)
    if (path !== undefined) files.push({ path, line: i + 2, code })
    if (RUN.test(lines[i - 1] ?? '')) {
      for (const command of code.split('\n').filter((line) => line.trim() !== '')) {
        const script = TSX.exec(command.trim())?.[1]
        if (script === undefined) throw new Error(`[docs-check] the run block has a command the test cannot run: ${command}`)
        scripts.push(script)
      }
    }
    i = end
  }
  return { files, scripts }
}

/** Writes the app's files into `dir`; a path may not leave it. */
export function writePageApp(dir: string, app: PageApp): void {
  for (const file of app.files) {
    const path = normalize(join(dir, file.path))
    if (!path.startsWith(`${normalize(dir)}/`)) throw new Error(`[docs-check] app file ${file.path} leaves the app's folder`)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, `${file.code}\n`)
  }
}
