import { buildSync } from 'esbuild'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const NODE_HOST = fileURLToPath(new URL('./hosts/node-host.ts', import.meta.url))

/**
 * Bundles the Node host with the options factory in `factory` (a module exporting
 * `instanceOptions`) into one file (about 2 s, once per test file): an instance process then
 * starts in a fraction of a second, where compiling TypeScript at each start took seconds.
 */
export function bundleInstance(factory: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'wsbridge-instance-')), 'instance.mjs')
  const banner = "import{createRequire}from'node:module';const require=createRequire(import.meta.url);"
  const entry = `import { serveNodeInstance } from ${JSON.stringify(NODE_HOST)}
import { instanceOptions } from ${JSON.stringify(factory)}
await serveNodeInstance(instanceOptions)`
  buildSync({
    stdin: { contents: entry, resolveDir: dirname(NODE_HOST), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    banner: { js: banner },
    logLevel: 'error',
  })
  return out
}

/** An instance in another process, so it can be killed with SIGKILL. */
export interface ChildInstance {
  readonly port: number
  readonly child: ChildProcess
  /** What the process wrote to stderr (kept, not shown: the tests stay quiet). */
  readonly stderr: () => string
  /** Sends `signal` (unless it has exited) and resolves once it has. */
  stop(signal: NodeJS.Signals): Promise<void>
}

/**
 * Starts `command args…` and resolves once it prints `port <n>`. A fixture prints that only when it
 * listens and its backplane is connected, so the wait is for a condition, bounded by `timeout`
 * (generous: a loaded CI machine may take seconds to start a process).
 */
export async function spawnInstance(command: string, args: string[], timeout = 20_000): Promise<ChildInstance> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => void (errors += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} ${args.join(' ')} printed no port within ${timeout} ms: ${errors}`))
    }, timeout)
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /port (\d+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`instance exited with ${code}: ${errors}`))
    })
  })
  return {
    port,
    child,
    stderr: () => errors,
    stop: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    },
  }
}

/**
 * The Bun binary of the npm `bun` package installed for the test file at `from` (its
 * `import.meta.url`): the package's own executable, so nothing depends on a `.bin` link.
 */
export function bunExecutable(from: string): string {
  return join(dirname(createRequire(from).resolve('bun/package.json')), 'bin', 'bun.exe')
}
