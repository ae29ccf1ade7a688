import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { headersOf, type Page, type StaticFile } from './page-response.js'

export { pageOrNotFound, pageResponse, type Page, type StaticFile } from './page-response.js'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
}

export interface PageOptions {
  /** Files of `public/` served as they are, besides index.html (default: style.css). */
  readonly assets?: readonly string[]
  /** The page's script, bundled for the browser and served as /app.js (default: src/client/main.ts; false: none). */
  readonly script?: string | false
  /** Changes index.html before it is served (e.g. a title naming the instance). */
  readonly html?: (html: string) => string
}

/**
 * Reads a sample's page from `appDir` (its folder) and bundles its browser script with esbuild.
 * The bundle holds no server code: a sample's client imports its routes' *types* only. `/health`
 * answers `ok` so scripts can wait for a server.
 */
export async function loadPage(appDir: URL, options: PageOptions = {}): Promise<Page> {
  const { assets = ['style.css'], script = 'src/client/main.ts', html = (text: string) => text } = options
  const [index, bundled, ...files] = await Promise.all([
    readFile(new URL('public/index.html', appDir), 'utf8'),
    script === false ? undefined : bundle(new URL(script, appDir)),
    ...assets.map((name) => readFile(new URL(`public/${name}`, appDir), 'utf8')),
  ])
  const page: StaticFile = { body: html(index), contentType: TYPES['.html'] ?? '' }
  return new Map<string, StaticFile>([
    ['/', page],
    ['/index.html', page],
    ...(script === false ? [] : [['/app.js', { body: bundled ?? '', contentType: TYPES['.js'] ?? '' }] as const]),
    ...assets.map((name, i): [string, StaticFile] => [
      `/${name}`,
      { body: files[i] ?? '', contentType: TYPES[extname(name)] ?? 'text/plain' },
    ]),
    ['/health', { body: 'ok', contentType: 'text/plain; charset=utf-8' }],
  ])
}

async function bundle(entry: URL): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  })
  return result.outputFiles[0]?.text ?? ''
}

/** For Node hosts (node:http, Express): answers and returns true, or returns false to fall through. */
export function servePage(page: Page, request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const file = page.get(new URL(request.url ?? '/', 'http://localhost').pathname)
  if (!file) return false
  response.writeHead(200, headersOf(file))
  response.end(request.method === 'HEAD' ? undefined : file.body)
  return true
}
