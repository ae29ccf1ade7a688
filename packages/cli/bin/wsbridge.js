#!/usr/bin/env node
// tsx is registered first: it loads the user's TypeScript routes module. In this repository the CLI
// runs from its TypeScript source (always current); the published package ships only dist.
import { existsSync } from 'node:fs'
import { register } from 'tsx/esm/api'

register()
const source = new URL('../src/cli.ts', import.meta.url)
const { main } = await import(existsSync(source) ? source.href : new URL('../dist/cli.js', import.meta.url).href)
process.exitCode = await main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  return 1
})
