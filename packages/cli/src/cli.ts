import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, basename } from 'node:path'
import { parseArgs } from 'node:util'
import { toAsyncApi } from './asyncapi.js'
import { toJsonSchemas } from './json-schema.js'
import { loadRoutes } from './load.js'
import { toTypesFile } from './types-file.js'

export const USAGE = `Usage: wsbridge <types|schema|asyncapi> <routes-module> [options]

  types      a .ts file of ClientMessage/ServerMessage unions per route (and Routes for setupBridge)
  schema     JSON Schema for every route's messages
  asyncapi   an AsyncAPI 3.0 document

Options:
  --export <name>    export holding the routes (default: routes, then default)
  --out <file>       write here instead of stdout
  --prefix <path>    asyncapi: the bridge prefix, e.g. /api
  --server <url>     asyncapi: server URL, e.g. wss://example.com
  --title <text>     asyncapi: info.title (default: the module name)
  --version <text>   asyncapi: info.version (default: 1.0.0)`

/** Runs the CLI; returns the exit code. Output goes to `--out` or `stdout`. */
export async function main(argv: readonly string[], stdout: (text: string) => void = (t) => void process.stdout.write(t)): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      export: { type: 'string' },
      out: { type: 'string' },
      prefix: { type: 'string' },
      server: { type: 'string' },
      title: { type: 'string' },
      version: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [command, modulePath] = positionals
  if (values.help || !command || !modulePath || !['types', 'schema', 'asyncapi'].includes(command)) {
    ;(values.help ? stdout : (t: string) => void process.stderr.write(t))(`${USAGE}\n`)
    return values.help ? 0 : 2
  }
  const routes = await loadRoutes(modulePath, values.export)
  let text: string
  if (command === 'types') text = toTypesFile(routes, { source: basename(modulePath) })
  else if (command === 'schema') text = `${JSON.stringify(toJsonSchemas(routes), null, 2)}\n`
  else {
    const info = { title: values.title ?? basename(modulePath).replace(/\.[cm]?[jt]s$/, ''), version: values.version ?? '1.0.0' }
    const options = {
      ...(values.prefix !== undefined && { prefix: values.prefix }),
      ...(values.server !== undefined && { server: values.server }),
    }
    text = `${JSON.stringify(toAsyncApi(routes, info, options), null, 2)}\n`
  }
  if (values.out) {
    await mkdir(dirname(values.out), { recursive: true })
    await writeFile(values.out, text)
  } else stdout(text)
  return 0
}
