import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { Routes } from '@wsbridge/core'
import { type Command, parseInvocation, type RunOptions, USAGE } from './args.js'
import { toAsyncApi } from './asyncapi.js'
import { toJsonSchemas } from './json-schema.js'
import { loadRoutes } from './load.js'
import { toTypesFile } from './types-file.js'

export { USAGE } from './args.js'

export interface CliOutput {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

const processOutput: CliOutput = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}

/**
 * Runs the CLI; returns the exit code: 0 done, 1 the routes module could not be used, 2 a usage
 * error (named on stderr above the usage text). Output goes to `--out` (with one line on stdout
 * saying what was written) or to stdout.
 */
export async function main(argv: readonly string[], output: Partial<CliOutput> = {}): Promise<number> {
  const { stdout, stderr } = { ...processOutput, ...output }
  const invocation = parseInvocation(argv)
  switch (invocation.kind) {
    case 'help':
      stdout(`${USAGE}\n`)
      return 0
    case 'version':
      stdout(`wsbridge ${cliVersion()}\n`)
      return 0
    case 'usage-error':
      stderr(`wsbridge: ${invocation.message}\n\n${USAGE}\n`)
      return 2
  }
  const { command, modulePath, options } = invocation
  const routes = await loadRoutes(modulePath, options.export)
  const text = generate(command, routes, modulePath, options)
  if (options.out === undefined) {
    stdout(text)
    return 0
  }
  await mkdir(dirname(options.out), { recursive: true })
  await writeFile(options.out, text)
  const count = Object.keys(routes).length
  stdout(`wsbridge ${command}: wrote ${options.out} (${count} route${count === 1 ? '' : 's'} from ${modulePath})\n`)
  return 0
}

function generate(command: Command, routes: Routes, modulePath: string, options: RunOptions): string {
  if (command === 'types') return toTypesFile(routes, { source: basename(modulePath) })
  if (command === 'schema') return `${JSON.stringify(toJsonSchemas(routes), null, 2)}\n`
  const info = { title: options.title ?? basename(modulePath).replace(/\.[cm]?[jt]s$/, ''), version: options.apiVersion ?? '1.0.0' }
  const asyncApiOptions = {
    ...(options.prefix !== undefined && { prefix: options.prefix }),
    ...(options.server !== undefined && { server: options.server }),
  }
  return `${JSON.stringify(toAsyncApi(routes, info, asyncApiOptions), null, 2)}\n`
}

/** The package's own version; the manifest sits one level above both src/ and dist/. */
function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }
  return manifest.version ?? 'unknown'
}
