import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, normalize } from 'node:path'

/**
 * The docs' non-TypeScript blocks: ```json must parse, and ```sh commands must name things that
 * exist — scripts in the package they run in, workspace packages, directories, the pinned pnpm,
 * the CLI's commands — so a renamed script or package breaks the build instead of a reader.
 */
export interface FencedBlock {
  readonly page: string
  readonly line: number
  readonly lang: string
  readonly code: string
}

const FENCE = /^(\s*)(```+|~~~+)\s*([\w-]*)/

export function fencedBlocks(page: string, text: string, langs: ReadonlySet<string>): FencedBlock[] {
  const lines = text.split('\n')
  const blocks: FencedBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)
    if (!open) continue
    const [, , fence = '```', lang = ''] = open
    let end = i + 1
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence)) end++
    if (langs.has(lang.toLowerCase()))
      blocks.push({ page, line: i + 2, lang: lang.toLowerCase(), code: lines.slice(i + 1, end).join('\n') })
    i = end
  }
  return blocks
}

interface Manifest {
  readonly name?: string
  readonly scripts?: Record<string, string>
  readonly packageManager?: string
  readonly dependencies?: Record<string, string>
  readonly devDependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
}

const root = new URL('../../../', import.meta.url).pathname
const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest
const workspace: Manifest[] = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group))
    .filter((dir) => existsSync(join(root, group, dir, 'package.json')))
    .map((dir) => readManifest(join(root, group, dir))),
)
const knownPackages = new Set(
  workspace.flatMap((m) => [m.name ?? '', ...Object.keys({ ...m.dependencies, ...m.devDependencies, ...m.peerDependencies })]),
)
const CLI_COMMANDS = new Set(['types', 'schema', 'asyncapi'])
// pnpm's own commands; anything else after `pnpm` is a package script.
const PNPM_COMMANDS = new Set(['add', 'install', 'i', 'remove', 'update', 'exec', 'dlx', 'create', 'test', 'start', 'pack'])

/** Problems with one shell block's commands, as messages. */
export function checkShellBlock(code: string): string[] {
  const problems: string[] = []
  let cwd = root
  for (const raw of code.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim()
    if (line === '' || line.startsWith('#')) continue
    for (const command of line.split('&&').map((part) => part.trim().split(/\s+/))) {
      const [tool, first, second] = command
      const scripts = existsSync(join(cwd, 'package.json')) ? (readManifest(cwd).scripts ?? {}) : {}
      if (tool === 'cd' && first) {
        cwd = normalize(join(cwd, first))
        if (!existsSync(cwd)) problems.push(`cd ${first}: no such directory`)
      } else if (tool === 'npm' && (first === 'start' || first === 'test') && !scripts[first]) {
        problems.push(`npm ${first}: no "${first}" script in ${cwd}`)
      } else if (tool === 'npm' && first === 'run' && second && !scripts[second]) {
        problems.push(`npm run ${second}: no such script in ${cwd}`)
      } else if (tool === 'npx' && first === '--yes' && second?.startsWith('pnpm@')) {
        const pinned = readManifest(root).packageManager
        if (pinned !== second) problems.push(`${second}: the repository pins ${pinned}`)
      } else if (tool === 'pnpm' && first === '--filter' && second) {
        const target = workspace.find((m) => m.name === second)
        if (!target) problems.push(`pnpm --filter ${second}: no such workspace package`)
        else if (command[3] && !target.scripts?.[command[3]]) problems.push(`pnpm --filter ${second} ${command[3]}: no such script`)
      } else if ((tool === 'pnpm' || tool === 'bun') && first === 'add') {
        for (const name of command.slice(2).filter((word) => !word.startsWith('-'))) {
          if (!knownPackages.has(name)) problems.push(`${tool} add ${name}: not a package this repository uses or publishes`)
        }
      } else if (tool === 'pnpm' && first && !first.startsWith('-') && !PNPM_COMMANDS.has(first) && !scripts[first]) {
        problems.push(`pnpm ${first}: no such script in ${cwd}`)
      } else if (tool === 'wsbridge' && first && !CLI_COMMANDS.has(first)) {
        problems.push(`wsbridge ${first}: not a CLI command`)
      }
    }
  }
  return problems
}
