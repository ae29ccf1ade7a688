#!/usr/bin/env node
// tsx is registered first: it loads the user's TypeScript routes module. In this repository the CLI
// runs from its TypeScript source (always current); the published package ships only dist.
import { existsSync } from 'node:fs'
import { register } from 'tsx/esm/api'

register()
const source = new URL('../src/cli.ts', import.meta.url)
const { main } = await import(existsSync(source) ? source.href : new URL('../dist/cli.js', import.meta.url).href)

// The generated document owns stdout. Anything the routes module prints (a server entry's
// "listening on …") goes to stderr, so `wsbridge schema app.ts > schema.json` stays valid JSON.
const stdout = process.stdout.write.bind(process.stdout)
process.stdout.write = process.stderr.write.bind(process.stderr)

const code = await main(process.argv.slice(2), { stdout: (text) => void stdout(text) }).catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  return 1
})
// Exit explicitly: a routes module that is also a server entry keeps the event loop alive forever.
// Waiting for stdout to drain first keeps a large document piped to another program whole.
stdout('', () => process.exit(code))
