import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** What a sample's entry file runs on. workerd's entry files run on Node: they start workerd through Miniflare. */
export type Runtime = 'node' | 'bun' | 'deno'

const binary = (appDir: URL, path: string): string => fileURLToPath(new URL(`node_modules/${path}`, appDir))

/**
 * The command that runs `entry` (a path in `appDir`) on `runtime`, as `npm run start:<host>` does:
 * `[executable, ...arguments]`, with the executables the `bun` and `deno` npm packages installed in
 * the sample, so nothing needs installing globally.
 * - Bun: the native binary, not node_modules/.bin/bun, a shell wrapper that does not pass signals
 *   on (SIGTERM would stop the wrapper and leave the server running).
 * - Deno: the binary the package's install script copies in (else `.bin/deno`, a Node shim that
 *   finds it), with the sample's deno.jsonc, which resolves the workspace packages.
 * - Node: `node` (the running one) with tsx's loader, in one process so signals reach the server.
 */
export function runtimeCommand(
  appDir: URL,
  runtime: Runtime,
  entry: string,
  node: readonly string[] = [process.execPath, '--import', 'tsx'],
): string[] {
  const file = fileURLToPath(new URL(entry, appDir))
  if (runtime === 'bun') return [binary(appDir, 'bun/bin/bun.exe'), file]
  if (runtime === 'deno') {
    const deno = existsSync(binary(appDir, 'deno/deno')) ? binary(appDir, 'deno/deno') : binary(appDir, '.bin/deno')
    return [deno, 'run', '-A', `--config=${fileURLToPath(new URL('deno.jsonc', appDir))}`, file]
  }
  return [...node, file]
}

/** The hosts every sample runs on, and the runtime each host's entry file runs on. */
export const sampleHosts = {
  express: 'node',
  'node-ws': 'node',
  'hono-node': 'node',
  'hono-bun': 'bun',
  bun: 'bun',
  deno: 'deno',
  workerd: 'node',
} as const

export type SampleHost = keyof typeof sampleHosts

/** `runtimeCommand` for `host`, whose entry file is `src/<host>.ts` unless `entries` names another. */
export function hostCommand(
  appDir: URL,
  host: SampleHost,
  entries: Partial<Record<SampleHost, string>> = {},
  node?: readonly string[],
): string[] {
  return runtimeCommand(appDir, sampleHosts[host], entries[host] ?? `src/${host}.ts`, node)
}
