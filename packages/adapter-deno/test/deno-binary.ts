import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** This package's directory, where deno.jsonc is (Deno reads it from the working directory up). */
export const packageDir = fileURLToPath(new URL('..', import.meta.url))

/**
 * The Deno binary from the `deno` npm package. Its install script (allowed in pnpm-workspace.yaml's
 * `onlyBuiltDependencies`) copies the native binary into the package; without it, `.bin/deno` is a
 * Node shim that finds the binary itself, one Node start slower.
 */
export const denoBinary = existsSync(`${packageDir}node_modules/deno/deno`)
  ? `${packageDir}node_modules/deno/deno`
  : `${packageDir}node_modules/.bin/deno`
