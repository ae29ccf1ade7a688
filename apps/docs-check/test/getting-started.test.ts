import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docsDir } from '../src/blocks.js'
import { type PageApp, pageApp, writePageApp } from '../src/page-app.js'

// docs/getting-started.md, followed literally: its marked blocks become an app in a fresh folder,
// its run block's scripts build and serve it, and Chromium uses the page the way a newcomer would,
// opened at 127.0.0.1 although the server says localhost. A block that stops working fails here.
const run = promisify(execFile)
const packageDir = new URL('../', import.meta.url).pathname
const tsx = join(packageDir, 'node_modules/.bin/tsx')
const bun = join(packageDir, 'node_modules/.bin/bun')
const deno = join(packageDir, 'node_modules/.bin/deno')
const artifacts = join(packageDir, 'test-artifacts')
const CHROMIUM = '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
const pageText = readFileSync(join(docsDir, 'getting-started.md'), 'utf8')
const app: PageApp = pageApp(pageText)
// The Deno flags exactly as the page prints them.
const denoFlags = /^deno run (.+) server\.ts$/m.exec(pageText)?.[1]?.split(' ') ?? []

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** Starts the page's server script and resolves once it printed the address it tells readers to open. */
function startServer(dir: string, runner: readonly string[], script: string, port: number, output: string[]): Promise<ChildProcess> {
  const [command = '', ...args] = runner
  const child = spawn(command, [...args, script], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), NODE_ENV: 'development' },
    detached: true,
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 20_000)
    const collect = (chunk: Buffer): void => {
      output.push(chunk.toString())
      if (output.join('').includes(`http://localhost:${port}/`)) {
        clearTimeout(timer)
        resolve(child)
      }
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.join('')}`)))
  })
}

/** Opens the page; with `joined`, resolves once its socket sent the join (so broadcasts reach it). */
async function openChat(browser: Browser, url: string, problems: string[], joined = true): Promise<Page> {
  const page = await browser.newPage()
  page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())))
  page.on('pageerror', (error) => problems.push(error.message))
  const join = page
    .waitForEvent('websocket', { timeout: 10_000 })
    .then((socket) => socket.waitForEvent('framesent', { predicate: (frame) => String(frame.payload).includes('"join"'), timeout: 10_000 }))
  await page.goto(url)
  if (joined) await join
  else join.catch(() => undefined)
  return page
}

async function say(page: Page, text: string): Promise<void> {
  await page.locator('#text').fill(text)
  await page.locator('#composer button').click()
}

/** Two readers in the lobby: each sees the other's message, and nothing else happened. */
async function chat(browser: Browser, url: string, screenshot: string): Promise<string[]> {
  const problems: string[] = []
  const [alice, bob] = [await openChat(browser, url, problems), await openChat(browser, url, problems)]
  await say(alice, 'hello from the getting-started test')
  for (const page of [alice, bob])
    await page.locator('#messages li', { hasText: ': hello from the getting-started test' }).waitFor({ timeout: 10_000 })
  await say(bob, 'and back')
  await alice.locator('#messages li', { hasText: ': and back' }).waitFor({ timeout: 10_000 })
  expect(await alice.locator('#messages li').count()).toBe(2)
  mkdirSync(artifacts, { recursive: true })
  await alice.screenshot({ path: join(artifacts, screenshot) })
  await Promise.all([alice.close(), bob.close()])
  return problems
}

// The page's server (Express, step 3) and the other hosts' versions it shows, with their runner.
const HOSTS: ReadonlyArray<readonly [file: string, runner: readonly string[]]> = [
  ['server.ts', [tsx]],
  ['server-node-ws.ts', [tsx]],
  ['server-hono-node.ts', [tsx]],
  ['server-bun.ts', [bun]],
  ['server-deno.ts', [deno, 'run', ...denoFlags]],
]

describe('docs/getting-started.md, followed step by step', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsbridge-getting-started-'))
  const servers: ChildProcess[] = []
  let browser: Browser | undefined

  /** Starts one of the app's servers on a free port; stopped in afterAll. */
  async function serve(file: string, runner: readonly string[], output: string[]): Promise<string> {
    const port = await freePort()
    servers.push(await startServer(dir, runner, file, port, output))
    // 127.0.0.1 although the server prints localhost: the page must not care.
    return `http://127.0.0.1:${port}/`
  }

  beforeAll(async () => {
    // The app's own folder; packages come from the workspace, as "Inside the workspace" says.
    symlinkSync(join(packageDir, 'node_modules'), join(dir, 'node_modules'), 'dir')
    writePageApp(dir, app)
    // Deno resolves bare imports only for dependencies package.json lists, as step 1 has them.
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as object
    const dependencies = Object.fromEntries(['@wsbridge/core', '@wsbridge/adapter-deno', 'valibot'].map((name) => [name, '*']))
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, dependencies }))
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    for (const server of servers) if (server.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  })

  it('names every file of the app and how to run it', () => {
    expect(denoFlags).toContain('--allow-net')
    const files = app.files.map((file) => file.path)
    expect(files.sort()).toEqual(
      ['build.ts', 'client.ts', 'package.json', 'public/index.html', 'routes.ts', ...HOSTS.map(([file]) => file)].sort(),
    )
    expect(app.scripts).toEqual(['build.ts', 'server.ts'])
  })

  it('builds the manifest and a bundle without server code', async () => {
    await run(tsx, [app.scripts[0]!], { cwd: dir, timeout: 30_000 })
    expect(JSON.parse(readFileSync(join(dir, 'ws-manifest.json'), 'utf8'))).toEqual({ chat: { path: '/rooms/:roomId', format: 'json' } })
    const bundle = readFileSync(join(dir, 'public/app.js'), 'utf8')
    expect(bundle).toContain('/rooms/:roomId')
    // No schema library and no handler code: routes.ts reached the bundle as a type only.
    expect(bundle).not.toMatch(/valibot|joinRoom/)
  })

  it.each(HOSTS)(
    '%s serves the page, and two Chromium tabs chat through it',
    async (file, runner) => {
      const output: string[] = []
      const url = await serve(file, runner, output)
      expect(await chat(browser!, url, `getting-started-${file.replace(/\.ts$/, '')}.png`)).toEqual([])
      // A refused upgrade would have printed a hint here (development mode).
      expect(output.join('')).not.toContain('[wsbridge] hint')
    },
    30_000,
  )

  it('catches a broken block: the client without the manifest gets no reply', async () => {
    // The mistake this page used to lead readers into: a type-only client told nothing of `path`.
    const client = app.files.find((file) => file.path === 'client.ts')!.code
    expect(client).toContain("{ baseUrl: '/api', manifest }")
    writeFileSync(join(dir, 'client.ts'), client.replace("{ baseUrl: '/api', manifest }", "{ baseUrl: '/api' } as never"))
    await run(tsx, [app.scripts[0]!], { cwd: dir, timeout: 30_000 })
    const output: string[] = []
    const page = await openChat(browser!, await serve(app.scripts[1]!, [tsx], output), [], false)
    await say(page, 'is anyone there?')
    await expect(page.locator('#messages li').first().waitFor({ timeout: 3_000 })).rejects.toThrow(/Timeout/)
    // The server says why, as troubleshooting.md promises.
    expect(output.join('')).toMatch(/\[wsbridge\] hint.*\/api\/chat/)
  }, 30_000)
})
