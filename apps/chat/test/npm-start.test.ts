import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'

// The newcomer's path: `npm start` at the repository root, nothing else running, no Redis. The
// only difference from the README is PORT=0, because tests never take a fixed port.
const root = fileURLToPath(new URL('../../../', import.meta.url))

let child: ChildProcess | undefined
let output = ''

async function stop(): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return
  const exited = new Promise((resolve) => child!.once('exit', resolve))
  // npm → pnpm → node (→ bun): the process group holds the whole chain (spawned detached below).
  process.kill(-child.pid, 'SIGTERM')
  await exited
}
afterEach(stop)

/** `npm start` at the root; resolves with the URL once `host` says it is listening. */
function npmStart(host: string, chatHost?: string): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LISTEN_HOST: '127.0.0.1' }
  // A newcomer's shell, not the package-manager run this test itself is inside (turbo → pnpm →
  // vitest): inherited npm_*/pnpm_* settings would make the inner pnpm resolve a different package.
  for (const key of Object.keys(env)) if (/^(npm_|pnpm_|PNPM_)/i.test(key) || key === 'INIT_CWD') delete env[key]
  // No external services: whatever the machine has configured must not switch the backplane on.
  delete env['REDIS_URL']
  delete env['CHAT_HOST']
  delete env['INSTANCE_NAME']
  if (chatHost) env['CHAT_HOST'] = chatHost
  const LISTENING = new RegExp(`\\[chat\\] ${host} listening on (http://\\S+)`)
  output = ''
  child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not listen in 45 s:\n${output}`)), 45_000)
    const read = (chunk: Buffer): void => {
      output += chunk.toString()
      const found = LISTENING.exec(output)
      if (found?.[1]) {
        clearTimeout(timer)
        resolve(found[1])
      }
    }
    child!.stdout!.on('data', read)
    child!.stderr!.on('data', read)
    child!.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`npm start exited with ${code}:\n${output}`))
    })
  })
}

describe('npm start from the repository root', () => {
  it('runs the Express entry point with no Redis, serving the page and the chat route', async () => {
    const url = await npmStart('express')
    expect(output).not.toMatch(/Redis/)

    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toBe(await readFile(new URL('../public/index.html', import.meta.url), 'utf8'))
    const script = await fetch(`${url}/app.js`)
    expect(script.headers.get('content-type')).toMatch(/javascript/)
    expect((await script.text()).length).toBeGreaterThan(1000)

    // A demo user gets in: the first server message welcomes her by name.
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/chat?token=alice`)
    const first = await new Promise<unknown>((resolve, reject) => {
      socket.once('message', (data) => resolve(JSON.parse(String(data))))
      socket.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason}`)))
      socket.once('error', reject)
    })
    expect(first).toMatchObject({ type: 'welcome', user: 'Alice' })
    socket.close()
  })
  it('runs the Bun entry point with CHAT_HOST=bun', async () => {
    const url = await npmStart('bun', 'bun')
    const page = await fetch(url)
    expect(await page.text()).toBe(await readFile(new URL('../public/index.html', import.meta.url), 'utf8'))
  })
})
