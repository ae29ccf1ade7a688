// `npm start`: runs the entry point named by CHAT_HOST (default: express). Node entry points run in
// this process; Bun and Deno ones run under their binary from node_modules, with signals passed through.
import { spawn } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { chatHosts, entryFile, hostCommand, isChatHost } from './server/hosts.js'

const host = process.env['CHAT_HOST'] || 'express'
if (!isChatHost(host)) {
  console.error(`[chat] CHAT_HOST must be one of ${Object.keys(chatHosts).join(', ')}; got "${host}"`)
  process.exit(1)
}

if (chatHosts[host] === 'node') {
  await import(pathToFileURL(entryFile(host)).href)
} else {
  const [command, ...args] = hostCommand(host) as [string, ...string[]]
  const child = spawn(command, args, { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 1))
}
