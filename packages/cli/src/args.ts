import { parseArgs } from 'node:util'

export const COMMANDS = ['types', 'schema', 'asyncapi'] as const
export type Command = (typeof COMMANDS)[number]

/** The `wsbridge` command's help text, printed for `--help` and after a usage error. */
export const USAGE = `Usage: wsbridge <types|schema|asyncapi> <routes-module> [options]

  types      a .ts file of ClientMessage/ServerMessage unions per route (and Routes for setupBridge)
  schema     JSON Schema for every route's messages
  asyncapi   an AsyncAPI 3.0 document

Options:
  --export <name>        export holding the routes (default: routes, then default)
  --out <file>           write here instead of stdout
  --prefix <path>        asyncapi: the bridge prefix, e.g. /api
  --server <url>         asyncapi: server URL, e.g. wss://example.com
  --title <text>         asyncapi: info.title (default: the module name)
  --api-version <text>   asyncapi: info.version (default: 1.0.0)
  -h, --help             this text
  -v, --version          the CLI's version`

/** What the command line asks for: a run, or help/version, or a usage error (exit code 2). */
export type Invocation =
  | { readonly kind: 'run'; readonly command: Command; readonly modulePath: string; readonly options: RunOptions }
  | { readonly kind: 'help' | 'version' }
  | { readonly kind: 'usage-error'; readonly message: string }

export interface RunOptions {
  readonly export?: string | undefined
  readonly out?: string | undefined
  readonly prefix?: string | undefined
  readonly server?: string | undefined
  readonly title?: string | undefined
  readonly apiVersion?: string | undefined
}

/** Parses argv without throwing: every mistake becomes a usage error that names it. */
export function parseInvocation(argv: readonly string[]): Invocation {
  let parsed: ReturnType<typeof parseCommandLine>
  try {
    parsed = parseCommandLine(argv)
  } catch (error) {
    // node:util's messages name the option ("Option '--out <value>' argument missing").
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error) }
  }
  const { values, positionals } = parsed
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  const [command, modulePath, ...extra] = positionals
  if (command === undefined) return { kind: 'usage-error', message: 'Missing command.' }
  if (!isCommand(command)) return { kind: 'usage-error', message: unknownCommand(command) }
  if (modulePath === undefined) return { kind: 'usage-error', message: `Missing the routes module: wsbridge ${command} <routes-module>.` }
  if (extra.length > 0) return { kind: 'usage-error', message: `Unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}.` }
  const { help: _h, version: _v, 'api-version': apiVersion, ...rest } = values
  return { kind: 'run', command, modulePath, options: { ...rest, apiVersion } }
}

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      export: { type: 'string' },
      out: { type: 'string' },
      prefix: { type: 'string' },
      server: { type: 'string' },
      title: { type: 'string' },
      'api-version': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  })
}

const isCommand = (value: string): value is Command => (COMMANDS as readonly string[]).includes(value)

function unknownCommand(command: string): string {
  const closest = COMMANDS.map((name) => ({ name, distance: editDistance(command, name) })).sort((a, b) => a.distance - b.distance)[0]
  const hint = closest && closest.distance <= 2 ? ` Did you mean "${closest.name}"?` : ''
  return `Unknown command "${command}".${hint}`
}

/** Levenshtein distance; the commands are short, so the quadratic table is nothing. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
