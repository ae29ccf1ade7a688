import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Page, StaticFile } from './page-response.js'

// The page's types and the fetch-style responder live apart from Node's file reading and esbuild,
// so the workerd bundle (server/worker.ts) can serve a page built elsewhere.
export { pageResponse, type Page, type StaticFile } from './page-response.js'

const appDir = new URL('../../', import.meta.url)

/**
 * Reads the page and bundles the browser script (src/client/main.ts and the wsbridge client it
 * imports) with esbuild. The bundle holds no server code: the client imports route *types* only.
 */
export async function loadPage(instance: string | undefined): Promise<Page> {
  const [html, css, icon, bundle] = await Promise.all([
    readFile(new URL('public/index.html', appDir), 'utf8'),
    readFile(new URL('public/style.css', appDir), 'utf8'),
    readFile(new URL('public/favicon.svg', appDir), 'utf8'),
    build({
      entryPoints: [fileURLToPath(new URL('src/client/main.ts', appDir))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    }),
  ])
  const script = bundle.outputFiles[0]?.text ?? ''
  const page = instance ? html.replace('<title>wsbridge chat', `<title>wsbridge chat (${escapeHtml(instance)})`) : html
  const index: StaticFile = { body: page, contentType: 'text/html; charset=utf-8' }
  return new Map([
    ['/', index],
    ['/index.html', index],
    ['/app.js', { body: script, contentType: 'text/javascript; charset=utf-8' }],
    ['/style.css', { body: css, contentType: 'text/css; charset=utf-8' }],
    ['/favicon.svg', { body: icon, contentType: 'image/svg+xml' }],
    ['/health', { body: 'ok', contentType: 'text/plain; charset=utf-8' }],
  ])
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** For Node hosts (node:http, Express): answers and returns true, or returns false to fall through. */
export function servePage(page: Page, request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const file = page.get(new URL(request.url ?? '/', 'http://localhost').pathname)
  if (!file) return false
  response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' })
  response.end(request.method === 'HEAD' ? undefined : file.body)
  return true
}
