#!/usr/bin/env node
// tsx is registered first: it loads the user's TypeScript routes module (and, in this repository,
// the CLI's own TypeScript source when no build exists).
import { existsSync } from 'node:fs'
import { register } from 'tsx/esm/api'

register()
const built = new URL('../dist/cli.js', import.meta.url)
const { main } = await import(existsSync(built) ? built.href : new URL('../src/cli.ts', import.meta.url).href)
process.exitCode = await main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  return 1
})
